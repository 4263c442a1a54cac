/**
 * The `$id → (file, pos)` index of a current-state mirror table
 * (`_iceberg_positions`, DESIGN.md §5): where each live row is, so an export
 * can write position deletes (Iceberg spec "Position Delete Files") for the
 * documents it replaces or deletes. A prepared commit stages its changes
 * under `staged:<table key>`; they replace the table's own rows only in the
 * transaction that records the commit as landed (`TableLog.finish`), so the
 * index always describes the committed snapshot.
 *
 * Staged changes are kept as runs, not a row per document: a run is a data
 * file and the ids at consecutive positions from `start` in it (or ids whose
 * rows are gone), at most one part of ids (see `IDS_PER_PART`) — a row each,
 * `doc_id` its number (`#` and 9 digits, in staging order), `file` its JSON
 * `{"file": path | null, "start": n, "ids": [...]}`, `pos` NULL. An export's
 * new rows are such runs, so staging writes a few rows, and landing inserts
 * each document's place once, straight into the table's own rows. (A row
 * staged a row per document, by an earlier version, has `pos` set, or both
 * `file` and `pos` NULL; `apply` lands those too.)
 */
/** A row's place: its data file's path below the table's location (`data/<uuid>.parquet`) and its 0-based position there. */
export interface RowPosition {
  readonly file: string;
  readonly pos: number;
}

/** A change to the index: the document's new place, or null when its row is gone. */
export type PositionChange = readonly [docId: string, position: RowPosition | null];

/** How staged changes land: `merge` replaces the staged ids' places, `replace` (compaction) makes the staged rows the whole index. */
export type PositionApply = 'merge' | 'replace';

/**
 * A Durable Object caps a bound string at 2 MB, so lists of ids go as JSON
 * in parts well under it: at most `IDS_PER_PART` ids and `PART_BYTES` bytes,
 * counting an id (≤ 512 characters, no control characters) as at most 3
 * bytes per UTF-16 unit plus its quotes and comma.
 */
const IDS_PER_PART = 10_000;
const PART_BYTES = 1_500_000;
const jsonBytes = (id: string) => 3 * id.length + 3;

const staged = (key: string) => `staged:${key}`;

/** One staged run: the ids at positions `start`, `start + 1`, … of `file`, or (file null) ids whose rows are gone. */
interface Run {
  readonly file: string | null;
  readonly start: number;
  readonly ids: string[];
}

/** Changes folded into runs, in order; a run holds one part of ids at most. */
function runsOf(changes: readonly PositionChange[]): Run[] {
  const runs: Run[] = [];
  let run: Run | undefined;
  let bytes = 0;
  for (const [id, at] of changes) {
    const file = at?.file ?? null;
    const cost = jsonBytes(id);
    const continues = run !== undefined && run.ids.length < IDS_PER_PART && bytes + cost <= PART_BYTES && run.file === file && (at === null || at.pos === run.start + run.ids.length);
    if (!continues) {
      runs.push((run = { file, start: at?.pos ?? 0, ids: [] }));
      bytes = 0;
    }
    run!.ids.push(id);
    bytes += cost;
  }
  return runs;
}

/** `ids` in parts of at most `IDS_PER_PART` ids and `PART_BYTES` bytes of JSON. */
function idParts(ids: readonly string[]): string[][] {
  const parts: string[][] = [];
  let part: string[] = [];
  let bytes = 0;
  for (const id of ids) {
    const cost = jsonBytes(id);
    if (part.length > 0 && (part.length === IDS_PER_PART || bytes + cost > PART_BYTES)) {
      parts.push(part);
      part = [];
      bytes = 0;
    }
    part.push(id);
    bytes += cost;
  }
  if (part.length > 0) parts.push(part);
  return parts;
}

/** Reads and writes `_iceberg_positions` over a (metered) `SqlStorage`; writes run in the caller's transaction. */
export class PositionIndex {
  readonly #sql: SqlStorage;

  constructor(sql: SqlStorage) {
    this.#sql = sql;
  }

  /** The places of those of `ids` that have a live row in table `key`. */
  lookup(key: string, ids: readonly string[]): Map<string, RowPosition> {
    const found = new Map<string, RowPosition>();
    for (const part of idParts(ids)) {
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

  /** Stages changes for table `key` (a later change of the same `$id` wins), as runs after those already staged. */
  stage(key: string, changes: readonly PositionChange[]): void {
    let next = this.#sql.exec<{ n: number }>('SELECT count(*) AS n FROM _iceberg_positions WHERE table_key = ?', staged(key)).one().n;
    for (const run of runsOf(changes)) {
      const label = `#${String(next++).padStart(9, '0')}`;
      this.#sql.exec('INSERT INTO _iceberg_positions (table_key, doc_id, file, pos) VALUES (?, ?, ?, NULL)', staged(key), label, JSON.stringify(run));
    }
  }

  /** Forgets the changes staged for table `key`. */
  clearStaged(key: string): void {
    this.#sql.exec('DELETE FROM _iceberg_positions WHERE table_key = ?', staged(key));
  }

  /** Makes the staged changes of table `key` its index (see `PositionApply`), and clears them. */
  apply(key: string, mode: PositionApply): void {
    if (mode === 'replace') this.#sql.exec('DELETE FROM _iceberg_positions WHERE table_key = ?', key);
    const runs = this.#sql.exec<{ file: string }>('SELECT file FROM _iceberg_positions WHERE table_key = ? AND pos IS NULL AND file IS NOT NULL ORDER BY doc_id', staged(key));
    for (const { file: text } of runs) {
      const run = JSON.parse(text) as Run;
      // The ids go back to SQLite as the run's own text: json_each reads its `ids` without a copy made here.
      if (run.file === null) this.#sql.exec("DELETE FROM _iceberg_positions WHERE table_key = ?1 AND doc_id IN (SELECT value FROM json_each(?2, '$.ids'))", key, text);
      else this.#sql.exec("INSERT OR REPLACE INTO _iceberg_positions (table_key, doc_id, file, pos) SELECT ?1, value, ?2, ?3 + key FROM json_each(?4, '$.ids')", key, run.file, run.start, text);
    }
    // Rows staged one per document (an earlier version's): pos set, or neither file nor pos.
    const legacy = 'table_key = ?2 AND (pos IS NOT NULL OR file IS NULL)';
    if (mode === 'merge') this.#sql.exec(`DELETE FROM _iceberg_positions WHERE table_key = ?1 AND doc_id IN (SELECT doc_id FROM _iceberg_positions WHERE ${legacy})`, key, staged(key));
    this.#sql.exec('UPDATE _iceberg_positions SET table_key = ?1 WHERE table_key = ?2 AND pos IS NOT NULL', key, staged(key));
    this.clearStaged(key);
  }
}
