/**
 * The original API's pruning managers (issue 4 §2): `createZoneMapManager`
 * and `createBloomFilterManager`, persisted in `_pruning_stats`, and reading
 * the batched layout's own statistics where the app recorded none.
 */
import { describe, expect, it } from 'vitest';
import { createBloomFilterManager, createZoneMapManager, drizzle, PruningManagerError } from '../../src/index.js';
import { inDurableObject } from '../support/do.js';
import { events, openBatched, schema, thrown } from './store/support.js';

describe('createZoneMapManager', () => {
  it('records zone maps by batch key and prunes with typed comparisons', async () => {
    await inDurableObject(async (storage) => {
      const db = await openBatched(storage);
      const zoneMaps = createZoneMapManager(db);
      zoneMaps.initialize();
      // Numbers compare as numbers: as text, '9' > '10' and a max of '9' would wrongly prune $gt 9.5 (seed W15).
      const docs = [{ age: 9 }, { age: 10 }, { age: 30 }, { age: null }];
      expect(zoneMaps.updateStatsForBatch('users', 'batch-123', docs).fields.age).toMatchObject({ kind: 'number', min: 9, max: 30, nullCount: 1, count: 4 });
      expect(zoneMaps.canPruneBatch('users', 'batch-123', { field: 'age', operator: '$gt', value: 30 })).toEqual({ canPrune: true, reason: 'zone map' });
      expect(zoneMaps.canPruneBatch('users', 'batch-123', { field: 'age', operator: '$gt', value: 9.5 })).toEqual({ canPrune: false, reason: 'may match' });
      expect(zoneMaps.canPruneBatch('users', 'batch-123', { field: 'age', operator: '$in', value: [1, 2, 31] }).canPrune).toBe(true);
      expect(zoneMaps.canPruneBatch('users', 'batch-123', { age: { $lt: 9 } }).canPrune).toBe(true);
      expect(zoneMaps.canPruneBatch('users', 'batch-9', { field: 'age', operator: '$gt', value: 30 })).toEqual({ canPrune: false, reason: 'no statistics' });
      // Persisted: another manager over the same storage sees it; an update replaces it.
      const again = createZoneMapManager(db);
      expect(again.getStats('users', 'batch-123')?.count).toBe(4);
      again.updateStatsForBatch('users', 'batch-123', [{ age: 50 }]);
      expect(zoneMaps.canPruneBatch('users', 'batch-123', { field: 'age', operator: '$gt', value: 30 }).canPrune).toBe(false);
      expect(thrown(() => zoneMaps.canPruneBatch('users', 'batch-123', { field: 'age', operator: '$like' as '$eq', value: 1 }))).toBeInstanceOf(PruningManagerError);
      expect(thrown(() => zoneMaps.updateStatsForBatch('', 'b', [])).code).toBe('INVALID_ARGUMENT');
    });
  });

  it("answers for a batched collection's own batches from their zone maps", async () => {
    await inDurableObject(async (storage) => {
      const db = await openBatched(storage);
      db.store.createMany('Event', events(300));
      const ids = storage.sql.exec<{ id: number }>("SELECT id FROM _batches WHERE collection = 'Event' ORDER BY min_id").toArray().map((r) => r.id);
      const zoneMaps = createZoneMapManager(db);
      expect(ids).toHaveLength(3);
      // Batch 0 holds n 0..127.
      expect(zoneMaps.canPruneBatch('Event', ids[0]!, { field: 'n', operator: '$gte', value: 128 }).canPrune).toBe(true);
      expect(zoneMaps.canPruneBatch('Event', ids[1]!, { field: 'n', operator: '$gte', value: 128 }).canPrune).toBe(false);
      expect(zoneMaps.getStats('Event', ids[2]!)?.count).toBe(300 - 256);
    });
  });

  it('reports a database without the statistics table as NOT_INITIALIZED, and initialize() creates it', async () => {
    await inDurableObject((storage) => {
      const db = drizzle(storage, { schema });
      const zoneMaps = createZoneMapManager(db);
      expect(thrown(() => zoneMaps.updateStatsForBatch('users', 'b', [{ a: 1 }])).code).toBe('NOT_INITIALIZED');
      zoneMaps.initialize();
      expect(zoneMaps.updateStatsForBatch('users', 'b', [{ a: 1 }]).count).toBe(1);
    });
  });
});

describe('createBloomFilterManager', () => {
  it('remembers added values, persists them, and errs only at about its false-positive rate', async () => {
    await inDurableObject(async (storage) => {
      const db = await openBatched(storage);
      const bloom = createBloomFilterManager(db, { expectedItems: 1_000, falsePositiveRate: 0.01 });
      bloom.initialize();
      bloom.addValue('users', 'email', 'alice@myapp.com');
      bloom.addValues('users', 'email', Array.from({ length: 999 }, (_, i) => `user${i}@myapp.com`));
      bloom.addValue('users', 'born', new Date(0));
      expect(bloom.mightContain('users', 'email', 'alice@myapp.com')).toBe(true);
      expect(createBloomFilterManager(db).mightContain('users', 'email', 'user998@myapp.com')).toBe(true);
      expect(bloom.mightContain('users', 'born', new Date(0))).toBe(true);
      expect(bloom.mightContain('users', 'nothing', 'x')).toBe(false);
      let falsePositives = 0;
      for (let i = 0; i < 5_000; i++) if (bloom.mightContain('users', 'email', `absent${i}@myapp.com`)) falsePositives++;
      expect(falsePositives / 5_000).toBeLessThan(0.02);
      expect(thrown(() => bloom.addValue('users', 'email', undefined)).code).toBe('INVALID_ARGUMENT');
    });
  });

  it("sees a batched collection's stored values through its batches' own filters", async () => {
    await inDurableObject(async (storage) => {
      const db = await openBatched(storage);
      const stored = db.store.createMany('Event', events(1_000));
      const bloom = createBloomFilterManager(db);
      for (const doc of stored.slice(0, 50)) {
        expect(bloom.mightContain('Event', 'code', doc.code)).toBe(true);
        expect(bloom.mightContain('Event', '$id', doc.$id)).toBe(true);
      }
      let falsePositives = 0;
      for (let i = 0; i < 500; i++) if (bloom.mightContain('Event', 'code', `absent-${i}`)) falsePositives++;
      // Eight batches at 1% each: about 8% of absent values pass at least one.
      expect(falsePositives / 500).toBeLessThan(0.15);
      // `n` has no bloom filter on the batched layout, and none was recorded.
      expect(bloom.mightContain('Event', 'n', 5)).toBe(false);
    });
  });
});
