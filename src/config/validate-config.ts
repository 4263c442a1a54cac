/**
 * Checking a configuration completely: every missing key, unknown key, wrong
 * type and out-of-range value, each reported as `path: expected X, found Y`.
 */
import { ConfigError } from './config-error.js';
import { CONFIG_SHAPE, Rule, type Shape } from './config-shape.js';
import { describeValue } from './describe-value.js';
import type { IceTypeConfig } from './icetype-config.js';
import { isPlainObject } from './plain-object.js';

/**
 * Every problem with `config`, in option order; empty when it is a valid
 * `IceTypeConfig`. Accepts any value, so it can check configuration read
 * from JSON or environment variables.
 *
 * @example
 * validateConfig(PRESET_ANALYTICS); // []
 * validateConfig({ ...PRESET_ANALYTICS, storage: { ...PRESET_ANALYTICS.storage, batchSize: 100 } });
 * // ['storage.batchSize: expected 64, 128 or 256, found 100']
 */
export function validateConfig(config: unknown): string[] {
  const problems: string[] = [];
  checkShape(config, CONFIG_SHAPE, [], problems);
  return problems;
}

/**
 * Narrows `config` to `IceTypeConfig`, or throws `ConfigError`
 * (`INVALID_CONFIG`) listing every problem `validateConfig` finds.
 *
 * @example
 * const raw: unknown = JSON.parse(text);
 * assertValidConfig(raw);
 * raw.storage.batchSize; // typed from here on
 */
export function assertValidConfig(config: unknown): asserts config is IceTypeConfig {
  const problems = validateConfig(config);
  if (problems.length > 0) throw new ConfigError('INVALID_CONFIG', problems);
}

function problem(path: readonly string[], expected: string, found: string): string {
  return `${path.length === 0 ? 'config' : path.join('.')}: expected ${expected}, found ${found}`;
}

function checkShape(value: unknown, shape: Shape, path: readonly string[], problems: string[]): void {
  if (!isPlainObject(value)) {
    problems.push(problem(path, 'an object', describeValue(value)));
    return;
  }
  const known = Object.keys(shape);
  for (const key of known) {
    const rule = shape[key];
    if (rule === undefined) continue;
    const at = [...path, key];
    if (!Object.hasOwn(value, key)) {
      problems.push(problem(at, rule instanceof Rule ? rule.expected : 'an object', 'nothing (the key is missing)'));
    } else if (rule instanceof Rule) {
      if (!rule.accepts(value[key])) problems.push(problem(at, rule.expected, describeValue(value[key])));
    } else {
      checkShape(value[key], rule, at, problems);
    }
  }
  for (const key of Object.keys(value)) {
    if (!Object.hasOwn(shape, key)) {
      problems.push(problem([...path, key], `one of the keys ${known.join(', ')}`, 'an unknown key'));
    }
  }
}
