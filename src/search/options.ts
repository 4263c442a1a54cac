import { isPlainObject } from '../icetype/directives.js';
import { describeValue } from '../store/filter/filter-error.js';
import { SearchError } from './search-error.js';

/**
 * Checks an options bag: a plain object (or undefined) naming only `known`
 * keys — a misspelt option (`{ limt: 5 }`) is an error, not a silent default.
 */
export function checkOptions(collection: string, options: unknown, known: readonly string[]): Readonly<Record<string, unknown>> {
  if (options === undefined) return {};
  if (!isPlainObject(options)) {
    throw new SearchError('INVALID_OPTION', `expected an options object, found ${describeValue(options)}`, { collection });
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw new SearchError('INVALID_OPTION', `expected options among ${known.join(', ')}, found ${JSON.stringify(key)}`, { collection });
  }
  return options;
}

/** An integer option in [min, max], or its default when absent. */
export function integerOption(collection: string, name: string, value: unknown, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    const found = typeof value === 'number' ? String(value) : describeValue(value);
    throw new SearchError('INVALID_OPTION', `expected ${name} to be an integer from ${min} to ${max}, found ${found}`, { collection });
  }
  return value;
}
