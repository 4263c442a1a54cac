/**
 * Batched queries read each document for the filter's fields first and
 * decode it whole only when it matches (`decodeMatching`). These tests hold
 * the results to the filter applied to fully decoded documents, on both of
 * its paths: projection, and the switch to whole decoding once most
 * documents seen match.
 */
import { describe, expect, it } from 'vitest';
import { compileMatcher, type Filter } from '../../../src/store/filter/index.js';
import { inDurableObject } from '../../support/do.js';
import { events, openBatched, schema, T0 } from './support.js';

const Event = schema.collections.get('Event')!;

describe('projected batched reads', () => {
  it('return exactly what the filter selects from whole documents, selective or not', async () => {
    await inDurableObject(async (storage) => {
      const db = await openBatched(storage);
      db.store.createMany('Event', events(2_000).map((e, i) => ({ ...e, ...(i % 5 === 0 ? { note: `n${i % 11}` } : {}), ...(i % 3 === 0 ? { tenant: `t${i % 4}` } : {}) })));
      const all = db.store.query('Event', {}).documents;
      const filters: Filter[] = [
        { kind: 'k3' },
        { n: { $gte: 0 } },
        { $or: [{ kind: 'k1' }, { note: { $startsWith: 'n1' } }] },
        { $not: { tenant: null } },
        { $and: [{ tenant: { $in: ['t0', 't2'] } }, { n: { $lt: 1_500 } }, { $not: { note: 'n3' } }] },
        { code: { $exists: true }, at: { $gte: new Date(T0 + 500 * 60_000) } },
        { note: null },
        {},
      ];
      for (const where of filters) {
        const expected = all.filter(compileMatcher(Event, where));
        const result = db.store.query('Event', { where }).documents;
        expect(result).toEqual(expected);
        const plan = db.explain('Event', { where });
        if (plan.layout !== 'batched') throw new Error(`expected a batched plan, found ${plan.layout}`);
        // Every document of every batch read was looked at, whichever way it was read.
        if (plan.batchesRead === plan.batchesTotal) expect(plan.documentsScanned).toBe(2_000);
        expect(plan.documentsScanned).toBeGreaterThanOrEqual(expected.length);
        expect(plan.documentsScanned).toBeLessThanOrEqual(128 * plan.batchesRead);
        expect(db.store.count('Event', where)).toBe(expected.length);
      }
      // Both paths ran: a selective filter (k3 ≈ 1/7) and one every document matches.
      expect(all.filter(compileMatcher(Event, { kind: 'k3' })).length).toBeLessThan(400);
      expect(all.filter(compileMatcher(Event, { n: { $gte: 0 } })).length).toBe(2_000);
    });
  });

  it('filter undeclared fields of a non-strict collection, and fields missing from stored documents as null', async () => {
    await inDurableObject(async (storage) => {
      const db = await openBatched(storage);
      const docs: Record<string, unknown>[] = db.store.createMany('Open', Array.from({ length: 600 }, (_, i) => ({ name: `o${i}`, ...(i % 4 === 0 ? { extra: i % 3, nested: { deep: i % 2 === 0 } } : {}) })));
      expect(db.store.query('Open', { where: { extra: 2 } }).documents).toEqual(docs.filter((d) => d.extra === 2));
      expect(db.store.query('Open', { where: { 'nested.deep': true } }).documents).toEqual(docs.filter((d) => (d.nested as { deep?: boolean } | undefined)?.deep === true));
      expect(db.store.count('Open', { extra: { $exists: false } })).toBe(450);
    });
  });
});
