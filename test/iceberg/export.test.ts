/**
 * The change-log export to Iceberg in workerd (issue 6 §2), into the test
 * worker's real R2 binding: changelog tables per collection, one snapshot
 * per export with partitioned data files, metadata versions committed with
 * create-only puts, entries marked synced only after the commit — and,
 * with a failure injected after every object-store call, a rerun that
 * neither loses nor duplicates a change. Data files are read back with
 * parquet-wasm's reader (parquet-rs); test-node/ checks the same files with
 * DuckDB, avsc, python3-avro and icebird.
 */
import { env } from 'cloudflare:workers';
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { defineSchema, drizzle, IcebergError, migrate, r2ObjectStore, type ObjectStore } from '../../src/index.js';
import { workerdParquetWasm } from '../../src/parquet/writer/workerd-wasm.js';
import { inDurableObject } from '../support/do.js';
import { createTablesSql } from '../search/support.js';

const schema = defineSchema({
  Order: { $partitionBy: ['region'], region: 'string!', amount: 'decimal(10,2)', placedAt: 'timestamp!', note: 'string?' },
  Click: { $storage: 'batched', $partitionBy: ['at'], at: 'timestamp!', page: 'string!' },
} as const);

const LOCATION = 'r2://warehouse-bucket/warehouse';

async function open(storage: DurableObjectStorage, store: ObjectStore) {
  for (const ddl of createTablesSql(schema)) if (ddl.includes('"Order"')) storage.sql.exec(ddl);
  const db = drizzle(storage, { schema, iceberg: { store, location: LOCATION, namespace: 'shop', wasm: workerdParquetWasm } });
  await migrate(db, { migrations: {} });
  return db;
}

type Db = Awaited<ReturnType<typeof open>>;

const DAY = 86_400_000;
function seed(db: Db) {
  db.store.createMany('Order', [
    { $id: 'o1', region: 'eu', amount: '10.50', placedAt: new Date(Date.UTC(2026, 0, 1)) },
    { $id: 'o2', region: 'us', amount: '99.99', placedAt: new Date(Date.UTC(2026, 0, 2)), note: 'gift' },
    { $id: 'o3', region: 'eu', amount: '0.01', placedAt: new Date(Date.UTC(2026, 0, 3)) },
  ]);
  db.store.createMany('Click', [
    { $id: 'c1', at: new Date(Date.UTC(2026, 0, 1, 10)), page: '/' },
    { $id: 'c2', at: new Date(Date.UTC(2026, 0, 1, 23)), page: '/cart' },
    { $id: 'c3', at: new Date(Date.UTC(2026, 0, 1) + DAY), page: '/pay' },
  ]);
}

/** The live data files of a table (the Durable Object's record) read back as rows. */
async function tableRows(storage: DurableObjectStorage, store: ObjectStore, key: string): Promise<Record<string, unknown>[]> {
  const row = storage.sql.exec<{ state: string }>('SELECT state FROM _iceberg_tables WHERE key = ?', key).one();
  const state = JSON.parse(row.state) as { files: { data: string[] } };
  const rows: Record<string, unknown>[] = [];
  for (const path of state.files.data) {
    const bytes = await store.get(path.slice(`${LOCATION}/`.length));
    const table = tableFromIPC(workerdParquetWasm().readParquet(bytes!).intoIPCStream());
    for (const record of table.toArray()) rows.push(record.toJSON() as Record<string, unknown>);
  }
  return rows.sort((a, b) => Number(a._seq) - Number(b._seq));
}

const metadataOf = async (store: ObjectStore, key: string, version: number) =>
  JSON.parse(new TextDecoder().decode((await store.get(`${key}/metadata/v${version}.metadata.json`))!)) as Record<string, unknown> & {
    snapshots: { 'snapshot-id': number; 'parent-snapshot-id'?: number; summary: Record<string, string>; 'sequence-number': number }[];
    schemas: { 'schema-id': number; fields: { id: number; name: string; required: boolean }[] }[];
  };

describe('exporting the change log to Iceberg', () => {
  it('commits one snapshot per export to each collection’s changelog table, then marks the entries synced', async () => {
    await inDurableObject(async (storage) => {
      const store = r2ObjectStore(env.BUCKET, `${crypto.randomUUID()}/`);
      const db = await open(storage, store);
      seed(db);
      const first = await db.cdc.exportNow();
      expect(first.entries).toBe(6);
      expect(first.tables.map((t) => [t.key, t.entries, t.files])).toEqual([
        ['shop/Order_changelog', 3, 2], // two regions
        ['shop/Click_changelog', 3, 2], // two days
      ]);
      expect(db.cdc.getCDCCursor()).toMatchObject({ unsynced: 0, syncedThrough: 6 });
      expect(new TextDecoder().decode((await store.get('shop/Order_changelog/metadata/version-hint.text'))!)).toBe('1');
      db.store.update('Order', 'o1', { note: 'rush' });
      db.store.delete('Order', 'o3');
      const second = await db.cdc.exportNow();
      expect(second.tables.map((t) => [t.key, t.entries])).toEqual([['shop/Order_changelog', 2]]);
      const v2 = await metadataOf(store, 'shop/Order_changelog', 2);
      expect(v2.snapshots).toHaveLength(2);
      expect(v2.snapshots[1]!['parent-snapshot-id']).toBe(v2.snapshots[0]!['snapshot-id']);
      expect(v2.snapshots[1]!['sequence-number']).toBe(2);
      expect(v2.snapshots[1]!.summary).toMatchObject({ operation: 'append', 'added-records': '2', 'total-records': '5', 'icetype.cdc.max-seq': '8' });
      expect(v2['current-snapshot-id']).toBe(v2.snapshots[1]!['snapshot-id']);
      expect(v2['metadata-log']).toEqual([{ 'timestamp-ms': expect.any(Number), 'metadata-file': `${LOCATION}/shop/Order_changelog/metadata/v1.metadata.json` }]);
      const rows = await tableRows(storage, store, 'shop/Order_changelog');
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
      expect(await db.cdc.exportNow()).toEqual({ tables: [], entries: 0, skipped: 0 });
    });
  });

  it('neither loses nor duplicates a change when any object-store call fails and the export runs again', async () => {
    // Count the calls of a clean export, then fail each one in turn.
    const calls = await inDurableObject(async (storage) => {
      const counting = countingStore(r2ObjectStore(env.BUCKET, `${crypto.randomUUID()}/`));
      const db = await open(storage, counting.store);
      seed(db);
      await db.cdc.exportNow();
      return counting.calls();
    });
    expect(calls).toBeGreaterThan(10);
    for (let failAt = 1; failAt <= calls; failAt++) {
      await inDurableObject(async (storage) => {
        const inner = r2ObjectStore(env.BUCKET, `${crypto.randomUUID()}/`);
        const db = await open(storage, failingStore(inner, failAt));
        seed(db);
        await expect(db.cdc.exportNow()).rejects.toThrow(/injected failure/);
        const unsyncedAfterFailure = db.cdc.getCDCCursor().unsynced;
        await db.cdc.exportNow({ store: inner });
        expect(db.cdc.getCDCCursor().unsynced, `failure at call ${failAt}`).toBe(0);
        expect(unsyncedAfterFailure).toBeGreaterThanOrEqual(0);
        const seqs = [...(await tableRows(storage, inner, 'shop/Order_changelog')), ...(await tableRows(storage, inner, 'shop/Click_changelog'))].map((r) => Number(r._seq)).sort((a, b) => a - b);
        expect(seqs, `failure at call ${failAt}`).toEqual([1, 2, 3, 4, 5, 6]);
        for (const table of ['shop/Order_changelog', 'shop/Click_changelog']) {
          const versions = (await inner.list(`${table}/metadata/`)).filter((k) => k.endsWith('.metadata.json'));
          const hint = Number(new TextDecoder().decode((await inner.get(`${table}/metadata/version-hint.text`))!));
          expect(versions.length, `failure at call ${failAt}`).toBe(hint);
          const metadata = await metadataOf(inner, table, hint);
          expect(metadata.snapshots.reduce((n, s) => n + Number(s.summary['added-records']), 0)).toBe(3);
        }
      });
    }
  }, 120_000);

  it('stops with COMMIT_CONFLICT when another writer committed the version first, marking nothing synced', async () => {
    await inDurableObject(async (storage) => {
      const store = r2ObjectStore(env.BUCKET, `${crypto.randomUUID()}/`);
      const db = await open(storage, store);
      seed(db);
      await store.put('shop/Order_changelog/metadata/v1.metadata.json', JSON.stringify({ 'current-snapshot-id': 42 }));
      const error = await db.cdc.exportNow().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IcebergError);
      expect((error as IcebergError).code).toBe('COMMIT_CONFLICT');
      expect(db.cdc.getCDCCursor().unsynced).toBe(6);
      expect(storage.sql.exec('SELECT pending FROM _iceberg_tables').toArray()).toEqual([{ pending: null }]);
    });
  });

  it('turns a schema change into a new Iceberg schema, keeping the field ids of the old one', async () => {
    await inDurableObject(async (storage) => {
      const store = r2ObjectStore(env.BUCKET, `${crypto.randomUUID()}/`);
      const db = await open(storage, store);
      db.store.create('Click', { $id: 'c1', at: new Date(Date.UTC(2026, 0, 1)), page: '/' });
      await db.cdc.exportNow();
      const evolved = defineSchema({ ...schema.definition, Click: { ...schema.definition.Click, referrer: 'string?' } } as const);
      const db2 = drizzle(storage, { schema: evolved, iceberg: { store, location: LOCATION, namespace: 'shop', wasm: workerdParquetWasm } });
      await migrate(db2, { migrations: {} });
      db2.store.create('Click', { $id: 'c2', at: new Date(Date.UTC(2026, 0, 1)), page: '/x', referrer: 'search' });
      await db2.cdc.exportNow();
      const metadata = await metadataOf(store, 'shop/Click_changelog', 2);
      expect(metadata.schemas.map((s) => s['schema-id'])).toEqual([0, 1]);
      expect(metadata['current-schema-id']).toBe(1);
      const ids = (id: number) => Object.fromEntries(metadata.schemas[id]!.fields.map((f) => [f.name, f.id]));
      expect(ids(1)).toMatchObject({ ...ids(0), referrer: 8 });
      const rows = await tableRows(storage, store, 'shop/Click_changelog');
      expect(rows.map((r) => [r.$id, r.page, r.referrer ?? null])).toEqual([
        ['c1', '/', null],
        ['c2', '/x', 'search'],
      ]);
    });
  });

  it('refuses missing or malformed options with a typed error', async () => {
    await inDurableObject(async (storage) => {
      for (const ddl of createTablesSql(schema)) if (ddl.includes('"Order"')) storage.sql.exec(ddl);
      const db = drizzle(storage, { schema });
      await migrate(db, { migrations: {} });
      const store = r2ObjectStore(env.BUCKET, 'x/');
      const cases: [Parameters<Db['cdc']['exportNow']>[0], RegExp][] = [
        [{}, /found no store, location, wasm/],
        [{ store, location: 'warehouse', wasm: workerdParquetWasm }, /expected a location URI/],
        [{ store, location: `${LOCATION}/`, wasm: workerdParquetWasm }, /without a trailing/],
        [{ store, location: LOCATION, wasm: workerdParquetWasm, namespace: '../up' }, /expected a namespace/],
        [{ store, location: LOCATION, wasm: workerdParquetWasm, limit: 0 }, /expected limit/],
      ];
      for (const [options, message] of cases) {
        const error = await db.cdc.exportNow(options).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(IcebergError);
        expect([(error as IcebergError).code, (error as Error).message]).toEqual(['INVALID_OPTION', expect.stringMatching(message)]);
      }
    });
  });
});

function countingStore(inner: ObjectStore) {
  let n = 0;
  const count =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    (...args: A) => {
      n++;
      return fn(...args);
    };
  return { store: { get: count(inner.get), put: count(inner.put), putIfAbsent: count(inner.putIfAbsent), list: count(inner.list), delete: count(inner.delete) } as ObjectStore, calls: () => n };
}

/** `inner`, except that call number `failAt` throws (before doing anything). */
function failingStore(inner: ObjectStore, failAt: number): ObjectStore {
  let n = 0;
  const guard =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A) => {
      if (++n === failAt) throw new Error(`injected failure at call ${failAt}`);
      return fn(...args);
    };
  return { get: guard(inner.get), put: guard(inner.put), putIfAbsent: guard(inner.putIfAbsent), list: guard(inner.list), delete: guard(inner.delete) };
}
