import { env } from 'cloudflare:workers';
import { runInDurableObject } from 'cloudflare:test';

let counter = 0;

/**
 * Runs `fn` inside a fresh SQLite-backed Durable Object (a new object per call
 * unless `name` is given), with its real `ctx.storage`.
 */
export function inDurableObject<R>(fn: (storage: DurableObjectStorage, state: DurableObjectState) => R | Promise<R>, name?: string): Promise<R> {
  const id = env.TEST_DO.idFromName(name ?? `test-${Date.now()}-${counter++}-${Math.random()}`);
  return runInDurableObject(env.TEST_DO.get(id), (_instance, state) => fn(state.storage, state));
}

/** Every table, index and trigger definition, for before/after comparisons. */
export function schemaSnapshot(storage: DurableObjectStorage): { type: string; name: string; sql: string | null }[] {
  return storage.sql
    .exec<{ type: string; name: string; sql: string | null }>("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE '_cf_%' AND name NOT LIKE 'sqlite_%' ORDER BY type, name")
    .toArray();
}

/** Every row of every table (system tables included), for "storage is unchanged" assertions. */
export function dataSnapshot(storage: DurableObjectStorage): Record<string, unknown[]> {
  const tables = storage.sql
    .exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .toArray()
    .map((row) => row.name);
  // Sorted in JS: some tables (FTS5 shadow tables) have no rowid to order by.
  const rows = (name: string) =>
    storage.sql
      .exec(`SELECT * FROM "${name}"`)
      .toArray()
      .map((row) => JSON.stringify(row, (_key, value: unknown) => (value instanceof ArrayBuffer ? [...new Uint8Array(value)] : value)))
      .sort();
  return Object.fromEntries(tables.map((name) => [name, rows(name)]));
}
