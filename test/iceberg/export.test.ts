/**
 * The change-log export to Iceberg in workerd (issue 6 §2), into the test
 * worker's real R2 binding: a changelog and a current-state mirror table
 * per collection, one snapshot per export and table, metadata versions
 * committed with create-only puts, entries marked synced only once both
 * tables of their collection hold them — and, with a failure injected
 * before or after every object-store call, a rerun that neither loses nor
 * duplicates a change in either table. Data files are read back with
 * parquet-wasm's reader (parquet-rs); test-node/ checks the same files with
 * DuckDB, avsc, python3-avro and icebird. The mirror's own behaviour
 * (updates, deletes, time travel, compaction) is in mirror.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { defineSchema, drizzle, IcebergError, migrate, type ObjectStore } from '../../src/index.js';
import { workerdParquetWasm } from '../../src/parquet/writer/workerd-wasm.js';
import { inDurableObject } from '../support/do.js';
import { createTablesSql } from '../search/support.js';
import { changelogRows, countingStore, expectMirrorMatches, expectVersionsConsistent, failingStore, freshStore, LOCATION, metadataOf, mirrorRows, mutate, open, recordedState, schema, seed, type Db } from './mirror-support.js';

const TABLES = ['shop/Order_changelog', 'shop/Order', 'shop/Click_changelog', 'shop/Click'];

describe('exporting the change log to Iceberg', () => {
  it('commits one snapshot per export to each collection’s changelog and mirror tables, then marks the entries synced', async () => {
    await inDurableObject(async (storage) => {
      const store = freshStore();
      const db = await open(storage, store);
      seed(db);
      const first = await db.cdc.exportNow();
      expect(first.entries).toBe(6);
      expect(first.tables.map((t) => [t.key, t.entries, t.files, t.deleteFiles])).toEqual([
        ['shop/Order_changelog', 3, 2, 0], // two regions
        ['shop/Order', 3, 2, 0],
        ['shop/Click_changelog', 3, 2, 0], // two days
        ['shop/Click', 3, 2, 0],
      ]);
      expect(db.cdc.getCDCCursor()).toMatchObject({ unsynced: 0, syncedThrough: 6 });
      expect(new TextDecoder().decode((await store.get('shop/Order_changelog/metadata/version-hint.text'))!)).toBe('1');
      expect(new TextDecoder().decode((await store.get('shop/Order/metadata/version-hint.text'))!)).toBe('1');
      db.store.update('Order', 'o1', { note: 'rush' });
      db.store.delete('Order', 'o3');
      const second = await db.cdc.exportNow();
      expect(second.tables.map((t) => [t.key, t.entries, t.files, t.deleteFiles])).toEqual([
        ['shop/Order_changelog', 2, 2, 0], // o3's delete has no before image, so no region: a partition of its own
        ['shop/Order', 2, 1, 1], // o1's new image; o1's and o3's old rows deleted (both in eu)
      ]);
      const v2 = await metadataOf(store, 'shop/Order_changelog', 2);
      expect(v2.snapshots).toHaveLength(2);
      expect(v2.snapshots[1]!['parent-snapshot-id']).toBe(v2.snapshots[0]!['snapshot-id']);
      expect(v2.snapshots[1]!['sequence-number']).toBe(2);
      expect(v2.snapshots[1]!.summary).toMatchObject({ operation: 'append', 'added-records': '2', 'total-records': '5', 'icetype.cdc.min-seq': '7', 'icetype.cdc.max-seq': '8' });
      expect(v2['current-snapshot-id']).toBe(v2.snapshots[1]!['snapshot-id']);
      expect(v2['metadata-log']).toEqual([{ 'timestamp-ms': expect.any(Number), 'metadata-file': `${LOCATION}/shop/Order_changelog/metadata/v1.metadata.json` }]);
      const rows = await changelogRows(storage, store, 'shop/Order_changelog');
      expect(rows.map((r) => [r.$id, r._op, Number(r._seq), r.region, r.note])).toEqual([
        ['o1', 'insert', 1, 'eu', null],
        ['o2', 'insert', 2, 'us', 'gift'],
        ['o3', 'insert', 3, 'eu', null],
        ['o1', 'update', 7, 'eu', 'rush'],
        ['o3', 'delete', 8, null, null], // no before image (captureBefore is off): only the id
      ]);
      // The changelog table: every column but $id optional, the change columns after the fields.
      const columns = v2.schemas[0]!.fields;
      expect(columns.filter((f) => f.required).map((f) => f.name)).toEqual(['$id', '_op', '_seq', '_ts', '_shard']);
      expect(v2.schemas[0]!['identifier-field-ids']).toEqual([]);
      // The mirror: the collection's own schema, $id its identifier, required as declared.
      const mirror = await metadataOf(store, 'shop/Order', 2);
      expect(mirror.schemas[0]!.fields.filter((f) => f.required).map((f) => f.name)).toEqual(['$id', '$type', '$version', '$createdAt', '$updatedAt', 'region', 'placedAt']);
      expect(mirror.schemas[0]!['identifier-field-ids']).toEqual([1]);
      expect(mirror.snapshots.map((s) => [s.summary.operation, s.summary['icetype.cdc.max-seq'], s.summary['total-records'], s.summary['total-position-deletes']])).toEqual([
        ['append', '3', '3', '0'],
        ['overwrite', '8', '4', '2'],
      ]);
      expect(mirror.properties).toMatchObject({ 'icetype.table-kind': 'mirror', 'icetype.collection': 'Order' });
      await expectMirrorMatches(storage, store, db, 'Order');
      expect(await db.cdc.exportNow()).toEqual({ tables: [], entries: 0, skipped: 0, compacted: [], compactionErrors: [] });
    });
  });

  it('neither loses nor duplicates a change in either table when any object-store call fails and the export runs again', async () => {
    // Count the calls of a clean first and second export, then fail each one in turn, before and after it takes effect.
    const calls = await inDurableObject(async (storage) => {
      const counting = countingStore(freshStore());
      const db = await open(storage, counting.store);
      seed(db);
      await db.cdc.exportNow();
      const first = counting.calls();
      mutate(db);
      await db.cdc.exportNow();
      return { first, second: counting.calls() - first };
    });
    expect(calls.first).toBeGreaterThan(20);
    expect(calls.second).toBeGreaterThan(20);
    let failed = 0;
    for (const phase of ['first', 'second'] as const) {
      for (let failAt = 1; failAt <= calls[phase]; failAt++) {
        for (const when of ['before', 'after'] as const) {
          await inDurableObject(async (storage) => {
            const inner = freshStore();
            const message = `${phase} export, failure ${when} call ${failAt}`;
            const db = await open(storage, inner);
            seed(db);
            if (phase === 'second') {
              await db.cdc.exportNow();
              mutate(db);
            }
            const run = db.cdc.exportNow({ store: failingStore(inner, failAt, when) });
            await expect(run, message).rejects.toThrow(/injected failure/);
            failed++;
            await db.cdc.exportNow({ store: inner });
            expect(db.cdc.getCDCCursor().unsynced, message).toBe(0);
            const seqs = [...(await changelogRows(storage, inner, 'shop/Order_changelog')), ...(await changelogRows(storage, inner, 'shop/Click_changelog'))].map((r) => Number(r._seq)).sort((a, b) => a - b);
            expect(seqs, message).toEqual(phase === 'first' ? [1, 2, 3, 4, 5, 6] : [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
            for (const table of TABLES) {
              const version = await expectVersionsConsistent(inner, table, message);
              expect(recordedState(storage, table).version, message).toBe(version);
            }
            await expectMirrorMatches(storage, inner, db, 'Order', message);
            await expectMirrorMatches(storage, inner, db, 'Click', message);
          });
        }
      }
    }
    expect(failed).toBe(2 * (calls.first + calls.second));
  }, 300_000);

  it('does not repeat the changelog’s rows when the run dies between its commit and the mirror’s', async () => {
    await inDurableObject(async (storage) => {
      const inner = freshStore();
      const db = await open(storage, inner);
      seed(db);
      // Every call for the Order mirror fails: the Order changelog commits, its mirror does not.
      const mirrorDown: ObjectStore = { ...inner, put: (key, body) => (key.startsWith('shop/Order/') ? Promise.reject(new Error('mirror down')) : inner.put(key, body)) };
      await expect(db.cdc.exportNow({ store: mirrorDown })).rejects.toThrow(/mirror down/);
      expect(recordedState(storage, 'shop/Order_changelog')).toMatchObject({ version: 1, throughSeq: 3 });
      expect(recordedState(storage, 'shop/Order')).toMatchObject({ version: 0, throughSeq: 0 });
      expect(db.cdc.getCDCCursor().unsynced, 'nothing is synced until both tables hold it').toBe(6);
      const rerun = await db.cdc.exportNow({ store: inner });
      expect(rerun.tables.map((t) => t.key)).toEqual(['shop/Order', 'shop/Click_changelog', 'shop/Click']);
      expect(rerun.entries).toBe(6);
      expect((await changelogRows(storage, inner, 'shop/Order_changelog')).map((r) => Number(r._seq))).toEqual([1, 2, 3]);
      expect((await metadataOf(inner, 'shop/Order_changelog', 1)).snapshots).toHaveLength(1);
      expect(await inner.get('shop/Order_changelog/metadata/v2.metadata.json')).toBeNull();
      await expectMirrorMatches(storage, inner, db, 'Order');
      expect(db.cdc.getCDCCursor()).toMatchObject({ unsynced: 0, syncedThrough: 6 });
    });
  });

  it('stops with COMMIT_CONFLICT when another writer committed the version first, marking nothing synced', async () => {
    /** Seeds, lets "another writer" take `table`'s v1, and returns the export's error. */
    const conflictAt = (storage: DurableObjectStorage, table: string) => async () => {
      const store = freshStore();
      const db = await open(storage, store);
      seed(db);
      await store.put(`${table}/metadata/v1.metadata.json`, JSON.stringify({ 'current-snapshot-id': 42 }));
      const error = await db.cdc.exportNow().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IcebergError);
      expect((error as IcebergError).code).toBe('COMMIT_CONFLICT');
      expect(db.cdc.getCDCCursor().unsynced).toBe(6);
    };
    await inDurableObject(async (storage) => {
      await conflictAt(storage, 'shop/Order_changelog')();
      expect(storage.sql.exec('SELECT key, pending FROM _iceberg_tables').toArray()).toEqual([{ key: 'shop/Order_changelog', pending: null }]);
    });
    await inDurableObject(async (storage) => {
      // The mirror's version taken: the changelog committed, the mirror's record and staged positions dropped.
      await conflictAt(storage, 'shop/Order')();
      expect(recordedState(storage, 'shop/Order_changelog').throughSeq).toBe(3);
      expect(storage.sql.exec('SELECT pending FROM _iceberg_tables WHERE key = ?', 'shop/Order').one().pending).toBeNull();
      expect(storage.sql.exec('SELECT count(*) AS n FROM _iceberg_positions').one().n).toBe(0);
    });
  });

  it('turns a schema change into a new Iceberg schema in both tables, keeping the field ids of the old one', async () => {
    await inDurableObject(async (storage) => {
      const store = freshStore();
      const db = await open(storage, store);
      db.store.create('Click', { $id: 'c1', at: new Date(Date.UTC(2026, 0, 1)), page: '/' });
      await db.cdc.exportNow();
      const evolved = defineSchema({ ...schema.definition, Click: { ...schema.definition.Click, referrer: 'string?', source: 'string! = "web"' } } as const);
      const db2 = drizzle(storage, { schema: evolved, iceberg: { store, location: LOCATION, namespace: 'shop', wasm: workerdParquetWasm } });
      await migrate(db2, { migrations: {} });
      db2.store.create('Click', { $id: 'c2', at: new Date(Date.UTC(2026, 0, 1)), page: '/x', referrer: 'search' });
      await db2.cdc.exportNow();
      for (const table of ['shop/Click_changelog', 'shop/Click']) {
        const metadata = await metadataOf(store, table, 2);
        expect(metadata.schemas.map((s) => s['schema-id'])).toEqual([0, 1]);
        expect(metadata['current-schema-id']).toBe(1);
        const ids = (id: number) => Object.fromEntries(metadata.schemas[id]!.fields.map((f) => [f.name, f.id]));
        expect(ids(1)).toMatchObject({ ...ids(0), referrer: 8, source: 9 });
        // Files written before lack the new column, so the table takes it as optional though the collection requires it.
        expect(metadata.schemas[1]!.fields.find((f) => f.name === 'source')!.required).toBe(false);
      }
      expect((await metadataOf(store, 'shop/Click', 2)).schemas[1]!.fields.find((f) => f.name === 'page')!.required).toBe(true);
      const rows = await changelogRows(storage, store, 'shop/Click_changelog');
      expect(rows.map((r) => [r.$id, r.page, r.referrer ?? null, r.source ?? null])).toEqual([
        ['c1', '/', null, null],
        ['c2', '/x', 'search', 'web'],
      ]);
      // Compaction rewrites c1's row, which predates `source`, under the new schema: null there.
      expect(await db2.cdc.compactIceberg('Click')).toMatchObject({ rows: 2, dataFiles: { before: 2, after: 1 } });
      expect((await metadataOf(store, 'shop/Click', 3)).schemas.map((s) => s['schema-id']), 'the schema stays as evolved').toEqual([0, 1]);
      expect((await mirrorRows(storage, store, 'shop/Click')).map((r) => [r.$id, r.referrer ?? null, r.source ?? null])).toEqual([
        ['c1', null, null],
        ['c2', 'search', 'web'],
      ]);
    });
  });

  it('refuses missing or malformed options with a typed error', async () => {
    await inDurableObject(async (storage) => {
      for (const ddl of createTablesSql(schema)) if (ddl.includes('"Order"')) storage.sql.exec(ddl);
      const db = drizzle(storage, { schema });
      await migrate(db, { migrations: {} });
      const store = freshStore();
      const cases: [Parameters<Db['cdc']['exportNow']>[0], (call: string) => RegExp][] = [
        [{}, (call) => new RegExp(`or ${call}\\(\\{ store, location, wasm \\}\\), found no store, location, wasm`)],
        [{ store, location: 'warehouse', wasm: workerdParquetWasm }, () => /expected a location URI/],
        [{ store, location: `${LOCATION}/`, wasm: workerdParquetWasm }, () => /without a trailing/],
        [{ store, location: LOCATION, wasm: workerdParquetWasm, namespace: '../up' }, () => /expected a namespace/],
        [{ store, location: LOCATION, wasm: workerdParquetWasm, limit: 0 }, () => /expected limit/],
        [{ store, location: LOCATION, wasm: workerdParquetWasm, maxRowsPerFile: 1.5 }, () => /expected maxRowsPerFile to be a whole number ≥ 1, found 1.5/],
      ];
      for (const [options, message] of cases) {
        const calls = { exportNow: () => db.cdc.exportNow(options), compactIceberg: () => db.cdc.compactIceberg('Order', options) };
        for (const [name, call] of Object.entries(calls)) {
          const error = await call().catch((e: unknown) => e);
          expect(error).toBeInstanceOf(IcebergError);
          expect([(error as IcebergError).code, (error as Error).message]).toEqual(['INVALID_OPTION', expect.stringMatching(message(name))]);
        }
      }
    });
  });
});
