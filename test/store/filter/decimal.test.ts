import { describe, expect, it } from 'vitest';
import { compareDecimals, decimalChunks, decimalKeySql, floorToScale, parseDecimal, type Decimal } from '../../../src/store/filter/decimal.js';
import { inDurableObject } from '../../support/do.js';

const MAX = '99999999999999999999999999999999999999'; // 38 digits

/** [a, b, sign of a − b]: each pair fools text comparison, float comparison, or both. */
const pairs: [string, string, number][] = [
  ['-10.50', '-9.99', -1],
  ['-9.99', '-10.50', 1], // text: '-9' > '-1' happens to agree; the next pairs do not
  ['100.00', '99.99', 1], // text: '1' < '9'
  ['-100.00', '-99.99', -1],
  ['-999999999999999999999999999999999999.99', '-9.99', -1], // text: '-99…' > '-9.'
  [`${MAX.slice(0, 36)}.99`, `${MAX.slice(0, 35)}8.99`, 1], // floats: both 1e36
  [`-${MAX.slice(0, 36)}.99`, `-${MAX.slice(0, 35)}8.99`, -1],
  [MAX, `${MAX.slice(0, 37)}8`, 1], // 38 integer digits, scale 0
  ['1000000000000000.00', '999999999999999.99', 1], // crosses a 15-digit chunk boundary
  ['-0.01', '0.00', -1],
  ['0.00', '-0.00', 0],
];

const asText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const asFloat = (a: string, b: string) => Math.sign(Number(a) - Number(b));

describe('exact decimal comparison', () => {
  it('the test pairs defeat text and float comparison', () => {
    expect(pairs.filter(([a, b, s]) => asText(a, b) !== s).length).toBeGreaterThanOrEqual(5);
    expect(pairs.filter(([a, b, s]) => asFloat(a, b) !== s).length).toBeGreaterThanOrEqual(3);
  });

  it('compares exactly in JS', () => {
    for (const [a, b, sign] of pairs) expect(compareDecimals(parseDecimal(a) as Decimal, parseDecimal(b) as Decimal), `${a} vs ${b}`).toBe(sign);
  });

  it('compares exactly in DO SQLite through the chunk keys', async () => {
    await inDurableObject((storage) => {
      for (const [a, b, sign] of pairs) {
        const ka = decimalKeySql('"a"').join(', ');
        const kb = decimalKeySql('"b"').join(', ');
        const row = storage.sql.exec<{ lt: number; eq: number; gt: number }>(`SELECT (${ka}) < (${kb}) AS lt, (${ka}) = (${kb}) AS eq, (${ka}) > (${kb}) AS gt FROM (SELECT ? AS "a", ? AS "b")`, a, b).one();
        expect([row.lt, row.eq, row.gt], `${a} vs ${b}`).toEqual([sign < 0 ? 1 : 0, sign === 0 ? 1 : 0, sign > 0 ? 1 : 0]);
        // The SQL keys of stored text equal the JS keys of the parsed value.
        const keys = storage.sql.exec<{ k2: number; k1: number; k0: number }>(`SELECT ${decimalKeySql('"a"').map((k, i) => `${k} AS k${2 - i}`).join(', ')} FROM (SELECT ? AS "a")`, a).one();
        const parsed = parseDecimal(a) as Decimal;
        expect([keys.k2, keys.k1, keys.k0]).toEqual(decimalChunks(floorToScale(parsed, parsed.scale).units));
      }
    });
  });

  it('parses decimal operands at any scale and floors to a stored scale', () => {
    expect(parseDecimal('-10.5')).toEqual({ units: -105n, scale: 1 });
    expect(parseDecimal('1e2')).toEqual({ units: 100n, scale: 0 });
    expect(parseDecimal('1.5e-3')).toEqual({ units: 15n, scale: 4 });
    expect(parseDecimal('.5')).toEqual({ units: 5n, scale: 1 });
    for (const bad of ['', '-', '.', 'abc', '1.2.3', '0x10', '1e', ' 1']) expect(parseDecimal(bad), bad).toBeUndefined();
    expect(floorToScale({ units: -10501n, scale: 3 }, 2)).toEqual({ units: -1051n, exact: false });
    expect(floorToScale({ units: 10501n, scale: 3 }, 2)).toEqual({ units: 1050n, exact: false });
    expect(floorToScale({ units: -10500n, scale: 3 }, 2)).toEqual({ units: -1050n, exact: true });
    expect(decimalChunks(-(10n ** 60n))).toEqual([-999999999999999, -999999999999999, -999999999999999]);
    expect(decimalChunks(10n ** 15n)).toEqual([0, 1, 0]);
  });
});
