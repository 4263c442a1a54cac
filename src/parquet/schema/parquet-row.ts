/**
 * A stored document as the values of its Parquet columns (ICETYPE.md §4;
 * Iceberg spec Appendix A): what the columns of `generateParquetSchema`
 * take, keyed by column name. Values are checked by the store's own rules
 * (`normalizeFieldValue`), so whatever the store accepts converts, and a
 * bad value is a `DocumentError` that never repeats the value.
 */
import type { FieldDefinition, IceTypeSchema, ScalarType } from '../../icetype/ast.js';
import { isStoredField } from '../../icetype/schema-checks.js';
import { checkSchema } from '../../iceberg/metadata/check-schema.js';
import { describeFound } from '../../store/values/describe-found.js';
import { idProblem } from '../../store/values/document-id.js';
import { normalizeFieldValue } from '../../store/values/field-value.js';
import { INVALID, IssueList } from '../../store/values/issue-list.js';
import { hasOwn, setOwn, type NormalizedValue } from '../../store/values/normalized-document.js';
import { normalizeTimestamp } from '../../store/values/temporal-values.js';
import { dateDays, decimalUnscaled, timeMicros, timestampMicros } from './parquet-values.js';

/** One column's value: what a Parquet writer (or an Arrow builder) takes for it. */
export type ParquetValue = null | boolean | number | bigint | string | Uint8Array | readonly ParquetValue[];

/** One row: column name → value, system columns first, then stored fields in declaration order. */
export type ParquetRow = Record<string, ParquetValue>;

/** A non-null canonical value of `type` as its column value. */
function scalarValue(type: ScalarType, value: NormalizedValue): ParquetValue {
  if (type.kind === 'decimal') return decimalUnscaled(value as string);
  if (type.kind !== 'primitive') return value as ParquetValue; // varchar, enum: string; vector: number[] of float32 values
  switch (type.name) {
    case 'long':
      return BigInt(value as number);
    case 'timestamp':
      return timestampMicros(value as Date);
    case 'date':
      return dateDays(value as string);
    case 'time':
      return timeMicros(value as string);
    case 'json':
      return JSON.stringify(value);
    default:
      return value as ParquetValue; // string, text, uuid: string; int, float, double: number; bool: boolean; binary: Uint8Array
  }
}

function columnValue(field: FieldDefinition, value: NormalizedValue): ParquetValue {
  if (value === null) return null;
  if (field.isArray) return (value as readonly NormalizedValue[]).map((item) => scalarValue(field.type, item));
  return scalarValue(field.type, value);
}

/** The system columns: `$id`, `$type` (this collection), `$version` (a whole number ≥ 1, as bigint), `$createdAt`/`$updatedAt` (µs). */
function systemValues(schema: IceTypeSchema, document: Record<string, unknown>, issues: IssueList, row: ParquetRow): void {
  const present = (name: string): unknown => {
    const value = hasOwn(document, name) ? document[name] : undefined;
    if (value === undefined || value === null) {
      issues.add(value === null ? 'NULL_NOT_ALLOWED' : 'REQUIRED_FIELD', [name], `expected a value for the system field ${name} (stored documents have one), found ${describeFound(value)}`);
    }
    return value ?? undefined;
  };
  const id = present('$id');
  if (id !== undefined) {
    const problem = idProblem(id);
    if (problem === undefined) row.$id = id as string;
    else issues.add('INVALID_ID', ['$id'], problem);
  }
  const type = present('$type');
  if (type !== undefined) {
    if (type === schema.name) row.$type = type;
    else issues.add('TYPE_MISMATCH', ['$type'], `expected $type ${JSON.stringify(schema.name)} (this schema's collection), found ${typeof type === 'string' ? 'another name' : describeFound(type)}`);
  }
  const version = present('$version');
  if (version !== undefined) {
    const whole = (typeof version === 'number' && Number.isSafeInteger(version)) || typeof version === 'bigint';
    if (whole && version >= 1) row.$version = BigInt(version);
    else issues.add('TYPE_MISMATCH', ['$version'], `expected $version to be a whole number ≥ 1, found ${describeFound(version)}`);
  }
  for (const name of ['$createdAt', '$updatedAt']) {
    const value = present(name);
    if (value === undefined) continue;
    const time = normalizeTimestamp(value);
    if (time.ok) row[name] = timestampMicros(time.value);
    else issues.add(time.code, [name], time.message);
  }
}

/**
 * The Parquet column values of a stored document (`db.store.get(…)`, a
 * change-log image decoded by the store): one entry per column of
 * `generateParquetSchema(schema)`, by name.
 *
 * | field | value |
 * |---|---|
 * | string, text, varchar, uuid, enum, `-> T`, `$id`, `$type` | `string` |
 * | int, float, double | `number` |
 * | long, `$version` | `bigint` |
 * | bool | `boolean` |
 * | timestamp, `$createdAt`, `$updatedAt` | `bigint` µs since the epoch (negative before 1970) |
 * | date | `number` days since 1970-01-01 (not the year: the published generator wrote 2024 for `'2024-01-15'`) |
 * | time | `bigint` µs since midnight |
 * | decimal(P,S) | `bigint` unscaled (value × 10^S), exact |
 * | json | `string`, the JSON text |
 * | binary | `Uint8Array` |
 * | vector(N) | `number[]` of float32 values |
 * | `T[]`, `-> T[]` | an array of the item values above |
 * | an optional field without a value | `null` |
 *
 * Inputs the store accepts are accepted too (an ISO string or epoch ms for
 * a timestamp, a number for a decimal). Fields that store nothing (`<-`,
 * `~>`, `<~`) and keys the schema does not declare are not columns and are
 * left out. Throws `DocumentError` with every issue (a missing or bad system
 * field, a missing required field, a value of the wrong type) and
 * `GeneratorError` `INVALID_SCHEMA`.
 *
 * @example
 * documentToParquetRow(User, db.store.get('User', id)!)
 * // { $id: '0190…', $type: 'User', $version: 1n, $createdAt: 1705314600123000n, …, born: 19737, score: 1230n, tags: ['a'] }
 */
export function documentToParquetRow(schema: IceTypeSchema, document: Readonly<Record<string, unknown>>): ParquetRow {
  checkSchema(schema);
  const issues = new IssueList(schema.name);
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    issues.add('NOT_AN_OBJECT', [], `expected a ${schema.name} document (an object of fields), found ${describeFound(document)}`);
    issues.throwIfAny();
  }
  const doc = document as Record<string, unknown>;
  if (hasOwn(doc, '$id') && idProblem(doc.$id) === undefined) issues.id = doc.$id as string;
  const row: ParquetRow = {};
  systemValues(schema, doc, issues, row);
  for (const field of schema.fields.values()) {
    if (!isStoredField(field)) continue;
    const value = hasOwn(doc, field.name) ? doc[field.name] : undefined;
    if (value === undefined) {
      if (field.required) issues.add('REQUIRED_FIELD', [field.name], 'expected a value for the required ("!") field, found none');
      else setOwn(row, field.name, null);
      continue;
    }
    const normalized = normalizeFieldValue(field, value, [field.name], issues);
    if (normalized !== INVALID) setOwn(row, field.name, columnValue(field, normalized));
  }
  issues.throwIfAny();
  return row;
}
