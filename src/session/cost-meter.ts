/**
 * The cost meter: what each operation was billed, read off the cursors of
 * the statements it ran (`rowsRead`/`rowsWritten` are exactly what Cloudflare
 * bills for DO SQLite, index updates included).
 *
 * An operation is one top-level `db.store` call, one top-level transaction,
 * or one statement run outside both. Cursor counters grow while a cursor is
 * read, so an operation's cost is summed when it is asked for, and folded
 * into the totals when the next operation begins.
 */

/** Rows billed. */
export interface RowCost {
  readonly rowsRead: number;
  readonly rowsWritten: number;
}

/** `db.$cost`: the last operation's cost and the running totals since the database was opened. */
export interface CostReport {
  readonly last: RowCost;
  readonly total: RowCost;
  /** Statements the last operation ran. */
  readonly lastStatements: number;
  /** Batches of the batched layout the last operation decoded (read documents from). */
  readonly lastBatchesDecoded: number;
}

interface Counted {
  readonly rowsRead: number;
  readonly rowsWritten: number;
}

function sum(cursors: readonly Counted[]): RowCost {
  let rowsRead = 0;
  let rowsWritten = 0;
  for (const cursor of cursors) {
    rowsRead += cursor.rowsRead;
    rowsWritten += cursor.rowsWritten;
  }
  return { rowsRead, rowsWritten };
}

export class CostMeter {
  #current: Counted[] = [];
  #totalRead = 0;
  #totalWritten = 0;
  #decoded = 0;

  /** Starts a new operation: the previous one's cursors are final by now. */
  begin(): void {
    const previous = sum(this.#current);
    this.#totalRead += previous.rowsRead;
    this.#totalWritten += previous.rowsWritten;
    this.#current = [];
    this.#decoded = 0;
  }

  /** Counts batches the current operation decoded. */
  countDecoded(batches: number): void {
    this.#decoded += batches;
  }

  /** Counts a cursor towards the current operation. */
  track(cursor: Counted): void {
    this.#current.push(cursor);
  }

  get report(): CostReport {
    const last = sum(this.#current);
    return {
      last,
      total: { rowsRead: this.#totalRead + last.rowsRead, rowsWritten: this.#totalWritten + last.rowsWritten },
      lastStatements: this.#current.length,
      lastBatchesDecoded: this.#decoded,
    };
  }
}
