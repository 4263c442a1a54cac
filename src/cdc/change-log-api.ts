import type { IceTypeSchema } from '../icetype/ast.js';
import { isStoredField } from '../icetype/schema-checks.js';
import { fromRow } from '../store/values/index.js';
import { schemalessSchema } from '../store/schemaless.js';
import { setOwn } from '../store/values/normalized-document.js';
import { hexToBytesStrict } from '../util/hex.js';
import type { ChangeCursor, ChangeEntry } from './change-entry.js';
import { markSynced, pruneSynced, readChangeCursor, readChangesAfter, readUnsyncedChanges, type ImageDecoder } from './change-log.js';
import { isBlobColumn, isJsonColumn } from './row-json.js';

/** `db.cdc`: the change log of this database (DESIGN.md §5). */
export interface ChangeLog {
  /** Up to `limit` entries not yet synced, oldest first. */
  getUnsyncedChanges(limit?: number): ChangeEntry[];
  /** Up to `limit` entries after `seq`, synced or not. */
  getChangesAfter(seq: number, limit?: number): ChangeEntry[];
  /** Marks entries synced (as ranges); returns how many changed state. */
  markSynced(seqs: Iterable<number>): number;
  /** Where the log stands. */
  getCDCCursor(): ChangeCursor;
  /** Deletes synced entries (the synced prefix of the log), optionally only older ones. */
  prune(options?: { before?: Date }): number;
}

/**
 * Decodes row images written by the CDC triggers (`row-json.ts`): turns
 * their JSON members back into column values and reads them with the
 * collection's row codec. Images of collections not in the schema
 * (schemaless ones) have their system fields decoded and the rest as written.
 */
export function imageDecoder(schemas: ReadonlyMap<string, IceTypeSchema>): ImageDecoder {
  return (collection, image) => {
    const schema = schemas.get(collection) ?? schemalessSchema(collection);
    const row: Record<string, SqlStorageValue> = {};
    for (const [key, value] of Object.entries(image)) {
      const field = schema.fields.get(key);
      if (field !== undefined && isJsonColumn(field)) setOwn(row, key, value === null ? null : JSON.stringify(value));
      else if (field !== undefined && isBlobColumn(field)) setOwn(row, key, typeof value === 'string' ? (hexToBytesStrict(value).buffer as ArrayBuffer) : null);
      else setOwn(row, key, value as SqlStorageValue);
    }
    // json_patch drops null members of wide images: a stored field missing from the image is null.
    for (const field of schema.fields.values()) if (isStoredField(field) && !Object.hasOwn(row, field.name)) setOwn(row, field.name, null);
    const doc: Record<string, unknown> = fromRow(schema, row);
    // Undeclared fields (open documents of a batched collection) are JSON values, kept as they are.
    for (const [key, value] of Object.entries(image)) if (!key.startsWith('$') && !schema.fields.has(key)) setOwn(doc, key, value);
    return doc;
  };
}

/** The change-log API over a database's storage. */
export function createChangeLog(sql: SqlStorage, schemas: ReadonlyMap<string, IceTypeSchema>, operation: <T>(fn: () => T) => T): ChangeLog {
  const decode = imageDecoder(schemas);
  return {
    getUnsyncedChanges: (limit = 100) => operation(() => readUnsyncedChanges(sql, decode, limit)),
    getChangesAfter: (seq, limit = 100) => operation(() => readChangesAfter(sql, decode, seq, limit)),
    markSynced: (seqs) => operation(() => markSynced(sql, seqs)),
    getCDCCursor: () => operation(() => readChangeCursor(sql)),
    prune: (options) => operation(() => pruneSynced(sql, options)),
  };
}
