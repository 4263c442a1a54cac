/**
 * The `$id → (file, pos)` index of a current-state mirror table
 * (`_iceberg_positions`, DESIGN.md §5): where each live row is, so an export
 * can write position deletes (Iceberg spec "Position Delete Files") for the
 * documents it replaces or deletes. A prepared commit stages its changes
 * under `staged:<table key>`; they replace the table's own rows only in the
 * transaction that records the commit as landed (`TableLog.finish`), so the
 * index always describes the committed snapshot.
 */
import { chunks } from './chunks.js';

/** A row's place: its data file's path below the table's location (`data/<uuid>.parquet`) and its 0-based position there. */
export interface RowPosition {
  readonly file: string;
  readonly pos: number;
}

/** A change to the index: the document's new place, or null when its row is gone. */
export type PositionChange = readonly [docId: string, position: RowPosition | null];

/** How staged changes land: `merge` replaces the staged ids' places, `replace` (compaction) makes the staged rows the whole index. */
export type PositionApply = 'merge' | 'replace';

/** A Durable Object caps a bound string at 2 MB: lists go as JSON in chunks well under it (ids ≤ ~100 bytes, changes ≤ ~300). */
const IDS_PER_STATEMENT = 10_000;
const CHANGES_PER_STATEMENT = 5_000;

const staged = (key: string) => `staged:${key}`;

/** Reads and writes `_iceberg_positions` over a (metered) `SqlStorage`; writes run in the caller's transaction. */
export class PositionIndex {
  readonly #sql: SqlStorage;

  constructor(sql: SqlStorage) {
    this.#sql = sql;
  }

  /** The places of those of `ids` that have a live row in table `key`. */
  lookup(key: string, ids: readonly string[]): Map<string, RowPosition> {
    const found = new Map<string, RowPosition>();
    for (const part of chunks(ids, IDS_PER_STATEMENT)) {
      const rows = this.#sql.exec<{ doc_id: string; file: string; pos: number }>(
        'SELECT doc_id, file, pos FROM _iceberg_positions WHERE table_key = ?1 AND doc_id IN (SELECT value FROM json_each(?2))',
        key,
        JSON.stringify(part),
      );
      for (const row of rows) found.set(row.doc_id, { file: row.file, pos: row.pos });
    }
    return found;
  }

  /** The live positions of every data file of table `key`, ascending, by file. */
  liveRows(key: string): Map<string, number[]> {
    const byFile = new Map<string, number[]>();
    for (const { file, pos } of this.#sql.exec<{ file: string; pos: number }>('SELECT file, pos FROM _iceberg_positions WHERE table_key = ?', key)) {
      let list = byFile.get(file);
      if (list === undefined) byFile.set(file, (list = []));
      list.push(pos);
    }
    for (const list of byFile.values()) list.sort((a, b) => a - b);
    return byFile;
  }

  /** Stages changes for table `key` (a later change of the same `$id` wins). */
  stage(key: string, changes: readonly PositionChange[]): void {
    for (const part of chunks(changes, CHANGES_PER_STATEMENT)) {
      const rows = part.map(([id, at]) => (at === null ? [id, null, null] : [id, at.file, at.pos]));
      this.#sql.exec(
        'INSERT OR REPLACE INTO _iceberg_positions (table_key, doc_id, file, pos) SELECT ?1, j.value ->> 0, j.value ->> 1, j.value ->> 2 FROM json_each(?2) AS j',
        staged(key),
        JSON.stringify(rows),
      );
    }
  }

  /** Forgets the changes staged for table `key`. */
  clearStaged(key: string): void {
    this.#sql.exec('DELETE FROM _iceberg_positions WHERE table_key = ?', staged(key));
  }

  /** Makes the staged changes of table `key` its index (see `PositionApply`), and clears them. */
  apply(key: string, mode: PositionApply): void {
    if (mode === 'replace') this.#sql.exec('DELETE FROM _iceberg_positions WHERE table_key = ?', key);
    else this.#sql.exec('DELETE FROM _iceberg_positions WHERE table_key = ?1 AND doc_id IN (SELECT doc_id FROM _iceberg_positions WHERE table_key = ?2)', key, staged(key));
    this.#sql.exec('UPDATE _iceberg_positions SET table_key = ?1 WHERE table_key = ?2 AND file IS NOT NULL', key, staged(key));
    this.clearStaged(key);
  }
}
