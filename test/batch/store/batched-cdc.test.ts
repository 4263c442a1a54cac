/**
 * The change log of batched collections (issue 4 §1): the store writes the
 * entries itself, packed per batch write into `_cdc` rows that cover a range
 * of sequence numbers, and the change-log API flattens them — so readers,
 * acknowledgements and pruning behave exactly as with one row per change.
 */
import { describe, expect, it } from 'vitest';
import { inDurableObject } from '../../support/do.js';
import { events, openBatched } from './support.js';

const seqs = (changes: readonly { seq: number }[]) => changes.map((c) => c.seq);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('the change log of batched collections', () => {
  it('flattens packed rows into one entry per document, numbered without gaps', async () => {
    await inDurableObject(async (storage) => {
      const db = await openBatched(storage);
      const docs = db.store.createMany('Event', events(300));
      expect(storage.sql.exec<{ seq: number; count: number }>('SELECT seq, count FROM _cdc ORDER BY seq').toArray()).toEqual([
        { seq: 256, count: 256 },
        { seq: 300, count: 44 },
      ]);
      const changes = db.cdc.getUnsyncedChanges(1_000);
      expect(seqs(changes)).toEqual(range(1, 300));
      expect(changes.map((c) => c.after)).toEqual(docs);
      expect(new Set(changes.map((c) => c.txId)).size).toBe(1);
      expect(changes.every((c) => c.op === 'insert' && c.collection === 'Event' && c.before === null)).toBe(true);
      // A trigger-written entry (rows layout) follows the packed range.
      db.store.create('Row', { label: 'after' });
      const [last] = db.cdc.getChangesAfter(300, 10);
      expect(last).toMatchObject({ seq: 301, collection: 'Row', op: 'insert' });
      expect(last!.txId).not.toBe(changes[0]!.txId);
      // Limits and positions inside a packed row.
      expect(seqs(db.cdc.getUnsyncedChanges(3))).toEqual([1, 2, 3]);
      expect(seqs(db.cdc.getChangesAfter(254, 4))).toEqual([255, 256, 257, 258]);
    });
  });

  it('markSynced on part of a packed row splits it, keeping every entry and its number', async () => {
    await inDurableObject(async (storage) => {
      const db = await openBatched(storage);
      const docs = db.store.createMany('Event', events(300));
      const before = db.cdc.getChangesAfter(0, 1_000);
      expect(db.cdc.markSynced([...range(1, 100), 150, 299])).toBe(102);
      expect(db.cdc.getCDCCursor()).toMatchObject({ lastSeq: 300, syncedThrough: 100, unsynced: 198 });
      expect(seqs(db.cdc.getUnsyncedChanges(3))).toEqual([101, 102, 103]);
      const after = db.cdc.getChangesAfter(0, 1_000);
      expect(after.map(({ synced: _, ...rest }) => rest)).toEqual(before.map(({ synced: _, ...rest }) => rest));
      expect(after.filter((c) => c.synced).map((c) => c.seq)).toEqual([...range(1, 100), 150, 299]);
      expect(after.map((c) => c.after)).toEqual(docs);
      // Marking again changes nothing; marking the rest completes the log.
      expect(db.cdc.markSynced(range(1, 100))).toBe(0);
      expect(db.cdc.markSynced(range(1, 300))).toBe(198);
      expect(db.cdc.getCDCCursor()).toMatchObject({ syncedThrough: 300, unsynced: 0 });
      // Pruning keeps the newest row, so numbers never go back.
      expect(db.cdc.prune()).toBeGreaterThan(0);
      expect(db.cdc.getCDCCursor().lastSeq).toBe(300);
      db.store.create('Event', events(1, 300)[0]!);
      expect(db.cdc.getCDCCursor().lastSeq).toBe(301);
    });
  });

  it('updates carry changed fields and, when configured, before images; deleteMany packs its deletes', async () => {
    await inDurableObject(async (storage) => {
      const db = await openBatched(storage, { cdc: { captureBefore: true } });
      const docs = db.store.createMany('Event', events(200));
      db.cdc.markSynced(range(1, 200));
      const updated = db.store.update('Event', docs[10]!.$id, { note: 'n', kind: docs[10]!.kind });
      expect(db.store.deleteMany('Event', { n: { $gte: 150 } })).toBe(50);
      const changes = db.cdc.getUnsyncedChanges(100);
      expect(changes[0]).toMatchObject({ op: 'update', id: docs[10]!.$id, changed: ['note'], before: docs[10], after: updated });
      expect(changes.slice(1).map((c) => [c.op, c.id])).toEqual(docs.slice(150).map((d) => ['delete', d.$id]));
      expect(changes.slice(1).map((c) => c.before)).toEqual(docs.slice(150));
      expect(storage.sql.exec<{ n: number }>('SELECT count(*) AS n FROM _cdc WHERE synced = 0').one().n).toBe(2);
    });
  });

  it('a collection with $cdc: false writes no entries', async () => {
    await inDurableObject(async (storage) => {
      const db = await openBatched(storage, { cdc: { enabled: false } });
      db.store.createMany('Event', events(10));
      expect(db.cdc.getCDCCursor().lastSeq).toBe(0);
    });
  });
});
