/**
 * `documentToParquetRow`: a store document as the values of its Parquet
 * columns (ICETYPE.md §4; Iceberg spec Appendix A) — every type, decimal
 * extremes at precision 38, instants and dates before 1970, the store's
 * lenient inputs, and bad documents (DocumentError, values never echoed).
 */
import { describe, expect, it } from 'vitest';
import { parseSchema } from '../../src/icetype/index.js';
import { DocumentError, documentToParquetRow, GeneratorError, type ParquetRow, type ParquetValue } from '../../src/index.js';
import { dateDays, decimalUnscaled, timeMicros, timestampMicros } from '../../src/parquet/schema/parquet-values.js';
import { thrown } from '../iceberg/support.js';

const All = parseSchema({
  $type: 'All',
  s: 'string',
  t: 'text!',
  u: 'uuid',
  e: '"red" | "green"',
  v: 'varchar(5)',
  i: 'int',
  l: 'long',
  f: 'float',
  d: 'double',
  b: 'bool',
  ts: 'timestamp',
  dt: 'date',
  tm: 'time',
  j: 'json',
  bin: 'binary',
  dec: 'decimal(10,2)',
  big: 'decimal(38,0)',
  frac: 'decimal(38,38)',
  ints: 'int[]',
  times: 'timestamp[]',
  dates: 'date[]',
  decs: 'decimal(5,1)[]',
  vec: 'vector(3)',
  ref: '-> Other',
  refs: '-> Other[]',
  back: '<- Other.all[]',
  fuzzy: '~> Other[]',
});

const NINES = '9'.repeat(38);
const MAX38 = 10n ** 38n - 1n;
const SYSTEM = { $id: 'a1', $type: 'All', $version: 3, $createdAt: new Date('2024-01-15T10:30:00.123Z'), $updatedAt: new Date(-1) };

/** Each stored field: its value in the store's canonical form (what `db.store.get` returns), and its column value, by hand. */
const COLUMNS: readonly (readonly [string, unknown, ParquetValue])[] = [
  ['s', 'hello', 'hello'],
  ['t', 'long text', 'long text'],
  ['u', '550e8400-e29b-41d4-a716-446655440000', '550e8400-e29b-41d4-a716-446655440000'],
  ['e', 'green', 'green'],
  ['v', 'abc', 'abc'],
  ['i', -7, -7],
  ['l', 9007199254740991, 9_007_199_254_740_991n],
  ['f', 0.5, 0.5],
  ['d', 3.25, 3.25],
  ['b', true, true],
  ['ts', new Date('1900-01-01T00:00:00Z'), -2_208_988_800_000_000n],
  ['dt', '2024-01-15', 19737],
  ['tm', '10:30:00.5', 37_800_500_000n],
  ['j', { a: [1, 'x'], b: null }, '{"a":[1,"x"],"b":null}'],
  ['bin', new Uint8Array([0, 255, 7]), new Uint8Array([0, 255, 7])],
  ['dec', '-12.30', -1230n],
  ['big', NINES, MAX38],
  ['frac', '-0.99999999999999999999999999999999999999', -MAX38],
  ['ints', [1, 2], [1, 2]],
  ['times', [new Date(0), new Date(-1)], [0n, -1000n]],
  ['dates', ['1970-01-02', '1969-12-31'], [1, -1]],
  ['decs', ['1.5', '-0.1'], [15n, -1n]],
  ['vec', [0.5, -1, 0.25], [0.5, -1, 0.25]],
  ['ref', 'o1', 'o1'],
  ['refs', ['o1', 'o2'], ['o1', 'o2']],
];

const stored: Record<string, unknown> = { ...SYSTEM, ...Object.fromEntries(COLUMNS.map(([name, value]) => [name, value])) };

describe('documentToParquetRow', () => {
  it('converts every type to what its column holds, written out by hand', () => {
    const expected: ParquetRow = {
      $id: 'a1',
      $type: 'All',
      $version: 3n,
      $createdAt: 1_705_314_600_123_000n,
      $updatedAt: -1000n,
      ...Object.fromEntries(COLUMNS.map(([name, , column]) => [name, column])),
    };
    const row = documentToParquetRow(All, stored);
    expect(row).toEqual(expected);
    expect(Object.keys(row)).toEqual(Object.keys(expected)); // system columns first, then declaration order
    expect(Object.keys(row)).toHaveLength(5 + 25);
  });

  it('leaves out relations that store nothing and keys the schema does not declare', () => {
    const row = documentToParquetRow(All, { ...stored, back: ['x'], fuzzy: ['y'], extra: 1 });
    expect(Object.keys(row)).not.toContain('back');
    expect(Object.keys(row)).not.toContain('fuzzy');
    expect(Object.keys(row)).not.toContain('extra');
  });

  it('gives null for optional fields that are null or absent', () => {
    const row = documentToParquetRow(All, { ...SYSTEM, t: 'x', s: null });
    expect(row.s).toBeNull();
    expect(row.dec).toBeNull();
    expect(row.refs).toBeNull();
    expect(Object.keys(row)).toHaveLength(5 + 25);
  });

  it('accepts what the store accepts: ISO strings and epoch ms for timestamps, numbers and bigints for decimals and longs', () => {
    const row = documentToParquetRow(All, {
      ...SYSTEM,
      $createdAt: '2024-01-15T11:30:00.123+01:00',
      $updatedAt: -1,
      t: 'x',
      ts: '1969-12-31T23:59:59.999Z',
      dec: 0.1,
      big: -(10n ** 37n),
      l: 5n,
      vec: new Float32Array([1, 2, 3]),
    });
    expect(row).toMatchObject({ $createdAt: 1_705_314_600_123_000n, $updatedAt: -1000n, ts: -1000n, dec: 10n, big: -(10n ** 37n), l: 5n, vec: [1, 2, 3] });
  });
});

describe('documentToParquetRow: value conversions at their limits', () => {
  it('timestamps: µs since the epoch, exact far before 1970 and at the limits of Date', () => {
    expect(timestampMicros(new Date(0))).toBe(0n);
    expect(timestampMicros(new Date('1969-07-20T20:17:40Z'))).toBe(-14_182_940_000_000n);
    expect(timestampMicros(new Date(-8.64e15))).toBe(-8_640_000_000_000_000_000n);
    expect(timestampMicros(new Date(8.64e15))).toBe(8_640_000_000_000_000_000n);
  });

  it('dates: days since 1970-01-01 in the proleptic Gregorian calendar, years 1 to 9999', () => {
    // Expected values: Python's date.toordinal() differences, an independent proleptic Gregorian calendar.
    const cases: [string, number][] = [
      ['1970-01-01', 0],
      ['1970-01-02', 1],
      ['1969-12-31', -1],
      ['2024-01-15', 19737],
      ['2000-02-29', 11016],
      ['1900-03-01', -25508],
      ['0001-01-01', -719162],
      ['0050-06-15', -701100],
      ['9999-12-31', 2932896],
    ];
    for (const [text, days] of cases) expect([text, dateDays(text)]).toEqual([text, days]);
    // Against Date where Date is reliable (years ≥ 100): every day of 1600–2400 at a stride.
    for (let t = Date.UTC(1600, 0, 1); t < Date.UTC(2400, 0, 1); t += 86_400_000 * 997) {
      expect(dateDays(new Date(t).toISOString().slice(0, 10))).toBe(t / 86_400_000);
    }
  });

  it('times: µs since midnight, fractions of 1 to 6 digits', () => {
    expect(timeMicros('00:00:00')).toBe(0n);
    expect(timeMicros('23:59:59.999999')).toBe(86_399_999_999n);
    expect(timeMicros('12:00:00.1')).toBe(43_200_100_000n);
    expect(timeMicros('00:00:01.000001')).toBe(1_000_001n);
  });

  it('decimals: the unscaled integer, exact at precision 38 and for every scale', () => {
    expect(decimalUnscaled(NINES)).toBe(MAX38);
    expect(decimalUnscaled(`-${NINES}`)).toBe(-MAX38);
    expect(decimalUnscaled('0.00000000000000000000000000000000000001')).toBe(1n);
    expect(decimalUnscaled('-0.50')).toBe(-50n);
    expect(decimalUnscaled('0.00')).toBe(0n);
    const row = documentToParquetRow(All, { ...SYSTEM, t: 'x', big: `-${NINES}`, frac: '0.00000000000000000000000000000000000001', dec: '99999999.99' });
    expect([row.big, row.frac, row.dec]).toEqual([-MAX38, 1n, 9_999_999_999n]);
  });
});

describe('documentToParquetRow: bad documents', () => {
  const SENTINEL = 'SENTINEL-41c2';
  const documentError = (fn: () => unknown): DocumentError => {
    const error = thrown(fn);
    if (!(error instanceof DocumentError)) throw new Error(`expected a DocumentError, found ${error.name}`);
    expect(error.message).not.toContain(SENTINEL);
    return error;
  };
  const codes = (fn: () => unknown) => documentError(fn).issues.map((i) => [i.code, i.path.join('.')]);

  it('refuses what is not an object', () => {
    for (const bad of [null, 'doc', [SENTINEL]]) expect(codes(() => documentToParquetRow(All, bad as never))).toEqual([['NOT_AN_OBJECT', '']]);
  });

  it('requires every system field, with the right kind of value', () => {
    expect(codes(() => documentToParquetRow(All, { t: 'x' }))).toEqual([
      ['REQUIRED_FIELD', '$id'],
      ['REQUIRED_FIELD', '$type'],
      ['REQUIRED_FIELD', '$version'],
      ['REQUIRED_FIELD', '$createdAt'],
      ['REQUIRED_FIELD', '$updatedAt'],
    ]);
    expect(
      codes(() => documentToParquetRow(All, { ...SYSTEM, t: 'x', $id: '', $type: SENTINEL, $version: 0, $createdAt: SENTINEL, $updatedAt: null })),
    ).toEqual([
      ['INVALID_ID', '$id'],
      ['TYPE_MISMATCH', '$type'],
      ['TYPE_MISMATCH', '$version'],
      ['INVALID_TIMESTAMP', '$createdAt'],
      ['NULL_NOT_ALLOWED', '$updatedAt'],
    ]);
    expect(codes(() => documentToParquetRow(All, { ...SYSTEM, t: 'x', $version: 1.5 }))).toEqual([['TYPE_MISMATCH', '$version']]);
  });

  it('reports every bad field at once, by the store\'s rules, naming the $id', () => {
    const error = documentError(() =>
      documentToParquetRow(All, { ...SYSTEM, dt: '2024-02-30', i: 2 ** 40, dec: '1.234', ints: [1, null], u: SENTINEL, j: { f: () => SENTINEL } }),
    );
    expect(error.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['REQUIRED_FIELD', 't'],
      ['INVALID_UUID', 'u'],
      ['INT_RANGE', 'i'],
      ['INVALID_DATE', 'dt'],
      ['INVALID_JSON', 'j.f'],
      ['DECIMAL_PRECISION', 'dec'],
      ['NULL_NOT_ALLOWED', 'ints.1'],
    ]);
    expect(error.id).toBe('a1');
    expect(error.collection).toBe('All');
  });

  it('refuses an invalid schema with GeneratorError INVALID_SCHEMA', () => {
    expect(thrown(() => documentToParquetRow({ $type: 'All' } as never, stored))).toBeInstanceOf(GeneratorError);
  });
});
