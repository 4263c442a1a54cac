import { describe, expect, it } from 'vitest';
import { compileFilter, type Filter } from '../../../src/store/filter/index.js';
import { inDurableObject } from '../../support/do.js';
import { Item, memoryIds, sqlIds, storeItems, withSystemFields, type Doc } from './fixture.js';

const D = (iso: string) => new Date(iso);
const bytes = (...b: number[]) => new Uint8Array(b);
const LONG_PREFIX = `prefix-${'x'.repeat(60)}`; // 67 bytes: over DO SQLite's 50-byte LIKE pattern limit
const ALL = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];

const docs: Doc[] = [
  {
    $id: 'a', $version: 3, $createdAt: D('2023-01-01T00:00:00.000Z'),
    n: 30, x: 1.5, s: 'Apple pie', price: '-10.50', rate: '1.250', at: D('2024-01-01T00:00:00.000Z'), flag: true, day: '2024-01-01', status: 'new',
    tags: ['red', 'green'], nums: [1, 5], prices: ['1.10', '20.00'], times: [D('2024-01-01T00:00:00.000Z')], flags: [true],
    meta: { city: 'Paris', n: 5, address: { city: 'Paris', geo: { lat: 48 } }, tags: ['x', 'y'] }, blob: bytes(1, 2), owner: 't1', refs: ['t1', 't2'],
  },
  {
    $id: 'b', n: 4, x: -2, s: 'apple', price: '-9.99', rate: '-0.500', at: D('2023-06-15T12:00:00.123Z'), flag: false, day: '2023-06-15', status: 'open',
    tags: ['blue'], nums: [-3], prices: ['-5.00'], times: [D('2023-01-01T00:00:00.000Z'), D('2025-01-01T00:00:00.000Z')], flags: [false],
    meta: { city: 'paris', n: '5', address: { city: 'Lyon' } }, blob: bytes(1, 3), owner: 't2', refs: [],
  },
  { $id: 'c', n: 100, x: 0, s: 'Banana', price: '100.00', rate: '0.000', at: D('2025-03-01T00:00:00.000Z'), day: '2025-03-01', status: 'closed', tags: [], nums: [100, 7], prices: ['100.00'], meta: { n: 100, tags: 'x', flag: true }, owner: 't1' },
  { $id: 'd', n: -7, x: -0.5, s: 'banana split', price: '99.99', rate: '99.999', at: D('1969-12-31T23:59:59.999Z'), flag: true, status: 'open', tags: ['green'], meta: { n: 4.5, flag: 1 } },
  { $id: 'e' },
  { $id: 'f', n: 25, s: `${LONG_PREFIX}-END`, price: '999999999999999999999999999999999999.99', meta: { city: null, address: null } },
  { $id: 'g', n: 31, s: '😀 emoji', price: '-999999999999999999999999999999999999.99', tags: ['red'], meta: [1, 2, 'x'] },
  { $id: 'h', n: 250, s: '\uFFFF', price: '0.00', meta: 'Paris', blob: bytes() },
  { $id: 'i', n: null, s: `${LONG_PREFIX}-end` },
].map((d) => withSystemFields(d as Doc));

const cases: [string, Filter, string[]][] = [
  // numbers compare as numbers (W3: text comparison gave only '31' here)
  ['bare value is $eq', { n: 30 }, ['a']],
  ['$gt on int', { n: { $gt: 30 } }, ['c', 'g', 'h']],
  ['two operators on one field', { n: { $gte: 25, $lt: 100 } }, ['a', 'f', 'g']],
  ['negative numbers', { n: { $lt: 0 } }, ['d']],
  ['$lte on double', { x: { $lte: -0.5 } }, ['b', 'd']],
  ['$ne matches null and absent', { n: { $ne: 30 } }, ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']],
  ['null matches null and absent', { n: null }, ['e', 'i']],
  ['$exists true', { n: { $exists: true } }, ['a', 'b', 'c', 'd', 'f', 'g', 'h']],
  ['$exists false', { n: { $exists: false } }, ['e', 'i']],
  ['$in with null', { n: { $in: [4, 100, null] } }, ['b', 'c', 'e', 'i']],
  ['$nin matches null', { n: { $nin: [4, 100] } }, ['a', 'd', 'e', 'f', 'g', 'h', 'i']],
  ['$nin with null excludes null', { n: { $nin: [4, null] } }, ['a', 'c', 'd', 'f', 'g', 'h']],
  ['empty $in', { n: { $in: [] } }, []],
  ['empty $nin', { n: { $nin: [] } }, ALL],
  ['$in with 500 values', { n: { $in: Array.from({ length: 500 }, (_, i) => i * 2) } }, ['a', 'b', 'c', 'h']],
  ['$in with 500 ids', { $id: { $in: ['a', ...Array.from({ length: 499 }, (_, i) => `zz${i}`)] } }, ['a']],
  // decimals exactly: text fails on '100.00' > '99.99', floats fail on 38 digits
  ['decimal $gt where text fails', { price: { $gt: '99.99' } }, ['c', 'f']],
  ['decimal $lt where text fails', { price: { $lt: '-9.99' } }, ['a', 'g']],
  ['decimal 38 digits where floats fail', { price: { $gt: '999999999999999999999999999999999999.98' } }, ['f']],
  ['decimal negative 38 digits', { price: { $lt: '-999999999999999999999999999999999999.98' } }, ['g']],
  ['decimal equal at fewer digits', { price: '-10.5' }, ['a']],
  ['decimal equal at more digits', { price: '-10.500' }, ['a']],
  ['decimal never equals a finer value', { price: '-10.501' }, []],
  ['decimal $gt a finer value', { price: { $gt: '-10.501' } }, ['a', 'b', 'c', 'd', 'f', 'h']],
  ['decimal $lte a finer value', { price: { $lte: '-10.501' } }, ['g']],
  ['decimal $gte a finer value', { price: { $gte: '-10.499' } }, ['b', 'c', 'd', 'f', 'h']],
  ['decimal $in', { price: { $in: ['100', '0', '-9.99', '1.001'] } }, ['b', 'c', 'h']],
  ['decimal with a number operand', { price: { $gt: 0 } }, ['c', 'd', 'f']],
  ['decimal operand beyond the precision', { price: { $gt: -1e40, $lt: 1e40 } }, ['a', 'b', 'c', 'd', 'f', 'g', 'h']],
  ['decimal(6,3) negative', { rate: { $lt: 0 } }, ['b']],
  ['decimal zero', { rate: 0 }, ['c']],
  ['decimal array elements', { prices: { $gt: '20' } }, ['c']],
  ['decimal array $gte', { prices: { $gte: '20' } }, ['a', 'c']],
  ['decimal array membership', { prices: '-5' }, ['b']],
  // timestamps as instants, from Date, ISO text or epoch ms
  ['timestamp from Date', { at: D('2024-01-01T00:00:00.000Z') }, ['a']],
  ['timestamp from ISO text', { at: '2024-01-01T00:00:00Z' }, ['a']],
  ['timestamp from epoch ms', { at: Date.UTC(2024, 0, 1) }, ['a']],
  ['timestamp before a date', { at: { $lt: '2024-01-01' } }, ['b', 'd']],
  ['timestamp before the epoch', { at: { $lt: 0 } }, ['d']],
  ['timestamp at ms precision', { at: { $gt: D('2023-06-15T12:00:00.122Z') } }, ['a', 'b', 'c']],
  ['system timestamp', { $createdAt: { $lt: '2024-01-01' } }, ['a']],
  ['timestamp array elements', { times: { $gt: '2024-06-01T00:00:00Z' } }, ['b']],
  ['timestamp array membership', { times: D('2024-01-01T00:00:00.000Z') }, ['a']],
  // booleans bind as 1/0
  ['bool true', { flag: true }, ['a', 'd']],
  ['bool false', { flag: false }, ['b']],
  ['bool $ne', { flag: { $ne: true } }, ['b', 'c', 'e', 'f', 'g', 'h', 'i']],
  ['bool array', { flags: true }, ['a']],
  ['bool array $in', { flags: { $in: [false] } }, ['b']],
  // strings: case-sensitive, code-point order, no LIKE
  ['string equality is case-sensitive', { s: 'apple' }, ['b']],
  ['$startsWith is case-sensitive', { s: { $startsWith: 'Apple' } }, ['a']],
  ['$startsWith lower case', { s: { $startsWith: 'apple' } }, ['b']],
  ['$contains on a string is a substring', { s: { $contains: 'anana' } }, ['c', 'd']],
  ['$contains is case-sensitive', { s: { $contains: 'Anana' } }, []],
  ['$endsWith', { s: { $endsWith: 'split' } }, ['d']],
  ['$startsWith over 50 bytes', { s: { $startsWith: LONG_PREFIX } }, ['f', 'i']],
  ['$endsWith over 50 bytes, case-sensitive', { s: { $endsWith: `${'x'.repeat(55)}-END` } }, ['f']],
  ['$contains over 50 bytes', { s: { $contains: 'x'.repeat(60) } }, ['f', 'i']],
  ['empty prefix', { s: { $startsWith: '' } }, ['a', 'b', 'c', 'd', 'f', 'g', 'h', 'i']],
  ['empty suffix', { s: { $endsWith: '' } }, ['a', 'b', 'c', 'd', 'f', 'g', 'h', 'i']],
  ['empty substring', { s: { $contains: '' } }, ['a', 'b', 'c', 'd', 'f', 'g', 'h', 'i']],
  ['string $gt by code point', { s: { $gt: 'b' } }, ['d', 'f', 'g', 'h', 'i']],
  ['astral characters sort after U+FFFF', { s: { $gt: '\uFFFF' } }, ['g']],
  ['string $in', { s: { $in: ['apple', 'Banana'] } }, ['b', 'c']],
  ['enum', { status: 'open' }, ['b', 'd']],
  ['enum $in', { status: { $in: ['new', 'closed'] } }, ['a', 'c']],
  ['enum $startsWith', { status: { $startsWith: 'o' } }, ['b', 'd']],
  ['date text', { day: { $gte: '2024-01-01' } }, ['a', 'c']],
  ['forward relation', { owner: 't1' }, ['a', 'c']],
  ['many relation membership', { refs: 't2' }, ['a']],
  ['many relation $in', { refs: { $in: ['t2', 't9'] } }, ['a']],
  // arrays: membership
  ['array bare value is membership', { tags: 'red' }, ['a', 'g']],
  ['array $contains', { tags: { $contains: 'green' } }, ['a', 'd']],
  ['array $in is contains-any', { tags: { $in: ['blue', 'green'] } }, ['a', 'b', 'd']],
  ['array $nin is contains-none', { tags: { $nin: ['red'] } }, ['b', 'c', 'd', 'e', 'f', 'h', 'i']],
  ['array $ne', { tags: { $ne: 'red' } }, ['b', 'c', 'd', 'e', 'f', 'h', 'i']],
  ['array null: an empty array is not null', { tags: null }, ['e', 'f', 'h', 'i']],
  ['array $exists', { tags: { $exists: true } }, ['a', 'b', 'c', 'd', 'g']],
  ['array element prefix', { tags: { $startsWith: 'gr' } }, ['a', 'd']],
  ['int array any element $gt', { nums: { $gt: 5 } }, ['c']],
  ['int array negative element', { nums: { $lt: 0 } }, ['b']],
  ['int array membership', { nums: 5 }, ['a']],
  ['int array, two conditions', { $and: [{ nums: { $gt: 1 } }, { nums: { $lt: 6 } }] }, ['a']],
  // json paths
  ['json path', { 'meta.city': 'Paris' }, ['a']],
  ['whole json scalar', { meta: 'Paris' }, ['h']],
  ['json path depth 2', { 'meta.address.city': 'Paris' }, ['a']],
  ['json path depth 3 $gte', { 'meta.address.geo.lat': { $gte: 48 } }, ['a']],
  ['json number is not a json string', { 'meta.n': 5 }, ['a']],
  ['json string is not a json number', { 'meta.n': '5' }, ['b']],
  ['json $gt compares numbers only', { 'meta.n': { $gt: 4 } }, ['a', 'c', 'd']],
  ['json $gt compares strings only', { 'meta.n': { $gt: '4' } }, ['b']],
  ['json array membership or scalar', { 'meta.tags': 'x' }, ['a', 'c']],
  ['json $contains: element or substring', { 'meta.tags': { $contains: 'x' } }, ['a', 'c']],
  ['json $contains element', { 'meta.tags': { $contains: 'y' } }, ['a']],
  ['json null matches null, absent and non-objects', { 'meta.city': null }, ['c', 'd', 'e', 'f', 'g', 'h', 'i']],
  ['json $exists', { 'meta.city': { $exists: true } }, ['a', 'b']],
  ['json null object', { 'meta.address': null }, ['c', 'd', 'e', 'f', 'g', 'h', 'i']],
  ['json true is not 1', { 'meta.flag': true }, ['c']],
  ['json 1 is not true', { 'meta.flag': 1 }, ['d']],
  ['whole json array membership', { meta: 2 }, ['g']],
  ['whole json $in', { meta: { $in: [2, 'Paris'] } }, ['g', 'h']],
  ['json $ne', { 'meta.city': { $ne: 'Paris' } }, ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']],
  ['json $startsWith', { 'meta.city': { $startsWith: 'P' } }, ['a']],
  ['json $in', { 'meta.address.city': { $in: ['Lyon', 'Paris'] } }, ['a', 'b']],
  // binary, vectors
  ['binary equality', { blob: bytes(1, 2) }, ['a']],
  ['binary order', { blob: { $gt: bytes(1, 2) } }, ['b']],
  ['binary $in', { blob: { $in: [bytes(1, 3), bytes(9)] } }, ['b']],
  ['empty bytes are not null', { blob: { $in: [bytes()] } }, ['h']],
  ['binary null', { blob: null }, ['c', 'd', 'e', 'f', 'g', 'i']],
  ['binary $lt', { blob: { $lt: bytes(1) } }, ['h']],
  ['vector null', { vec: null }, ALL],
  ['vector $exists', { vec: { $exists: true } }, []],
  // system fields
  ['$id', { $id: 'c' }, ['c']],
  ['$id $in', { $id: { $in: ['a', 'h', 'zz'] } }, ['a', 'h']],
  ['$version', { $version: { $gte: 2 } }, ['a']],
  ['$type', { $type: 'Item' }, ALL],
  // logic
  ['$or', { $or: [{ n: { $lt: 0 } }, { s: 'apple' }] }, ['b', 'd']],
  ['$not includes nulls', { $not: { n: { $gt: 30 } } }, ['a', 'b', 'd', 'e', 'f', 'i']],
  ['field $not', { n: { $not: { $gt: 30 } } }, ['a', 'b', 'd', 'e', 'f', 'i']],
  ['empty $and', { $and: [] }, ALL],
  ['empty $or', { $or: [] }, []],
  ['$not of $or', { $not: { $or: [{ tags: 'red' }, { n: null }] } }, ['b', 'c', 'd', 'f', 'h']],
  ['fields and $or together', { n: { $gt: 0 }, $or: [{ flag: true }, { tags: 'blue' }] }, ['a', 'b']],
];

describe('filter operators, in SQL (real DO SQLite) and in memory', () => {
  it('each case returns the expected documents both ways', async () => {
    await inDurableObject((storage) => {
      storeItems(storage, docs);
      for (const [name, filter, expected] of cases) {
        expect(sqlIds(storage, { where: filter }), `SQL: ${name}`).toEqual(expected);
        expect(memoryIds(docs, { where: filter }), `memory: ${name}`).toEqual(expected);
      }
    });
  });

  it('text operators are NUL-safe and character-exact', async () => {
    const texts = [withSystemFields({ $id: 'p', s: 'a\0b😀c', tags: ['x\0y'] }), withSystemFields({ $id: 'q', s: 'a', tags: ['x'] }), withSystemFields({ $id: 'r', s: 'b😀c' })];
    const textCases: [Filter, string[]][] = [
      [{ s: { $startsWith: 'a\0b' } }, ['p']],
      [{ s: { $endsWith: 'b😀c' } }, ['p', 'r']],
      [{ s: { $endsWith: '\0b😀c' } }, ['p']],
      [{ s: { $contains: '\0' } }, ['p']],
      [{ s: { $gt: 'a' } }, ['p', 'r']],
      [{ s: 'a\0b😀c' }, ['p']],
      [{ tags: { $endsWith: '\0y' } }, ['p']],
      [{ s: { $endsWith: '' } }, ['p', 'q', 'r']],
    ];
    await inDurableObject((storage) => {
      storeItems(storage, texts);
      for (const [filter, expected] of textCases) {
        expect(sqlIds(storage, { where: filter }), JSON.stringify(filter)).toEqual(expected);
        expect(memoryIds(texts, { where: filter }), JSON.stringify(filter)).toEqual(expected);
      }
    });
  });

  it('never uses LIKE/GLOB and binds at most 100 parameters', () => {
    for (const [name, filter] of cases) {
      const { sql, params } = compileFilter(Item, filter);
      expect(sql, name).not.toMatch(/\b(LIKE|GLOB)\b/i);
      expect(params.length, name).toBeLessThanOrEqual(100);
      for (const p of params) expect(['string', 'number'].includes(typeof p) || p === null || p instanceof ArrayBuffer, name).toBe(true);
    }
  });

  it('binds a 500-value $in as one JSON parameter', () => {
    const { sql, params } = compileFilter(Item, { n: { $in: Array.from({ length: 500 }, (_, i) => i) } });
    expect(params).toHaveLength(1);
    expect(sql).toBe('"Item"."n" IN (SELECT "$v"."value" FROM json_each(?) AS "$v")');
  });

  it('quotes identifiers, qualifies them with the table (or alias) and binds every value', () => {
    expect(compileFilter(Item, { n: { $gt: 30 }, s: "x' OR 1=1 --" })).toEqual({ sql: '("Item"."n" > ?) AND ("Item"."s" = ?)', params: [30, "x' OR 1=1 --"] });
    expect(compileFilter(Item, { flag: true }, { table: 't' })).toEqual({ sql: '"t"."flag" = ?', params: [1] });
    expect(compileFilter(Item, { 'meta.address.city': 'Paris' }).params).toEqual(['$."address"."city"', 'Paris']);
  });
});
