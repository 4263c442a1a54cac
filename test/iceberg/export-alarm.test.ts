/**
 * Streaming exports with the Durable Object's alarm (issue 6 §2): after a
 * committed write the alarm is set for when an export is due — at once once
 * the backlog reaches the preset's `maxBacklogEntries`, else
 * `maxBacklogAgeMs` later — and `db.cdc.alarm()` exports and clears it.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createConfig, defineSchema, drizzle, migrate, r2ObjectStore } from '../../src/index.js';
import { workerdParquetWasm } from '../../src/workerd.js';
import { inDurableObject } from '../support/do.js';

const schema = defineSchema({ Note: { $storage: 'batched', text: 'string!' } } as const);

async function open(storage: DurableObjectStorage, config = createConfig('DOCUMENT_STORE')) {
  const store = r2ObjectStore(env.BUCKET, `${crypto.randomUUID()}/`);
  const db = drizzle(storage, { schema, config, iceberg: { store, location: 'r2://bucket/warehouse', wasm: workerdParquetWasm } });
  await migrate(db, { migrations: {} });
  return db;
}

describe('export scheduling', () => {
  it('sets the alarm maxBacklogAgeMs after the first write, brings it forward at maxBacklogEntries, and exports on alarm', async () => {
    await inDurableObject(async (storage) => {
      const config = createConfig('DOCUMENT_STORE', { cdc: { export: { maxBacklogEntries: 5, maxBacklogAgeMs: 60_000 } } });
      const db = await open(storage, config);
      expect(await storage.getAlarm()).toBeNull();
      const before = Date.now();
      db.store.create('Note', { text: 'one' });
      const first = await storage.getAlarm();
      expect(first).toBeGreaterThanOrEqual(before + 60_000);
      expect(first).toBeLessThanOrEqual(Date.now() + 60_000);
      db.store.create('Note', { text: 'two' });
      expect(await storage.getAlarm()).toBe(first); // not moved later
      db.store.createMany('Note', [{ text: 'three' }, { text: 'four' }, { text: 'five' }]);
      expect(await storage.getAlarm()).toBeLessThanOrEqual(Date.now()); // backlog 5: due now
      const result = await db.cdc.alarm();
      expect(result.entries).toBe(5);
      expect(db.cdc.getCDCCursor().unsynced).toBe(0);
      // A read sets nothing; the next write starts the clock again.
      db.store.query('Note');
      db.store.create('Note', { text: 'six' });
      expect(await storage.getAlarm()).toBeGreaterThan(Date.now() + 50_000);
    });
  });

  it('exports after every write with REALTIME (maxBacklogEntries 1)', async () => {
    await inDurableObject(async (storage) => {
      const db = await open(storage, createConfig('REALTIME'));
      db.store.create('Note', { text: 'now' });
      expect(await storage.getAlarm()).toBeLessThanOrEqual(Date.now());
      expect((await db.cdc.alarm()).entries).toBe(1);
    });
  });

  it('sets no alarm without an iceberg target', async () => {
    await inDurableObject(async (storage) => {
      const db = drizzle(storage, { schema });
      await migrate(db, { migrations: {} });
      db.store.create('Note', { text: 'kept' });
      expect(await storage.getAlarm()).toBeNull();
    });
  });
});
