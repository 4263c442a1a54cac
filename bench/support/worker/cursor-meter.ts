/**
 * Billed rows for the baselines that run SQL themselves (plain Drizzle, raw
 * `sql.exec`): each cursor carries its own `rowsRead` / `rowsWritten`, so the
 * meter sums them over every cursor a variant opens.
 */

/** Rows a Durable Object bills: read and written. */
export interface RowCost {
  rowsRead: number;
  rowsWritten: number;
}

/**
 * Sums the billed rows of the cursors a baseline runs. A cursor's counters
 * grow while it is read, so each is folded in when the next one starts.
 *
 * @example
 * const meter = new CursorMeter();
 * meter.track(storage.sql.exec('SELECT 1')).toArray();
 * meter.total; // { rowsRead: …, rowsWritten: … }
 */
export class CursorMeter {
  #rowsRead = 0;
  #rowsWritten = 0;
  #pending: SqlStorageCursor<Record<string, SqlStorageValue>> | undefined;
  #statements = 0;

  /** Counts `cursor` from now on and hands it back. */
  track<T extends Record<string, SqlStorageValue>>(cursor: SqlStorageCursor<T>): SqlStorageCursor<T> {
    const previous = this.#pending;
    if (previous !== undefined) {
      this.#rowsRead += previous.rowsRead;
      this.#rowsWritten += previous.rowsWritten;
    }
    this.#pending = cursor as unknown as SqlStorageCursor<Record<string, SqlStorageValue>>;
    this.#statements++;
    return cursor;
  }

  /** Statements run so far: one per cursor tracked. */
  get statements(): number {
    return this.#statements;
  }

  /** Rows billed by every cursor tracked so far, the open one included. */
  get total(): RowCost {
    return { rowsRead: this.#rowsRead + (this.#pending?.rowsRead ?? 0), rowsWritten: this.#rowsWritten + (this.#pending?.rowsWritten ?? 0) };
  }
}
