/** Shared set-up of the batched store tests: a schema with batched collections and a database over it. */
import migrations from '../../../migrations/migrations.js';
import { createConfig, defineSchema, drizzle, migrate, type DeepPartial, type IceTypeConfig } from '../../../src/index.js';

export const schema = defineSchema({
  Event: {
    $storage: 'batched',
    $unique: [['tenant', 'code']],
    kind: 'string#',
    n: 'int',
    at: 'timestamp',
    tenant: 'string?',
    code: 'string#',
    note: 'string?',
  },
  Open: { $storage: 'batched', $strict: false, name: 'string' },
  Row: { label: 'string' },
} as const);

export type Db = ReturnType<typeof drizzle<typeof schema.definition>>;

export async function openBatched(storage: DurableObjectStorage, overrides: DeepPartial<IceTypeConfig> = {}): Promise<Db> {
  const db = drizzle(storage, { schema, config: createConfig('DOCUMENT_STORE', overrides) });
  // Row (rows layout) gets its table by hand; the example app's migrations bring the system tables, and migrate() the triggers.
  storage.sql.exec('CREATE TABLE IF NOT EXISTS "Row" ("$id" text PRIMARY KEY, "$type" text NOT NULL, "$version" integer NOT NULL, "$createdAt" integer NOT NULL, "$updatedAt" integer NOT NULL, "label" text)');
  await migrate(db, migrations);
  return db;
}

export const T0 = Date.UTC(2026, 0, 1);

/** `count` time-ordered events. */
export function events(count: number, from = 0): { kind: string; n: number; at: Date; code: string }[] {
  return Array.from({ length: count }, (_, i) => ({ kind: `k${(from + i) % 7}`, n: from + i, at: new Date(T0 + (from + i) * 60_000), code: `c${(((from + i) * 7919) % 100_003).toString(36)}` }));
}

/** Every `_batches` row of a collection: its counts and the real size of its BLOB. */
export function batchRows(storage: DurableObjectStorage, collection: string): { id: number; count: number; bytes: number; size: number; min_id: string; max_id: string }[] {
  return storage.sql
    .exec<{ id: number; count: number; bytes: number; size: number; min_id: string; max_id: string }>(
      'SELECT id, count, bytes, length(data) AS size, min_id, max_id FROM _batches WHERE collection = ? ORDER BY min_id',
      collection,
    )
    .toArray();
}

export function thrown(fn: () => unknown): { code?: string; message?: string } {
  try {
    fn();
  } catch (error) {
    return error as { code?: string };
  }
  throw new Error('expected an error, found none');
}
