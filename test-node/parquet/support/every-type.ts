/**
 * A collection with every IceType type (ICETYPE.md §4) and three stored
 * documents — values at their limits, non-ASCII strings whose UTF-8 order
 * differs from JS's UTF-16 order, empty and null lists, and one document
 * with nothing but its required fields — shared by the workerd writer tests
 * and the Node DuckDB tests.
 */
import { parseSchema } from '../../../src/icetype/index.js';
import { documentToParquetRow, type ParquetRow } from '../../../src/parquet/index.js';

export const EveryType = parseSchema({
  $type: 'Every',
  s: 'string!',
  t: 'text',
  u: 'uuid',
  e: '"red" | "green"',
  v: 'varchar(5)',
  i: 'int',
  l: 'long',
  bi: 'bigint',
  f: 'float',
  d: 'double',
  b: 'bool',
  ts: 'timestamp',
  dt: 'date',
  tm: 'time',
  j: 'json',
  bin: 'binary',
  d5: 'decimal(5,1)',
  d10: 'decimal(10,2)',
  d20: 'decimal(20,4)',
  d38: 'decimal(38,0)',
  frac: 'decimal(38,38)',
  tags: 'string[]',
  ints: 'int[]',
  times: 'timestamp[]',
  decs: 'decimal(5,1)[]',
  vec: 'vector(3)',
  ref: '-> Other',
  refs: '-> Other[]',
  back: '<- Other.every[]',
});

const NINES = '9'.repeat(38);
const system = (id: string, version: number) => ({ $id: id, $type: 'Every', $version: version, $createdAt: new Date('2024-01-15T10:30:00.123Z'), $updatedAt: new Date(-1) });

/** Three documents as the store returns them. */
export const EVERY_TYPE_DOCUMENTS: readonly Readonly<Record<string, unknown>>[] = [
  {
    ...system('a1', 1),
    s: 'alpha',
    t: 'long text',
    u: '550e8400-e29b-41d4-a716-446655440000',
    e: 'green',
    v: 'abc',
    i: -7,
    l: 9007199254740991,
    bi: -5,
    f: 0.5,
    d: 3.25,
    b: true,
    ts: new Date('2024-01-15T10:30:00.123Z'),
    dt: '2024-01-15',
    tm: '10:30:00.5',
    j: { a: [1, 'x'] },
    bin: new Uint8Array([0, 255, 7]),
    d5: '-1234.5',
    d10: '-12.30',
    d20: '1234567890123456.7890',
    d38: NINES,
    frac: `-0.${NINES}`,
    tags: ['a', 'b'],
    ints: [1, 2],
    times: [new Date(0), new Date(-1)],
    decs: ['1.5', '-0.1'],
    vec: [0.5, -1, 0.25],
    ref: 'o1',
    refs: ['o1', 'o2'],
  },
  {
    ...system('a2', 2),
    // U+FF21 sorts after the surrogates of U+1F600 in UTF-16 but before it in UTF-8 (and in Parquet's byte order).
    s: 'z\uff21',
    t: 'Ωmega',
    e: 'red',
    i: 2147483647,
    l: -9007199254740991,
    bi: 0,
    f: -2.5,
    d: -1e300,
    b: false,
    ts: new Date('1900-01-01T00:00:00Z'),
    dt: '1969-12-31',
    tm: '00:00:00',
    j: [1, 2],
    bin: new Uint8Array([]),
    d5: '0.1',
    d10: '99999999.99',
    d20: '-9999999999999999.9999',
    d38: `-${NINES}`,
    frac: '0.5',
    tags: [],
    ints: [],
    times: [],
    decs: [],
    vec: [1, 2, 3],
    refs: [],
  },
  { ...system('a3', 3), s: 'z\u{1f600}' },
];

/** The documents' Parquet rows. */
export function everyTypeRows(): ParquetRow[] {
  return EVERY_TYPE_DOCUMENTS.map((document) => documentToParquetRow(EveryType, document));
}

/** Field ids of `EveryType` as the registry assigns a first version: system 1–5, fields 6–33, list elements 34–40. */
export const EVERY_TYPE_IDS = {
  $id: 1, $type: 2, $version: 3, $createdAt: 4, $updatedAt: 5,
  s: 6, t: 7, u: 8, e: 9, v: 10, i: 11, l: 12, bi: 13, f: 14, d: 15, b: 16, ts: 17, dt: 18, tm: 19, j: 20, bin: 21,
  d5: 22, d10: 23, d20: 24, d38: 25, frac: 26, tags: 27, ints: 28, times: 29, decs: 30, vec: 31, ref: 32, refs: 33,
  'tags.element': 34, 'ints.element': 35, 'times.element': 36, 'decs.element': 37, 'vec.element': 38, 'refs.element': 39,
} as const;
