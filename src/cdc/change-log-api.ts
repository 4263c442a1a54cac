import type { FieldDefinition, IceTypeSchema } from '../icetype/ast.js';
import { isStoredField } from '../icetype/schema-checks.js';
import { fromRow, rowDecoder } from '../store/values/index.js';
import { SYSTEM_FIELD_NAMES } from '../compile/system-columns.js';
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
  const decoders = new Map<string, (image: Record<string, unknown>) => Record<string, unknown>>();
  return (collection, image) => {
    let decode = decoders.get(collection);
    if (decode === undefined) decoders.set(collection, (decode = collectionImageDecoder(schemas.get(collection) ?? schemalessSchema(collection))));
    return decode(image);
  };
}

/** How a member of an image becomes its column value; a vector's hex is never empty, so `hex(NULL)` (`''`) is its null. */
type ColumnForm = 'json' | 'blob' | 'vector' | 'plain';

function formOf(field: FieldDefinition | undefined): ColumnForm {
  if (field === undefined) return 'plain';
  if (isJsonColumn(field)) return 'json';
  if (!isBlobColumn(field)) return 'plain';
  return field.type.kind === 'vector' ? 'vector' : 'blob';
}

function valueOf(form: ColumnForm, value: unknown): SqlStorageValue {
  if (form === 'json') return value === null || value === undefined ? null : JSON.stringify(value);
  if (form === 'blob' || form === 'vector') return typeof value === 'string' && (form === 'blob' || value !== '') ? (hexToBytesStrict(value).buffer as ArrayBuffer) : null;
  return value === undefined ? null : (value as SqlStorageValue);
}

/**
 * The image decoder of one collection: the image's members, in the row
 * codec's column order, through its positional decoder (`rowDecoder`), with
 * no row object between. An image without every system column (written
 * by hand, say) goes through `fromRow`, which decodes only those present.
 */
function collectionImageDecoder(schema: IceTypeSchema): (image: Record<string, unknown>) => Record<string, unknown> {
  const decoder = rowDecoder(schema);
  const columns = decoder.columns;
  const forms = columns.map((name) => formOf(schema.fields.get(name)));
  // One array for every image in turn: the decoder reads it and keeps nothing of it.
  const values = new Array<SqlStorageValue>(columns.length);
  return (image) => {
    let doc: Record<string, unknown>;
    if (SYSTEM_FIELD_NAMES.every((name) => Object.hasOwn(image, name))) {
      // json_patch drops null members of wide images: a stored field missing from the image is null.
      for (let i = 0; i < columns.length; i++) values[i] = valueOf(forms[i]!, Object.hasOwn(image, columns[i]!) ? image[columns[i]!] : undefined);
      doc = decoder.decode(values);
    } else {
      const row: Record<string, SqlStorageValue> = {};
      for (const [key, value] of Object.entries(image)) {
        const field = schema.fields.get(key);
        setOwn(row, key, field === undefined ? (value as SqlStorageValue) : valueOf(formOf(field), value));
      }
      for (const field of schema.fields.values()) if (isStoredField(field) && !Object.hasOwn(row, field.name)) setOwn(row, field.name, null);
      doc = fromRow(schema, row);
    }
    // Undeclared fields (open documents of a batched collection) are JSON values, kept as they are.
    for (const key in image) if (Object.hasOwn(image, key) && !key.startsWith('$') && !schema.fields.has(key)) setOwn(doc, key, image[key]);
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
