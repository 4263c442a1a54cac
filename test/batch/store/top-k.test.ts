/**
 * Queries ordered by one field with a limit read batches best-first by their
 * zone maps and stop early (`scanTopK`). The results must be exactly those
 * of ordering every matching document, whatever the values (nulls, ties,
 * values made extreme by later updates) and whichever direction.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareDocuments, compileMatcher, type Filter } from '../../../src/store/filter/index.js';
import { inDurableObject } from '../../support/do.js';
import { events, openBatched, schema, T0 } from './support.js';

const Event = schema.collections.get('Event')!;

describe('ordered, limited batched queries', () => {
  it('read one batch for the latest events, and the same documents as ordering them all', async () => {
    await inDurableObject(async (storage) => {
      const db = await openBatched(storage);
      db.store.createMany('Event', events(5_120));
      const all = db.store.query('Event', {}).documents;
      for (const [orderBy, limit] of [
        [{ at: 'desc' }, 20],
        [{ n: 'asc' }, 5],
        [{ at: 'asc' }, 130],
      ] as const) {
        const expected = [...all].sort(compareDocuments(Event, orderBy)).slice(0, limit);
        expect(db.store.query('Event', { orderBy, limit }).documents).toEqual(expected);
        const plan = db.explain('Event', { orderBy, limit });
        if (plan.layout !== 'batched') throw new Error(`expected a batched plan, found ${plan.layout}`);
        expect(plan.batchesTotal).toBe(40);
        // One batch holds the first 20 (or 5); 130 span two.
        expect(plan.batchesRead).toBe(limit > 128 ? 2 : 1);
      }
    });
  });

  it('read a batch holding a null first when ordering ascending (nulls sort first), whatever its least value', async () => {
    await inDurableObject(async (storage) => {
      const db = await openBatched(storage, { storage: { batchSize: 64 } });
      // The first batch: notes 'm', one without; the second: notes 'a'. Ascending, the null comes first.
      const docs = db.store.createMany('Event', [...events(64).map((e, i) => (i === 10 ? e : { ...e, note: 'm' })), ...events(64, 64).map((e) => ({ ...e, note: 'a' }))]);
      expect(db.store.query('Event', { orderBy: { note: 'asc' }, limit: 1 }).documents).toEqual([docs[10]]);
      expect(db.store.query('Event', { orderBy: { note: 'desc' }, limit: 2 }).documents).toEqual([docs[0], docs[1]]);
      expect(db.store.query('Event', { orderBy: { note: 'asc' }, limit: 2 }).documents).toEqual([docs[10], docs[64]]);
    });
  });

  it('equal ordering every matching document, for any values, directions, limits, offsets and filters', async () => {
    await inDurableObject(async (storage) => {
      const db = await openBatched(storage, { storage: { batchSize: 64 } });
      // Few distinct values (ties broken by $id), nulls, and out-of-order values across batches.
      const docs = db.store.createMany(
        'Event',
        Array.from({ length: 700 }, (_, i) => ({
          kind: `k${(i * 7) % 5}`,
          n: (i * 7919) % 23,
          at: new Date(T0 + ((i * 104_729) % 50) * 60_000),
          code: `c${i}`,
          ...(i % 4 === 0 ? { note: `note ${(i * 31) % 9}` } : {}),
        })),
      );
      // Updates widen some zones and move values to the extremes.
      for (let i = 0; i < 700; i += 97) db.store.update('Event', docs[i]!.$id, { n: i % 2 === 0 ? -1_000 : 1_000, note: null });
      const all = db.store.query('Event', {}).documents;
      const order = fc.constantFrom<Record<string, 'asc' | 'desc'>>({ n: 'asc' }, { n: 'desc' }, { at: 'asc' }, { at: 'desc' }, { note: 'asc' }, { note: 'desc' }, { kind: 'desc' }, { $createdAt: 'desc' });
      const where = fc.constantFrom<Filter | undefined>(undefined, { kind: 'k2' }, { n: { $gte: 5 } }, { note: null }, { $or: [{ kind: 'k1' }, { n: 3 }] });
      fc.assert(
        fc.property(order, where, fc.integer({ min: 1, max: 150 }), fc.integer({ min: 0, max: 100 }), (orderBy, filter, limit, offset) => {
          const matching = filter === undefined ? all : all.filter(compileMatcher(Event, filter));
          const expected = [...matching].sort(compareDocuments(Event, orderBy)).slice(offset, offset + limit);
          const spec = { orderBy, limit, offset, ...(filter === undefined ? {} : { where: filter }) };
          expect(db.store.query('Event', spec).documents).toEqual(expected);
        }),
        { numRuns: 150 },
      );
    });
  });
});
