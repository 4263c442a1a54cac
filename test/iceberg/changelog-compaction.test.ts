/**
 * Compaction of a changelog table (`compactChangelog`, run by
 * `db.cdc.compactIceberg` and, past `autoCompactFiles` live files, by the
 * export itself): in each partition, the files of fewer than
 * `maxRowsPerFile` rows are merged into as few files as that allows, in
 * `_seq` order, and one `replace` snapshot lists the new files ADDED, the
 * merged ones DELETED and the rest EXISTING — the table holds the same
 * history. Exactly once when any object-store call fails. With the history
 * limits, this keeps a streaming export's record of each table bounded.
 * test-node/ reads a compacted changelog (and time-travels before it) with
 * DuckDB, avsc, python3-avro and icebird.
 */
import { describe, expect, it } from 'vitest';
import { inDurableObject } from '../support/do.js';
import { changelogRows, expectMirrorMatches, expectVersionsConsistent, freshStore, metadataOf, open, readParquet, recordedState, withEachFailure, type Db } from './mirror-support.js';

const KEY = 'shop/Order_changelog';

const order = (i: number, region: string) => ({ $id: `o${String(i).padStart(3, '0')}`, region, amount: '1.00', placedAt: new Date(Date.UTC(2026, 0, 1 + (i % 20))) });

/** The seqs of the Order changes, in order: what the changelog must hold once each. */
const history = (db: Db) => db.cdc.getChangesAfter(0, 10_000).filter((c) => c.collection === 'Order').map((c) => c.seq);
const seqsIn = async (storage: DurableObjectStorage, store: Parameters<typeof changelogRows>[1]) => (await changelogRows(storage, store, KEY)).map((r) => Number(r['_seq'])).sort((a, b) => a - b);

/** Files in "eu": one full (4 rows), then a 1-row and a 2-row one; in "us": a lone 1-row file. */
async function smallFiles(db: Db): Promise<void> {
  db.store.createMany('Order', [1, 2, 3, 4].map((i) => order(i, 'eu')));
  await db.cdc.exportNow();
  db.store.create('Order', order(5, 'eu'));
  db.store.create('Order', order(6, 'us'));
  await db.cdc.exportNow();
  db.store.update('Order', 'o001', { note: 'a' });
  db.store.update('Order', 'o002', { note: 'b' });
  await db.cdc.exportNow();
}

describe('changelog compaction', () => {
  it('merges each partition’s small files in _seq order, keeps full and lone files, and commits one replace snapshot', async () => {
    await inDurableObject(async (storage) => {
      const store = freshStore();
      const db = await open(storage, store, { maxRowsPerFile: 4, autoCompactFiles: 0 });
      await smallFiles(db);
      const before = recordedState(storage, KEY);
      expect(before.files.data.map((f) => [f.partition['region'], f.recordCount])).toEqual([['eu', 4], ['eu', 1], ['us', 1], ['eu', 2]]);
      const result = await db.cdc.compactIceberg('Order');
      expect(result.changelog).toEqual({ key: KEY, snapshotId: expect.any(Number), rows: 3, dataFiles: { before: 4, after: 3 } });
      const after = recordedState(storage, KEY);
      expect(after.files.data.map((f) => [f.partition['region'], f.recordCount])).toEqual([['eu', 4], ['us', 1], ['eu', 3]]);
      expect(after.version).toBe(before.version + 1);
      expect(after.throughSeq).toBe(before.throughSeq);
      // The merged file holds o005's insert and the two updates, in _seq order.
      const merged = (await readParquet(store, after.files.data.at(-1)!.path)).toArray().map((r) => r.toJSON() as Record<string, unknown>);
      expect(merged.map((r) => `${String(r['$id'])} ${String(r['_op'])}`)).toEqual(['o005 insert', 'o001 update', 'o002 update']);
      const seqs = merged.map((r) => Number(r['_seq']));
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(await seqsIn(storage, store)).toEqual(history(db));
      // Its manifests: the new file ADDED, the two merged ones DELETED, the two kept EXISTING.
      expect(after.manifests.map((m) => [m.content, m.added_snapshot_id, m.added_files_count, m.existing_files_count, m.deleted_files_count])).toEqual([
        [0, result.changelog.snapshotId, 1, 0, 0],
        [0, result.changelog.snapshotId, 0, 0, 2],
        [0, result.changelog.snapshotId, 0, 2, 0],
      ]);
      const metadata = await metadataOf(store, KEY, after.version);
      expect(metadata.snapshots.at(-1)!.summary).toMatchObject({ operation: 'replace', 'added-data-files': '1', 'deleted-data-files': '2', 'added-records': '3', 'deleted-records': '3', 'total-data-files': '3', 'total-records': '8' });
      // Nothing more to merge: a lone small file per partition.
      expect((await db.cdc.compactIceberg('Order')).changelog).toMatchObject({ snapshotId: null, dataFiles: { before: 3, after: 3 } });
      // Exports go on appending after it.
      db.store.delete('Order', 'o003');
      await db.cdc.exportNow();
      expect(await seqsIn(storage, store)).toEqual(history(db));
      await expectMirrorMatches(storage, store, db, 'Order');
    });
  });

  it('compacts exactly once when any object-store call fails and compaction runs again', async () => {
    const calls = await withEachFailure(
      'changelog compaction',
      async (storage, store) => {
        const db = await open(storage, store, { maxRowsPerFile: 4, autoCompactFiles: 0 });
        await smallFiles(db);
        return db;
      },
      (db, store) => db.cdc.compactIceberg('Order', { store }),
      async ({ storage, store, db }, message) => {
        const state = recordedState(storage, KEY);
        expect(state.files.data.map((f) => f.recordCount), message).toEqual([4, 1, 3]);
        expect(await expectVersionsConsistent(store, KEY, message)).toBe(state.version);
        expect((await metadataOf(store, KEY, state.version)).snapshots.map((s) => s.summary.operation), message).toEqual(['append', 'append', 'append', 'replace']);
        expect(await seqsIn(storage, store), message).toEqual(history(db));
        await expectMirrorMatches(storage, store, db, 'Order', message);
      },
    );
    expect(calls).toBeGreaterThan(10);
  }, 120_000);

  it('lets an export stand when its automatic compaction fails, reporting why; the next export tries again', async () => {
    await inDurableObject(async (storage) => {
      const store = freshStore();
      const db = await open(storage, store, { autoCompactFiles: 3 });
      db.store.createMany('Order', [order(1, 'eu'), order(2, 'eu')]);
      await db.cdc.exportNow();
      db.store.update('Order', 'o001', { note: 'a' });
      await db.cdc.exportNow(); // mirror: 2 data files and a delete file — past 3 after the next export
      const lost = recordedState(storage, 'shop/Order').files.data[0]!; // still holds o002's live row
      await store.delete([lost.path.slice(lost.path.indexOf('shop/'))]);
      db.store.update('Order', 'o001', { note: 'b' });
      const result = await db.cdc.exportNow();
      expect(result.entries).toBe(1);
      expect(db.cdc.getCDCCursor().unsynced).toBe(0);
      expect(result.compactionErrors).toEqual([{ key: 'shop/Order', code: 'MISSING_DATA_FILE', message: `expected the live data file ${lost.path} of shop/Order in the object store, found none` }]);
      expect(result.compacted).toEqual([]); // the changelog holds 3 files: not past the limit yet
      expect(await seqsIn(storage, store)).toEqual(history(db));
      // The next export tries the mirror again; the changelog, now past the limit, is compacted regardless.
      db.store.update('Order', 'o001', { note: 'c' });
      const next = await db.cdc.exportNow();
      expect([next.entries, next.compactionErrors.map((e) => e.code), next.compacted.map((c) => c.key)]).toEqual([1, ['MISSING_DATA_FILE'], [KEY]]);
      expect(await seqsIn(storage, store)).toEqual(history(db));
    });
  });

  it('keeps a streaming export’s record of each table bounded: history limits plus compaction past autoCompactFiles', async () => {
    await inDurableObject(async (storage) => {
      const store = freshStore();
      const db = await open(storage, store, { maxSnapshots: 10, maxMetadataLog: 10, maxManifests: 8, autoCompactFiles: 12 });
      const bytes = () => storage.sql.exec<{ n: number }>("SELECT sum(length(state)) AS n FROM _iceberg_tables WHERE key IN ('shop/Order_changelog', 'shop/Order')").one().n;
      const sizes: number[] = [];
      let compactions = 0;
      for (let i = 1; i <= 120; i++) {
        if (i % 3 === 0) db.store.update('Order', `o${String(i - 1).padStart(3, '0')}`, { note: `n${i}` });
        else db.store.create('Order', order(i, i % 2 === 0 ? 'eu' : 'us'));
        const result = await db.cdc.exportNow();
        compactions += result.compacted.length;
        if (i % 30 === 0) sizes.push(bytes());
      }
      // Compacted again and again; the record stops growing (it grew by about 3.5 KB per export before).
      expect(compactions).toBeGreaterThan(10);
      expect(Math.max(...sizes)).toBeLessThan(40_000);
      expect(sizes.at(-1)! - sizes[0]!).toBeLessThan(5_000);
      for (const key of [KEY, 'shop/Order']) {
        const state = recordedState(storage, key);
        expect(state.files.data.length + state.files.deletes.length, key).toBeLessThanOrEqual(12 + 4);
      }
      expect(await seqsIn(storage, store)).toEqual(history(db));
      await expectMirrorMatches(storage, store, db, 'Order');
    });
  }, 120_000);
});
