/**
 * `dataFileMetrics`: the Iceberg data-file metrics (spec "Manifests",
 * data_file 108–130, 137) of a table, written out by hand for the
 * every-type fixture — strings in UTF-8 byte order, list elements counted
 * by Parquet levels — plus NaN, signed zeros, all-null columns and tables
 * of several record batches.
 */
import { Table } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { parseSchema } from '../../src/icetype/index.js';
import { arrowTableFor, dataFileMetrics, positionDeletesTable, type ParquetRow } from '../../src/parquet/index.js';
import { EveryType, everyTypeRows } from '../../test-node/parquet/support/every-type.js';

const MAX38 = 10n ** 38n - 1n;
const system = { $id: 'x', $type: 'M', $version: 1n, $createdAt: 0n, $updatedAt: 0n };

describe('dataFileMetrics: every IceType type', () => {
  const metrics = dataFileMetrics(arrowTableFor(EveryType, everyTypeRows()));

  it('counts records, and values and nulls per leaf field id (list elements by Parquet levels)', () => {
    expect(metrics.recordCount).toBe(3);
    const topLevel = Array.from({ length: 33 }, (_, i) => i + 1).filter((id) => ![27, 28, 29, 30, 31, 33].includes(id));
    // A list element: one level per element plus one per empty or null list, which is also a null: tags [a, b], [], null → 4 values, 2 nulls.
    const elements = { 34: [4, 2], 35: [4, 2], 36: [4, 2], 37: [4, 2], 38: [7, 1], 39: [4, 2] };
    expect(Object.fromEntries(metrics.valueCounts)).toEqual({ ...Object.fromEntries(topLevel.map((id) => [id, 3])), ...Object.fromEntries(Object.entries(elements).map(([id, [v]]) => [id, v])) });
    expect(Object.fromEntries(metrics.nullValueCounts)).toEqual({
      1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 6: 0, 7: 1, 8: 2, 9: 1, 10: 2, 11: 1, 12: 1, 13: 1, 14: 1, 15: 1, 16: 1, 17: 1, 18: 1, 19: 1, 20: 1, 21: 1,
      22: 1, 23: 1, 24: 1, 25: 1, 26: 1, 32: 2,
      ...Object.fromEntries(Object.entries(elements).map(([id, [, n]]) => [id, n])),
    });
    expect(Object.fromEntries(metrics.nanValueCounts)).toEqual({ 14: 0, 15: 0, 38: 0 });
  });

  it('bounds every top-level primitive with its least and greatest value, typed as the row values are', () => {
    expect(Object.fromEntries(metrics.lowerBounds)).toEqual({
      1: 'a1', 2: 'Every', 3: 1n, 4: 1705314600123000n, 5: -1000n,
      6: 'alpha', // bytewise: 'a' < 'z'
      7: 'long text', // 'l' (6C) < 'Ω' (CE A9)
      8: '550e8400-e29b-41d4-a716-446655440000', 9: 'green', 10: 'abc',
      11: -7, 12: -9007199254740991n, 13: -5n, 14: -2.5, 15: -1e300, 16: false,
      17: -2208988800000000n, 18: -1, 19: 0n,
      20: '[1,2]', // '[' (5B) < '{' (7B)
      21: new Uint8Array([]),
      22: -12345n, 23: -1230n, 24: -99999999999999999999n, 25: -MAX38, 26: -MAX38,
      32: 'o1',
    });
    expect(Object.fromEntries(metrics.upperBounds)).toEqual({
      1: 'a3', 2: 'Every', 3: 3n, 4: 1705314600123000n, 5: -1000n,
      6: 'z\u{1f600}', // F0 9F 98 80 > EF BC A1 (U+FF21), though JS '<' says otherwise
      7: 'Ωmega', 8: '550e8400-e29b-41d4-a716-446655440000', 9: 'red', 10: 'abc',
      11: 2147483647, 12: 9007199254740991n, 13: 0n, 14: 0.5, 15: 3.25, 16: true,
      17: 1705314600123000n, 18: 19737, 19: 37800500000n,
      20: '{"a":[1,"x"]}',
      21: new Uint8Array([0, 255, 7]),
      22: 1n, 23: 9999999999n, 24: 12345678901234567890n, 25: MAX38, 26: 5n * 10n ** 37n,
      32: 'o1',
    });
  });
});

describe('dataFileMetrics: floats, nulls and batches', () => {
  const M = parseSchema({ $type: 'M', x: 'double', y: 'float', z: 'string', w: 'float[]' });
  const rows = (values: readonly Partial<Record<'x' | 'y' | 'z' | 'w', unknown>>[]): ParquetRow[] => values.map((v) => ({ ...system, x: null, y: null, z: null, w: null, ...v }) as ParquetRow);

  it('counts NaN and leaves it out of the bounds; −0 sorts before +0', () => {
    const m = dataFileMetrics(arrowTableFor(M, rows([{ x: NaN, y: 0 }, { x: 0, y: -0 }, { x: -0, y: NaN }, { x: null, w: [NaN, 1, NaN] }])));
    expect([m.nanValueCounts.get(6), m.nullValueCounts.get(6), m.valueCounts.get(6)]).toEqual([1, 1, 4]);
    expect(Object.is(m.lowerBounds.get(6), -0)).toBe(true);
    expect(Object.is(m.upperBounds.get(6), 0)).toBe(true);
    expect([m.nanValueCounts.get(7), Object.is(m.lowerBounds.get(7), -0), Object.is(m.upperBounds.get(7), 0)]).toEqual([1, true, true]);
    expect([m.nanValueCounts.get(10), m.valueCounts.get(10), m.nullValueCounts.get(10)]).toEqual([2, 6, 3]);
  });

  it('bounds a float column by its stored float32 values', () => {
    const m = dataFileMetrics(arrowTableFor(M, rows([{ y: 1.1 }, { y: 0.1 }])));
    expect([m.lowerBounds.get(7), m.upperBounds.get(7)]).toEqual([Math.fround(0.1), Math.fround(1.1)]);
  });

  it('gives no bounds to a column of nulls only, and no NaN count to other types', () => {
    const m = dataFileMetrics(arrowTableFor(M, rows([{}, {}])));
    expect([m.lowerBounds.has(6), m.upperBounds.has(8), m.nullValueCounts.get(8), m.nanValueCounts.has(8)]).toEqual([false, false, 2, false]);
  });

  it('adds up the record batches of a table', () => {
    const a = arrowTableFor(M, rows([{ x: 5, z: 'b' }, { x: null, z: 'a' }]));
    const b = arrowTableFor(M, rows([{ x: -1, z: 'c', w: [] }]));
    const m = dataFileMetrics(new Table([...a.batches, ...b.batches]));
    expect(m.recordCount).toBe(3);
    expect([m.valueCounts.get(6), m.nullValueCounts.get(6), m.lowerBounds.get(6), m.upperBounds.get(6)]).toEqual([3, 1, -1, 5]);
    expect([m.lowerBounds.get(8), m.upperBounds.get(8)]).toEqual(['a', 'c']);
    expect([m.valueCounts.get(10), m.nullValueCounts.get(10)]).toEqual([3, 3]);
  });

  it('describes position-delete files too', () => {
    const m = dataFileMetrics(positionDeletesTable([{ filePath: 'b', pos: 4 }, { filePath: 'a', pos: 7 }]));
    expect([m.recordCount, m.lowerBounds.get(2147483546), m.upperBounds.get(2147483546), m.lowerBounds.get(2147483545), m.upperBounds.get(2147483545)]).toEqual([2, 'a', 'b', 4n, 7n]);
  });

  it('bounds longs, timestamps, decimals and strings compared in place, slices of a batch included', () => {
    const N = parseSchema({ $type: 'N', l: 'long', t: 'timestamp', d: 'decimal(38,0)', s: 'string' });
    const longs = [0n, -1n, 1n, -(2n ** 63n), 2n ** 63n - 1n, 2n ** 32n, -(2n ** 32n), 4294967295n, -4294967296n, 123n];
    const decimals = [0n, -1n, 10n ** 38n - 1n, -(10n ** 38n - 1n), 2n ** 64n, -(2n ** 64n), 2n ** 96n + 5n, 18446744073709551615n, -18446744073709551616n, 7n];
    const strings = ['b', 'a', 'ab', '', 'é', 'z\u{1f600}', '\uff21', 'aa', 'a\u0000', 'zz'];
    const all = longs.map((l, i): ParquetRow => ({ ...system, $type: 'N', l, t: l / 1000n, d: decimals[i]!, s: strings[i]! }));
    const table = arrowTableFor(N, all);
    const bytes = (v: string) => new TextEncoder().encode(v);
    const byBytes = (a: string, b: string) => {
      const [x, y] = [bytes(a), bytes(b)];
      for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
      return x.length - y.length;
    };
    for (const [from, to] of [[0, 10], [3, 9], [1, 2], [5, 10]] as const) {
      const m = dataFileMetrics(table.slice(from, to));
      const part = all.slice(from, to);
      const big = (name: string) => part.map((r) => r[name] as bigint).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const text = part.map((r) => r.s as string).sort(byBytes);
      expect([m.lowerBounds.get(6), m.upperBounds.get(6)], `l ${from}…${to}`).toEqual([big('l')[0], big('l').at(-1)]);
      expect([m.lowerBounds.get(7), m.upperBounds.get(7)], `t ${from}…${to}`).toEqual([big('t')[0], big('t').at(-1)]);
      expect([m.lowerBounds.get(8), m.upperBounds.get(8)], `d ${from}…${to}`).toEqual([big('d')[0], big('d').at(-1)]);
      expect([m.lowerBounds.get(9), m.upperBounds.get(9)], `s ${from}…${to}`).toEqual([text[0], text.at(-1)]);
    }
  });

  it('measures a chunk shared by two tables once, with the same result for each', () => {
    const a = arrowTableFor(M, rows([{ x: 5, z: 'b', w: [1] }, { x: null, z: 'a' }]));
    const first = dataFileMetrics(a);
    const again = dataFileMetrics(new Table([...a.batches]));
    const fresh = dataFileMetrics(arrowTableFor(M, rows([{ x: 5, z: 'b', w: [1] }, { x: null, z: 'a' }])));
    for (const m of [again, fresh]) {
      expect([...m.lowerBounds]).toEqual([...first.lowerBounds]);
      expect([...m.upperBounds]).toEqual([...first.upperBounds]);
      expect([...m.nullValueCounts]).toEqual([...first.nullValueCounts]);
      expect([...m.valueCounts]).toEqual([...first.valueCounts]);
    }
    expect([first.lowerBounds.get(8), first.upperBounds.get(8), first.nullValueCounts.get(6)]).toEqual(['a', 'b', 1]);
  });
});
