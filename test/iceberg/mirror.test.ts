/**
 * The current-state mirror tables in workerd (DESIGN.md §5): merge-on-read
 * with position deletes from the Durable Object's `$id → (file, pos)`
 * index. Across exports of inserts, updates, partition moves and deletes,
 * the mirror's live rows — data files less position deletes, applied by
 * the sequence-number rule — equal the documents, at the latest snapshot
 * and at every earlier one; compaction rewrites them into new files under
 * one `replace` snapshot with no delete files, exactly once whatever
 * object-store call fails.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { defineSchema, drizzle, IcebergError, migrate } from '../../src/index.js';
import { workerdParquetWasm } from '../../src/parquet/writer/workerd-wasm.js';
import { inDurableObject } from '../support/do.js';
import { createTablesSql } from '../search/support.js';
import { currentDocuments, expectMirrorMatches, expectVersionsConsistent, freshStore, LOCATION, metadataOf, mirrorRows, mutate, open, readParquet, recordedState, rowColumns, seed, type Db, type RecordedState, withEachFailure } from './mirror-support.js';

const KEY = 'shop/Order';
const opsOf = async (store: Parameters<typeof metadataOf>[0], version: number) => (await metadataOf(store, KEY, version)).snapshots.map((s) => s.summary.operation);

/** Seed, export, mutate, export, update o2 again, export: three mirror snapshots with deletes in two partitions. */
async function history(db: Db): Promise<void> {
  seed(db);
  await db.cdc.exportNow();
  mutate(db);
  await db.cdc.exportNow();
  db.store.update('Order', 'o2', { note: 'wrapped' });
  await db.cdc.exportNow();
}

describe('the current-state mirror', () => {
  it('equals the documents after every export, and each earlier snapshot equals the documents at its export', async () => {
    await inDurableObject(async (storage) => {
      const store = freshStore();
      const db = await open(storage, store);
      const taken: { state: RecordedState; documents: unknown[][] }[] = [];
      const exportAndTake = async () => {
        const result = await db.cdc.exportNow();
        expect(db.cdc.getCDCCursor().unsynced).toBe(0);
        taken.push({ state: recordedState(storage, KEY), documents: currentDocuments(db, 'Order') });
        await expectMirrorMatches(storage, store, db, 'Order', `after export ${taken.length}`);
        return result;
      };
      seed(db);
      await exportAndTake();
      mutate(db); // o1 updated, o2 moved from us to eu, o3 deleted
      await exportAndTake();
      const second = recordedState(storage, KEY);
      expect(second.files.deletes.map((f) => [f.partition, f.recordCount]).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual([
        [{ region: 'eu' }, 2], // o1 and o3 in the eu file
        [{ region: 'us' }, 1], // o2 in the us file, though its new row is in eu
      ]);
      // Created, updated twice; created and deleted; updated: only final images, and none for o5.
      db.store.create('Order', { $id: 'o4', region: 'us', amount: '1.00', placedAt: new Date(Date.UTC(2026, 1, 1)) });
      db.store.update('Order', 'o4', { note: 'a' });
      db.store.update('Order', 'o4', { note: 'b' });
      db.store.create('Order', { $id: 'o5', region: 'us', amount: '2.00', placedAt: new Date(Date.UTC(2026, 1, 2)) });
      db.store.delete('Order', 'o5');
      db.store.update('Order', 'o2', { amount: '5.25' });
      await exportAndTake();
      db.store.delete('Order', 'o1');
      await exportAndTake();
      // A document created and deleted between two exports: the changelog has both, the mirror no snapshot.
      db.store.create('Order', { $id: 'o6', region: 'eu', amount: '3.00', placedAt: new Date(Date.UTC(2026, 1, 3)) });
      db.store.delete('Order', 'o6');
      const last = await db.cdc.exportNow();
      expect(last.tables.map((t) => t.key)).toEqual(['shop/Order_changelog']);
      expect(last.entries).toBe(2);
      expect(recordedState(storage, KEY)).toMatchObject({ version: 4, throughSeq: db.cdc.getCDCCursor().lastSeq });

      expect(await opsOf(store, 4)).toEqual(['append', 'overwrite', 'overwrite', 'delete']);
      const summaries = (await metadataOf(store, KEY, 4)).snapshots.map((s) => s.summary);
      expect(summaries.map((s) => [s['added-records'], s['added-position-deletes'] ?? '0', s['icetype.cdc.max-seq']])).toEqual([
        ['3', '0', '3'],
        ['2', '3', '9'],
        ['2', '1', '16'], // o4 (new) and o2; only o2 had a row
        ['0', '1', '17'],
      ]);
      // Time travel: each snapshot's files, as recorded then and still in the store, hold the documents of its export.
      for (const [i, { state, documents }] of taken.entries()) {
        expect((await mirrorRows(storage, store, KEY, state)).map(rowColumns), `snapshot ${i + 1}`).toEqual(documents);
        const snapshot = (await metadataOf(store, KEY, state.version)).snapshots.at(-1)!;
        expect(snapshot.summary['icetype.cdc.max-seq']).toBe(String(state.throughSeq));
        expect(snapshot.summary['total-records']).toBe(String(state.files.data.reduce((n, f) => n + f.recordCount, 0)));
        expect(snapshot.summary['total-position-deletes']).toBe(String(state.files.deletes.reduce((n, f) => n + f.recordCount, 0)));
      }
      expect(taken.map((t) => t.documents.length)).toEqual([3, 2, 3, 2]);
    });
  });

  it('writes at most maxRowsPerFile rows per data and delete file, each data file sorted by $id', async () => {
    await inDurableObject(async (storage) => {
      const store = freshStore();
      const db = await open(storage, store, { maxRowsPerFile: 2 });
      const ids = ['e5', 'e1', 'e4', 'e2', 'e3'];
      for (const $id of ids) db.store.create('Order', { $id, region: 'eu', amount: '1.00', placedAt: new Date(Date.UTC(2026, 0, 1)) });
      const first = await db.cdc.exportNow();
      expect(first.tables.map((t) => [t.key, t.files])).toEqual([
        ['shop/Order_changelog', 3],
        [KEY, 3],
      ]);
      const files = recordedState(storage, KEY).files.data;
      const idsByFile = await Promise.all(files.map(async (f) => (await readParquet(store, f.path)).toArray().map((r) => (r.toJSON() as { $id: string }).$id)));
      expect(idsByFile).toEqual([['e1', 'e2'], ['e3', 'e4'], ['e5']]);
      for (const $id of ids) db.store.update('Order', $id, { note: 'n' });
      await db.cdc.exportNow();
      expect(recordedState(storage, KEY).files.deletes.map((f) => f.recordCount)).toEqual([2, 2, 1]);
      await expectMirrorMatches(storage, store, db, 'Order');
      const compacted = await db.cdc.compactIceberg('Order');
      expect(compacted).toMatchObject({ rows: 5, dataFiles: { before: 6, after: 3 }, deleteFiles: 3 });
      await expectMirrorMatches(storage, store, db, 'Order', 'after compaction');
    });
  });

  it('compacts into new files without deleted rows: the same live rows, no delete files, one replace snapshot', async () => {
    await inDurableObject(async (storage) => {
      const store = freshStore();
      const db = await open(storage, store);
      await history(db);
      const before = recordedState(storage, KEY);
      const documents = currentDocuments(db, 'Order');
      expect(before.files.deletes.length).toBeGreaterThan(0);
      const result = await db.cdc.compactIceberg('Order');
      expect(result).toEqual({
        key: KEY,
        snapshotId: expect.any(Number),
        rows: 2,
        dataFiles: { before: before.files.data.length, after: 1 },
        deleteFiles: before.files.deletes.length,
        changelog: { key: `${KEY}_changelog`, snapshotId: expect.any(Number), rows: expect.any(Number), dataFiles: expect.any(Object) },
      });
      const after = recordedState(storage, KEY);
      expect(after).toMatchObject({ version: before.version + 1, throughSeq: before.throughSeq, files: { deletes: [] } });
      expect(after.files.data.map((f) => [f.partition, f.recordCount])).toEqual([[{ region: 'eu' }, 2]]); // o1 and o2; o3 deleted, o2 moved from us
      // Only its own manifests: the new file added, every old data and delete file deleted.
      expect(after.manifests.map((m) => [m.content, m.added_snapshot_id, m.added_files_count, m.existing_files_count, m.deleted_files_count])).toEqual([
        [0, result.snapshotId, 1, 0, 0],
        [0, result.snapshotId, 0, 0, before.files.data.length],
        [1, result.snapshotId, 0, 0, before.files.deletes.length],
      ]);
      const metadata = await metadataOf(store, KEY, after.version);
      expect(metadata.snapshots.filter((s) => s.summary.operation === 'replace')).toHaveLength(1);
      expect(metadata.snapshots.at(-1)!.summary).toMatchObject({
        operation: 'replace',
        'added-records': '2',
        'deleted-data-files': String(before.files.data.length),
        'removed-delete-files': String(before.files.deletes.length),
        'total-data-files': '1',
        'total-delete-files': '0',
        'total-records': '2',
        'total-position-deletes': '0',
        'icetype.cdc.max-seq': String(before.throughSeq),
      });
      await expectMirrorMatches(storage, store, db, 'Order', 'after compaction');
      expect((await mirrorRows(storage, store, KEY, before)).map(rowColumns), 'the snapshot before still reads the same').toEqual(documents);
      // Nothing left to compact; the next export deletes from the compacted file.
      expect(await db.cdc.compactIceberg('Order')).toMatchObject({ snapshotId: null, dataFiles: { before: 1, after: 1 } });
      db.store.update('Order', 'o1', { note: 'after' });
      const next = await db.cdc.exportNow();
      expect(next.tables.find((t) => t.key === KEY)).toMatchObject({ files: 1, deleteFiles: 1 });
      await expectMirrorMatches(storage, store, db, 'Order', 'export after compaction');
    });
  });

  it('queues compaction with exports, so a compaction asked for during an export sees it', async () => {
    await inDurableObject(async (storage) => {
      const store = freshStore();
      const db = await open(storage, store);
      seed(db);
      await db.cdc.exportNow();
      mutate(db);
      const [exported, compacted] = await Promise.all([db.cdc.exportNow(), db.cdc.compactIceberg('Click')]);
      expect(exported.entries).toBe(4);
      // The day with two files is rewritten (3 rows); the day with one file and no deletes stays.
      expect(compacted).toMatchObject({ key: 'shop/Click', rows: 3, dataFiles: { before: 3, after: 2 }, deleteFiles: 0 });
      await expectMirrorMatches(storage, store, db, 'Click');
    });
  });

  it('rewrites only the partitions that need it: a day with one file and no deletes stays, and later deletes still find its rows', async () => {
    await inDurableObject(async (storage) => {
      const store = freshStore();
      const db = await open(storage, store, { autoCompactFiles: 0 });
      const CLICK = 'shop/Click';
      db.store.create('Click', { $id: 'k1', at: new Date(Date.UTC(2026, 0, 1, 9)), page: '/a' });
      db.store.create('Click', { $id: 'k2', at: new Date(Date.UTC(2026, 0, 2, 9)), page: '/b' });
      await db.cdc.exportNow();
      db.store.update('Click', 'k1', { page: '/a2' });
      await db.cdc.exportNow();
      const before = recordedState(storage, CLICK);
      // Day 1: k1's two versions in two files, and a delete file; day 2: k2's one file.
      const day2 = before.files.data.filter((f) => before.files.data.filter((g) => JSON.stringify(g.partition) === JSON.stringify(f.partition)).length === 1);
      expect([before.files.data.length, before.files.deletes.length, day2.length]).toEqual([3, 1, 1]);
      const result = await db.cdc.compactIceberg('Click');
      expect(result).toMatchObject({ rows: 1, dataFiles: { before: 3, after: 2 }, deleteFiles: 1 });
      const after = recordedState(storage, CLICK);
      expect(after.files.data.map((f) => f.path)).toContain(day2[0]!.path);
      expect(after.files.deletes).toEqual([]);
      const snapshotId = result.snapshotId;
      expect(after.manifests.map((m) => [m.added_snapshot_id, m.added_files_count, m.existing_files_count, m.deleted_files_count])).toEqual([
        [snapshotId, 1, 0, 0],
        [snapshotId, 0, 0, 2],
        [snapshotId, 0, 0, 1],
        [snapshotId, 0, 1, 0],
      ]);
      await expectMirrorMatches(storage, store, db, 'Click', 'after a partial compaction');
      // k2's place in the kept file is still indexed: deleting it writes a position delete against that file.
      db.store.delete('Click', 'k2');
      const next = await db.cdc.exportNow();
      expect(next.tables.find((t) => t.key === CLICK)).toMatchObject({ files: 0, deleteFiles: 1 });
      await expectMirrorMatches(storage, store, db, 'Click', 'a delete in the kept partition');
    });
  });

  it('compacts exactly once when any object-store call fails and compaction runs again', async () => {
    const calls = await withEachFailure(
      'compaction',
      async (storage, store) => {
        const db = await open(storage, store);
        await history(db);
        return db;
      },
      (db, store) => db.cdc.compactIceberg('Order', { store }),
      async ({ storage, store, db }, message) => {
        const state = recordedState(storage, KEY);
        expect(state.files.deletes, message).toEqual([]);
        expect(await expectVersionsConsistent(store, KEY, message)).toBe(state.version);
        expect(await opsOf(store, state.version), message).toEqual(['append', 'overwrite', 'overwrite', 'replace']);
        await expectMirrorMatches(storage, store, db, 'Order', message);
        // The index is the compacted table's: the next export's deletes land on the new file.
        db.store.delete('Order', 'o1');
        await db.cdc.exportNow({ store });
        await expectMirrorMatches(storage, store, db, 'Order', `${message}, then an export`);
      },
    );
    expect(calls).toBeGreaterThan(10);
  }, 300_000);

  it('reports what it cannot compact with typed errors', async () => {
    await inDurableObject(async (storage) => {
      const store = freshStore();
      const db = await open(storage, store);
      expect(await db.cdc.compactIceberg('Order'), 'no table yet').toEqual({
        key: KEY,
        snapshotId: null,
        rows: 0,
        dataFiles: { before: 0, after: 0 },
        deleteFiles: 0,
        changelog: { key: `${KEY}_changelog`, snapshotId: null, rows: 0, dataFiles: { before: 0, after: 0 } },
      });
      expectTypeOf(db.cdc.compactIceberg).parameter(0).toEqualTypeOf<'Order' | 'Click'>();
      const unknown = await db.cdc.compactIceberg('Nope' as 'Order').catch((e: unknown) => e);
      expect(unknown).toBeInstanceOf(IcebergError);
      expect([(unknown as IcebergError).code, (unknown as Error).message]).toEqual(['UNKNOWN_COLLECTION', 'expected a collection of the schema (Order, Click), found "Nope"']);
      await history(db);
      const live = recordedState(storage, KEY).files.data.at(-1)!; // o2's latest row: live, so compaction must read it
      await store.delete([live.path.slice(`${LOCATION}/`.length)]);
      const missing = await db.cdc.compactIceberg('Order').catch((e: unknown) => e);
      expect([(missing as IcebergError).code, (missing as Error).message]).toEqual(['MISSING_DATA_FILE', `expected the live data file ${live.path} of ${KEY} in the object store, found none`]);
      expect(recordedState(storage, KEY).files.deletes.length, 'nothing committed').toBeGreaterThan(0);
    });
    await inDurableObject(async (storage) => {
      // A collection named like another's changelog would share its key.
      const clash = defineSchema({ Log: { text: 'string' }, Log_changelog: { text: 'string' } } as const);
      for (const ddl of createTablesSql(clash)) storage.sql.exec(ddl);
      const db = drizzle(storage, { schema: clash, iceberg: { store: freshStore(), location: LOCATION, namespace: 'shop', wasm: workerdParquetWasm } });
      await migrate(db, { migrations: {} });
      db.store.create('Log', { text: 'a' });
      db.store.create('Log_changelog', { text: 'b' });
      const error = await db.cdc.exportNow().catch((e: unknown) => e);
      expect([(error as IcebergError).code, (error as Error).message]).toEqual(['TABLE_KEY_CONFLICT', 'expected shop/Log_changelog to be the mirror table of Log_changelog, found the changelog table of Log']);
      expect(db.cdc.getCDCCursor().unsynced).toBe(1);
    });
  });
});
