import { IceTypeError } from '../errors.js';
import type { ChangeCursor, ChangeEntry } from './change-entry.js';
import { decodeBatch, encodeBatch } from '../batch/codec/index.js';
import { blobOf } from '../util/blob.js';

/**
 * Reading and acknowledging the change log `_cdc` (DESIGN.md §5). Entries
 * are read in `seq` order through the primary key; `markSynced` takes
 * sequence numbers and updates them as ranges, a statement per range with
 * two bound parameters — never one parameter per id (the published store
 * broke the 100-parameter limit here: seed-origin.md W16).
 */

/** Decodes a row image (the JSON a trigger or the store wrote) of `collection` into a document. */
export type ImageDecoder = (collection: string, image: Record<string, unknown>) => Record<string, unknown>;

interface ChangeRow extends Record<string, SqlStorageValue> {
  seq: number;
  tx_id: string;
  collection: string;
  doc_id: string;
  op: string;
  after: string | null;
  before: string | null;
  changed: string | null;
  ts: number;
  shard: string | null;
  synced: number;
  count: number;
  images: ArrayBuffer | null;
}

/** The most changes one `_cdc` row holds (the store packs at most one batch's changes into a row). */
export const MAX_PACKED_CHANGES = 256;

function parseImage(decode: ImageDecoder, collection: string, image: unknown): Record<string, unknown> | null {
  return image === null || image === undefined ? null : decode(collection, image as Record<string, unknown>);
}

function parseJson(text: string | null): unknown {
  return text === null ? null : JSON.parse(text);
}

/** The columns `readEntries` reads, in the order of its raw rows. */
const ENTRY_COLUMNS = 'seq, tx_id, collection, doc_id, op, after, before, changed, ts, shard, synced, count, images';
type RawChangeRow = [seq: number, txId: string, collection: string, docId: string, op: string, after: string | null, before: string | null, changed: string | null, ts: number, shard: string | null, synced: number, count: number, images: ArrayBuffer | null];

/** One entry (every entry built here has the same shape, members in the same order). */
function entry(seq: number, row: RawChangeRow, id: string, after: ChangeEntry['after'], before: ChangeEntry['before'], changed: ChangeEntry['changed'], timestamp: Date): ChangeEntry {
  return { txId: String(row[1]), collection: row[2], op: row[4] as ChangeEntry['op'], timestamp, shardId: row[9] ?? 'shard-0', synced: row[10] === 1, seq, id, after, before, changed };
}

/** The entries one row holds: itself, or — for a packed row — each of its changes, numbered up to `seq`. */
function toEntries(row: RawChangeRow, decode: ImageDecoder, out: ChangeEntry[]): void {
  const [seq, , collection, docId, , after, before, changed, ts, , , count, images] = row;
  // The store's inserts carry their after images in the batch format: exact documents, no decoding step.
  const documents = images === null ? null : decodeBatch(images);
  if (count === 1) {
    const afterImage = documents?.[0] ?? parseImage(decode, collection, parseJson(after));
    out.push(entry(seq, row, docId, afterImage, parseImage(decode, collection, parseJson(before)), parseJson(changed) as string[] | null, new Date(ts)));
    return;
  }
  const ids = JSON.parse(docId) as string[];
  const timestamp = new Date(ts);
  let afters: unknown[] | null | undefined;
  const befores = parseJson(before) as unknown[] | null;
  const changes = parseJson(changed) as (string[] | null)[] | null;
  const first = seq - count + 1;
  for (let i = 0; i < ids.length; i++) {
    const afterImage = documents?.[i] ?? parseImage(decode, collection, (afters ??= parseJson(after) as unknown[] | null)?.[i] ?? null);
    out.push(entry(first + i, row, ids[i]!, afterImage, parseImage(decode, collection, befores?.[i] ?? null), changes?.[i] ?? null, timestamp));
  }
}

/** The entries of the rows of `_cdc` that `clauses` (`WHERE … ORDER BY seq LIMIT …`) select, flattened; rows are read as arrays, which workerd makes faster than objects. */
function readEntries(sql: SqlStorage, decode: ImageDecoder, clauses: string, ...bindings: SqlStorageValue[]): ChangeEntry[] {
  const entries: ChangeEntry[] = [];
  for (const row of sql.exec(`SELECT ${ENTRY_COLUMNS} FROM _cdc ${clauses}`, ...bindings).raw<RawChangeRow>()) toEntries(row, decode, entries);
  return entries;
}

function checkLimit(limit: number): void {
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new IceTypeError('INVALID_LIMIT', `cdc: expected a positive integer limit, found ${Number.isFinite(limit) ? limit : typeof limit}`);
  }
}

/** Up to `limit` unsynced entries, oldest first. */
export function readUnsyncedChanges(sql: SqlStorage, decode: ImageDecoder, limit: number): ChangeEntry[] {
  checkLimit(limit);
  return readEntries(sql, decode, 'WHERE synced = 0 ORDER BY seq LIMIT ?', limit).slice(0, limit);
}

/** Up to `limit` entries with `seq > afterSeq`, synced or not, oldest first. */
export function readChangesAfter(sql: SqlStorage, decode: ImageDecoder, afterSeq: number, limit: number): ChangeEntry[] {
  checkLimit(limit);
  return readEntries(sql, decode, 'WHERE seq > ? ORDER BY seq LIMIT ?', afterSeq, limit)
    .filter((entry) => entry.seq > afterSeq)
    .slice(0, limit);
}

/** Sorted, de-duplicated sequence numbers folded into inclusive ranges. */
export function toRanges(seqs: Iterable<number>): [number, number][] {
  const list = Array.isArray(seqs) ? (seqs as readonly number[]) : [...seqs];
  // An exporter's list is ascending already: no set, no sort.
  let ascending = true;
  for (let i = 1; i < list.length && ascending; i++) ascending = list[i - 1]! < list[i]!;
  const sorted = ascending ? list : [...new Set(list)].sort((a, b) => a - b);
  const ranges: [number, number][] = [];
  for (const seq of sorted) {
    if (!Number.isSafeInteger(seq) || seq < 1) {
      throw new IceTypeError('INVALID_SEQUENCE', `cdc: expected positive integer sequence numbers, found ${Number.isFinite(seq) ? seq : typeof seq}`);
    }
    const last = ranges[ranges.length - 1];
    if (last !== undefined && seq === last[1] + 1) last[1] = seq;
    else ranges.push([seq, seq]);
  }
  return ranges;
}

/**
 * Marks entries synced; returns how many changed state. Rows a range covers
 * whole are updated by one statement per range; a packed row a range covers
 * only in part (it can only straddle a range's ends) is split into rows of
 * consecutive entries with one state each, keeping every entry's `seq`.
 */
export function markSynced(sql: SqlStorage, seqs: Iterable<number>): number {
  const ranges = toRanges(seqs);
  let marked = 0;
  for (const [from, to] of ranges) {
    for (const [count] of sql.exec('UPDATE _cdc SET synced = 1 WHERE seq BETWEEN ? AND ? AND seq - count + 1 >= ? AND synced = 0 RETURNING count', from, to, from).raw<[number]>()) marked += count;
  }
  for (const row of straddlingRows(sql, ranges)) marked += splitPackedRow(sql, row, ranges);
  return marked;
}

/** Windows of `seq` where a packed row covering a range's end only in part can sit. */
function straddleWindows(ranges: readonly [number, number][]): [number, number][] {
  const windows: [number, number][] = [];
  for (const [from, to] of ranges) {
    if (from > 1) windows.push([from, from + MAX_PACKED_CHANGES - 2]);
    windows.push([to + 1, to + MAX_PACKED_CHANGES - 1]);
  }
  return mergeWindows(windows);
}

function mergeWindows(windows: [number, number][]): [number, number][] {
  const sorted = [...windows].sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const w of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && w[0] <= last[1] + 1) last[1] = Math.max(last[1], w[1]);
    else merged.push([w[0], w[1]]);
  }
  return merged;
}

/** Unsynced packed rows some range covers in part (50 windows per statement: 100 bound parameters). */
function straddlingRows(sql: SqlStorage, ranges: readonly [number, number][]): ChangeRow[] {
  const windows = straddleWindows(ranges);
  const rows: ChangeRow[] = [];
  for (let i = 0; i < windows.length; i += 50) {
    const chunk = windows.slice(i, i + 50);
    const where = chunk.map(() => 'seq BETWEEN ? AND ?').join(' OR ');
    for (const row of sql.exec<ChangeRow>(`SELECT * FROM _cdc WHERE (${where}) AND synced = 0 AND count > 1`, ...chunk.flat())) {
      const first = row.seq - row.count + 1;
      if (ranges.some(([from, to]) => from <= row.seq && to >= first)) rows.push(row);
    }
  }
  return rows;
}

/** Rewrites a packed row as runs of entries with one synced state each; returns how many it marked. */
function splitPackedRow(sql: SqlStorage, row: ChangeRow, ranges: readonly [number, number][]): number {
  const first = row.seq - row.count + 1;
  const marked = Array.from({ length: row.count }, (_, i) => ranges.some(([from, to]) => first + i >= from && first + i <= to));
  const ids = JSON.parse(row.doc_id) as unknown[];
  const afters = parseJson(row.after) as unknown[] | null;
  const befores = parseJson(row.before) as unknown[] | null;
  const changed = parseJson(row.changed) as unknown[] | null;
  const documents = row.images === null ? null : decodeBatch(row.images);
  sql.exec('DELETE FROM _cdc WHERE seq = ?', row.seq);
  let start = 0;
  for (let i = 1; i <= row.count; i++) {
    if (i < row.count && marked[i] === marked[start]) continue;
    const n = i - start;
    const slice = (list: unknown[] | null): string | null => {
      if (list === null) return null;
      return JSON.stringify(n === 1 ? list[start] : list.slice(start, i));
    };
    sql.exec(
      'INSERT INTO _cdc (seq, count, tx_id, collection, doc_id, op, after, before, changed, ts, shard, synced, images) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      first + i - 1,
      n,
      row.tx_id,
      row.collection,
      n === 1 ? String(ids[start]) : JSON.stringify(ids.slice(start, i)),
      row.op,
      slice(afters),
      slice(befores),
      slice(changed),
      row.ts,
      row.shard,
      marked[start] === true ? 1 : 0,
      documents === null ? null : blobOf(encodeBatch(documents.slice(start, i))),
    );
    start = i;
  }
  return marked.filter(Boolean).length;
}

/** Where the log stands. */
export function readChangeCursor(sql: SqlStorage): ChangeCursor {
  const row = sql
    .exec<{ last: number | null; ts: number | null; unsynced: number; firstUnsynced: number | null }>(
      'SELECT max(seq) AS last, max(ts) AS ts, coalesce(sum(count) FILTER (WHERE synced = 0), 0) AS unsynced, min(seq - count + 1) FILTER (WHERE synced = 0) AS firstUnsynced FROM _cdc',
    )
    .one();
  const lastSeq = row.last ?? 0;
  return {
    lastSeq,
    syncedThrough: row.firstUnsynced === null ? lastSeq : row.firstUnsynced - 1,
    unsynced: row.unsynced,
    lastTimestamp: row.ts === null ? null : new Date(row.ts),
  };
}

/**
 * Deletes synced entries, up to the synced prefix of the log (an unsynced
 * entry and everything after it stay), optionally only those older than
 * `before`. Returns how many were deleted. The newest entry is always kept:
 * `seq` is a plain rowid (AUTOINCREMENT would bill a write per change), and
 * SQLite only reuses a rowid above the current maximum, so keeping the
 * maximum keeps sequence numbers from ever going back.
 */
export function pruneSynced(sql: SqlStorage, options: { before?: Date } = {}): number {
  const { syncedThrough: through, lastSeq } = readChangeCursor(sql);
  const syncedThrough = Math.min(through, lastSeq - 1);
  if (syncedThrough <= 0) return 0;
  const deleted =
    options.before === undefined
      ? sql.exec<{ count: number }>('DELETE FROM _cdc WHERE seq <= ? AND synced = 1 RETURNING count', syncedThrough)
      : sql.exec<{ count: number }>('DELETE FROM _cdc WHERE seq <= ? AND synced = 1 AND ts < ? RETURNING count', syncedThrough, options.before.getTime());
  let entries = 0;
  for (const row of deleted) entries += row.count;
  return entries;
}
