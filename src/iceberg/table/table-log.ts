import type { TableState } from './table-state.js';
import { IcebergError } from './iceberg-error.js';
import { PositionIndex, type PositionApply } from './position-index.js';
import { parseState, stringifyState } from './state-json.js';

/**
 * The Durable Object's record of the Iceberg tables it writes
 * (`_iceberg_tables`): each table's committed state and, between recording
 * a prepared commit and finishing it, the commit itself; and the position
 * index of its mirror tables (`_iceberg_positions`). See `commitSnapshot`
 * for the protocol.
 */

/** The two tables of a collection (DESIGN.md §5). */
export type TableKind = 'changelog' | 'mirror';

/** A prepared commit, as recorded before its metadata put. */
export interface PendingCommit {
  readonly snapshotId: number;
  readonly metadataKey: string;
  /** The table's state once committed; its metadata is what the commit writes at `metadataKey`. */
  readonly state: TableState;
  /** How the position changes staged with it land when it commits (mirror tables); absent when it has none. */
  readonly positions?: PositionApply;
}

/** A table's row. */
export interface TableRecord {
  readonly collection: string;
  readonly kind: TableKind;
  readonly state: TableState;
  readonly pending: PendingCommit | null;
}

type Row = { collection: string; kind: TableKind; state: string; pending: string | null };

function parse<T>(key: string, text: string): T {
  try {
    return parseState<T>(text);
  } catch (cause) {
    throw new IcebergError('CORRUPT_TABLE_STATE', `expected the recorded state of ${key} to be JSON, found text that does not parse`, { cause });
  }
}

/** Reads and writes `_iceberg_tables` (and, through `positions`, `_iceberg_positions`) over a (metered) `SqlStorage`; runs in the caller's transaction. */
export class TableLog {
  readonly #sql: SqlStorage;
  /** The position index of the mirror tables. */
  readonly positions: PositionIndex;

  constructor(sql: SqlStorage) {
    this.#sql = sql;
    this.positions = new PositionIndex(sql);
  }

  /** The table's record, or null when this Durable Object never wrote it. */
  load(key: string): TableRecord | null {
    const row = this.#sql.exec<Row>('SELECT collection, kind, state, pending FROM _iceberg_tables WHERE key = ?', key).toArray()[0];
    if (row === undefined) return null;
    const pending = row.pending === null ? null : parse<PendingCommit>(key, row.pending);
    return { collection: row.collection, kind: row.kind, state: parse<TableState>(key, row.state), pending };
  }

  /** Every table this Durable Object writes, with its collection and kind. */
  keys(): { key: string; collection: string; kind: TableKind }[] {
    return this.#sql.exec<{ key: string; collection: string; kind: TableKind }>('SELECT key, collection, kind FROM _iceberg_tables ORDER BY key').toArray();
  }

  /** Records a new table (version 0: no metadata written yet). */
  create(collection: string, kind: TableKind, state: TableState, now: Date): void {
    this.#sql.exec('INSERT INTO _iceberg_tables (key, collection, kind, state, pending, updated_at) VALUES (?, ?, ?, ?, NULL, ?)', state.key, collection, kind, stringifyState(state), now.getTime());
  }

  /** Records a prepared commit (replacing none: a table has at most one in flight). */
  recordPending(key: string, pending: PendingCommit, now: Date): void {
    this.#sql.exec('UPDATE _iceberg_tables SET pending = ?, updated_at = ? WHERE key = ?', stringifyState(pending), now.getTime(), key);
  }

  /** The commit landed: its state becomes the table's, its staged positions the index, and nothing is in flight. */
  finish(key: string, pending: PendingCommit, now: Date): void {
    this.#setState(key, pending.state, now);
    if (pending.positions !== undefined) this.positions.apply(key, pending.positions);
  }

  /** The table holds the change log through `throughSeq` without a new snapshot (the changes left it as it was). */
  advance(key: string, throughSeq: number, now: Date): void {
    const state = this.load(key)!.state;
    this.#setState(key, { ...state, throughSeq }, now);
  }

  /** Forgets a commit that can no longer land, and the positions staged with it. */
  dropPending(key: string, now: Date): void {
    this.#sql.exec('UPDATE _iceberg_tables SET pending = NULL, updated_at = ? WHERE key = ?', now.getTime(), key);
    this.positions.clearStaged(key);
  }

  #setState(key: string, state: TableState, now: Date): void {
    this.#sql.exec('UPDATE _iceberg_tables SET state = ?, pending = NULL, updated_at = ? WHERE key = ?', stringifyState(state), now.getTime(), key);
  }
}
