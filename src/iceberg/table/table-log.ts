import type { TableState } from './table-state.js';
import { IcebergError } from './iceberg-error.js';

/**
 * The Durable Object's record of the Iceberg tables it writes
 * (`_iceberg_tables`): each table's committed state and, between recording
 * a prepared commit and finishing it, the commit itself. See
 * `commitSnapshot` for the protocol.
 */

/** A prepared commit, as recorded before its metadata put. */
export interface PendingCommit {
  readonly snapshotId: number;
  readonly metadataKey: string;
  readonly metadataJson: string;
  /** The table's state once committed. */
  readonly state: TableState;
  /** The change-log entries it exports, as `[from, to]` ranges of `seq`; marked synced when it commits. */
  readonly seqRanges: readonly (readonly [number, number])[];
}

/** A table's row. */
export interface TableRecord {
  readonly state: TableState;
  readonly pending: PendingCommit | null;
}

type Row = { state: string; pending: string | null };

function parse<T>(key: string, text: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (cause) {
    throw new IcebergError('CORRUPT_TABLE_STATE', `expected the recorded state of ${key} to be JSON, found text that does not parse`, { cause });
  }
}

/** Reads and writes `_iceberg_tables` over a (metered) `SqlStorage`; runs in the caller's transaction. */
export class TableLog {
  readonly #sql: SqlStorage;

  constructor(sql: SqlStorage) {
    this.#sql = sql;
  }

  /** The table's record, or null when this Durable Object never wrote it. */
  load(key: string): TableRecord | null {
    const row = this.#sql.exec<Row>('SELECT state, pending FROM _iceberg_tables WHERE key = ?', key).toArray()[0];
    if (row === undefined) return null;
    return { state: parse<TableState>(key, row.state), pending: row.pending === null ? null : parse<PendingCommit>(key, row.pending) };
  }

  /** Every table of a collection this Durable Object writes, with their records. */
  keys(): { key: string; collection: string; kind: 'changelog' | 'mirror' }[] {
    return this.#sql.exec<{ key: string; collection: string; kind: 'changelog' | 'mirror' }>('SELECT key, collection, kind FROM _iceberg_tables ORDER BY key').toArray();
  }

  /** Records a new table (version 0: no metadata written yet). */
  create(collection: string, kind: 'changelog' | 'mirror', state: TableState, now: Date): void {
    this.#sql.exec('INSERT INTO _iceberg_tables (key, collection, kind, state, pending, updated_at) VALUES (?, ?, ?, ?, NULL, ?)', state.key, collection, kind, JSON.stringify(state), now.getTime());
  }

  /** Records a prepared commit (replacing none: a table has at most one in flight). */
  recordPending(key: string, pending: PendingCommit, now: Date): void {
    this.#sql.exec('UPDATE _iceberg_tables SET pending = ?, updated_at = ? WHERE key = ?', JSON.stringify(pending), now.getTime(), key);
  }

  /** The commit landed: its state becomes the table's, and nothing is in flight. */
  finish(key: string, pending: PendingCommit, now: Date): void {
    this.#sql.exec('UPDATE _iceberg_tables SET state = ?, pending = NULL, updated_at = ? WHERE key = ?', JSON.stringify(pending.state), now.getTime(), key);
  }

  /** Forgets a commit that can no longer land. */
  dropPending(key: string, now: Date): void {
    this.#sql.exec('UPDATE _iceberg_tables SET pending = NULL, updated_at = ? WHERE key = ?', now.getTime(), key);
  }
}
