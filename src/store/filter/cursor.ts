import { describeValue, FilterError } from './filter-error.js';
import { orderKeys, type OrderKey } from './order-by.js';
import { toBytes } from './operand.js';
import { fromHex, toHex } from './text-order.js';
import type { OrderBy } from './types.js';

/**
 * Keyset cursors: the order keys and the last document's values for them,
 * as base64url JSON. Opaque to callers; `decodeCursor` validates it fully.
 * Dates travel as `{ d: epochMs }`, bytes as `{ b: hex }`.
 */

/** A value a cursor carries: canonical JS document values of orderable fields. */
export type CursorValue = string | number | boolean | Date | Uint8Array | null;

/** A decoded cursor: the ordering it was made for (with the `$id` tiebreak) and the values of its last document. */
export interface DecodedCursor {
  readonly orderBy: readonly OrderKey[];
  readonly values: readonly CursorValue[];
}

type WireValue = string | number | boolean | null | { d: number } | { b: string };

const VERSION = 1;

function invalidCursor(message: string): FilterError {
  return new FilterError('INVALID_CURSOR', message, ['after']);
}

function toWire(value: unknown, field: string): WireValue {
  if (value === undefined || value === null || (typeof value === 'number' && Number.isNaN(value))) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw invalidCursor(`expected a finite number in ${field}, found a non-finite number`);
    return value;
  }
  if (value instanceof Date && !Number.isNaN(value.getTime())) return { d: value.getTime() };
  const bytes = toBytes(value);
  if (bytes !== undefined) return { b: toHex(bytes) };
  throw new FilterError('INVALID_CURSOR', `expected an orderable value in ${field}, found ${describeValue(value)}`, ['orderBy', field]);
}

function fromWire(value: unknown): CursorValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'object' && !Array.isArray(value)) {
    const keys = Object.keys(value);
    const d: unknown = (value as { d?: unknown }).d;
    const b: unknown = (value as { b?: unknown }).b;
    if (keys.length === 1 && typeof d === 'number' && Number.isFinite(d)) return new Date(d);
    if (keys.length === 1 && typeof b === 'string') {
      const bytes = fromHex(b);
      if (bytes !== undefined) return bytes;
    }
  }
  throw invalidCursor('expected cursor values of known types, found another value');
}

function toBase64Url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(cursor: string): string {
  if (!/^[A-Za-z0-9_-]*$/.test(cursor)) throw invalidCursor('expected a base64url string, found other characters');
  const binary = atob(cursor.replaceAll('-', '+').replaceAll('_', '/'));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
}

/**
 * A cursor positioned after `doc` in `orderBy` order (with its `$id`
 * tiebreak). Pass it as `after` to continue from that document.
 *
 * @throws FilterError `INVALID_CURSOR` when the document has no `$id` or an order field holds an unorderable value; `INVALID_ORDER`.
 * @example
 * const orderBy = { age: 'desc' } as const;
 * const page1 = queryDocuments(User, docs, { orderBy, limit: 20 });
 * const page2 = queryDocuments(User, docs, { orderBy, limit: 20, after: encodeCursor(page1[19], orderBy) });
 */
export function encodeCursor(doc: Readonly<Record<string, unknown>>, orderBy: OrderBy | undefined): string {
  if (typeof doc.$id !== 'string') throw invalidCursor(`expected a document with a string $id, found ${describeValue(doc.$id)}`);
  const keys = orderKeys(orderBy);
  const payload = {
    v: VERSION,
    o: keys.map((k) => [k.field, k.direction === 'asc' ? 'a' : 'd']),
    k: keys.map((k) => toWire(doc[k.field], k.field)),
  };
  return toBase64Url(JSON.stringify(payload));
}

/**
 * Decodes a cursor made by `encodeCursor`.
 *
 * @throws FilterError `INVALID_CURSOR` when it is not one.
 */
export function decodeCursor(cursor: string): DecodedCursor {
  if (typeof cursor !== 'string' || cursor.length === 0) throw invalidCursor(`expected a non-empty cursor string, found ${describeValue(cursor)}`);
  let payload: unknown;
  try {
    payload = JSON.parse(fromBase64Url(cursor));
  } catch (error) {
    if (error instanceof FilterError) throw error;
    throw invalidCursor('expected a cursor made by encodeCursor, found undecodable text');
  }
  const { v, o, k } = (typeof payload === 'object' && payload !== null ? payload : {}) as { v?: unknown; o?: unknown; k?: unknown };
  if (v !== VERSION || !Array.isArray(o) || !Array.isArray(k) || o.length !== k.length || o.length === 0) {
    throw invalidCursor(`expected a version ${VERSION} cursor with matching keys and values, found another shape`);
  }
  const orderBy = o.map((entry: unknown): OrderKey => {
    if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string' || (entry[1] !== 'a' && entry[1] !== 'd')) {
      throw invalidCursor('expected [field, "a" | "d"] order keys, found another shape');
    }
    return { field: entry[0], direction: entry[1] === 'a' ? 'asc' : 'desc' };
  });
  const last = orderBy[orderBy.length - 1];
  const id: unknown = k[k.length - 1];
  if (last?.field !== '$id' || typeof id !== 'string') throw invalidCursor('expected the last key to be $id with a string value, found another');
  return { orderBy, values: k.map(fromWire) };
}
