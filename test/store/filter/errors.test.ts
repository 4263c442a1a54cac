import { describe, expect, it } from 'vitest';
import { IceTypeError, parseSchema } from '../../../src/index.js';
import {
  compareDocuments,
  compileCursorCondition,
  compileFilter,
  compileOrderBy,
  compileQuery,
  decodeCursor,
  encodeCursor,
  FilterError,
  matchesFilter,
  MAX_FILTER_NESTING,
  type Filter,
  type FilterErrorCode,
  type OrderBy,
} from '../../../src/store/filter/index.js';
import { inDurableObject } from '../../support/do.js';
import { Item, Tag } from './fixture.js';

function captureError(fn: () => unknown): FilterError {
  try {
    fn();
  } catch (error) {
    if (error instanceof FilterError) return error;
    throw error;
  }
  throw new Error('expected a FilterError, found none');
}

const SECRET = 'secret-value-9431';

/** Both compileFilter and matchesFilter reject the filter with this code; the message says expected/found and never echoes operands. */
function expectRejected(filter: unknown, code: FilterErrorCode, path?: readonly string[]): FilterError {
  const compiled = captureError(() => compileFilter(Item, filter as Filter));
  const matched = captureError(() => matchesFilter(Item, { $id: 'x' }, filter as Filter));
  expect(compiled.code).toBe(code);
  expect(matched.code).toBe(code);
  expect(matched.message).toBe(compiled.message);
  expect(compiled).toBeInstanceOf(IceTypeError);
  expect(compiled.name).toBe('FilterError');
  expect(compiled.message).toMatch(/^Item: .*expected .+, found .+/);
  expect(compiled.message).not.toContain(SECRET);
  if (path !== undefined) expect(compiled.path).toEqual(path);
  return compiled;
}

describe('FilterError codes', () => {
  it('UNKNOWN_FIELD: unknown in a strict schema, relations without a column, paths into non-json fields, bad paths', () => {
    expectRejected({ nope: 1 }, 'UNKNOWN_FIELD', ['nope']);
    expectRejected({ $or: [{ n: 1 }, { nope: SECRET }] }, 'UNKNOWN_FIELD', ['$or', '1', 'nope']);
    expectRejected({ 'n.x': 1 }, 'UNKNOWN_FIELD', ['n.x']);
    expectRejected({ 'meta.a"b': 1 }, 'UNKNOWN_FIELD');
    expectRejected({ 'meta..b': 1 }, 'UNKNOWN_FIELD');
    const relation = captureError(() => compileFilter(Tag, { items: 'x' }));
    expect(relation.code).toBe('UNKNOWN_FIELD');
    expect(relation.message).toBe('Tag: items: expected a stored field, found the relation "<- Item", which has no column');
  });

  it('unknown fields of a non-strict schema are absent (or rejected on request)', async () => {
    const loose = parseSchema({ $type: 'Loose', $strict: false, n: 'int' });
    expect(compileFilter(loose, { other: null })).toEqual({ sql: '1', params: [] });
    expect(compileFilter(loose, { other: 5, n: 1 })).toEqual({ sql: '0', params: [] });
    expect(compileFilter(loose, { other: { $ne: 5 } })).toEqual({ sql: '1', params: [] });
    expect(matchesFilter(loose, { $id: 'x', other: 5 }, { other: 5 })).toBe(false);
    expect(matchesFilter(loose, { $id: 'x', other: 5 }, { other: null })).toBe(true);
    expect(captureError(() => compileFilter(loose, { other: 5 }, { unknownFields: 'reject' })).code).toBe('UNKNOWN_FIELD');
    await inDurableObject((storage) => {
      storage.sql.exec('CREATE TABLE "Loose" ("$id" text PRIMARY KEY, "n" integer)');
      storage.sql.exec('INSERT INTO "Loose" VALUES (\'x\', 1)');
      const { sql, params } = compileFilter(loose, { $or: [{ other: null }, { n: 2 }] });
      expect(storage.sql.exec(`SELECT count(*) AS c FROM "Loose" WHERE ${sql}`, ...params).one().c).toBe(1);
    });
  });

  it('UNKNOWN_OPERATOR', () => {
    expectRejected({ n: { $gtt: 1 } }, 'UNKNOWN_OPERATOR', ['n', '$gtt']);
    expectRejected({ $nor: [] }, 'UNKNOWN_OPERATOR', ['$nor']);
    expectRejected({ n: { $regex: SECRET } }, 'UNKNOWN_OPERATOR');
  });

  it('INVALID_OPERAND: operand types that do not fit the field or operator', () => {
    expect(expectRejected({ n: { $gt: SECRET } }, 'INVALID_OPERAND', ['n', '$gt']).message).toBe('Item: n.$gt: expected a finite number for $gt on int, found a string');
    expect(expectRejected({ n: { $startsWith: SECRET } }, 'INVALID_OPERAND').message).toContain('expected a string field for $startsWith, found int');
    expectRejected({ price: { $startsWith: '1' } }, 'INVALID_OPERAND');
    expectRejected({ flag: { $gt: true } }, 'INVALID_OPERAND');
    expectRejected({ flag: 1 }, 'INVALID_OPERAND');
    expectRejected({ price: SECRET }, 'INVALID_OPERAND');
    expectRejected({ price: Number.NaN }, 'INVALID_OPERAND');
    expectRejected({ at: 'yesterday' }, 'INVALID_OPERAND');
    expectRejected({ at: new Date(Number.NaN) }, 'INVALID_OPERAND');
    expectRejected({ status: SECRET }, 'INVALID_OPERAND');
    expectRejected({ day: '2024-1-1' }, 'INVALID_OPERAND');
    expectRejected({ n: Number.POSITIVE_INFINITY }, 'INVALID_OPERAND');
    expectRejected({ n: 10n }, 'INVALID_OPERAND');
    expectRejected({ tags: ['a'] }, 'INVALID_OPERAND');
    expectRejected({ tags: { $contains: 5 } }, 'INVALID_OPERAND');
    expectRejected({ meta: { a: SECRET } }, 'INVALID_OPERAND');
    expectRejected({ n: {} }, 'INVALID_OPERAND');
    expectRejected({ n: { $gt: 1, other: 2 } }, 'INVALID_OPERAND');
    expectRejected({ n: undefined }, 'INVALID_OPERAND');
    expectRejected({ n: { $in: 5 } }, 'INVALID_OPERAND');
    expectRejected({ n: { $in: [1, SECRET] } }, 'INVALID_OPERAND', ['n', '$in', '1']);
    expectRejected({ n: { $exists: 1 } }, 'INVALID_OPERAND');
    expectRejected({ n: { $gt: null } }, 'INVALID_OPERAND');
    expectRejected({ n: { $contains: 1 } }, 'INVALID_OPERAND');
    expectRejected({ vec: [1, 2] }, 'INVALID_OPERAND');
    expectRejected({ vec: { $in: [] } }, 'INVALID_OPERAND');
    expectRejected({ flags: { $gt: true } }, 'INVALID_OPERAND');
    expectRejected({ 'meta.n': { $gt: true } }, 'INVALID_OPERAND');
    expectRejected({ 'meta.n': new Uint8Array([1]) }, 'INVALID_OPERAND');
    expectRejected({ $and: { n: 1 } }, 'INVALID_OPERAND', ['$and']);
    expectRejected({ $or: [5] }, 'INVALID_OPERAND', ['$or', '0']);
    expectRejected(null, 'INVALID_OPERAND', []);
    expectRejected([{ n: 1 }], 'INVALID_OPERAND', []);
    expect(captureError(() => compileQuery(Item, { limit: -1 })).code).toBe('INVALID_OPERAND');
    expect(captureError(() => compileQuery(Item, { offset: 1.5 })).code).toBe('INVALID_OPERAND');
  });

  it('FILTER_TOO_DEEP: nesting beyond the limit, or SQL deeper than SQLite allows', () => {
    let nested: Filter = { n: 1 };
    for (let i = 0; i <= MAX_FILTER_NESTING; i++) nested = { $and: [nested] };
    expectRejected(nested, 'FILTER_TOO_DEEP');
    let fieldNot: Filter[string] = { $gt: 1 };
    for (let i = 0; i <= MAX_FILTER_NESTING; i++) fieldNot = { $not: fieldNot };
    expectRejected({ n: fieldNot }, 'FILTER_TOO_DEEP');
    // Within the nesting limit, but five-way ORs at every level compile deeper than SQLite's 100.
    let wide: Filter = { n: 1 };
    for (let i = 0; i < 30; i++) wide = { $or: [wide, { n: i }, { n: i + 1 }, { n: i + 2 }, { n: i + 3 }] };
    expectRejected(wide, 'FILTER_TOO_DEEP', []);
  });

  it('FILTER_TOO_LARGE: more than 100 parameters or too many bytes (SQL only)', () => {
    const many: Filter = { $or: Array.from({ length: 101 }, (_, i) => ({ n: i })) };
    const error = captureError(() => compileFilter(Item, many));
    expect(error.code).toBe('FILTER_TOO_LARGE');
    expect(error.message).toContain('expected at most 100 bound parameters, found 101');
    expect(compileFilter(Item, { $or: Array.from({ length: 100 }, (_, i) => ({ n: i })) }).params).toHaveLength(100);
    expect(captureError(() => compileFilter(Item, { n: 1, s: 'a' }, { maxParams: 1 })).code).toBe('FILTER_TOO_LARGE');
    expect(captureError(() => compileFilter(Item, { $or: Array.from({ length: 5000 }, () => ({ n: { $exists: true } })) })).code).toBe('FILTER_TOO_LARGE');
    // Memory has no statement limits.
    expect(matchesFilter(Item, { $id: 'x', n: 100 }, many)).toBe(true);
  });

  it('INVALID_ORDER: bad directions, unorderable fields, too many fields', () => {
    const rejectOrder = (orderBy: unknown, code: FilterErrorCode = 'INVALID_ORDER') => {
      expect(captureError(() => compileOrderBy(Item, orderBy as OrderBy)).code).toBe(code);
      expect(captureError(() => compareDocuments(Item, orderBy as OrderBy)).code).toBe(code);
    };
    rejectOrder({ n: 'up' });
    rejectOrder({ n: 1 });
    rejectOrder({ tags: 'asc' });
    rejectOrder({ meta: 'asc' });
    rejectOrder({ 'meta.city': 'asc' });
    rejectOrder({ vec: 'asc' });
    rejectOrder('n');
    rejectOrder([{ n: 'asc' }, { n: 'desc' }]);
    rejectOrder(Object.fromEntries(['n', 'x', 's', 'price', 'rate', 'at', 'flag', 'day', 'status'].map((f) => [f, 'asc'])));
    rejectOrder({ nope: 'asc' }, 'UNKNOWN_FIELD');
    expect(captureError(() => compileOrderBy(Item, { n: 'up' } as unknown as OrderBy)).message).toBe("Item: orderBy.n: expected 'asc' or 'desc', found another string");
  });

  it('INVALID_CURSOR: malformed, for another ordering, values of the wrong type', () => {
    const orderBy: OrderBy = { n: 'desc' };
    const good = encodeCursor({ $id: 'a', n: 5 }, orderBy);
    expect(decodeCursor(good)).toEqual({ orderBy: [{ field: 'n', direction: 'desc' }, { field: '$id', direction: 'asc' }], values: [5, 'a'] });
    const reject = (cursor: string, order: OrderBy = orderBy) => {
      const error = captureError(() => compileCursorCondition(Item, order, cursor));
      expect(error.code).toBe('INVALID_CURSOR');
      expect(error.path).toEqual(['after']);
      return error;
    };
    reject('not a cursor!');
    reject('');
    reject('bm90IGpzb24');
    reject(btoa(JSON.stringify({ v: 1, o: [['n', 'd']], k: [5] })).replace(/=+$/, ''));
    expect(reject(good, { n: 'asc' }).message).toContain('made for another ordering');
    reject(encodeCursor({ $id: 'a', n: SECRET }, orderBy));
    reject(encodeCursor({ $id: 'a', price: 5n.toString() + 'x' }, { price: 'asc' }), { price: 'asc' });
    expect(captureError(() => encodeCursor({ n: 5 }, orderBy)).code).toBe('INVALID_CURSOR');
    expect(captureError(() => encodeCursor({ $id: 'a', tags: ['x'] }, { tags: 'asc' })).code).toBe('INVALID_CURSOR');
  });
});
