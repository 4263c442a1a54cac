import { describe, expect, it } from 'vitest';
import { installSystemTables, LEGACY_BATCHES_DDL } from '../../../src/compile/system-ddl.js';
import { inDurableObject } from '../../support/do.js';
import { batchRows, events, openBatched, T0 } from './support.js';

/** Turns the current `_batches` back into the legacy layout, rows and all. */
function makeLegacy(storage: DurableObjectStorage): void {
  const sql = storage.sql;
  sql.exec('ALTER TABLE _batches RENAME TO _batches_current');
  sql.exec(LEGACY_BATCHES_DDL);
  sql.exec('INSERT INTO _batches SELECT id, collection, count, bytes, min_id, max_id, data, zone_map, blooms, created_at, updated_at FROM _batches_current');
  sql.exec('DROP TABLE _batches_current');
  sql.exec('CREATE INDEX `_batches_collection_min_id_idx` ON `_batches` (`collection`,`min_id`)');
}

function columns(storage: DurableObjectStorage): string[] {
  return storage.sql.exec<{ name: string }>('PRAGMA table_info(_batches)').toArray().map((c) => c.name);
}

/** Each batch's id, statistics and a digest of its documents, to compare across a rebuild. */
function contents(storage: DurableObjectStorage) {
  return storage.sql.exec('SELECT id, collection, count, bytes, min_id, max_id, hex(data) AS data, zone_map, hex(blooms) AS blooms, created_at, updated_at FROM _batches ORDER BY id').toArray();
}

const range = { at: { $gte: new Date(T0 + 4_000 * 60_000), $lt: new Date(T0 + 4_100 * 60_000) } };

describe('batch statistics tags', () => {
  it('a legacy _batches is rebuilt with statistics before data, rows kept, every batch tagged', async () => {
    await inDurableObject(async (storage) => {
      const db = await openBatched(storage);
      db.store.createMany('Event', events(5_000));
      const expected = db.store.query('Event', { where: range }).documents;
      makeLegacy(storage);
      const before = contents(storage);
      expect(columns(storage).indexOf('data')).toBeLessThan(columns(storage).indexOf('zone_map'));

      installSystemTables(storage.sql);
      expect(columns(storage)).toEqual(['id', 'collection', 'count', 'bytes', 'min_id', 'max_id', 'stats_tag', 'zone_map', 'blooms', 'created_at', 'updated_at', 'data']);
      expect(contents(storage)).toEqual(before);
      const tags = storage.sql.exec<{ stats_tag: number }>('SELECT stats_tag FROM _batches').toArray().map((r) => r.stats_tag);
      expect(tags.every((t) => Number.isSafeInteger(t) && t >= 0)).toBe(true);
      expect(new Set(tags).size).toBe(tags.length);
      expect(storage.sql.exec("SELECT 1 FROM sqlite_master WHERE name = '_batches_legacy'").toArray()).toHaveLength(0);
      expect(storage.sql.exec("SELECT 1 FROM sqlite_master WHERE name = '_batches_collection_min_id_idx'").toArray()).toHaveLength(1);

      // The tags are new to memory: the first query reads the statistics of every batch once more, the next none.
      const batches = batchRows(storage, 'Event').length;
      expect(db.store.query('Event', { where: range }).documents).toEqual(expected);
      const cold = db.$cost.last.rowsRead;
      expect(db.store.query('Event', { where: range }).documents).toEqual(expected);
      const warm = db.$cost.last.rowsRead;
      expect(cold - warm).toBe(batches);
      // Heads and tags of every batch, then the batches the range spans, looked up by id (four rows read each: the id list, its sort, the lookup, the row).
      const plan = db.explain('Event', { where: range });
      if (plan.layout !== 'batched') throw new Error(`expected a batched plan, found ${plan.layout}`);
      const { batchesRead } = plan;
      expect(batchesRead).toBeLessThanOrEqual(2);
      expect(warm - batches).toBeGreaterThanOrEqual(batchesRead);
      expect(warm - batches).toBeLessThanOrEqual(4 * batchesRead);
      // Rebuilding again changes nothing.
      installSystemTables(storage.sql);
      expect(contents(storage)).toEqual(before);
    });
  });

  it('writes tag their statistics: queries after writes read no statistics columns', async () => {
    await inDurableObject(async (storage) => {
      const db = await openBatched(storage);
      const docs = db.store.createMany('Event', events(3_000));
      const batches = batchRows(storage, 'Event').length;
      db.store.update('Event', docs[4]!.$id, { n: -1 });
      const tags = () => storage.sql.exec<{ id: number; stats_tag: number }>('SELECT id, stats_tag FROM _batches ORDER BY id').toArray();
      const afterUpdate = tags();
      // The first query after the writes costs what the next one does: the statistics it needs are in memory.
      expect(db.store.query('Event', { where: { n: -1 } }).documents.map((d) => d.$id)).toEqual([docs[4]!.$id]);
      const first = db.$cost.last.rowsRead;
      expect(db.store.query('Event', { where: { n: -1 } }).documents.map((d) => d.$id)).toEqual([docs[4]!.$id]);
      expect(db.$cost.last.rowsRead).toBe(first);
      // The heads and tags, then the one batch whose zone map admits -1 (looked up by id: four rows read).
      expect(db.explain('Event', { where: { n: -1 } })).toMatchObject({ batchesTotal: batches, batchesRead: 1 });
      expect(first - batches).toBeGreaterThanOrEqual(1);
      expect(first - batches).toBeLessThanOrEqual(4);
      db.store.update('Event', docs[4]!.$id, { n: 4 });
      const changed = tags().filter((t, i) => t.stats_tag !== afterUpdate[i]!.stats_tag);
      expect(changed).toHaveLength(1);
    });
  });

  it('a rolled-back write leaves its statistics unused: pruning follows what was committed', async () => {
    await inDurableObject(async (storage) => {
      const db = await openBatched(storage);
      const docs = db.store.createMany('Event', events(1_000));
      const target = docs[10]!;
      expect(() =>
        storage.transactionSync(() => {
          // Inside the transaction this batch's zone map no longer admits n = 10 …
          db.store.update('Event', target.$id, { n: 1_000_000 });
          expect(db.store.query('Event', { where: { n: 10 } }).documents).toEqual([]);
          throw new Error('abort');
        }),
      ).toThrow('abort');
      // … and after the rollback it must again: the row kept its old statistics and old tag.
      expect(db.store.query('Event', { where: { n: 10 } }).documents).toEqual([target]);
      expect(db.store.query('Event', { where: { n: 1_000_000 } }).documents).toEqual([]);
    });
  });
});
