/**
 * A whole document ↔ the column values of its row (ICETYPE.md §4): the SQL
 * column of a field is named after the field, plus the system columns
 * `$id`, `$type`, `$version`, `$createdAt`, `$updatedAt` (ms). Columns come
 * in a fixed order — system columns, then fields in declaration order — so
 * statements built from them have stable SQL text.
 */
import type { IceTypeSchema } from '../../icetype/ast.js';
import { isStoredField } from '../../icetype/schema-checks.js';
import { decodeColumn, encodeColumn, type ColumnContext, type SqlValue } from './column-codec.js';
import { describeFound } from './describe-found.js';
import { DocumentError } from './document-error.js';
import { hasOwn, setOwn, type NormalizedDocument, type NormalizedValue } from './normalized-document.js';

/** Column values of one row, keyed by SQL column name (= field name). */
export type RowValues = Record<string, SqlValue>;

/** What each system column holds. */
const SYSTEM_COLUMNS = [
  ['$id', 'text'],
  ['$type', 'text'],
  ['$version', 'number'],
  ['$createdAt', 'time'],
  ['$updatedAt', 'time'],
] as const;

type SystemKind = (typeof SYSTEM_COLUMNS)[number][1];

function systemError(ctx: ColumnContext, name: string, code: 'TYPE_MISMATCH' | 'INVALID_STORED_VALUE', expected: string, found: unknown): never {
  const issue = { code, message: `expected ${name} to be ${expected}, found ${describeFound(found)}`, collection: ctx.collection, path: [name] };
  throw new DocumentError([ctx.id === undefined ? issue : { ...issue, id: ctx.id }]);
}

function encodeSystem(kind: SystemKind, name: string, value: NormalizedValue, ctx: ColumnContext): SqlValue {
  if (kind === 'time') return value instanceof Date ? value.getTime() : systemError(ctx, name, 'TYPE_MISMATCH', 'a Date', value);
  if (kind === 'number') return typeof value === 'number' ? value : systemError(ctx, name, 'TYPE_MISMATCH', 'a number', value);
  return typeof value === 'string' ? value : systemError(ctx, name, 'TYPE_MISMATCH', 'a string', value);
}

function decodeSystem(kind: SystemKind, name: string, stored: SqlStorageValue, ctx: ColumnContext): NormalizedValue {
  if (stored === null) return null;
  if (kind === 'time') return typeof stored === 'number' ? new Date(stored) : systemError(ctx, name, 'INVALID_STORED_VALUE', 'epoch milliseconds', stored);
  if (kind === 'number') return typeof stored === 'number' ? stored : systemError(ctx, name, 'INVALID_STORED_VALUE', 'a number', stored);
  return typeof stored === 'string' ? stored : systemError(ctx, name, 'INVALID_STORED_VALUE', 'TEXT', stored);
}

function contextOf(schema: IceTypeSchema, source: Record<string, unknown>): ColumnContext {
  const id = hasOwn(source, '$id') ? source.$id : undefined;
  return typeof id === 'string' ? { collection: schema.name, id } : { collection: schema.name };
}

/**
 * The column values of the stored fields and system fields present in
 * `doc` (absent keys are left out, so a patch gives the SET list of an
 * UPDATE). Timestamps → epoch ms; bool → 1/0; decimals → text; arrays, json
 * and `-> T[]` → JSON text; binary → an exact-size ArrayBuffer; vectors →
 * float32 LE ArrayBuffer. Fields that store nothing (`<-`, `~>`, `<~`) and
 * unknown keys of non-strict collections are not columns and are skipped.
 *
 * @example
 * toRowValues(User, { $id: 'u1', name: 'Ada', active: true, born: new Date(0) })
 * // { $id: 'u1', name: 'Ada', active: 1, born: 0 }
 */
export function toRowValues(schema: IceTypeSchema, doc: NormalizedDocument): RowValues {
  const ctx = contextOf(schema, doc);
  const row: RowValues = {};
  for (const [name, kind] of SYSTEM_COLUMNS) {
    if (hasOwn(doc, name)) row[name] = encodeSystem(kind, name, doc[name]!, ctx);
  }
  for (const field of schema.fields.values()) {
    if (isStoredField(field) && hasOwn(doc, field.name)) setOwn(row, field.name, encodeColumn(field, doc[field.name]!, ctx));
  }
  return row;
}

/**
 * A row read from DO SQLite (integers as doubles, BLOBs as ArrayBuffer) as
 * a document: the inverse of `toRowValues`. Every system and stored-field
 * column present in `row` is decoded (SQL NULL → `null`; `$createdAt`,
 * `$updatedAt` → Date); other columns are ignored. Throws `DocumentError`
 * (`INVALID_STORED_VALUE`) when a column holds what its type cannot.
 *
 * @example
 * fromRow(User, { $id: 'u1', $version: 1, name: 'Ada', active: 1, born: 0 })
 * // { $id: 'u1', $version: 1, name: 'Ada', active: true, born: new Date(0) }
 */
export function fromRow(schema: IceTypeSchema, row: Record<string, SqlStorageValue>): NormalizedDocument {
  const ctx = contextOf(schema, row);
  const doc: NormalizedDocument = {};
  for (const [name, kind] of SYSTEM_COLUMNS) {
    if (hasOwn(row, name)) doc[name] = decodeSystem(kind, name, row[name]!, ctx);
  }
  for (const field of schema.fields.values()) {
    if (isStoredField(field) && hasOwn(row, field.name)) setOwn(doc, field.name, decodeColumn(field, row[field.name]!, ctx));
  }
  return doc;
}

/** Decodes rows read positionally (`cursor.raw()`) in the column order `columns` gives. */
export interface RowDecoder {
  /** SQL column names: system columns, then stored fields in declaration order. */
  readonly columns: readonly string[];
  decode(values: readonly SqlStorageValue[]): NormalizedDocument;
}

/**
 * A positional decoder for a collection's rows, built once per collection:
 * reading rows as arrays and decoding each column with a prepared function is
 * the fast path for queries (workerd builds an object per row otherwise,
 * and `fromRow` looks every field up by name).
 *
 * @example
 * const decoder = rowDecoder(User);
 * const docs = sql.exec(`SELECT ${decoder.columns.map(quote).join(', ')} FROM "User"`).raw().toArray().map(decoder.decode);
 */
export function rowDecoder(schema: IceTypeSchema): RowDecoder {
  const fields = [...schema.fields.values()].filter(isStoredField);
  const columns = [...SYSTEM_COLUMNS.map(([name]) => name), ...fields.map((field) => field.name)];
  const systemCount = SYSTEM_COLUMNS.length;
  return {
    columns,
    decode(values) {
      const id = values[0];
      const ctx: ColumnContext = typeof id === 'string' ? { collection: schema.name, id } : { collection: schema.name };
      const doc: NormalizedDocument = {};
      for (let i = 0; i < systemCount; i++) {
        const [name, kind] = SYSTEM_COLUMNS[i]!;
        doc[name] = decodeSystem(kind, name, values[i] ?? null, ctx);
      }
      for (let i = 0; i < fields.length; i++) {
        const field = fields[i]!;
        setOwn(doc, field.name, decodeColumn(field, values[systemCount + i] ?? null, ctx));
      }
      return doc;
    },
  };
}
