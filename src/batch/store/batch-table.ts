import { blobOf } from '../../util/blob.js';
import { newStatsTag, rememberStats, statsByTag, statsOf, type BatchStats, type StoredStats } from './stats-cache.js';

/**
 * The `_batches` rows of one batched collection, through the statements the
 * store needs. Batches of a collection hold disjoint, sorted `$id` ranges
 * (`min_id`..`max_id`, compared as SQLite compares text: by UTF-8 bytes,
 * which is code-point order), so the batch that holds — or would hold — an
 * id is the one with the greatest `min_id` not above it: one seek on the
 * `(collection, min_id)` index. Statement texts are fixed, so workerd reuses
 * their prepared forms.
 */

/** Where a batch sits and how full it is, without its documents. */
export interface BatchHead {
  readonly id: number;
  readonly count: number;
  readonly bytes: number;
  readonly minId: string;
  readonly maxId: string;
}

/** A batch's head and its parsed statistics (what the planner reads; no `data`). */
export interface BatchSummaryRow extends BatchHead {
  readonly stats: BatchStats;
}

/** A batch's head, documents and stored statistics (parse them with `statsOf`). */
export interface BatchWithData extends BatchHead, StoredStats {
  readonly data: ArrayBuffer;
}

/** The columns the store writes for a batch. */
export interface BatchRowValues {
  readonly count: number;
  readonly bytes: number;
  readonly minId: string;
  readonly maxId: string;
  readonly data: Uint8Array;
  readonly zoneMap: string | null;
  readonly blooms: Uint8Array | null;
  /** `zoneMap` and `blooms` as objects, remembered under the row's new statistics tag. */
  readonly stats: BatchStats;
}

const HEAD = 'id, count, bytes, min_id, max_id';
type HeadRow = [number, number, number, string, string];

function head(row: readonly SqlStorageValue[]): BatchHead {
  const [id, count, bytes, minId, maxId] = row as HeadRow;
  return { id, count, bytes, minId, maxId };
}

/** The statistics columns, in table order. */
const STATS = 'stats_tag, zone_map, blooms';

/** The columns after the head that `withData` reads. */
const DATA = `${STATS}, data`;

function withData(row: readonly SqlStorageValue[]): BatchWithData {
  return {
    ...head(row),
    statsTag: (row[5] ?? null) as number | null,
    zoneMap: (row[6] ?? null) as string | null,
    blooms: (row[7] ?? null) as ArrayBuffer | null,
    data: row[8] as ArrayBuffer,
  };
}

function first<T>(cursor: Iterator<T>): T | undefined {
  const next = cursor.next();
  return next.done === true ? undefined : next.value;
}

export class BatchTable {
  readonly #sql: SqlStorage;
  readonly #collection: string;

  constructor(sql: SqlStorage, collection: string) {
    this.#sql = sql;
    this.#collection = collection;
  }

  /** The batch whose range starts at or below `id` (the greatest such), or undefined. */
  floor(id: string): BatchHead | undefined {
    const row = first(this.#sql.exec(`SELECT ${HEAD} FROM _batches WHERE collection = ? AND min_id <= ? ORDER BY min_id DESC LIMIT 1`, this.#collection, id).raw());
    return row === undefined ? undefined : head(row);
  }

  /** The highest `$id` stored (the last batch's `max_id`: ranges are disjoint), or undefined when the collection is empty. One row read. */
  highestId(): string | undefined {
    const row = first(this.#sql.exec(`SELECT max_id FROM _batches WHERE collection = ? ORDER BY min_id DESC LIMIT 1`, this.#collection).raw());
    return row === undefined ? undefined : (row[0] as string);
  }

  /** The batch with the lowest range, or undefined when the collection is empty. */
  lowest(): BatchHead | undefined {
    const row = first(this.#sql.exec(`SELECT ${HEAD} FROM _batches WHERE collection = ? ORDER BY min_id LIMIT 1`, this.#collection).raw());
    return row === undefined ? undefined : head(row);
  }

  /** The batch after the one starting at `minId`, or undefined. */
  next(minId: string): BatchHead | undefined {
    const row = first(this.#sql.exec(`SELECT ${HEAD} FROM _batches WHERE collection = ? AND min_id > ? ORDER BY min_id LIMIT 1`, this.#collection, minId).raw());
    return row === undefined ? undefined : head(row);
  }

  /** The batch before the one starting at `minId`, or undefined. */
  previous(minId: string): BatchHead | undefined {
    const row = first(this.#sql.exec(`SELECT ${HEAD} FROM _batches WHERE collection = ? AND min_id < ? ORDER BY min_id DESC LIMIT 1`, this.#collection, minId).raw());
    return row === undefined ? undefined : head(row);
  }

  /** The batch that would hold `id`, with its documents and blooms: one row read. */
  locate(id: string): BatchWithData | undefined {
    const row = first(
      this.#sql.exec(`SELECT ${HEAD}, ${DATA} FROM _batches WHERE collection = ? AND min_id <= ? ORDER BY min_id DESC LIMIT 1`, this.#collection, id).raw(),
    );
    return row === undefined ? undefined : withData(row);
  }

  /** The distinct batches that would hold `ids`, with their documents, in one statement. */
  locateMany(ids: readonly string[]): BatchWithData[] {
    const sql =
      `SELECT ${HEAD}, ${DATA} FROM _batches WHERE id IN (SELECT (SELECT b.id FROM _batches AS b WHERE b.collection = ? AND b.min_id <= q.value ORDER BY b.min_id DESC LIMIT 1) FROM json_each(?) AS q) ORDER BY min_id`;
    return Array.from(this.#sql.exec(sql, this.#collection, JSON.stringify(ids)).raw(), withData);
  }

  /**
   * Every batch's head and statistics, in `$id` order, without documents:
   * the heads and statistics tags in one statement, then the statistics
   * columns of only those batches whose tag is not in memory (`statsByTag`),
   * so a warm query reads no statistics bytes at all.
   */
  summaries(): BatchSummaryRow[] {
    const rows = Array.from(this.#sql.exec(`SELECT ${HEAD}, stats_tag FROM _batches WHERE collection = ? ORDER BY min_id`, this.#collection).raw(), (row) => ({
      head: head(row),
      known: statsByTag((row[5] ?? null) as number | null),
    }));
    const missing = rows.filter((r) => r.known === undefined).map((r) => r.head.id);
    const fetched = new Map<number, BatchStats>();
    if (missing.length > 0) {
      // By id, each costs about four rows read (the id list, its order, the lookup, the row): past a quarter of the batches, read them all.
      const cursor =
        missing.length * 4 > rows.length
          ? this.#sql.exec(`SELECT id, ${STATS} FROM _batches WHERE collection = ?`, this.#collection)
          : this.#sql.exec(`SELECT id, ${STATS} FROM _batches WHERE id IN (SELECT value FROM json_each(?))`, JSON.stringify(missing));
      for (const [id, statsTag, zoneMap, blooms] of cursor.raw()) {
        fetched.set(id as number, statsOf({ statsTag: (statsTag ?? null) as number | null, zoneMap: (zoneMap ?? null) as string | null, blooms: (blooms ?? null) as ArrayBuffer | null }));
      }
    }
    return rows.map((r) => ({ ...r.head, stats: r.known ?? fetched.get(r.head.id)! }));
  }

  /** Every batch's head, in `$id` order. */
  heads(): BatchHead[] {
    return Array.from(this.#sql.exec(`SELECT ${HEAD} FROM _batches WHERE collection = ? ORDER BY min_id`, this.#collection).raw(), head);
  }

  /** The documents of the given batches, in `$id` order. */
  read(ids: readonly number[]): BatchWithData[] {
    if (ids.length === 0) return [];
    const sql = `SELECT ${HEAD}, ${DATA} FROM _batches WHERE id IN (SELECT value FROM json_each(?)) ORDER BY min_id`;
    return Array.from(this.#sql.exec(sql, JSON.stringify(ids)).raw(), withData);
  }

  /** Every batch with its documents, in `$id` order (a full scan). */
  scan(): BatchWithData[] {
    return Array.from(this.#sql.exec(`SELECT ${HEAD}, ${DATA} FROM _batches WHERE collection = ? ORDER BY min_id`, this.#collection).raw(), withData);
  }

  /** Documents in the collection, from the batch counts. */
  documentCount(): number {
    return this.#sql.exec<{ n: number }>('SELECT coalesce(sum(count), 0) AS n FROM _batches WHERE collection = ?', this.#collection).one().n;
  }

  insert(values: BatchRowValues, now: Date): number {
    return this.#sql
      .exec<{ id: number }>(
        'INSERT INTO _batches (collection, count, bytes, min_id, max_id, stats_tag, zone_map, blooms, created_at, updated_at, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id',
        this.#collection,
        values.count,
        values.bytes,
        values.minId,
        values.maxId,
        tagged(values),
        values.zoneMap,
        values.blooms === null ? null : blobOf(values.blooms),
        now.getTime(),
        now.getTime(),
        blobOf(values.data),
      )
      .one().id;
  }

  /**
   * Rewrites a batch; returns its new statistics tag. `min_id` is set only when it changed: an indexed
   * column in the SET list costs index writes even when its value does not.
   */
  update(previous: BatchHead, values: BatchRowValues, now: Date): number {
    const data = blobOf(values.data);
    const blooms = values.blooms === null ? null : blobOf(values.blooms);
    const tag = tagged(values);
    if (values.minId === previous.minId) {
      this.#sql.exec(
        'UPDATE _batches SET count = ?, bytes = ?, max_id = ?, stats_tag = ?, zone_map = ?, blooms = ?, updated_at = ?, data = ? WHERE id = ?',
        values.count, values.bytes, values.maxId, tag, values.zoneMap, blooms, now.getTime(), data, previous.id,
      );
    } else {
      this.#sql.exec(
        'UPDATE _batches SET count = ?, bytes = ?, min_id = ?, max_id = ?, stats_tag = ?, zone_map = ?, blooms = ?, updated_at = ?, data = ? WHERE id = ?',
        values.count, values.bytes, values.minId, values.maxId, tag, values.zoneMap, blooms, now.getTime(), data, previous.id,
      );
    }
    return tag;
  }

  delete(id: number): void {
    this.#sql.exec('DELETE FROM _batches WHERE id = ?', id);
  }

  /** Deletes every batch of the collection; returns how many documents they held. */
  deleteAll(): number {
    let documents = 0;
    for (const row of this.#sql.exec<{ count: number }>('DELETE FROM _batches WHERE collection = ? RETURNING count', this.#collection)) documents += row.count;
    return documents;
  }
}

/** A new statistics tag for a row about to be written, with the row's statistics remembered under it. */
function tagged(values: BatchRowValues): number {
  const tag = newStatsTag();
  rememberStats(tag, values.stats);
  return tag;
}
