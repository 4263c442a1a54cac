/**
 * What keeps a streaming export from growing each table's metadata — and
 * the Durable Object's record of it, one SQLite value under the row limit —
 * with every commit: snapshots past `maxSnapshots` expire, the metadata log
 * keeps `maxMetadataLog` entries, and manifest lists past `maxManifests`
 * merge their carried manifests into one per content kind (EXISTING
 * entries). The tables keep every row. test-node/ reads merged manifests
 * with avsc, python3-avro, DuckDB and icebird.
 */
import { describe, expect, it } from 'vitest';
import { IcebergError } from '../../src/index.js';
import { inDurableObject } from '../support/do.js';
import { changelogRows, expectMirrorMatches, freshStore, metadataOf, open, recordedState, seed } from './mirror-support.js';

const stateBytes = (storage: DurableObjectStorage, key: string) => storage.sql.exec<{ n: number }>('SELECT length(state) AS n FROM _iceberg_tables WHERE key = ?', key).one().n;

describe('history limits of the exported tables', () => {
  it('keeps the newest snapshots and metadata files, merges manifests, and loses no row', async () => {
    await inDurableObject(async (storage) => {
      const store = freshStore();
      const db = await open(storage, store, { maxSnapshots: 5, maxMetadataLog: 3, maxManifests: 4 });
      seed(db);
      await db.cdc.exportNow();
      const sizes = new Map<number, number>();
      for (let i = 1; i <= 30; i++) {
        db.store.update('Order', 'o1', { note: `n${i}` });
        if (i % 7 === 0) db.store.create('Order', { $id: `x${i}`, region: i % 2 === 0 ? 'eu' : 'us', amount: '1.00', placedAt: new Date(Date.UTC(2026, 1, i)) });
        await db.cdc.exportNow();
        if (i === 15 || i === 30) sizes.set(i, stateBytes(storage, 'shop/Order_changelog') + stateBytes(storage, 'shop/Order'));
      }
      for (const key of ['shop/Order_changelog', 'shop/Order']) {
        const state = recordedState(storage, key);
        expect(state.version).toBe(31);
        const metadata = await metadataOf(store, key, state.version);
        // The five newest snapshots, the current one last; the log lists exactly those.
        expect(metadata.snapshots.map((s) => s['sequence-number'])).toEqual([27, 28, 29, 30, 31]);
        expect(metadata.snapshots.at(-1)!['snapshot-id']).toBe(metadata['current-snapshot-id']);
        expect((metadata['snapshot-log'] as { 'snapshot-id': number }[]).map((e) => e['snapshot-id'])).toEqual(metadata.snapshots.map((s) => s['snapshot-id']));
        expect((metadata['metadata-log'] as { 'metadata-file': string }[]).map((e) => e['metadata-file'].split('/').at(-1))).toEqual(['v28.metadata.json', 'v29.metadata.json', 'v30.metadata.json']);
        // At most four manifests carried; merged ones list EXISTING entries for every live file.
        expect(state.manifests.length).toBeLessThanOrEqual(4);
        expect(state.manifests.some((m) => m.existing_files_count > 0)).toBe(true);
        const listed = state.manifests.reduce((n, m) => n + m.added_files_count + m.existing_files_count, 0);
        expect(listed).toBe(state.files.data.length + state.files.deletes.length);
      }
      // Every change is still in the changelog, and the mirror equals the documents.
      const rows = await changelogRows(storage, store, 'shop/Order_changelog');
      expect(rows.map((r) => Number(r['_seq']))).toEqual(db.cdc.getChangesAfter(0, 1000).filter((c) => c.collection === 'Order').map((c) => c.seq));
      await expectMirrorMatches(storage, store, db, 'Order');
      // What still grows is the list of live files (about 250 bytes each); snapshots and manifests no longer do (they took 1,500–2,100 bytes per export per table).
      const perExport = (sizes.get(30)! - sizes.get(15)!) / 15;
      const liveFiles = ['shop/Order_changelog', 'shop/Order'].reduce((n, key) => n + recordedState(storage, key).files.data.length + recordedState(storage, key).files.deletes.length, 0);
      expect(perExport).toBeLessThan(900);
      expect(liveFiles).toBeGreaterThan(60);
    });
  }, 60_000);

  it('rejects limits that are not whole numbers ≥ 1, saying expected and found', async () => {
    await inDurableObject(async (storage) => {
      const store = freshStore();
      const db = await open(storage, store);
      seed(db);
      for (const [name, value] of [['maxSnapshots', 0], ['maxMetadataLog', 1.5], ['maxManifests', -3]] as const) {
        const error = await db.cdc.exportNow({ [name]: value }).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(IcebergError);
        expect(error).toMatchObject({ code: 'INVALID_OPTION', message: expect.stringContaining(`expected ${name} to be a whole number ≥ 1, found ${value}`) });
      }
      expect(db.cdc.getCDCCursor().syncedThrough).toBe(0);
    });
  });
});
