import { CostMeter } from './cost-meter.js';

/**
 * The storage every drizzle-icetype database runs on: `ctx.storage` seen
 * through a thin wrapper that
 * - meters every statement (`CostMeter`), Drizzle's and raw SQL included;
 * - numbers write transactions for the change log: before the first write
 *   of a top-level transaction (or of a lone write statement) it bumps
 *   `_cdc_state.tx`, which the CDC triggers stamp on each entry.
 * It intercepts only `sql.exec` and `transactionSync`; everything else is
 * the real storage.
 */

const WRITE_STATEMENT = /^\s*(?:WITH\b[\s\S]*?\b)?(?:INSERT|UPDATE|DELETE|REPLACE)\b/i;
/** Writes to system tables (`_cdc`, `_rels`, …) are bookkeeping, not user transactions. */
const SYSTEM_TARGET = /^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+["`[]?_/i;
const BUMP_TX = 'UPDATE _cdc_state SET tx = tx + 1 WHERE id = 1';

export interface SessionStorage {
  /** Pass this to Drizzle: it is `ctx.storage` with metering and transaction numbering. */
  readonly storage: DurableObjectStorage;
  readonly meter: CostMeter;
  /** Runs `fn` as one metered operation (nested calls join the outer one). */
  operation<T>(fn: () => T): T;
  /** Runs `fn` in one `transactionSync`, as one operation. */
  transaction<T>(fn: () => T): T;
  /**
   * Numbers the current write transaction for the change log, as a user
   * write statement does by itself. For writers whose statements only touch
   * system tables (the batched layout writes `_batches` and `_cdc`).
   */
  numberWrite(): void;
  /**
   * Sets the listener called after each committed write: a top-level
   * transaction that wrote (its number was taken), or a lone write
   * statement. It runs outside any transaction; `undefined` removes it.
   */
  onWriteCommitted(listener: (() => void) | undefined): void;
}

export function createSessionStorage(raw: DurableObjectStorage): SessionStorage {
  const meter = new CostMeter();
  let depth = 0; // open operations and transactions
  let txNumbered = false; // the current top-level transaction has its number
  let cdcStateExists = false;
  let afterWrite: (() => void) | undefined;

  const hasCdcState = (): boolean => {
    if (!cdcStateExists) {
      cdcStateExists = raw.sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_cdc_state'").toArray().length > 0;
    }
    return cdcStateExists;
  };

  const numberTransaction = (): void => {
    if (depth > 0 && txNumbered) return;
    if (!hasCdcState()) return;
    meter.track(raw.sql.exec(BUMP_TX));
    if (depth > 0) txNumbered = true;
  };

  const exec = <T extends Record<string, SqlStorageValue>>(query: string, ...bindings: unknown[]): SqlStorageCursor<T> => {
    if (depth === 0) meter.begin();
    if (WRITE_STATEMENT.test(query) && !SYSTEM_TARGET.test(query)) numberTransaction();
    const cursor = raw.sql.exec<T>(query, ...bindings);
    meter.track(cursor);
    if (depth === 0 && afterWrite !== undefined && WRITE_STATEMENT.test(query) && !SYSTEM_TARGET.test(query)) afterWrite();
    return cursor;
  };

  const enter = <T>(fn: () => T, transactional: boolean): T => {
    if (depth === 0) {
      meter.begin();
      txNumbered = false;
    }
    depth++;
    let wrote = false;
    try {
      const result = transactional ? raw.transactionSync(fn) : fn();
      wrote = depth === 1 && txNumbered;
      return result;
    } finally {
      depth--;
      if (depth === 0) txNumbered = false;
      if (wrote && depth === 0) afterWrite?.();
    }
  };

  const sql = new Proxy(raw.sql, {
    get(target, property) {
      if (property === 'exec') return exec;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const storage = new Proxy(raw, {
    get(target, property) {
      if (property === 'sql') return sql;
      if (property === 'transactionSync') return <T>(fn: () => T): T => enter(fn, true);
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });

  return {
    storage,
    meter,
    operation: (fn) => enter(fn, false),
    transaction: (fn) => enter(fn, true),
    numberWrite: numberTransaction,
    onWriteCommitted: (listener) => {
      afterWrite = listener;
    },
  };
}
