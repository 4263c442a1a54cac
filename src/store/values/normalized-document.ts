/**
 * The canonical in-memory form of a document (ICETYPE.md §4): what
 * `validateDocument` returns, `toRowValues` encodes and `fromRow` decodes.
 */
import type { JsonValue } from '../../icetype/ast.js';

/**
 * One field's canonical value:
 *
 * | field type | value |
 * |---|---|
 * | string, text, varchar, uuid (lower case), enum, date, time, decimal (exactly S fraction digits), `-> T` | `string` |
 * | int, long, float, double | `number` (never `-0`) |
 * | bool | `boolean` |
 * | timestamp | `Date` |
 * | binary | `Uint8Array` |
 * | vector(N) | `number[]` of N float32-representable numbers |
 * | json | a `JsonValue` (a fresh copy of the input) |
 * | `T[]`, `-> T[]` | an array of the item values above |
 * | an optional field without a value | `null` |
 */
export type NormalizedValue = JsonValue | Date | Uint8Array | readonly NormalizedValue[];

/**
 * A validated document: field name → canonical value (see `NormalizedValue`),
 * plus the system fields where known (`$id` string, `$type` string,
 * `$version` number, `$createdAt`/`$updatedAt` Date). Mutable, so the store
 * can add system fields.
 *
 * @example
 * const doc: NormalizedDocument = { $id: '0190…', name: 'Ada', born: new Date(0), score: '12.30', tags: ['a'] }
 */
export type NormalizedDocument = Record<string, NormalizedValue>;

/** Sets an own property; `__proto__` (a valid field name) becomes a plain property, not the prototype. */
export function setOwn<T>(target: Record<string, T>, key: string, value: NoInfer<T>): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** Whether `key` is an own property of `target` (inherited names such as `toString` are valid field names). */
export function hasOwn(target: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(target, key);
}
