import { IceTypeError } from '../errors.js';
import type { ChangeCursor, ChangeEntry } from './change-entry.js';

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
}

function parseImage(decode: ImageDecoder, collection: string, json: string | null): Record<string, unknown> | null {
  return json === null ? null : decode(collection, JSON.parse(json) as Record<string, unknown>);
}

function toEntry(row: ChangeRow, decode: ImageDecoder): ChangeEntry {
  return {
    seq: row.seq,
    txId: String(row.tx_id),
    collection: row.collection,
    id: row.doc_id,
    op: row.op as ChangeEntry['op'],
    after: parseImage(decode, row.collection, row.after),
    before: parseImage(decode, row.collection, row.before),
    changed: row.changed === null ? null : (JSON.parse(row.changed) as string[]),
    timestamp: new Date(row.ts),
    shardId: row.shard ?? 'shard-0',
    synced: row.synced === 1,
  };
}

function checkLimit(limit: number): void {
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new IceTypeError('INVALID_LIMIT', `cdc: expected a positive integer limit, found ${Number.isFinite(limit) ? limit : typeof limit}`);
  }
}

/** Up to `limit` unsynced entries, oldest first. */
export function readUnsyncedChanges(sql: SqlStorage, decode: ImageDecoder, limit: number): ChangeEntry[] {
  checkLimit(limit);
  return sql.exec<ChangeRow>('SELECT * FROM _cdc WHERE synced = 0 ORDER BY seq LIMIT ?', limit).toArray().map((row) => toEntry(row, decode));
}

/** Up to `limit` entries with `seq > afterSeq`, synced or not, oldest first. */
export function readChangesAfter(sql: SqlStorage, decode: ImageDecoder, afterSeq: number, limit: number): ChangeEntry[] {
  checkLimit(limit);
  return sql.exec<ChangeRow>('SELECT * FROM _cdc WHERE seq > ? ORDER BY seq LIMIT ?', afterSeq, limit).toArray().map((row) => toEntry(row, decode));
}

/** Sorted, de-duplicated sequence numbers folded into inclusive ranges. */
export function toRanges(seqs: Iterable<number>): [number, number][] {
  const sorted = [...new Set(seqs)].sort((a, b) => a - b);
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

/** Marks entries synced; returns how many changed state. */
export function markSynced(sql: SqlStorage, seqs: Iterable<number>): number {
  let marked = 0;
  for (const [from, to] of toRanges(seqs)) {
    marked += sql.exec('UPDATE _cdc SET synced = 1 WHERE seq BETWEEN ? AND ? AND synced = 0', from, to).rowsWritten;
  }
  return marked;
}

/** Where the log stands. */
export function readChangeCursor(sql: SqlStorage): ChangeCursor {
  const row = sql
    .exec<{ last: number | null; ts: number | null; unsynced: number; firstUnsynced: number | null }>(
      'SELECT max(seq) AS last, max(ts) AS ts, count(*) FILTER (WHERE synced = 0) AS unsynced, min(seq) FILTER (WHERE synced = 0) AS firstUnsynced FROM _cdc',
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
  return options.before === undefined
    ? sql.exec('DELETE FROM _cdc WHERE seq <= ? AND synced = 1', syncedThrough).rowsWritten
    : sql.exec('DELETE FROM _cdc WHERE seq <= ? AND synced = 1 AND ts < ?', syncedThrough, options.before.getTime()).rowsWritten;
}
