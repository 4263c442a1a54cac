/**
 * The documents of a rows-layout collection (DESIGN.md §2: one row per
 * document in a table named after the collection), read in pages in `$id`
 * order so that discovery holds at most one page in memory and reads each
 * row once (keyset paging on the primary key: no OFFSET re-scans).
 */
import type { IceTypeSchema } from '../icetype/ast.js';
import { DEFAULT_DIRECTIVES } from '../icetype/directives.js';
import { fromRow } from '../store/values/index.js';
import { quoteIdentifier } from '../cdc/row-json.js';
import { decodeBatch } from '../batch/codec/index.js';

/** Rows per page. */
export const DISCOVERY_PAGE_SIZE = 500;

/** Whether `error` is SQLite's "no such table" for `table`. */
export function isNoSuchTable(error: unknown, table: string): boolean {
  return error instanceof Error && error.message.includes(`no such table: ${table}`);
}

/**
 * Every row of a collection table, one page of `DISCOVERY_PAGE_SIZE` at a
 * time, or null when there is no such table. Reads the first page at once
 * (asking `sqlite_master` instead would read every schema entry); the rest
 * as the result is iterated. Pages by `$id` rather than rowid: a field may
 * be named `rowid`.
 */
export function tableRows(sql: SqlStorage, table: string): Iterable<Record<string, SqlStorageValue>> | null {
  const from = `SELECT * FROM ${quoteIdentifier(table)}`;
  const next = `${from} WHERE "$id" > ? ORDER BY "$id" LIMIT ${DISCOVERY_PAGE_SIZE}`;
  let first: Record<string, SqlStorageValue>[];
  try {
    first = sql.exec(`${from} ORDER BY "$id" LIMIT ${DISCOVERY_PAGE_SIZE}`).toArray();
  } catch (error) {
    if (isNoSuchTable(error, table)) return null;
    throw error;
  }
  return (function* () {
    let page = first;
    for (;;) {
      for (const row of page) yield row;
      if (page.length < DISCOVERY_PAGE_SIZE) return;
      page = sql.exec(next, page[page.length - 1]!.$id!).toArray();
    }
  })();
}

/**
 * A row as a document: columns of `schema`'s stored fields and the system
 * columns decoded by `fromRow`; any other column (no schema registered, or
 * a column left behind by a removed field) as its SQLite value, BLOBs as
 * `Uint8Array`.
 */
export function rowDocument(schema: IceTypeSchema | undefined, collection: string, row: Record<string, SqlStorageValue>): Record<string, unknown> {
  const doc: Record<string, unknown> = fromRow(schema ?? { name: collection, fields: new Map(), directives: DEFAULT_DIRECTIVES }, row);
  for (const column of Object.keys(row)) {
    if (Object.hasOwn(doc, column) || column.charCodeAt(0) === 36) continue;
    const value = row[column];
    const raw = value instanceof ArrayBuffer ? new Uint8Array(value) : value;
    Object.defineProperty(doc, column, { value: raw, enumerable: true, writable: true, configurable: true });
  }
  return doc;
}

/** Batches read per statement when discovering a batched collection. */
const DISCOVERY_BATCHES_PER_PAGE = 8;

/**
 * Every document of a batched collection, a few batches at a time in `$id`
 * order, or null when the collection has no batches. Decoded documents keep
 * their values' types (Dates for timestamps), so discovery sees them as
 * written.
 */
export function batchDocuments(sql: SqlStorage, collection: string): Iterable<Record<string, unknown>> | null {
  const page = (after: string | null) =>
    sql
      .exec<{ min_id: string; data: ArrayBuffer }>(
        `SELECT min_id, data FROM _batches WHERE collection = ?${after === null ? '' : ' AND min_id > ?'} ORDER BY min_id LIMIT ${DISCOVERY_BATCHES_PER_PAGE}`,
        ...(after === null ? [collection] : [collection, after]),
      )
      .toArray();
  let first: { min_id: string; data: ArrayBuffer }[];
  try {
    first = page(null);
  } catch (error) {
    if (isNoSuchTable(error, '_batches')) return null;
    throw error;
  }
  if (first.length === 0) return null;
  return (function* () {
    let rows = first;
    for (;;) {
      for (const row of rows) yield* decodeBatch(row.data);
      if (rows.length < DISCOVERY_BATCHES_PER_PAGE) return;
      rows = page(rows[rows.length - 1]!.min_id);
    }
  })();
}
