/**
 * Helpers of the registry tests: a migrated database in a real DO, and an
 * SqlStorage wrapper that records every statement with its bindings and
 * the rows its cursor read and wrote.
 */
import migrations from '../../migrations/migrations.js';
import { schema } from '../../examples/schema.js';
import { drizzle as drizzleDurableObject } from 'drizzle-orm/durable-sqlite';
import { drizzle, migrate } from '../../src/index.js';
import { SchemaRegistry } from '../../src/registry/index.js';

/**
 * Opens the example database and creates its tables (`_schemas` included),
 * with an empty registry: `migrate` runs on a plain Drizzle database, so it
 * does not register the example's collections (a database opened with
 * drizzle-icetype's `drizzle()` would — see `registers.test.ts`).
 */
export async function open(storage: DurableObjectStorage) {
  await migrate(drizzleDurableObject(storage), migrations);
  return drizzle(storage, { schema });
}

/** A statement run through `countingSql`. */
export interface Recorded {
  readonly query: string;
  readonly bindings: number;
  readonly cursor: SqlStorageCursor<Record<string, SqlStorageValue>>;
}

/** `sql` recording each `exec`; `cost()` sums the cursors' counters (read them after the cursors are consumed). */
export function countingSql(sql: SqlStorage): { sql: SqlStorage; log: Recorded[]; cost: () => { rowsRead: number; rowsWritten: number } } {
  const log: Recorded[] = [];
  const wrapped = {
    exec(query: string, ...bindings: SqlStorageValue[]) {
      const cursor = sql.exec(query, ...bindings);
      log.push({ query, bindings: bindings.length, cursor });
      return cursor;
    },
  } as unknown as SqlStorage;
  const cost = () => ({
    rowsRead: log.reduce((n, r) => n + r.cursor.rowsRead, 0),
    rowsWritten: log.reduce((n, r) => n + r.cursor.rowsWritten, 0),
  });
  return { sql: wrapped, log, cost };
}

/** A registry over `storage`, its statements recorded. */
export function registryOf(storage: DurableObjectStorage) {
  const counting = countingSql(storage.sql);
  const registry = new SchemaRegistry(counting.sql, (fn) => storage.transactionSync(fn));
  return { registry, ...counting };
}

/** The rows of `_schemas`, for before/after comparisons. */
export function schemaRows(storage: DurableObjectStorage): Record<string, SqlStorageValue>[] {
  return storage.sql.exec('SELECT * FROM _schemas ORDER BY name, version').toArray();
}

/** The error `fn` throws; fails when it throws none. */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, found none');
}
