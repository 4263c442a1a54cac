/**
 * Issue 4 §3: every pruned query returns exactly what a full scan returns.
 * Random filters run through `db.store.query` (zone maps and blooms prune
 * batches first) and, over every stored document, through `matchesFilter`
 * (no pruning); the results must be equal, document for document.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchesFilter, type Filter } from '../../../src/index.js';
import { inDurableObject } from '../../support/do.js';
import { combineFilters } from '../filter-arbitraries.js';
import { events, openBatched, schema, T0 } from './support.js';

const Event = schema.collections.get('Event')!;
const COUNT = 2_000;

/** Operators over `value`; range bounds never null (the filter language refuses `$lt: null`). */
const ops = <T>(value: fc.Arbitrary<T>): fc.Arbitrary<unknown> => {
  const bound = value.filter((v) => v !== null);
  return fc.oneof(
    value,
    value.map((v) => ({ $eq: v })),
    value.map((v) => ({ $ne: v })),
    fc.array(value, { minLength: 1, maxLength: 4 }).map((v) => ({ $in: v })),
    fc.array(value, { minLength: 1, maxLength: 4 }).map((v) => ({ $nin: v })),
    fc.tuple(bound, bound).map(([a, b]) => ({ $gte: a, $lt: b })),
    bound.map((v) => ({ $gt: v })),
    bound.map((v) => ({ $lte: v })),
    fc.boolean().map((b) => ({ $exists: b })),
  );
};

describe('pruned queries on the batched layout', () => {
  it('return exactly what a full scan returns', async () => {
    await inDurableObject(async (storage) => {
      const db = await openBatched(storage, { storage: { batchSize: 64 } });
      const stored = db.store.createMany('Event', events(COUNT).map((e, i) => (i % 5 === 0 ? { ...e, note: `note ${i % 3}` } : e)));
      const ids = stored.map((d) => d.$id);
      // Values at batch edges (each batch of 64 holds n = 64k … 64k + 63) catch off-by-one pruning.
      const edges = Array.from({ length: COUNT / 64 }, (_, k) => [64 * k - 1, 64 * k, 64 * k + 63]).flat();
      const n = fc.oneof(fc.integer({ min: -10, max: COUNT + 10 }), fc.constantFrom(...edges));
      const leaf = fc.oneof(
        ops(n).map((c) => ({ n: c })),
        ops(n.map((i) => new Date(T0 + i * 60_000))).map((c) => ({ at: c })),
        ops(fc.constantFrom('k0', 'k3', 'k6', 'k9', 'a', 'z')).map((c) => ({ kind: c })),
        ops(fc.oneof(fc.constantFrom(...stored.slice(0, 50).map((d) => d.code)), fc.constant('absent'))).map((c) => ({ code: c })),
        ops(fc.oneof(fc.constantFrom(...ids.filter((_, i) => i % 97 === 0)), fc.constant('00000000-0000-7000-8000-000000000000'))).map((c) => ({ $id: c })),
        ops(fc.constantFrom('note 0', 'note 1', 'other', null)).map((c) => ({ note: c })),
      ) as fc.Arbitrary<Filter>;
      const tally = { queries: 0, pruning: 0 };
      fc.assert(
        fc.property(combineFilters(leaf), (where) => {
          const expected = stored.filter((doc) => matchesFilter(Event, doc, where));
          const plan = db.explain('Event', { where });
          expect(db.store.query('Event', { where }).documents).toEqual(expected);
          expect(db.store.count('Event', where)).toBe(expected.length);
          tally.queries++;
          if (plan.layout === 'batched' && plan.batchesRead < plan.batchesTotal) tally.pruning++;
        }),
        { numRuns: 300 },
      );
      // The property means something only if many queries were actually pruned.
      expect(tally.pruning / tally.queries).toBeGreaterThan(0.3);
    });
  }, 60_000);
});
