/**
 * The generators' input check: the schema must be a valid parsed
 * `IceTypeSchema` (ICETYPE.md §3), checked by the one validator,
 * `validateSchema`. A raw definition object is refused with a hint.
 */
import type { IceTypeSchema } from '../../icetype/ast.js';
import { validateSchema } from '../../icetype/validate.js';
import { GeneratorError } from './generator-error.js';

/** Whether `value` is an object with neither `fields` nor `directives`: a definition (`{ $type: 'User', … }`), not a parsed schema. */
function isDefinitionObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !('fields' in value) && !('directives' in value);
}

/** Schemas `checkSchema` has found valid. */
const validated = new WeakSet<object>();

/**
 * Throws `GeneratorError` `INVALID_SCHEMA` unless `schema` is a valid
 * `IceTypeSchema`.
 *
 * @example
 * checkSchema({ $type: 'User', name: 'string' }) // throws: expected a parsed IceTypeSchema (parseSchema(definition)), found a definition object
 */
export function checkSchema(schema: unknown): asserts schema is IceTypeSchema {
  // Parsed schemas are treated as immutable everywhere (compiled tables, the registry): one that passed
  // once passes again, so per-row callers (documentToParquetRow in an export) validate it only once.
  if (typeof schema === 'object' && schema !== null && validated.has(schema)) return;
  if (isDefinitionObject(schema)) {
    throw new GeneratorError('INVALID_SCHEMA', 'expected a parsed IceTypeSchema (parseSchema(definition)), found a definition object');
  }
  const result = validateSchema(schema as IceTypeSchema);
  if (result.valid) {
    validated.add(schema as IceTypeSchema);
    return;
  }
  const n = result.errors.length;
  const name = typeof (schema as { name?: unknown } | null)?.name === 'string' ? (schema as IceTypeSchema).name : undefined;
  throw new GeneratorError('INVALID_SCHEMA', `expected a valid IceTypeSchema, found ${n} issue${n === 1 ? '' : 's'}`, {
    ...(name === undefined ? {} : { collection: name }),
    issues: result.errors,
  });
}
