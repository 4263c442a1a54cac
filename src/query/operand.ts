/**
 * Filter operands bound as Drizzle binds them (`bindIfParam` → the column's
 * `mapToDriverValue`): booleans → 1/0, `Date` → epoch ms, json → JSON text,
 * bytes → BLOB, vectors → float32 BLOB. `null` binds as NULL unmapped.
 * Operands of the wrong type are rejected rather than left to SQLite's
 * affinity conversions.
 */
import { encodeVector } from '../compile/binary-columns.js';
import type { QueryColumn } from './query-columns.js';
import { RelationalQueryError } from './relational-query-error.js';
import type { SqlScalar } from './sql-value.js';

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a Date';
  if (value instanceof Uint8Array) return 'a Uint8Array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

const EXPECTED: Readonly<Record<QueryColumn['kind'], string>> = {
  text: 'a string',
  decimal: 'a decimal string',
  number: 'a finite number',
  bool: 'a boolean',
  timestamp: 'a valid Date or epoch ms',
  json: 'a JSON value',
  binary: 'a Uint8Array',
  vector: 'an array of numbers',
};

function encode(column: QueryColumn, value: unknown): SqlScalar | undefined {
  switch (column.kind) {
    case 'text':
    case 'decimal':
      return typeof value === 'string' ? value : undefined;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
    case 'bool':
      return typeof value === 'boolean' ? (value ? 1 : 0) : undefined;
    case 'timestamp':
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
      return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
    case 'json': {
      if (typeof value === 'bigint') return undefined;
      const text: unknown = JSON.stringify(value);
      return typeof text === 'string' ? text : undefined;
    }
    case 'binary':
      return value instanceof Uint8Array ? value.slice() : undefined;
    case 'vector':
      return Array.isArray(value) && value.every((x) => typeof x === 'number') ? new Uint8Array(encodeVector(value as number[])) : undefined;
  }
}

/** An operand as the SQL value Drizzle binds; throws `INVALID_OPERAND` (types only, never the value). */
export function encodeOperand(collection: string, column: QueryColumn, value: unknown, path: readonly string[]): SqlScalar {
  if (value === null) return null;
  const encoded = encode(column, value);
  if (encoded === undefined) {
    throw new RelationalQueryError('INVALID_OPERAND', `expected ${EXPECTED[column.kind]} for column "${column.key}", found ${describe(value)}`, path, collection);
  }
  return encoded;
}
