/**
 * The batched layout through `db.store` (issue 4 §1, §4): dense packing,
 * the byte cap under growing documents, one-batch gets, one-row rewrites,
 * compaction, bad input, open documents — with billed rows asserted from the
 * cursor counters (deterministic) and batches decoded from the cost meter.
 */
import { describe, expect, it } from 'vitest';
import exampleMigrations from '../../../migrations/migrations.js';
import { Event, schema as exampleSchema } from '../../../examples/schema.js';
import { drizzle, migrate, type Filter } from '../../../src/index.js';
import { dataSnapshot, inDurableObject } from '../../support/do.js';
import { batchRows, events, openBatched, T0, thrown } from './support.js';

describe('the batched layout: packing and cost', () => {
  it('a 10,000-document createMany fills batches of 128 and writes at most 1/128 + 0.02 rows per document, change log included', async () => {
    await inDurableObject(async (storage) => {
      const db = await openBatched(storage);
      expect(db.store.layoutOf('Event')).toBe('batched');
      const docs = db.store.createMany('Event', events(10_000));
      const written = db.$cost.last.rowsWritten;
      expect(written / 10_000).toBeLessThanOrEqual(1 / 128 + 0.02);
      const batches = batchRows(storage, 'Event');
      expect(batches).toHaveLength(Math.ceil(10_000 / 128));
      // Dense: every batch but the last is full (≥ 90% of B is the requirement).
      for (const batch of batches.slice(0, -1)) expect(batch.count).toBe(128);
      expect(batches.reduce((n, b) => n + b.count, 0)).toBe(10_000);
      for (const batch of batches) expect(batch.size).toBe(batch.bytes);
      // Every document is logged, packed: a 256-change row per two batches or so.
      expect(db.cdc.getCDCCursor()).toMatchObject({ lastSeq: 10_000, unsynced: 10_000 });
      expect(storage.sql.exec<{ n: number }>('SELECT count(*) AS n FROM _cdc').one().n).toBeLessThanOrEqual(Math.ceil(10_000 / 256) + 1);
      expect(db.store.count('Event')).toBe(10_000);
      expect(db.store.getMany('Event', [docs[0]!.$id, docs[9_999]!.$id])).toEqual([docs[0], docs[9_999]]);
    });
  });

  it('single writes append to the open batch: 300 creates fill batches of 128 in order', async () => {
    await inDurableObject(async (storage) => {
      const db = await openBatched(storage);
      const created = events(300).map((event) => db.store.create('Event', event));
      expect(batchRows(storage, 'Event').map((b) => b.count)).toEqual([128, 128, 44]);
      // Each create rewrote the open batch (or started one): one batch row, its index entry when new, the change, the counter.
      expect(db.$cost.last.rowsWritten).toBeLessThanOrEqual(3);
      expect(db.store.query('Event', { orderBy: { n: 'asc' } }).documents).toEqual(created);
    });
  });

  it('get by $id decodes at most one batch and reads one row; a miss usually decodes none', async () => {
    await inDurableObject(async (storage) => {
      const db = await openBatched(storage);
      const docs = db.store.createMany('Event', events(10_000));
      let decodedOnMisses = 0;
      for (let i = 0; i < 200; i++) {
        const doc = docs[(i * 7_919) % docs.length]!;
        expect(db.store.get('Event', doc.$id)).toEqual(doc);
        expect(db.$cost.lastBatchesDecoded).toBe(1);
        expect(db.$cost.last.rowsRead).toBe(1);
        const missing = `${doc.$id.slice(0, -1)}${doc.$id.endsWith('0') ? '1' : '0'}`;
        if (docs.some((d) => d.$id === missing)) continue;
        expect(db.store.get('Event', missing)).toBeNull();
        expect(db.$cost.lastBatchesDecoded).toBeLessThanOrEqual(1);
        decodedOnMisses += db.$cost.lastBatchesDecoded;
      }
      // The $id bloom filter (1% false positives) answers almost every miss without decoding.
      expect(decodedOnMisses).toBeLessThanOrEqual(10);
    });
  });

  it('update and delete rewrite one batch row', async () => {
    await inDurableObject(async (storage) => {
      const db = await openBatched(storage);
      const docs = db.store.createMany('Event', events(1_000));
      const target = docs[500]!;
      const updated = db.store.update('Event', target.$id, { note: 'seen' }, { ifVersion: 1 });
      expect(updated).toEqual({ ...target, note: 'seen', $version: 2, $updatedAt: updated.$updatedAt });
      // The batch row, its change-log entry, the transaction number.
      expect(db.$cost.last.rowsWritten).toBe(3);
      expect(db.$cost.lastBatchesDecoded).toBe(1);
      expect(db.store.delete('Event', docs[501]!.$id)).toBe(true);
      expect(db.$cost.last.rowsWritten).toBe(3);
      expect(db.store.get('Event', docs[501]!.$id)).toBeNull();
      expect(db.store.count('Event')).toBe(999);
      expect(db.cdc.getChangesAfter(1_000, 10).map((c) => [c.op, c.id, c.changed])).toEqual([
        ['update', target.$id, ['note']],
        ['delete', docs[501]!.$id, null],
      ]);
    });
  });
});

describe('the batched layout: the byte cap', () => {
  it('no batch ever exceeds maxBatchBytes, whatever updates grow its documents', async () => {
    await inDurableObject(async (storage) => {
      const cap = 4_096;
      const db = await openBatched(storage, { storage: { maxBatchBytes: cap, batchSize: 64 } });
      const docs = db.store.createMany('Event', events(40));
      const expected = new Map(docs.map((d) => [d.$id, d]));
      let seed = 7;
      for (let step = 0; step < 150; step++) {
        seed = (seed * 48_271) % 2_147_483_647;
        const doc = docs[seed % docs.length]!;
        const note = 'x'.repeat(Math.min(3_000, 20 * step + (seed % 200)));
        expected.set(doc.$id, db.store.update('Event', doc.$id, { note }));
        for (const batch of batchRows(storage, 'Event')) {
          expect(batch.size).toBeLessThanOrEqual(cap);
          expect(batch.size).toBe(batch.bytes);
        }
      }
      // Ranges stay sorted and disjoint through every split.
      const batches = batchRows(storage, 'Event');
      for (let i = 1; i < batches.length; i++) expect(batches[i]!.min_id > batches[i - 1]!.max_id).toBe(true);
      expect(db.store.query('Event', { orderBy: { n: 'asc' } }).documents).toEqual([...expected.values()].sort((a, b) => (a.n ?? 0) - (b.n ?? 0)));

      // A document no batch can hold is refused, and nothing changes.
      const before = dataSnapshot(storage);
      expect(thrown(() => db.store.create('Event', { kind: 'k', n: 1, at: new Date(T0), code: 'big', note: 'y'.repeat(cap) })).code).toBe('DOCUMENT_TOO_LARGE');
      expect(thrown(() => db.store.update('Event', docs[0]!.$id, { note: 'y'.repeat(cap) })).code).toBe('DOCUMENT_TOO_LARGE');
      expect(dataSnapshot(storage)).toEqual(before);
    });
  });
});

describe('the batched layout: compaction', () => {
  it('emptied batches are removed, under-filled ones merge automatically, and compact() merges what fits', async () => {
    await inDurableObject(async (storage) => {
      const db = await openBatched(storage, { storage: { batchSize: 64, compactionThreshold: 0.5 } });
      db.store.createMany('Event', events(640));
      expect(batchRows(storage, 'Event')).toHaveLength(10);
      // Emptying the first 64 documents removes their batch.
      expect(db.store.deleteMany('Event', { n: { $lt: 64 } })).toBe(64);
      expect(batchRows(storage, 'Event')).toHaveLength(9);
      // Three in four of the rest leaves batches of 16: below half of 64, so neighbours merge.
      expect(db.store.deleteMany('Event', { $not: { n: { $in: Array.from({ length: 144 }, (_, i) => 64 + i * 4) } } })).toBe(576 - 144);
      const merged = batchRows(storage, 'Event');
      expect(merged.reduce((n, b) => n + b.count, 0)).toBe(144);
      expect(merged.length).toBe(3);
      expect(db.store.query('Event', { orderBy: { n: 'asc' } }).documents.map((d) => d.n)).toEqual(Array.from({ length: 144 }, (_, i) => 64 + i * 4));
    });
  });

  it('with automatic compaction off, compact() does it on demand and changes no document and no change-log entry', async () => {
    await inDurableObject(async (storage) => {
      const db = await openBatched(storage, { storage: { batchSize: 64, compactionThreshold: 0 } });
      db.store.createMany('Event', events(640));
      db.store.deleteMany('Event', { n: { $nin: Array.from({ length: 160 }, (_, i) => i * 4) } });
      expect(batchRows(storage, 'Event').map((b) => b.count)).toEqual(Array.from({ length: 10 }, () => 16));
      const documents = db.store.query('Event').documents;
      const log = db.cdc.getChangesAfter(0, 10_000);
      expect(db.store.compact('Event')).toEqual({ batchesBefore: 10, batchesAfter: 3 });
      expect(batchRows(storage, 'Event').map((b) => b.count)).toEqual([64, 64, 32]);
      expect(db.store.query('Event').documents).toEqual(documents);
      expect(db.cdc.getChangesAfter(0, 10_000)).toEqual(log);
      // Nothing left to merge: a second pass writes nothing.
      expect(db.store.compact('Event')).toEqual({ batchesBefore: 3, batchesAfter: 3 });
      expect(db.$cost.last.rowsWritten).toBe(0);
    });
  });
});

describe('the batched layout: bad input leaves storage as it was', () => {
  it('a validation failure deep in a createMany writes nothing', async () => {
    await inDurableObject(async (storage) => {
      const db = await openBatched(storage);
      db.store.createMany('Event', events(300));
      const before = dataSnapshot(storage);
      const batch = events(5_000, 300) as Record<string, unknown>[];
      batch[4_321] = { ...batch[4_321], n: 'not a number' };
      expect(thrown(() => db.store.createMany('Event', batch as never)).code).toBe('TYPE_MISMATCH');
      expect(dataSnapshot(storage)).toEqual(before);
    });
  });

  it('unique constraints hold: within a call, against stored documents, on update; null never conflicts', async () => {
    await inDurableObject(async (storage) => {
      const db = await openBatched(storage);
      db.store.createMany('Event', events(500));
      const a = db.store.create('Event', { kind: 'k', n: 1, at: new Date(T0), tenant: 't', code: 'same' });
      const before = dataSnapshot(storage);
      const dup = { kind: 'k', n: 2, at: new Date(T0), tenant: 't', code: 'same' };
      expect(thrown(() => db.store.create('Event', dup))).toMatchObject({ code: 'UNIQUE_VIOLATION', details: { fields: ['tenant', 'code'] } });
      expect(thrown(() => db.store.createMany('Event', [{ ...dup, code: 'other' }, { ...dup, code: 'other' }])).code).toBe('UNIQUE_VIOLATION');
      const b = db.store.create('Event', { ...dup, code: 'free' });
      const afterB = dataSnapshot(storage);
      expect(thrown(() => db.store.update('Event', b.$id, { code: 'same' })).code).toBe('UNIQUE_VIOLATION');
      expect(dataSnapshot(storage)).toEqual(afterB);
      // Re-writing a document's own key is no conflict; a null member never is.
      expect(db.store.update('Event', a.$id, { code: 'same', note: 'kept' }).note).toBe('kept');
      db.store.createMany('Event', [{ ...dup, tenant: null }, { ...dup, tenant: null }]);
      expect(db.store.count('Event', { code: 'same' })).toBe(3);
      expect(before).not.toEqual(dataSnapshot(storage));
      // Taken ids are refused like on the rows layout.
      expect(thrown(() => db.store.create('Event', { ...dup, $id: a.$id, code: 'x' })).code).toBe('ALREADY_EXISTS');
      // A bulk write (past the bloom-probe limit, every batch is read) finds a stored key too, naming the first offender.
      const bulk = Array.from({ length: 200 }, (_, i) => ({ ...dup, code: `bulk-${i}` }));
      const clash = bulk.map((doc, i) => (i === 150 ? { ...doc, $id: 'clash', code: 'same' } : doc));
      const beforeBulk = dataSnapshot(storage);
      expect(thrown(() => db.store.createMany('Event', clash))).toMatchObject({ code: 'UNIQUE_VIOLATION', details: { id: 'clash', fields: ['tenant', 'code'] } });
      expect(dataSnapshot(storage)).toEqual(beforeBulk);
      expect(db.store.createMany('Event', bulk)).toHaveLength(200);
    });
  });
});

describe('the batched layout: open documents', () => {
  it('a non-strict collection keeps undeclared fields, in storage and in the change log', async () => {
    await inDurableObject(async (storage) => {
      const db = await openBatched(storage);
      const doc = db.store.create('Open', { name: 'Ada', extra: { nested: [1, 'two', null] }, flag: true } as never);
      expect(db.store.get('Open', doc.$id)).toMatchObject({ name: 'Ada', extra: { nested: [1, 'two', null] }, flag: true });
      expect(db.store.query('Open', { where: { 'extra.nested': 'two' } as never }).documents.map((d) => d.$id)).toEqual([doc.$id]);
      const [change] = db.cdc.getUnsyncedChanges(1);
      expect(change?.after).toEqual(doc);
    });
  });
});

describe("a batched collection's Drizzle table", () => {
  it('refuses writes from Drizzle builders and raw SQL, which the store would never read', async () => {
    await inDurableObject(async (storage) => {
      const db = drizzle(storage, { schema: exampleSchema });
      await migrate(db, exampleMigrations);
      db.store.create('Event', { kind: 'login', actor: 'ada', at: new Date(T0) });
      const before = dataSnapshot(storage);
      // Drizzle wraps the SQLite error ("Failed query: …"); the guard's message is its cause.
      const insert = thrown(() => db.insert(Event).values({ kind: 'login', actor: 'ada', at: new Date(T0) }).run()) as { cause?: { message?: string } };
      expect(insert.cause?.message).toContain('Event is stored on the batched layout: write it with db.store');
      expect(thrown(() => storage.sql.exec(`INSERT INTO "Event" ("$id", "$createdAt", "$updatedAt", at) VALUES ('x', 0, 0, 0)`)).message).toContain('batched layout');
      // A lone statement outside a transaction is numbered before it runs; only that counter moves.
      const { _cdc_state: _a, ...rest } = dataSnapshot(storage);
      const { _cdc_state: _b, ...restBefore } = before;
      expect(rest).toEqual(restBefore);
      expect(db.store.count('Event')).toBe(1);
    });
  });
});

describe('db.explain', () => {
  it('reports batches pruned by zone maps and blooms, and rows read, for a batched query; SQL and plan for a rows query', async () => {
    await inDurableObject(async (storage) => {
      const db = drizzle(storage, { schema: exampleSchema });
      await migrate(db, exampleMigrations);
      db.store.createMany('Event', Array.from({ length: 5_000 }, (_, i) => ({ kind: 'login' as const, actor: `user-${(i * 7_919) % 5_000}`, at: new Date(T0 + i * 60_000) })));
      const range = db.explain('Event', { where: { at: { $gte: new Date(T0 + 2_500 * 60_000), $lt: new Date(T0 + 2_560 * 60_000) } } });
      expect(range).toMatchObject({ layout: 'batched', collection: 'Event', batchesTotal: 40, prunedByZoneMap: 39, prunedByBloom: 0, batchesRead: 1, documentsScanned: 128, documentsReturned: 60 });
      // Every batch's statistics row, then the one batch read.
      expect(range.rowsRead).toBeGreaterThanOrEqual(41);
      expect(range.rowsRead).toBeLessThanOrEqual(45);
      const actor = db.explain('Event', { where: { actor: 'user-4711' } });
      expect(actor).toMatchObject({ prunedByBloom: expect.any(Number), documentsReturned: 1 });
      expect(actor.layout === 'batched' && actor.prunedByZoneMap + actor.prunedByBloom).toBeGreaterThanOrEqual(37);

      db.store.create('User', { tenantId: 't', email: 'ada@t.test', name: 'Ada' });
      const rows = db.explain('User', { where: { email: 'ada@t.test' } });
      expect(rows).toMatchObject({ layout: 'rows', collection: 'User', documentsReturned: 1 });
      expect(rows.layout === 'rows' && rows.sql).toContain('FROM "User"');
      expect(rows.layout === 'rows' && rows.queryPlan.join('\n')).toContain('User_email_idx');
    });
  });
});

describe('counting', () => {
  it('counts batches wholly inside a range from their zone maps, decoding only the batches at its ends', async () => {
    await inDurableObject(async (storage) => {
      const db = await openBatched(storage);
      db.store.createMany('Event', events(5_000));
      const half = { at: { $gte: new Date(T0 + 1_000 * 60_000), $lt: new Date(T0 + 3_500 * 60_000) } };
      expect(db.store.count('Event', half)).toBe(2_500);
      expect(db.$cost.lastBatchesDecoded).toBeLessThanOrEqual(2);
      // Not every filter can be proven from a zone map: each batch holds every kind, so these are decoded.
      expect(db.store.count('Event', { ...half, kind: 'k3' })).toBe(events(5_000).filter((e, i) => i >= 1_000 && i < 3_500 && e.kind === 'k3').length);
      expect(db.$cost.lastBatchesDecoded).toBeGreaterThan(15);
      // A negation the zone maps rule out entirely counts everything without decoding.
      expect(db.store.count('Event', { $not: { n: { $lt: 0 } } })).toBe(5_000);
      expect(db.$cost.lastBatchesDecoded).toBe(0);
    });
  });
});

describe('paging in $id order', () => {
  it('reads only the batches a page needs, forwards and backwards, with or without a filter', async () => {
    await inDurableObject(async (storage) => {
      const db = await openBatched(storage);
      const docs = db.store.createMany('Event', events(5_000));
      const ids = docs.map((d) => d.$id).sort();
      const page = (options: { where?: Filter; desc?: boolean }) => {
        const seen: string[] = [];
        let after: string | undefined;
        let mostBatches = 0;
        for (;;) {
          const query = { limit: 100, ...(options.where ? { where: options.where } : {}), ...(options.desc ? { orderBy: { $id: 'desc' as const } } : {}), ...(after ? { after } : {}) };
          const plan = db.explain('Event', query);
          mostBatches = Math.max(mostBatches, plan.layout === 'batched' ? plan.batchesRead : Infinity);
          const result = db.store.query('Event', query);
          seen.push(...result.documents.map((d) => d.$id));
          if (result.nextCursor === null) return { seen, mostBatches };
          after = result.nextCursor;
        }
      };
      const forward = page({});
      expect(forward.seen).toEqual(ids);
      expect(forward.mostBatches).toBeLessThanOrEqual(4);
      const backward = page({ desc: true });
      expect(backward.seen).toEqual([...ids].reverse());
      expect(backward.mostBatches).toBeLessThanOrEqual(4);
      const even = page({ where: { n: { $in: Array.from({ length: 2_500 }, (_, i) => i * 2) } } });
      expect(even.seen).toEqual(docs.filter((d) => (d.n ?? 1) % 2 === 0).map((d) => d.$id).sort());
      expect(even.mostBatches).toBeLessThanOrEqual(4);
      // An offset counts too: the 31st page of 100 is in batches 24-25.
      const deep = db.explain('Event', { limit: 100, offset: 3_000 });
      expect(deep.layout === 'batched' && deep.batchesRead).toBeLessThanOrEqual(28);
      expect(db.store.query('Event', { limit: 100, offset: 3_000 }).documents.map((d) => d.$id)).toEqual(ids.slice(3_000, 3_100));
    });
  });
});
