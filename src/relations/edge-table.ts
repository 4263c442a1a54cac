/**
 * The `_rels` edge table (DESIGN.md §4): one row per edge
 * `(from_type, from_id, rel) → (to_type, to_id)`, with an `ordinal` (the
 * position in a `-> T[]` list, or the order of `createRelation` calls), a
 * `score` (fuzzy relations) and the time it was made. The primary key serves
 * outgoing lookups, `_rels_to_idx` incoming ones. Every lookup here takes a
 * whole list of ids and costs one statement per 20,000 ids.
 */

/** One edge as stored in `_rels`. */
export interface StoredRelation {
  readonly fromType: string;
  readonly fromId: string;
  readonly rel: string;
  readonly toType: string;
  readonly toId: string;
  readonly ordinal: number;
  readonly score: number | null;
  readonly createdAt: Date;
}

/** An edge to write; `createdAt` is the writer's clock. */
export type NewRelation = Omit<StoredRelation, 'createdAt'>;

type EdgeRow = {
  from_type: string;
  from_id: string;
  rel: string;
  to_type: string;
  to_id: string;
  ordinal: number;
  score: number | null;
  created_at: number;
};

const COLUMNS = 'from_type, from_id, rel, to_type, to_id, ordinal, score, created_at';

/**
 * Lists are bound as one JSON text; a DO caps a bound string at 2 MB, so long
 * lists go in chunks well under it (ids: ≤ 40 bytes each; edges: ≤ 300 bytes
 * each with 64-character names and ids).
 */
const IDS_PER_STATEMENT = 20_000;
const EDGES_PER_STATEMENT = 5_000;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

function toRelation(row: EdgeRow): StoredRelation {
  return {
    fromType: row.from_type,
    fromId: row.from_id,
    rel: row.rel,
    toType: row.to_type,
    toId: row.to_id,
    ordinal: row.ordinal,
    score: row.score,
    createdAt: new Date(row.created_at),
  };
}

/** Reads and writes `_rels` over a (metered) `SqlStorage`. Runs inside the caller's transaction. */
export class EdgeTable {
  readonly #sql: SqlStorage;

  constructor(sql: SqlStorage) {
    this.#sql = sql;
  }

  /**
   * Edges leaving `fromIds` of `fromType` (named `rel` when given), ordered
   * by `from_id`, `rel`, `ordinal`, `to_id`. One statement (the primary key).
   */
  outgoing(fromType: string, fromIds: readonly string[], rel?: string): StoredRelation[] {
    if (fromIds.length > IDS_PER_STATEMENT) return chunks(fromIds, IDS_PER_STATEMENT).flatMap((part) => this.outgoing(fromType, part, rel));
    if (fromIds.length === 0) return [];
    const relClause = rel === undefined ? '' : ' AND rel = ?3';
    const query =
      `SELECT ${COLUMNS} FROM _rels WHERE from_type = ?1 AND from_id IN (SELECT value FROM json_each(?2))${relClause}` +
      ' ORDER BY from_id, rel, ordinal, to_id';
    const bindings: unknown[] = [fromType, JSON.stringify(fromIds)];
    if (rel !== undefined) bindings.push(rel);
    return this.#sql.exec<EdgeRow>(query, ...bindings).toArray().map(toRelation);
  }

  /**
   * Edges arriving at `toIds` of `toType` (named `rel` and leaving `fromType`
   * when given), ordered by `to_id`, `ordinal`, `from_id`. One statement
   * (`_rels_to_idx`).
   */
  incoming(toType: string, toIds: readonly string[], rel?: string, fromType?: string): StoredRelation[] {
    if (toIds.length > IDS_PER_STATEMENT) return chunks(toIds, IDS_PER_STATEMENT).flatMap((part) => this.incoming(toType, part, rel, fromType));
    if (toIds.length === 0) return [];
    const bindings: unknown[] = [toType, JSON.stringify(toIds)];
    let clauses = '';
    if (rel !== undefined) {
      bindings.push(rel);
      clauses += ` AND rel = ?${bindings.length}`;
    }
    if (fromType !== undefined) {
      bindings.push(fromType);
      clauses += ` AND from_type = ?${bindings.length}`;
    }
    const query =
      `SELECT ${COLUMNS} FROM _rels WHERE to_type = ?1 AND to_id IN (SELECT value FROM json_each(?2))${clauses}` +
      ' ORDER BY to_id, ordinal, from_id';
    return this.#sql.exec<EdgeRow>(query, ...bindings).toArray().map(toRelation);
  }

  /**
   * The lean read behind relation hops: for `ids` of `type`, the edges named
   * `rel` to (`outgoing`) or from (`incoming`) documents of `otherType`, as
   * `[id, other id, ordinal, score]` — four columns, raw rows, no objects —
   * ordered by id, ordinal, other id. One statement per 20,000 ids.
   */
  refs(direction: 'outgoing' | 'incoming', type: string, ids: readonly string[], rel: string, otherType: string): [string, string, number, number | null][] {
    if (ids.length > IDS_PER_STATEMENT) return chunks(ids, IDS_PER_STATEMENT).flatMap((part) => this.refs(direction, type, part, rel, otherType));
    if (ids.length === 0) return [];
    const [mine, other] = direction === 'outgoing' ? ['from', 'to'] : ['to', 'from'];
    const query =
      `SELECT ${mine}_id, ${other}_id, ordinal, score FROM _rels WHERE ${mine}_type = ?1 AND ${mine}_id IN (SELECT value FROM json_each(?2)) AND rel = ?3 AND ${other}_type = ?4` +
      ` ORDER BY ${mine}_id, ordinal, ${other}_id`;
    return [...this.#sql.exec(query, type, JSON.stringify(ids), rel, otherType).raw()] as [string, string, number, number | null][];
  }

  /** Writes edges; an edge that exists (same five key columns) is left as it is. One statement per 5,000 edges. */
  insert(edges: readonly NewRelation[], now: Date): void {
    if (edges.length > EDGES_PER_STATEMENT) {
      for (const part of chunks(edges, EDGES_PER_STATEMENT)) this.insert(part, now);
      return;
    }
    if (edges.length === 0) return;
    const rows = edges.map((e) => [e.fromType, e.fromId, e.rel, e.toType, e.toId, e.ordinal, e.score]);
    this.#sql.exec(
      `INSERT OR IGNORE INTO _rels (${COLUMNS}) SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, j.value ->> 5, j.value ->> 6, ?2 FROM json_each(?1) AS j`,
      JSON.stringify(rows),
      now.getTime(),
    );
  }

  /** Writes one edge, replacing its ordinal and score if it exists; returns it as stored. */
  upsert(edge: NewRelation, now: Date): StoredRelation {
    const row = this.#sql
      .exec<EdgeRow>(
        `INSERT INTO _rels (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)` +
          ' ON CONFLICT (from_type, from_id, rel, to_type, to_id) DO UPDATE SET ordinal = excluded.ordinal, score = excluded.score' +
          ` RETURNING ${COLUMNS}`,
        edge.fromType,
        edge.fromId,
        edge.rel,
        edge.toType,
        edge.toId,
        edge.ordinal,
        edge.score,
        now.getTime(),
      )
      .one();
    return toRelation(row);
  }

  /** The next free ordinal of `(fromType, fromId, rel)`: one more than the highest, 0 for none. */
  nextOrdinal(fromType: string, fromId: string, rel: string): number {
    const row = this.#sql
      .exec<{ next: number }>('SELECT COALESCE(MAX(ordinal) + 1, 0) AS next FROM _rels WHERE from_type = ? AND from_id = ? AND rel = ?', fromType, fromId, rel)
      .one();
    return row.next;
  }

  /** Deletes the edges leaving `fromIds` (named one of `rels` when given). */
  deleteOutgoing(fromType: string, fromIds: readonly string[], rels?: readonly string[]): void {
    if (fromIds.length > IDS_PER_STATEMENT) {
      for (const part of chunks(fromIds, IDS_PER_STATEMENT)) this.deleteOutgoing(fromType, part, rels);
      return;
    }
    if (fromIds.length === 0 || rels?.length === 0) return;
    const relClause = rels === undefined ? '' : ' AND rel IN (SELECT value FROM json_each(?3))';
    const bindings: unknown[] = [fromType, JSON.stringify(fromIds)];
    if (rels !== undefined) bindings.push(JSON.stringify(rels));
    this.#sql.exec(`DELETE FROM _rels WHERE from_type = ?1 AND from_id IN (SELECT value FROM json_each(?2))${relClause}`, ...bindings);
  }

  /** Deletes the edges arriving at `toIds`. */
  deleteIncoming(toType: string, toIds: readonly string[]): void {
    if (toIds.length > IDS_PER_STATEMENT) {
      for (const part of chunks(toIds, IDS_PER_STATEMENT)) this.deleteIncoming(toType, part);
      return;
    }
    if (toIds.length === 0) return;
    this.#sql.exec('DELETE FROM _rels WHERE to_type = ?1 AND to_id IN (SELECT value FROM json_each(?2))', toType, JSON.stringify(toIds));
  }

  /** Deletes one edge; whether it existed. */
  deleteOne(fromType: string, fromId: string, rel: string, toType: string, toId: string): boolean {
    const deleted = this.#sql.exec('DELETE FROM _rels WHERE from_type = ? AND from_id = ? AND rel = ? AND to_type = ? AND to_id = ? RETURNING 1 AS gone', fromType, fromId, rel, toType, toId);
    return deleted.toArray().length > 0;
  }
}
