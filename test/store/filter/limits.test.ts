import { describe, expect, it } from 'vitest';
import { compileFilter, compileQuery, encodeCursor, FilterError, MAX_FILTER_NESTING, type Filter, type OrderBy } from '../../../src/store/filter/index.js';
import { inDurableObject } from '../../support/do.js';
import { Item, memoryIds, sqlIds, storeItems, withSystemFields, type Doc } from './fixture.js';

const docs: Doc[] = Array.from({ length: 40 }, (_, i) =>
  withSystemFields({
    $id: `d${String(i).padStart(2, '0')}`,
    n: i % 7 === 0 ? null : i - 20,
    s: i % 5 === 0 ? undefined : `${'p'.repeat(10_000)}${i % 3}`,
    price: `${i % 2 === 0 ? '-' : ''}${i}.${String(i % 100).padStart(2, '0')}`,
    rate: `${i}.500`,
    prices: [`${i}.00`, `-${i}.25`],
    meta: { k: i % 4, deep: { v: `v${i % 3}` } },
    at: new Date(Date.UTC(2024, 0, 1 + i)),
    flag: i % 2 === 0,
    day: `2024-01-${String((i % 28) + 1).padStart(2, '0')}`,
    x: i / 3,
  }),
);

/** `levels` nested `width`-way $or around a leaf. */
function nestedFilter(leaf: Filter, levels: number, width: number): Filter {
  let filter = leaf;
  for (let i = 0; i < levels; i++) filter = { $or: [filter, ...Array.from({ length: width - 1 }, (_, j) => (j % 2 === 0 ? { n: null } : { s: null }))] };
  return filter;
}

/** Filters at the limits: the nesting limit at width 4 (32 × 2 + 18 = 82 estimated), and 23 levels of 8-way $or (69 + 18 = 87). */
function deepestFilters(leaf: Filter): Filter[] {
  return [nestedFilter(leaf, MAX_FILTER_NESTING, 4), nestedFilter({ $not: leaf }, MAX_FILTER_NESTING - 1, 4), nestedFilter(leaf, 23, 8)];
}

describe('DO SQLite limits are handled, not hit', () => {
  it('the deepest allowed filters run, joined with an eight-key cursor condition', async () => {
    await inDurableObject((storage) => {
      storeItems(storage, docs);
      const orderBy: OrderBy = [{ price: 'desc' }, { rate: 'asc' }, { n: 'desc' }, { x: 'asc' }, { s: 'asc' }, { at: 'desc' }, { flag: 'asc' }, { day: 'asc' }];
      const cursorDoc = docs[3] as Doc;
      const leaves: Filter[] = [
        { prices: { $gt: '-3.25' } },
        { prices: { $in: ['5', '6.00'] } },
        { 'meta.deep.v': { $in: ['v1', 2, true] } },
        { 'meta.deep': { $contains: 'v' } },
        { price: { $lte: '-2.001' } },
        { s: { $endsWith: 'p1' } },
      ];
      // Exactly at MAX_FILTER_SQL_DEPTH: 24 × 3 + 18 = 90, around the deepest leaf measured.
      const atLimit = nestedFilter({ 'meta.deep.v': { $in: ['v1', 2, true] } }, 24, 8);
      for (const leaf of leaves) {
        for (const where of [...deepestFilters(leaf), atLimit]) {
          const spec = { where, orderBy, after: encodeCursor(cursorDoc, orderBy) };
          expect(sqlIds(storage, spec)).toEqual(memoryIds(docs, spec));
          expect(sqlIds(storage, { where })).toEqual(memoryIds(docs, { where }));
        }
      }
      // One level more is refused before SQLite sees it.
      expect(() => compileFilter(Item, { $or: [nestedFilter({ n: 1 }, MAX_FILTER_NESTING, 4), { n: 2 }] })).toThrow(FilterError);
      expect(() => compileFilter(Item, nestedFilter({ n: 1 }, 24, 9))).toThrow(FilterError);
    });
  });

  it('wide filters nest as balanced trees: 100 ANDed conditions (a flat chain would exceed depth 100)', async () => {
    await inDurableObject((storage) => {
      storeItems(storage, docs);
      const wide: Filter = { $and: Array.from({ length: 100 }, (_, i) => ({ n: { $ne: 1000 + i } })) };
      expect(compileFilter(Item, wide).params).toHaveLength(100);
      expect(sqlIds(storage, { where: wide })).toEqual(memoryIds(docs, { where: wide }));
      expect(sqlIds(storage, { where: wide })).toHaveLength(40);
      const widest: Filter = { $or: Array.from({ length: 2000 }, (_, i) => (i === 1999 ? { n: 5 } : { n: { $exists: false } })) };
      expect(sqlIds(storage, { where: widest })).toEqual(memoryIds(docs, { where: widest }));
    });
  });

  it('lists of any length bind as one parameter; prefixes of any length work', async () => {
    await inDurableObject((storage) => {
      storeItems(storage, docs);
      const cases: Filter[] = [
        { n: { $nin: Array.from({ length: 5000 }, (_, i) => i - 2500).filter((v) => v !== 3) } },
        { $id: { $in: Array.from({ length: 5000 }, (_, i) => `d${i}`) } },
        { price: { $in: Array.from({ length: 1000 }, (_, i) => `-${i}.${String(i % 100).padStart(2, '0')}`) } },
        { s: { $startsWith: `${'p'.repeat(10_000)}1` } },
        { s: { $endsWith: `${'p'.repeat(9_999)}2` } },
        { s: { $contains: `${'p'.repeat(9_999)}0` } },
      ];
      for (const where of cases) {
        const { params } = compileQuery(Item, { where, limit: 10, offset: 1 });
        expect(params.length).toBeLessThanOrEqual(100);
        const ids = sqlIds(storage, { where });
        expect(ids).toEqual(memoryIds(docs, { where }));
        expect(ids.length, JSON.stringify(where).slice(0, 60)).toBeGreaterThan(0);
      }
    });
  });
});
