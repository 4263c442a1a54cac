import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BloomFilterError,
  bloomAdd,
  bloomMerge,
  bloomMightContain,
  createBloomFilter,
  deserializeBloomFilter,
  estimateFalsePositiveRate,
  serializeBloomFilter,
  type BloomFilter,
} from '../../src/batch/bloom/index.js';
import { fmix32, fnv1a, hashPair, hashTaggedPair, murmur3, utf8 } from '../../src/batch/bloom/hash.js';
import { crc32 } from '../../src/batch/bloom/serialize.js';
import { bytesToHex, hexToBytesStrict } from '../../src/util/hex.js';

function expectBloomError(fn: () => unknown, code: string, text?: RegExp): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(BloomFilterError);
    expect((e as BloomFilterError).code).toBe(code);
    expect((e as Error).message).toMatch(/^bloom: /);
    if (text) expect((e as Error).message).toMatch(text);
    return;
  }
  expect.unreachable(`expected BloomFilterError ${code}`);
}

function filled(values: Iterable<string>, n = 100, p = 0.01): BloomFilter {
  const f = createBloomFilter(n, p);
  for (const v of values) bloomAdd(f, v);
  return f;
}

describe('hashes (published test vectors, so the scheme is the standard one everywhere)', () => {
  it('MurmurHash3 x86_32', () => {
    expect(murmur3(utf8(''), 0)).toBe(0);
    expect(murmur3(utf8(''), 1)).toBe(0x514e28b7);
    expect(murmur3(utf8('hello'), 0)).toBe(0x248bfa47);
    expect(murmur3(utf8('The quick brown fox jumps over the lazy dog'), 0)).toBe(0x2e4ff723);
  });
  it('FNV-1a 32', () => {
    expect(fnv1a(utf8(''))).toBe(0x811c9dc5);
    expect(fnv1a(utf8('a'))).toBe(0xe40c292c);
    expect(fnv1a(utf8('foobar'))).toBe(0xbf9cf968);
  });
  it('CRC-32', () => {
    expect(crc32(utf8('123456789'))).toBe(0xcbf43926);
  });
  it('hashPair hashes the UTF-8 bytes, whether it reads an ASCII string directly or encodes it first', () => {
    const strings = fc.oneof(fc.string({ unit: 'binary-ascii', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 20 }));
    fc.assert(
      fc.property(strings, (s) => {
        const bytes = utf8(s);
        expect(hashPair(s)).toEqual([murmur3(bytes, 0), fmix32(fnv1a(bytes))]);
      }),
      { numRuns: 2000 },
    );
  });
  it('hashTaggedPair(tag, s) is hashPair(tag + s) for every string, ASCII or not, of any length', () => {
    const strings = fc.oneof(fc.string({ unit: 'binary-ascii', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 20 }));
    fc.assert(
      fc.property(fc.constantFrom('s:', 'n:', 'b:'), strings, (tag, s) => {
        expect(hashTaggedPair(tag, s)).toEqual(hashPair(tag + s));
      }),
      { numRuns: 3000 },
    );
    // Every length around the block boundaries, with a non-ASCII unit at each position.
    for (let n = 0; n <= 12; n++) {
      const ascii = 'abcdefghijklmnop'.slice(0, n);
      expect(hashTaggedPair('s:', ascii)).toEqual(hashPair(`s:${ascii}`));
      for (let at = 0; at < n; at++) {
        const mixed = `${ascii.slice(0, at)}é${ascii.slice(at + 1)}`;
        expect(hashTaggedPair('s:', mixed)).toEqual(hashPair(`s:${mixed}`));
      }
    }
  });
  it('bloomAdd sets exactly the Kirsch–Mitzenmacher positions (h1 + i·(h2 | 1)) mod m', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.integer({ min: 1, max: 5000 }), fc.double({ min: 0.0001, max: 0.5, noNaN: true }), (s, n, p) => {
        const f = createBloomFilter(n, p);
        bloomAdd(f, s);
        const [h1, h2] = hashPair(s);
        const expected = new Uint8Array(f.bits.length);
        for (let i = 0; i < f.numHashes; i++) {
          const bit = (h1 + i * ((h2 | 1) >>> 0)) % f.numBits;
          expected[bit >>> 3]! |= 1 << (bit & 7);
        }
        expect(f.bits).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});

describe('createBloomFilter', () => {
  it('sizes m and k by the standard formulas, m in whole 64-bit words', () => {
    const f = createBloomFilter(1000, 0.01);
    // ⌈1000·ln 100 / ln²2⌉ = 9586 → 9600; round(9.6·ln 2) = 7
    expect(f.numBits).toBe(9600);
    expect(f.numHashes).toBe(7);
    expect(f.bits.length).toBe(1200);
    expect(f.itemCount).toBe(0);
    expect(createBloomFilter(1, 0.5)).toMatchObject({ numBits: 64, numHashes: 44 });
    expect(createBloomFilter(1000, 0.99).numHashes).toBeGreaterThanOrEqual(1);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.double({ min: 1e-9, max: 0.999, noNaN: true }), (n, p) => {
        const g = createBloomFilter(n, p);
        expect(g.numBits % 64).toBe(0);
        expect(g.numBits).toBeGreaterThanOrEqual((-n * Math.log(p)) / Math.LN2 ** 2);
        expect(g.numBits - (-n * Math.log(p)) / Math.LN2 ** 2).toBeLessThan(64 + 1e-6 * g.numBits);
        expect(g.numHashes).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 200 },
    );
  });

  it('rejects invalid arguments with INVALID_ARGUMENT', () => {
    for (const n of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expectBloomError(() => createBloomFilter(n, 0.01), 'INVALID_ARGUMENT', /expectedItems: need an integer ≥ 1/);
    }
    expectBloomError(() => createBloomFilter('10' as unknown as number, 0.01), 'INVALID_ARGUMENT', /have a string/);
    for (const p of [0, 1, -0.1, 1.5, Number.NaN]) {
      expectBloomError(() => createBloomFilter(10, p), 'INVALID_ARGUMENT', /falsePositiveRate: need a number in \(0, 1\)/);
    }
    expectBloomError(() => createBloomFilter(2 ** 40, 0.01), 'INVALID_ARGUMENT', /need at most/);
  });

  it('rejects non-string values without echoing them', () => {
    const f = createBloomFilter(10, 0.01);
    for (const v of [42, null, undefined, { secret: 'SENTINEL' }, ['SENTINEL'], 1n]) {
      expectBloomError(() => bloomAdd(f, v as unknown as string), 'INVALID_ARGUMENT', /value: need a string/);
      expectBloomError(() => bloomMightContain(f, v as unknown as string), 'INVALID_ARGUMENT', /value: need a string/);
    }
    try {
      bloomAdd(f, { secret: 'SENTINEL' } as unknown as string);
    } catch (e) {
      expect((e as Error).message).not.toContain('SENTINEL');
    }
    expect(f.itemCount).toBe(0);
  });
});

describe('membership', () => {
  it('never gives a false negative (property over random string sets)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ unit: 'binary', maxLength: 40 }), { maxLength: 300 }),
        fc.integer({ min: 1, max: 500 }),
        fc.constantFrom(0.5, 0.1, 0.01, 0.0001),
        (values, n, p) => {
          const f = filled(values, n, p);
          expect(f.itemCount).toBe(values.length);
          for (const v of values) expect(bloomMightContain(f, v)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('an empty filter contains nothing', () => {
    const f = createBloomFilter(100, 0.01);
    for (const v of ['', 'a', '$id', '\u{1F600}']) expect(bloomMightContain(f, v)).toBe(false);
    expect(estimateFalsePositiveRate(f)).toBe(0);
  });

  for (const rate of [0.01, 0.001]) {
    it(`measured false-positive rate for 10,000 items at ${rate} is within [0.3×, 1.5×] of the setting`, () => {
      const f = createBloomFilter(10_000, rate);
      for (let i = 0; i < 10_000; i++) bloomAdd(f, `member-${i}`);
      let positives = 0;
      const probes = 100_000;
      for (let i = 0; i < probes; i++) if (bloomMightContain(f, `absent-${i}`)) positives++;
      const measured = positives / probes;
      expect(measured).toBeGreaterThanOrEqual(0.3 * rate);
      expect(measured).toBeLessThanOrEqual(1.5 * rate);
      // The fill-based estimate agrees with the measurement.
      const estimated = estimateFalsePositiveRate(f);
      expect(estimated).toBeGreaterThanOrEqual(0.3 * rate);
      expect(estimated).toBeLessThanOrEqual(1.5 * rate);
    });
  }
});

describe('bloomMerge', () => {
  it('equals adding both sets to one filter', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 100 }), fc.array(fc.string(), { maxLength: 100 }), (xs, ys) => {
        const a = filled(xs);
        const b = filled(ys);
        const aBefore = serializeBloomFilter(a);
        const merged = bloomMerge(a, b);
        const direct = filled([...xs, ...ys]);
        expect(merged).toEqual(direct);
        expect(serializeBloomFilter(merged)).toEqual(serializeBloomFilter(direct));
        for (const v of [...xs, ...ys]) expect(bloomMightContain(merged, v)).toBe(true);
        expect(serializeBloomFilter(a)).toEqual(aBefore); // inputs untouched
      }),
      { numRuns: 100 },
    );
  });

  it('rejects filters of different sizes with INCOMPATIBLE_FILTERS', () => {
    const a = createBloomFilter(100, 0.01);
    expectBloomError(() => bloomMerge(a, createBloomFilter(1000, 0.01)), 'INCOMPATIBLE_FILTERS', /960 bits\/7 hashes and 9600 bits\/7 hashes/);
    // Same m, different k.
    const b = { ...createBloomFilter(100, 0.01), numHashes: 3 };
    expectBloomError(() => bloomMerge(a, b), 'INCOMPATIBLE_FILTERS');
  });
});

describe('serialization', () => {
  it('round-trips any filter exactly', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'binary' }), { maxLength: 200 }),
        fc.integer({ min: 1, max: 2000 }),
        fc.double({ min: 1e-6, max: 0.9, noNaN: true }),
        (values, n, p) => {
          const f = filled(values, n, p);
          const bytes = serializeBloomFilter(f);
          expect(bytes.length).toBe(20 + f.numBits / 8 + 4);
          const g = deserializeBloomFilter(bytes);
          expect(g).toEqual(f);
          expect(g.bits).not.toBe(f.bits);
          for (const v of values) expect(bloomMightContain(g, v)).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('reads from a view into a larger buffer and does not share its memory', () => {
    const f = filled(['a', 'b']);
    const bytes = serializeBloomFilter(f);
    const padded = new Uint8Array(bytes.length + 16);
    padded.set(bytes, 8);
    const g = deserializeBloomFilter(padded.subarray(8, 8 + bytes.length));
    expect(g).toEqual(f);
    padded.fill(0xff);
    expect(g).toEqual(f);
  });

  it('rejects every truncation and extension, saying need vs have', () => {
    const bytes = serializeBloomFilter(filled(['x', 'y', 'z'], 10));
    expect(bytes.length).toBe(20 + 16 + 4);
    for (let len = 0; len < bytes.length; len++) {
      expectBloomError(() => deserializeBloomFilter(bytes.slice(0, len)), 'INVALID_FILTER', /need .*have/);
    }
    expectBloomError(() => deserializeBloomFilter(bytes.slice(0, 30)), 'INVALID_FILTER', /need 40 bytes for 128 bits, have 30/);
    expectBloomError(() => deserializeBloomFilter(bytes.slice(0, 3)), 'INVALID_FILTER', /need at least 24 bytes, have 3/);
    const longer = new Uint8Array(bytes.length + 1);
    longer.set(bytes);
    expectBloomError(() => deserializeBloomFilter(longer), 'INVALID_FILTER', /need 40 bytes for 128 bits, have 41/);
  });

  it('rejects any single flipped bit', () => {
    const bytes = serializeBloomFilter(filled(['x', 'y', 'z'], 10));
    for (let bit = 0; bit < bytes.length * 8; bit++) {
      const garbled = bytes.slice();
      garbled[bit >>> 3]! ^= 1 << (bit & 7);
      expectBloomError(() => deserializeBloomFilter(garbled), 'INVALID_FILTER', /need .*have/);
    }
  });

  it('names the specific header problem', () => {
    const bytes = serializeBloomFilter(filled(['x'], 10));
    const withHeader = (offset: number, value: number): Uint8Array => {
      const b = bytes.slice();
      b[offset] = value;
      return b;
    };
    expectBloomError(() => deserializeBloomFilter(withHeader(0, 0x58)), 'INVALID_FILTER', /need magic "ICBF", have 58434246/);
    expectBloomError(() => deserializeBloomFilter(withHeader(4, 2)), 'INVALID_FILTER', /need format version 1, have 2/);
    expectBloomError(() => deserializeBloomFilter(withHeader(8, 100)), 'INVALID_FILTER', /multiple of 64, have 100/);
    expectBloomError(() => deserializeBloomFilter(withHeader(25, bytes[25]! ^ 4)), 'INVALID_FILTER', /need checksum [0-9a-f]{8}, have [0-9a-f]{8}/);
    expectBloomError(() => deserializeBloomFilter('ICBF' as unknown as Uint8Array), 'INVALID_FILTER', /need a Uint8Array, have string/);
  });

  it('pins the on-disk format: golden bytes for a fixed input', () => {
    // Filters are persisted in batch statistics, so the byte layout AND the
    // hash scheme (MurmurHash3 + FNV-1a/fmix32, Kirsch–Mitzenmacher) are a
    // compatibility contract. This hex was generated once from the
    // implementation; if it changes, stored filters would give false
    // negatives: bump the format version instead of updating the hex.
    const f = filled(['alpha', 'beta', 'gamma', '', 'ünïcødé 🚀'], 5, 0.1);
    const golden = '49434246010009004000000005000000000000007facc0cb1717b6eaad071acd';
    expect(bytesToHex(serializeBloomFilter(f))).toBe(golden);
    const g = deserializeBloomFilter(hexToBytesStrict(golden));
    expect(g.itemCount).toBe(5);
    for (const v of ['alpha', 'beta', 'gamma', '', 'ünïcødé 🚀']) expect(bloomMightContain(g, v)).toBe(true);
  });
});
