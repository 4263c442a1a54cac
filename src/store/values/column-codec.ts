/**
 * One field's canonical value ↔ its SQLite column value (ICETYPE.md §4,
 * `compile/columns.ts`). DO SQLite binds only string | number | ArrayBuffer
 * | null and reads integers back as doubles and BLOBs as ArrayBuffer.
 *
 * Arrays (`T[]`, `-> T[]`) are JSON text of their items: timestamps as
 * ISO-8601 UTC strings (what `JSON.stringify` writes for a Date, so Drizzle
 * writes agree), `binary` items as hex, everything else as is.
 */
import type { FieldDefinition, ScalarType } from '../../icetype/ast.js';
import { decodeVector, encodeVector } from '../../compile/binary-columns.js';
import { describeFound } from './describe-found.js';
import { DocumentError, type DocumentErrorCode } from './document-error.js';
import { fieldTypeLabel } from './field-value.js';
import { bytesToHex, hexToBytes } from '../../util/hex.js';
import type { NormalizedValue } from './normalized-document.js';

/** A value DO SQLite binds: string | number | ArrayBuffer | null. */
export type SqlValue = string | number | ArrayBuffer | null;

/** Where a value came from, for errors. */
export interface ColumnContext {
  readonly collection: string;
  readonly id?: string;
}

function fail(ctx: ColumnContext, code: DocumentErrorCode, field: string, message: string): never {
  const issue = { code, message, collection: ctx.collection, path: [field] };
  throw new DocumentError([ctx.id === undefined ? issue : { ...issue, id: ctx.id }]);
}

const isType = (type: ScalarType, name: string): boolean => type.kind === 'primitive' && type.name === name;

// ---- encode ----------------------------------------------------------------

function notNormalized(ctx: ColumnContext, field: FieldDefinition, value: unknown): never {
  return fail(
    ctx,
    'TYPE_MISMATCH',
    field.name,
    `expected a normalized ${fieldTypeLabel(field)} value (pass documents through validateDocument), found ${describeFound(value)}`,
  );
}

function encodeJsonItem(type: ScalarType, item: NormalizedValue): unknown {
  if (item instanceof Date) return item.toISOString();
  if (item instanceof Uint8Array) return bytesToHex(item);
  return isType(type, 'timestamp') || isType(type, 'binary') ? undefined : item;
}

/** A field's canonical value as a column value. */
export function encodeColumn(field: FieldDefinition, value: NormalizedValue, ctx: ColumnContext): SqlValue {
  if (value === null) return null;
  const t = field.type;
  if (field.isArray) {
    if (!Array.isArray(value)) return notNormalized(ctx, field, value);
    const items = (value as readonly NormalizedValue[]).map((item) => encodeJsonItem(t, item));
    if (items.includes(undefined)) return notNormalized(ctx, field, value);
    return JSON.stringify(items);
  }
  if (t.kind === 'vector') {
    return Array.isArray(value) && value.every((x) => typeof x === 'number')
      ? encodeVector(value as readonly number[])
      : notNormalized(ctx, field, value);
  }
  if (isType(t, 'json')) return JSON.stringify(value);
  if (isType(t, 'timestamp')) return value instanceof Date ? value.getTime() : notNormalized(ctx, field, value);
  if (isType(t, 'bool')) return typeof value === 'boolean' ? (value ? 1 : 0) : notNormalized(ctx, field, value);
  if (isType(t, 'binary')) return value instanceof Uint8Array ? value.slice().buffer : notNormalized(ctx, field, value);
  const numeric = isType(t, 'int') || isType(t, 'long') || isType(t, 'float') || isType(t, 'double');
  if (numeric) return typeof value === 'number' ? value : notNormalized(ctx, field, value);
  return typeof value === 'string' ? value : notNormalized(ctx, field, value);
}

// ---- decode ----------------------------------------------------------------

function badStored(ctx: ColumnContext, field: FieldDefinition, expected: string, found: string): never {
  return fail(
    ctx,
    'INVALID_STORED_VALUE',
    field.name,
    `expected the column of ${fieldTypeLabel(field)} to hold ${expected}, found ${found}`,
  );
}

function parseJsonText(ctx: ColumnContext, field: FieldDefinition, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return badStored(ctx, field, 'JSON text', 'text that is not JSON');
  }
}

function decodeJsonItem(ctx: ColumnContext, field: FieldDefinition, item: unknown): NormalizedValue {
  const t = field.type;
  if (isType(t, 'timestamp')) {
    const time = typeof item === 'string' ? Date.parse(item) : Number.NaN;
    return Number.isNaN(time) ? badStored(ctx, field, 'ISO-8601 timestamps', describeFound(item)) : new Date(time);
  }
  if (isType(t, 'binary')) {
    const bytes = typeof item === 'string' ? hexToBytes(item) : undefined;
    return bytes ?? badStored(ctx, field, 'hex strings', describeFound(item));
  }
  return item as NormalizedValue;
}

/** A column value read from DO SQLite as the field's canonical value. */
export function decodeColumn(field: FieldDefinition, stored: SqlStorageValue, ctx: ColumnContext): NormalizedValue {
  if (stored === null) return null;
  const t = field.type;
  if (field.isArray) {
    if (typeof stored !== 'string') return badStored(ctx, field, 'a JSON array as TEXT', describeFound(stored));
    const items = parseJsonText(ctx, field, stored);
    if (!Array.isArray(items)) return badStored(ctx, field, 'a JSON array', describeFound(items));
    return items.map((item) => decodeJsonItem(ctx, field, item));
  }
  if (t.kind === 'vector') {
    if (!(stored instanceof ArrayBuffer) || stored.byteLength !== t.dimensions * 4) {
      return badStored(ctx, field, `a BLOB of ${t.dimensions * 4} bytes (${t.dimensions} float32)`, describeFound(stored));
    }
    return decodeVector(new Uint8Array(stored));
  }
  if (isType(t, 'binary')) {
    return stored instanceof ArrayBuffer ? new Uint8Array(stored) : badStored(ctx, field, 'a BLOB', describeFound(stored));
  }
  if (isType(t, 'json')) {
    return typeof stored === 'string' ? (parseJsonText(ctx, field, stored) as NormalizedValue) : badStored(ctx, field, 'JSON text', describeFound(stored));
  }
  if (isType(t, 'timestamp')) {
    return typeof stored === 'number' && Number.isFinite(stored)
      ? new Date(stored)
      : badStored(ctx, field, 'epoch milliseconds', describeFound(stored));
  }
  if (isType(t, 'bool')) return typeof stored === 'number' ? stored !== 0 : badStored(ctx, field, '0 or 1', describeFound(stored));
  const numeric = isType(t, 'int') || isType(t, 'long') || isType(t, 'float') || isType(t, 'double');
  if (numeric) return typeof stored === 'number' ? stored : badStored(ctx, field, 'a number', describeFound(stored));
  return typeof stored === 'string' ? stored : badStored(ctx, field, 'TEXT', describeFound(stored));
}
