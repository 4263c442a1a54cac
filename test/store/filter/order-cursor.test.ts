import { describe, expect, it } from 'vitest';
import { compareDocuments, compileOrderBy, decodeCursor, encodeCursor, queryDocuments, type OrderBy, type QuerySpec } from '../../../src/store/filter/index.js';
import { inDurableObject } from '../../support/do.js';
import { Item, memoryIds, sqlIds, storeItems, withSystemFields, type Doc } from './fixture.js';

const MAX = '999999999999999999999999999999999999.99';
const rows: [string, number | null, string | null, string | null, boolean | null][] = [
  // id, n, price, s, flag
  ['01', 30, '-10.50', 'b', true],
  ['02', 4, '-9.99', 'B', false],
  ['03', null, '100.00', '😀', null],
  ['04', 100, '99.99', '\uFFFF', true],
  ['05', 25, null, 'a', false],
  ['06', 4, MAX, null, true],
  ['07', -7, `-${MAX}`, 'ab', null],
  ['08', 250, '0.00', 'a', false],
  ['09', null, '-0.01', 'é', true],
  ['10', 31, '99.99', 'b', false],
];
const docs: Doc[] = rows.map(([id, n, price, s, flag], i) =>
  withSystemFields({
    $id: id,
    ...(n === null ? {} : { n }),
    ...(price === null ? {} : { price }),
    ...(s === null ? {} : { s }),
    ...(flag === null ? {} : { flag }),
    at: new Date(Date.UTC(2024, 0, 1) + (i % 4) * 1000),
    blob: i % 3 === 0 ? undefined : new Uint8Array([i % 2, i]),
    rate: `${(i % 3) - 1}.${i}00`,
  }),
);
const byId = new Map(docs.map((d) => [d.$id, d]));

const orderings: OrderBy[] = [
  { n: 'asc' },
  { n: 'desc' },
  { price: 'asc' },
  { price: 'desc' },
  [{ flag: 'asc' }, { n: 'desc' }],
  { s: 'asc' },
  { s: 'desc' },
  { at: 'desc', rate: 'asc' },
  { blob: 'asc' },
  { $id: 'desc' },
  [{ $createdAt: 'asc' }, { rate: 'desc' }, { price: 'asc' }],
];

/** Every page of a query, following cursors, through a page runner. */
function allPages(run: (spec: QuerySpec) => string[], orderBy: OrderBy, pageSize: number, where?: QuerySpec['where']): string[] {
  const seen: string[] = [];
  let after: string | undefined;
  // Bounded, so a cursor that fails to advance fails the test instead of hanging it.
  for (let pages = 0; pages <= docs.length / pageSize + 1; pages++) {
    const page = run({ where, orderBy, limit: pageSize, ...(after === undefined ? {} : { after }) });
    seen.push(...page);
    if (page.length < pageSize) return seen;
    after = encodeCursor(byId.get(page[page.length - 1] as string) as Doc, orderBy);
  }
  return seen;
}

describe('ordering and keyset cursors', () => {
  it('compiles ORDER BY terms with the $id tiebreak', () => {
    expect(compileOrderBy(Item, { n: 'desc' })).toBe('"Item"."n" DESC, "Item"."$id" ASC');
    expect(compileOrderBy(Item, undefined)).toBe('"Item"."$id" ASC');
    expect(compileOrderBy(Item, [{ $id: 'desc' }, { n: 'asc' }])).toBe('"Item"."$id" DESC');
    expect(compileOrderBy(Item, { flag: 'asc' }, { table: 't' })).toBe('"t"."flag" ASC, "t"."$id" ASC');
    expect(compileOrderBy(Item, { price: 'asc' }).match(/ ASC/g)).toHaveLength(4); // three decimal chunk keys and $id
  });

  it('orders numbers as numbers, decimals exactly, strings by code point; nulls first ascending, last descending', async () => {
    await inDurableObject((storage) => {
      storeItems(storage, docs);
      const expectOrder = (orderBy: OrderBy, expected: string[]) => {
        expect(sqlIds(storage, { orderBy })).toEqual(expected);
        expect(memoryIds(docs, { orderBy })).toEqual(expected);
      };
      expectOrder({ n: 'asc' }, ['03', '09', '07', '02', '06', '05', '01', '10', '04', '08']);
      expectOrder({ n: 'desc' }, ['08', '04', '10', '01', '05', '02', '06', '07', '03', '09']);
      expectOrder({ price: 'asc' }, ['05', '07', '01', '02', '09', '08', '04', '10', '03', '06']);
      expectOrder({ price: 'desc' }, ['06', '03', '04', '10', '08', '09', '02', '01', '07', '05']);
      expectOrder({ s: 'asc' }, ['06', '02', '05', '08', '07', '01', '10', '09', '04', '03']);
      expectOrder([{ flag: 'asc' }, { n: 'desc' }], ['07', '03', '08', '10', '05', '02', '04', '01', '06', '09']);
    });
  });

  it('cursor pages concatenate to the full order, in SQL and in memory, for every ordering and page size', async () => {
    await inDurableObject((storage) => {
      storeItems(storage, docs);
      for (const orderBy of orderings) {
        const full = sqlIds(storage, { orderBy });
        expect(memoryIds(docs, { orderBy })).toEqual(full);
        for (const pageSize of [1, 2, 3, 7]) {
          expect(allPages((spec) => sqlIds(storage, spec), orderBy, pageSize)).toEqual(full);
          expect(allPages((spec) => memoryIds(docs, spec), orderBy, pageSize)).toEqual(full);
        }
        const where = { n: { $ne: 4 } };
        const filtered = sqlIds(storage, { where, orderBy });
        expect(allPages((spec) => sqlIds(storage, spec), orderBy, 2, where)).toEqual(filtered);
        expect(allPages((spec) => memoryIds(docs, spec), orderBy, 2, where)).toEqual(filtered);
      }
    });
  });

  it('applies offset after the cursor and limit last', async () => {
    await inDurableObject((storage) => {
      storeItems(storage, docs);
      const orderBy: OrderBy = { price: 'desc' };
      const after = encodeCursor(byId.get('04') as Doc, orderBy);
      const spec: QuerySpec = { orderBy, after, offset: 1, limit: 3 };
      expect(sqlIds(storage, spec)).toEqual(['08', '09', '02']);
      expect(memoryIds(docs, spec)).toEqual(['08', '09', '02']);
      expect(sqlIds(storage, { orderBy, offset: 8 })).toEqual(['07', '05']);
      expect(memoryIds(docs, { orderBy, offset: 8 })).toEqual(['07', '05']);
    });
  });

  it('round-trips cursor values: dates, bytes, decimals, nulls, unicode', () => {
    const orderBy: OrderBy = [{ at: 'asc' }, { blob: 'desc' }, { price: 'asc' }, { n: 'asc' }, { s: 'desc' }];
    const cursor = encodeCursor({ $id: 'ü-1', at: new Date(5), blob: new Uint8Array([0, 255]), price: '-1.50', s: '😀' }, orderBy);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual({
      orderBy: [
        { field: 'at', direction: 'asc' },
        { field: 'blob', direction: 'desc' },
        { field: 'price', direction: 'asc' },
        { field: 'n', direction: 'asc' },
        { field: 's', direction: 'desc' },
        { field: '$id', direction: 'asc' },
      ],
      values: [new Date(5), new Uint8Array([0, 255]), '-1.50', null, '😀', 'ü-1'],
    });
  });

  it('compares schemaless documents by inferred kind: null < booleans < numbers < strings < bytes', () => {
    const loose = [
      { $id: '1', v: 'b' },
      { $id: '2', v: 10 },
      { $id: '3', v: 9 },
      { $id: '4' },
      { $id: '5', v: true },
      { $id: '6', v: new Uint8Array([1]) },
      { $id: '7', v: new Date('2024-01-01T00:00:00.000Z') },
      { $id: '8', v: [1] },
    ];
    expect([...loose].sort(compareDocuments(undefined, { v: 'asc' })).map((d) => d.$id)).toEqual(['4', '8', '5', '3', '2', '7', '1', '6']);
    expect(queryDocuments(undefined, loose, { where: { v: { $gt: 9 } } }).map((d) => d.$id)).toEqual(['2']);
    expect(queryDocuments(undefined, loose, { where: { v: { $gte: new Date('2023-01-01') } } }).map((d) => d.$id)).toEqual(['1', '7']);
    expect(queryDocuments(undefined, loose, { where: { v: 1 } }).map((d) => d.$id)).toEqual(['8']);
  });
});
