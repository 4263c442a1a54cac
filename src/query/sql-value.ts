/**
 * Column values as DO SQLite holds them (NULL, INTEGER/REAL as numbers, TEXT,
 * BLOB) and SQLite's ordering of them: NULL < numbers < text (BINARY
 * collation, code point order) < blobs (memcmp).
 */
import { compareBytes, compareText } from '../store/filter/text-order.js';

/** One SQLite value; booleans are 0/1, timestamps epoch ms, arrays and json their JSON text. */
export type SqlScalar = string | number | Uint8Array | null;

function rank(value: SqlScalar): number {
  if (value === null) return 0;
  if (typeof value === 'number') return 1;
  if (typeof value === 'string') return 2;
  return 3;
}

/** SQLite's order of two values, NULL least: negative, zero or positive. */
export function compareSqlValues(a: SqlScalar, b: SqlScalar): number {
  const r = rank(a) - rank(b);
  if (r !== 0 || a === null || b === null) return Math.sign(r);
  if (typeof a === 'number') return a < (b as number) ? -1 : a > (b as number) ? 1 : 0;
  if (typeof a === 'string') return Math.sign(compareText(a, b as string));
  return Math.sign(compareBytes(a, b as Uint8Array));
}
