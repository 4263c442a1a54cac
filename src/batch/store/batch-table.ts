import { blobOf } from '../../util/blob.js';

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

/** A batch's head and its statistics columns (what the planner reads; no `data`). */
export interface BatchSummaryRow extends BatchHead {
  readonly zoneMap: string | null;
  readonly blooms: ArrayBuffer | null;
}

/** A batch's head, documents and statistics. */
export interface BatchWithData extends BatchHead {
  readonly data: ArrayBuffer;
  readonly blooms: ArrayBuffer | null;
  readonly zoneMap: string | null;
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
}

const HEAD = 'id, count, bytes, min_id, max_id';
type HeadRow = [number, number, number, string, string];

function head(row: readonly SqlStorageValue[]): BatchHead {
  const [id, count, bytes, minId, maxId] = row as HeadRow;
  return { id, count, bytes, minId, maxId };
}

/** The columns after the head that `withData` reads. */
const DATA = 'data, blooms, zone_map';

function withData(row: readonly SqlStorageValue[]): BatchWithData {
  return { ...head(row), data: row[5] as ArrayBuffer, blooms: (row[6] ?? null) as ArrayBuffer | null, zoneMap: (row[7] ?? null) as string | null };
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

  /** Every batch's head and statistics, in `$id` order, without documents. */
  summaries(): BatchSummaryRow[] {
    return Array.from(this.#sql.exec(`SELECT ${HEAD}, zone_map, blooms FROM _batches WHERE collection = ? ORDER BY min_id`, this.#collection).raw(), (row) => ({
      ...head(row),
      zoneMap: (row[5] ?? null) as string | null,
      blooms: (row[6] ?? null) as ArrayBuffer | null,
    }));
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
        'INSERT INTO _batches (collection, count, bytes, min_id, max_id, data, zone_map, blooms, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id',
        this.#collection,
        values.count,
        values.bytes,
        values.minId,
        values.maxId,
        blobOf(values.data),
        values.zoneMap,
        values.blooms === null ? null : blobOf(values.blooms),
        now.getTime(),
        now.getTime(),
      )
      .one().id;
  }

  /**
   * Rewrites a batch. `min_id` is set only when it changed: an indexed
   * column in the SET list costs index writes even when its value does not.
   */
  update(previous: BatchHead, values: BatchRowValues, now: Date): void {
    const data = blobOf(values.data);
    const blooms = values.blooms === null ? null : blobOf(values.blooms);
    if (values.minId === previous.minId) {
      this.#sql.exec(
        'UPDATE _batches SET count = ?, bytes = ?, max_id = ?, data = ?, zone_map = ?, blooms = ?, updated_at = ? WHERE id = ?',
        values.count, values.bytes, values.maxId, data, values.zoneMap, blooms, now.getTime(), previous.id,
      );
    } else {
      this.#sql.exec(
        'UPDATE _batches SET count = ?, bytes = ?, min_id = ?, max_id = ?, data = ?, zone_map = ?, blooms = ?, updated_at = ? WHERE id = ?',
        values.count, values.bytes, values.minId, values.maxId, data, values.zoneMap, blooms, now.getTime(), previous.id,
      );
    }
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
