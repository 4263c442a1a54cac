/**
 * Accepted inputs of every IceType type and their canonical form
 * (ICETYPE.md §4), and the inputs each type refuses.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeDecimalValue } from '../../../src/store/values/index.js';
import { issuesOf, normalizeOne } from './helpers.js';

const codeOf = (type: string, value: unknown): string[] => issuesOf(type, value).map((i) => i.code);

describe('strings', () => {
  it('string and text take any well-formed string', () => {
    expect(normalizeOne('string', '')).toBe('');
    expect(normalizeOne('text', 'héllo ✓ 😀')).toBe('héllo ✓ 😀');
    expect(codeOf('string', 5)).toEqual(['TYPE_MISMATCH']);
    expect(codeOf('text', '\uDC00x')).toEqual(['INVALID_STRING']);
  });

  it('varchar(N) counts code points, not UTF-16 units', () => {
    expect(normalizeOne('varchar(3)', '😀😀😀')).toBe('😀😀😀');
    expect(codeOf('varchar(3)', 'abcd')).toEqual(['VARCHAR_LENGTH']);
    expect(codeOf('varchar(3)', ['a'])).toEqual(['TYPE_MISMATCH']);
  });

  it('uuid takes any UUID and lower-cases it', () => {
    expect(normalizeOne('uuid', '550E8400-E29B-41D4-A716-446655440000')).toBe('550e8400-e29b-41d4-a716-446655440000');
    expect(codeOf('uuid', '550e8400e29b41d4a716446655440000')).toEqual(['INVALID_UUID']);
    expect(codeOf('uuid', 1)).toEqual(['TYPE_MISMATCH']);
  });

  it('enums take exactly one of their values', () => {
    expect(normalizeOne('"a" | "b"', 'b')).toBe('b');
    expect(codeOf('"a" | "b"', 'B')).toEqual(['ENUM_VALUE']);
    expect(codeOf('"a" | "b"', 1)).toEqual(['TYPE_MISMATCH']);
  });
});

describe('numbers', () => {
  it('int is a 32-bit signed whole number', () => {
    expect(normalizeOne('int', -2147483648)).toBe(-2147483648);
    expect(normalizeOne('int', 2147483647)).toBe(2147483647);
    expect(Object.is(normalizeOne('int', -0), 0)).toBe(true);
    expect(codeOf('int', 2147483648)).toEqual(['INT_RANGE']);
    expect(codeOf('int', -2147483649)).toEqual(['INT_RANGE']);
    expect(codeOf('int', 1.5)).toEqual(['TYPE_MISMATCH']);
    expect(codeOf('int', 1n)).toEqual(['TYPE_MISMATCH']);
    expect(codeOf('int', '1')).toEqual(['TYPE_MISMATCH']);
    expect(codeOf('int', Number.NaN)).toEqual(['NOT_FINITE']);
  });

  it('long takes safe integers and bigints within ±(2^53−1), as numbers', () => {
    expect(normalizeOne('long', Number.MAX_SAFE_INTEGER)).toBe(Number.MAX_SAFE_INTEGER);
    expect(normalizeOne('bigint', -9007199254740991n)).toBe(-9007199254740991);
    expect(normalizeOne('long', 42n)).toBe(42);
    expect(codeOf('long', 9007199254740992n)).toEqual(['LONG_RANGE']);
    expect(codeOf('long', -9007199254740992)).toEqual(['LONG_RANGE']);
    expect(codeOf('long', 0.5)).toEqual(['TYPE_MISMATCH']);
    expect(codeOf('long', Infinity)).toEqual(['NOT_FINITE']);
  });

  it('float and double take any finite number, -0 as 0', () => {
    expect(normalizeOne('float', 0.1)).toBe(0.1);
    expect(normalizeOne('double', 1e300)).toBe(1e300);
    expect(Object.is(normalizeOne('double', -0), 0)).toBe(true);
    expect(codeOf('double', Number.NaN)).toEqual(['NOT_FINITE']);
    expect(codeOf('float', '1.5')).toEqual(['TYPE_MISMATCH']);
  });

  it('bool takes booleans only', () => {
    expect(normalizeOne('bool', false)).toBe(false);
    expect(normalizeOne('boolean', true)).toBe(true);
    expect(codeOf('bool', 0)).toEqual(['TYPE_MISMATCH']);
    expect(codeOf('bool', 'true')).toEqual(['TYPE_MISMATCH']);
  });
});

describe('decimal(P,S)', () => {
  it('pads strings, bigints and numbers to exactly S fraction digits', () => {
    expect(normalizeOne('decimal(10,2)', '12.3')).toBe('12.30');
    expect(normalizeOne('decimal(10,2)', '-12.30')).toBe('-12.30');
    expect(normalizeOne('decimal(10,2)', '0012.300')).toBe('12.30');
    expect(normalizeOne('decimal(10,2)', 12n)).toBe('12.00');
    expect(normalizeOne('decimal(10,2)', -5n)).toBe('-5.00');
    expect(normalizeOne('decimal(10,2)', 0.1)).toBe('0.10');
    expect(normalizeOne('decimal(10,2)', 12345678.99)).toBe('12345678.99');
    expect(normalizeOne('decimal(10,2)', '-0.00')).toBe('0.00');
    expect(normalizeOne('decimal(10,2)', -0)).toBe('0.00');
    expect(normalizeOne('decimal(5)', '99999')).toBe('99999');
    expect(normalizeOne('decimal(38,38)', 1e-38)).toBe(`0.${'0'.repeat(37)}1`);
    expect(normalizeOne('decimal(38)', 1e21)).toBe('1000000000000000000000');
    expect(normalizeOne('decimal(38)', 99999999999999999999999999999999999999n)).toBe('9'.repeat(38));
  });

  it('never rounds: too many digits is an error', () => {
    expect(codeOf('decimal(10,2)', '1.005')).toEqual(['DECIMAL_PRECISION']);
    expect(codeOf('decimal(10,2)', 0.125)).toEqual(['DECIMAL_PRECISION']);
    expect(codeOf('decimal(10,2)', '123456789.00')).toEqual(['DECIMAL_PRECISION']);
    expect(codeOf('decimal(5)', 100000n)).toEqual(['DECIMAL_PRECISION']);
    expect(codeOf('decimal(38,38)', 5e-324)).toEqual(['DECIMAL_PRECISION']);
    // Trailing fraction zeros and leading zeros are free.
    expect(normalizeOne('decimal(3,1)', '00.10000')).toBe('0.1');
  });

  it('refuses exponents, other formats and other types', () => {
    for (const bad of ['1e5', '1.', '.5', '+1', '1,5', ' 1', '', '--1', '0x10']) expect(codeOf('decimal(10,2)', bad)).toEqual(['INVALID_DECIMAL']);
    expect(codeOf('decimal(10,2)', true)).toEqual(['TYPE_MISMATCH']);
    expect(codeOf('decimal(10,2)', Number.POSITIVE_INFINITY)).toEqual(['NOT_FINITE']);
  });

  it('a finite number converts to exactly its shortest decimal form (property)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 0, max: 38 }), (n, scale) => {
        const r = normalizeDecimalValue(n, 38, scale);
        if (r.ok) {
          expect(Number(r.value)).toBe(n === 0 ? 0 : n);
          expect(r.value).toMatch(scale === 0 ? /^-?[0-9]+$/ : new RegExp(`^-?[0-9]+\\.[0-9]{${scale}}$`));
        } else {
          expect(r.code).toBe('DECIMAL_PRECISION');
        }
      }),
    );
  });

  it('canonical text is a fixed point (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 0, max: 10 }), (units, scale) => {
        const s = units.toString();
        const neg = s.startsWith('-');
        const digits = (neg ? s.slice(1) : s).padStart(scale + 1, '0');
        const text = `${neg ? '-' : ''}${digits.slice(0, digits.length - scale)}${scale > 0 ? `.${digits.slice(digits.length - scale)}` : ''}`;
        const once = normalizeDecimalValue(text, 38, scale);
        expect(once.ok).toBe(true);
        if (!once.ok) return;
        expect(normalizeDecimalValue(once.value, 38, scale)).toEqual(once);
        expect(once.value).toBe(units === 0n ? text.replace('-', '') : text);
      }),
    );
  });
});

describe('temporal types', () => {
  const at = new Date('2024-01-15T09:30:00.000Z');

  it('timestamp takes a Date, an ISO string with a zone, or epoch ms, as a fresh Date', () => {
    const d = new Date(at);
    const out = normalizeOne('timestamp', d);
    expect(out).toEqual(at);
    expect(out).not.toBe(d);
    expect(normalizeOne('timestamp', '2024-01-15T09:30:00Z')).toEqual(at);
    expect(normalizeOne('timestamp', '2024-01-15T10:30:00+01:00')).toEqual(at);
    expect(normalizeOne('timestamp', '2024-01-15 05:00:00-0430')).toEqual(at);
    expect(normalizeOne('timestamp', '2024-01-15T09:30Z')).toEqual(at);
    expect(normalizeOne('timestamp', '2024-01-15t09:30:00.000123z')).toEqual(at); // sub-ms digits are dropped
    expect(normalizeOne('timestamp', at.getTime())).toEqual(at);
    expect(normalizeOne('timestamp', -1)).toEqual(new Date(-1));
    expect(normalizeOne('timestamp', '0001-01-01T00:00:00Z')).toEqual(new Date(-62135596800000)); // years below 100 are not taken as 19xx
  });

  it('timestamp refuses local times, impossible days and out-of-range numbers', () => {
    expect(codeOf('timestamp', '2024-01-15T09:30:00')).toEqual(['INVALID_TIMESTAMP']);
    expect(codeOf('timestamp', '2024-02-30T00:00:00Z')).toEqual(['INVALID_TIMESTAMP']);
    expect(codeOf('timestamp', '2024-01-15')).toEqual(['INVALID_TIMESTAMP']);
    expect(codeOf('timestamp', 8.64e15 + 1)).toEqual(['INVALID_TIMESTAMP']);
    expect(codeOf('timestamp', Number.NaN)).toEqual(['INVALID_TIMESTAMP']);
    expect(codeOf('timestamp', true)).toEqual(['TYPE_MISMATCH']);
  });

  it('date takes real calendar days', () => {
    expect(normalizeOne('date', '2024-02-29')).toBe('2024-02-29');
    expect(normalizeOne('date', '2000-02-29')).toBe('2000-02-29');
    expect(codeOf('date', '1900-02-29')).toEqual(['INVALID_DATE']);
    expect(codeOf('date', '2024-04-31')).toEqual(['INVALID_DATE']);
    expect(codeOf('date', '2024-13-01')).toEqual(['INVALID_DATE']);
    expect(codeOf('date', '2024-1-01')).toEqual(['INVALID_DATE']);
    expect(codeOf('date', at)).toEqual(['TYPE_MISMATCH']);
  });

  it('time takes HH:MM:SS with up to 6 fraction digits', () => {
    expect(normalizeOne('time', '00:00:00')).toBe('00:00:00');
    expect(normalizeOne('time', '23:59:59.999999')).toBe('23:59:59.999999');
    expect(codeOf('time', '23:59')).toEqual(['INVALID_TIME']);
    expect(codeOf('time', '12:60:00')).toEqual(['INVALID_TIME']);
    expect(codeOf('time', 3600)).toEqual(['TYPE_MISMATCH']);
  });
});

describe('json, binary, vector', () => {
  it('json takes any JSON value and returns a copy', () => {
    const input = { a: [1, 'two', { three: null, four: true }], b: -0 };
    const out = normalizeOne('json', input);
    expect(out).toEqual({ a: [1, 'two', { three: null, four: true }], b: 0 });
    expect(out).not.toBe(input);
    expect(normalizeOne('json', 'just a string')).toBe('just a string');
    expect(normalizeOne('json', [])).toEqual([]);
    const proto = JSON.parse('{"__proto__": {"x": 1}}') as object;
    const copied = normalizeOne('json', proto) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copied)).toBe(Object.prototype);
    expect(Object.keys(copied)).toEqual(['__proto__']);
  });

  it('json refuses cycles, non-plain objects and undefined inside, at their path', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(issuesOf('json', cyclic).map((i) => [i.code, i.path])).toEqual([['INVALID_JSON', ['f', 'self']]]);
    const shared = { x: 1 };
    expect(normalizeOne('json', { a: shared, b: shared })).toEqual({ a: { x: 1 }, b: { x: 1 } }); // shared, not cyclic
    expect(issuesOf('json', [new Map()]).map((i) => i.path)).toEqual([['f', '0']]);
    expect(issuesOf('json', { a: undefined, b: Symbol('s') }).map((i) => i.path)).toEqual([['f', 'a'], ['f', 'b']]);
    let deep: unknown = 1;
    for (let i = 0; i < 150; i++) deep = [deep];
    expect(issuesOf('json', deep)[0]?.message).toMatch(/nesting deeper than 100 levels/);
  });

  it('binary takes Uint8Array or ArrayBuffer, as a plain Uint8Array copy', () => {
    const bytes = new Uint8Array([1, 2, 255]);
    const out = normalizeOne('binary', bytes);
    expect(out).toEqual(bytes);
    expect(out).not.toBe(bytes);
    expect(normalizeOne('binary', bytes.buffer)).toEqual(bytes);
    const view = new Uint8Array([9, 9, 1, 2, 9]).subarray(2, 4);
    expect(normalizeOne('binary', view)).toEqual(new Uint8Array([1, 2]));
    expect(codeOf('binary', [1, 2])).toEqual(['TYPE_MISMATCH']);
    expect(codeOf('binary', new Uint16Array(2))).toEqual(['TYPE_MISMATCH']);
  });

  it('vector(N) takes N finite numbers (array or Float32Array), rounded to float32', () => {
    expect(normalizeOne('vector(3)', [0.5, -1, 3])).toEqual([0.5, -1, 3]);
    expect(normalizeOne('vector(2)', [0.1, 1e-50])).toEqual([Math.fround(0.1), 0]);
    expect(normalizeOne('vector(2)', new Float32Array([1.5, 2.5]))).toEqual([1.5, 2.5]);
    expect(codeOf('vector(3)', [1, 2])).toEqual(['VECTOR_DIMENSIONS']);
    expect(codeOf('vector(2)', [1, '2'])).toEqual(['TYPE_MISMATCH']);
    expect(codeOf('vector(2)', [1, Number.NaN])).toEqual(['NOT_FINITE']);
    expect(codeOf('vector(2)', 'not a vector')).toEqual(['TYPE_MISMATCH']);
  });
});

describe('arrays and forward relations', () => {
  it('T[] normalises every item and refuses null items', () => {
    expect(normalizeOne('timestamp[]', ['2024-01-15T09:30:00Z', 0])).toEqual([new Date('2024-01-15T09:30:00Z'), new Date(0)]);
    expect(normalizeOne('decimal(4,1)[]', ['1', 2n, 0.5])).toEqual(['1.0', '2.0', '0.5']);
    expect(normalizeOne('uuid[]', ['550E8400-E29B-41D4-A716-446655440000'])).toEqual(['550e8400-e29b-41d4-a716-446655440000']);
    expect(normalizeOne('string[]', [])).toEqual([]);
    expect(issuesOf('int[]', [1, null, 'x', 2 ** 40]).map((i) => [i.code, i.path.join('.')])).toEqual([
      ['NULL_NOT_ALLOWED', 'f.1'],
      ['TYPE_MISMATCH', 'f.2'],
      ['INT_RANGE', 'f.3'],
    ]);
    const sparse = ['a'];
    sparse[2] = 'c';
    expect(issuesOf('string[]', sparse).map((i) => [i.code, i.path.join('.')])).toEqual([['TYPE_MISMATCH', 'f.1']]);
  });

  it('-> T takes a target id; -> T[] an array of them', () => {
    expect(normalizeOne('-> User', 'user-1')).toBe('user-1');
    expect(normalizeOne('-> User[]', ['u1', 'u2'])).toEqual(['u1', 'u2']);
    expect(codeOf('-> User', 7)).toEqual(['INVALID_ID']);
    expect(codeOf('-> User[]', 'u1')).toEqual(['TYPE_MISMATCH']);
    expect(codeOf('-> User[]', ['u1', null])).toEqual(['NULL_NOT_ALLOWED']);
  });
});
