/**
 * Type inference of ICETYPE.md §5: the IceType type string of a value
 * (`inferType`), and the merge of two inferred types (`mergeInferredTypes`)
 * that `discoverSchema` folds over all documents.
 */
import type { PrimitiveName } from './ast.js';
import { isDateString, isTimeString, isTimestampString, isUuidString } from './formats.js';
import { INT_MAX, INT_MIN } from './type-names.js';

/** An inferred type string: a primitive, optionally `[]`, optionally `?` (`'int'`, `'double[]'`, `'json?'`). */
export type InferredType = `${PrimitiveName}${'' | '[]'}${'' | '?'}`;

const LONG_LIMIT = 2 ** 63;

function inferString(s: string): PrimitiveName {
  const c = s.charCodeAt(0);
  if (c >= 48 && c <= 57) {
    if (isDateString(s)) return 'date';
    if (isTimestampString(s)) return 'timestamp';
    if (isTimeString(s)) return 'time';
  }
  if (isUuidString(s)) return 'uuid';
  return 'string';
}

function inferNumber(n: number): PrimitiveName {
  if (!Number.isInteger(n)) return 'double';
  if (n >= INT_MIN && n <= INT_MAX) return 'int';
  return n >= -LONG_LIMIT && n < LONG_LIMIT ? 'long' : 'double';
}

/** The scalar type of a non-null, non-array value. */
function inferScalar(value: unknown): PrimitiveName {
  switch (typeof value) {
    case 'string':
      return inferString(value);
    case 'number':
      return inferNumber(value);
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'long';
    case 'object':
      if (value instanceof Date) return 'timestamp';
      if (value instanceof Uint8Array || value instanceof ArrayBuffer) return 'binary';
      return 'json';
    default:
      return 'json';
  }
}

const STRINGY: ReadonlySet<string> = new Set(['string', 'text', 'uuid', 'date', 'time', 'timestamp']);
const NUMERIC_RANK: Readonly<Record<string, number>> = { int: 0, long: 1, float: 2, double: 3 };

/** The narrowest primitive both fit, or `json` when they conflict. */
function mergeScalar(a: PrimitiveName, b: PrimitiveName): PrimitiveName {
  if (a === b) return a;
  const ra = NUMERIC_RANK[a];
  const rb = NUMERIC_RANK[b];
  if (ra !== undefined && rb !== undefined) {
    if (ra >= 2 || rb >= 2) return 'double';
    return 'long';
  }
  if (STRINGY.has(a) && STRINGY.has(b)) return a === 'text' || b === 'text' ? 'text' : 'string';
  return 'json';
}

function inferArray(items: readonly unknown[]): InferredType {
  if (items.length === 0) return 'json';
  let merged: PrimitiveName | undefined;
  for (const item of items) {
    if (item === null || item === undefined || Array.isArray(item)) return 'json';
    const t = inferScalar(item);
    const prev = merged;
    merged = prev === undefined ? t : mergeScalar(prev, t);
    // json[] only when every item is an object; a json that came from a conflict makes the whole array json.
    if (merged === 'json' && (t !== 'json' || (prev !== undefined && prev !== 'json'))) return 'json';
  }
  return `${merged!}[]`;
}

/**
 * The IceType type of a value (ICETYPE.md §5).
 *
 * @example
 * inferType('hello')                  // 'string'
 * inferType(42)                       // 'int'
 * inferType(2 ** 40)                  // 'long'
 * inferType(3.14)                     // 'double'
 * inferType('2024-01-15T10:30:00Z')   // 'timestamp'
 * inferType([1, 2.5])                 // 'double[]'
 * inferType([1, 'a'])                 // 'json'
 * inferType(null)                     // 'json?'
 */
export function inferType(value: unknown): InferredType {
  if (value === null || value === undefined) return 'json?';
  if (Array.isArray(value)) return inferArray(value);
  return inferScalar(value);
}

function split(t: InferredType): { base: PrimitiveName; array: boolean; nullable: boolean } {
  let s: string = t;
  const nullable = s.endsWith('?');
  if (nullable) s = s.slice(0, -1);
  const array = s.endsWith('[]');
  if (array) s = s.slice(0, -2);
  return { base: s as PrimitiveName, array, nullable };
}

/**
 * The type that holds values of both inferred types: numbers widen
 * int → long → double, string formats (uuid, date, time, timestamp) widen to
 * string, other conflicts (and array vs non-array) become `json`; either
 * side nullable makes the result nullable. `'json?'` — what `null` infers —
 * counts as "only nulls seen", so `mergeInferredTypes('json?', 'int')` is
 * `'int?'`.
 *
 * @example
 * mergeInferredTypes('int', 'double')   // 'double'
 * mergeInferredTypes('int', 'string')   // 'json'
 * mergeInferredTypes('json?', 'uuid')   // 'uuid?'
 */
export function mergeInferredTypes(a: InferredType, b: InferredType): InferredType {
  if (a === b) return a;
  if (a === 'json?') return b.endsWith('?') ? b : (`${b}?` as InferredType);
  if (b === 'json?') return a.endsWith('?') ? a : (`${a}?` as InferredType);
  const x = split(a);
  const y = split(b);
  const nullable = x.nullable || y.nullable ? '?' : '';
  if (x.array !== y.array) return `json${nullable}`;
  const base = mergeScalar(x.base, y.base);
  if (base === 'json' && x.array) return `json${nullable}`;
  return `${base}${x.array ? '[]' : ''}${nullable}` as InferredType;
}
