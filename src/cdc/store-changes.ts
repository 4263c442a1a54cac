import { assembleBatch, encodeBatch, encodedDocumentSize } from '../batch/codec/index.js';
import type { NormalizedDocument } from '../store/values/index.js';
import { MAX_PACKED_CHANGES } from './change-log.js';
import { blobOf } from '../util/blob.js';

/**
 * Change capture for batched collections (DESIGN.md §3): their documents
 * live in `_batches` rows, which no trigger can read as documents, so the
 * store writes their `_cdc` entries itself, in the same transaction as the
 * batch write. The changes of one batch write are packed into one row (see
 * `_cdc.count`), so a bulk insert of 10,000 documents costs about 80 change
 * rows, not 10,000. Entries carry the same transaction number and shard as
 * the triggers' (from `_cdc_state`).
 */

/** One document's change, with its images already in the change log's JSON form (`documentImage`). */
export interface StoreChange {
  readonly id: string;
  /** The after image as JSON; ignored when `document` is given. */
  readonly after: Readonly<Record<string, unknown>> | null;
  /** The document after the change, stored in the batch format (`_cdc.images`) instead of a JSON image. */
  readonly document?: NormalizedDocument;
  /** `document` already encoded (`encodeDocument`): copied into `_cdc.images`, not encoded again. */
  readonly encoded?: Uint8Array;
  readonly before: Readonly<Record<string, unknown>> | null;
  /** For updates: the fields whose value changed. */
  readonly changed: readonly string[] | null;
}

/** Packed rows stay far below the 2 MB row limit: a row's images are at most this many JSON bytes (one image may exceed it alone). */
const MAX_PACKED_JSON_BYTES = 512 * 1024;

const STATE = 'FROM (SELECT 1) LEFT JOIN _cdc_state AS state ON state.id = 1';
const INSERT_ONE = `INSERT INTO _cdc (tx_id, collection, doc_id, op, after, before, changed, ts, shard, images) SELECT COALESCE(state.tx, 0), ?, ?, ?, ?, ?, ?, ?, COALESCE(state.shard, 'shard-0'), ? ${STATE}`;
// A packed row takes the highest sequence number of its entries, so the next
// entry (a trigger's rowid, max + 1) follows its range.
const INSERT_PACKED = `INSERT INTO _cdc (seq, count, tx_id, collection, doc_id, op, after, before, changed, ts, shard, images) SELECT COALESCE((SELECT max(seq) FROM _cdc), 0) + ?, ?, COALESCE(state.tx, 0), ?, ?, ?, ?, ?, ?, ?, COALESCE(state.shard, 'shard-0'), ? ${STATE}`;

function json(value: unknown): string | null {
  return value === null ? null : JSON.stringify(value);
}

/** Groups changes into rows: at most `MAX_PACKED_CHANGES` changes and about `MAX_PACKED_JSON_BYTES` of images each. */
/** A change and the encoded size of its document (0 without one). */
interface Sized {
  readonly change: StoreChange;
  readonly documentSize: number;
}

function pack(changes: readonly StoreChange[]): Sized[][] {
  const rows: Sized[][] = [];
  let current: Sized[] = [];
  let bytes = 0;
  for (const change of changes) {
    const documentSize = change.document === undefined ? 0 : change.encoded !== undefined ? change.encoded.length + 4 : encodedDocumentSize(change.document);
    const size = (change.document === undefined ? (json(change.after)?.length ?? 0) : documentSize) + (json(change.before)?.length ?? 0);
    if (current.length > 0 && (current.length === MAX_PACKED_CHANGES || bytes + size > MAX_PACKED_JSON_BYTES)) {
      rows.push(current);
      current = [];
      bytes = 0;
    }
    current.push({ change, documentSize });
    bytes += size;
  }
  if (current.length > 0) rows.push(current);
  return rows;
}

/** The batch-format images of changes that all carry documents: copied when every one is encoded already. */
function imagesOf(row: readonly StoreChange[], sized: readonly Sized[]): Uint8Array {
  if (row.every((c) => c.encoded !== undefined)) return assembleBatch(row.map((c) => c.encoded!));
  return encodeBatch(row.map((c) => c.document!), sized.map((s) => s.documentSize));
}

/** Writes the changes of one batch write (all with the same `op`), packed. */
export function writeStoreChanges(sql: SqlStorage, collection: string, op: 'insert' | 'update' | 'delete', changes: readonly StoreChange[], now: Date): void {
  for (const sized of pack(changes)) {
    const row = sized.map((s) => s.change);
    // All or none of a row's changes carry documents (the store gives them for every insert).
    const images = row.every((c) => c.document !== undefined) ? blobOf(imagesOf(row, sized)) : null;
    if (row.length === 1) {
      const [c] = row as [StoreChange];
      const after = images === null ? json(c.after) : null;
      sql.exec(INSERT_ONE, collection, c.id, op, after, json(c.before), c.changed === null ? null : JSON.stringify(c.changed), now.getTime(), images);
      continue;
    }
    const afters = images !== null || row.every((c) => c.after === null) ? null : JSON.stringify(row.map((c) => c.after));
    const befores = row.every((c) => c.before === null) ? null : JSON.stringify(row.map((c) => c.before));
    const changed = row.every((c) => c.changed === null) ? null : JSON.stringify(row.map((c) => c.changed));
    sql.exec(INSERT_PACKED, row.length, row.length, collection, JSON.stringify(row.map((c) => c.id)), op, afters, befores, changed, now.getTime(), images);
  }
}
