/**
 * Plain Drizzle on a Durable Object's storage, with every cursor it opens
 * counted by a `CursorMeter`: the plain-Drizzle baselines' database.
 */
import type { AnyRelations, EmptyRelations } from 'drizzle-orm';
import { drizzle, type DrizzleSqliteDODatabase } from 'drizzle-orm/durable-sqlite';
import type { CursorMeter } from './cursor-meter.js';

/**
 * `drizzle(storage, { relations })`, except that `meter` sees every cursor
 * the driver opens. Without `relations`, `db.query` has no tables.
 *
 * @example
 * const meter = new CursorMeter();
 * const db = meteredDrizzle(ctx.storage, meter);
 * db.select().from(users).all();
 * meter.total.rowsRead;
 */
export function meteredDrizzle<TRelations extends AnyRelations = EmptyRelations>(
  storage: DurableObjectStorage,
  meter: CursorMeter,
  relations?: TRelations,
): DrizzleSqliteDODatabase<TRelations> {
  // Drizzle's DO driver uses only `sql.exec` and `transactionSync`; the meter sees every cursor.
  const metered = {
    sql: { exec: (query: string, ...bindings: unknown[]) => meter.track(storage.sql.exec(query, ...bindings)) },
    transactionSync: <T>(fn: () => T): T => storage.transactionSync(fn),
  };
  return drizzle<TRelations>(metered as unknown as DurableObjectStorage, relations === undefined ? {} : { relations });
}
