/**
 * The per-batch bloom set (issue 4 §2): its container round-trips and
 * rejects damage with a typed error; `bloomKey` gives equal keys to values
 * the filter evaluator finds equal; `bloomFields` picks `$id` and the
 * indexed/unique text and number fields.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BloomFilterError,
  bloomAdd,
  bloomFields,
  bloomKey,
  bloomMightContain,
  buildBloomSet,
  createBloomFilter,
  deserializeBloomSet,
  extendBloomSet,
  serializeBloomFilter,
  serializeBloomSet,
  type BloomFilter,
} from '../../src/batch/bloom/index.js';
import { crc32 } from '../../src/batch/bloom/serialize.js';
import { parseSchema, type IceTypeSchema } from '../../src/index.js';
import { planFilter } from '../../src/store/filter/plan-filter.js';
import type { Comparable } from '../../src/store/filter/operand.js';
import type { PlanNode } from '../../src/store/filter/plan-node.js';

function expectSetError(fn: () => unknown, text?: RegExp): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(BloomFilterError);
    expect((e as BloomFilterError).code).toBe('INVALID_BLOOM_SET');
    expect((e as Error).message).toMatch(/^bloom: /);
    if (text) expect((e as Error).message).toMatch(text);
    return;
  }
  expect.unreachable('expected BloomFilterError INVALID_BLOOM_SET');
}

const User: IceTypeSchema = parseSchema({
  $type: 'User',
  email: 'string#',
  age: 'int#',
  score: 'double#',
  handle: { type: 'string', unique: true },
  code: 'uuid',
  slug: 'varchar(20)',
  status: '"new" | "open"#',
  at: 'timestamp#',
  price: 'decimal(10,2)#',
  flag: 'bool#',
  tags: 'string[]#',
  meta: 'json#',
  plain: 'string',
  $unique: [['code'], ['plain', 'age']],
  $index: [{ fields: ['slug'], unique: true }, ['plain']],
});

/** A set with a few fields and values, for container tests. */
function sampleSet(): Map<string, BloomFilter> {
  const docs = Array.from({ length: 20 }, (_, i) => ({ $id: `u${i}`, email: `e${i}@x.io`, age: i, handle: `h${i}` }));
  return buildBloomSet(User, docs, { falsePositiveRate: 0.01, expectedItems: 32 });
}

describe('bloomKey', () => {
  it('tags strings, finite numbers and booleans; -0 is 0; everything else has no key', () => {
    expect(bloomKey('a')).toBe('s:a');
    expect(bloomKey('')).toBe('s:');
    expect(bloomKey(5)).toBe('n:5');
    expect(bloomKey(-0)).toBe('n:0');
    expect(bloomKey(0)).toBe(bloomKey(-0));
    expect(bloomKey(1.5)).toBe('n:1.5');
    expect(bloomKey(true)).toBe('b:true');
    expect(bloomKey(false)).toBe('b:false');
    // Distinct kinds never share a key.
    expect(bloomKey('5')).not.toBe(bloomKey(5));
    expect(bloomKey('true')).not.toBe(bloomKey(true));
    for (const v of [null, undefined, Number.NaN, Infinity, -Infinity, new Date(0), new Uint8Array([1]), ['a'], { a: 1 }, { units: 5n, scale: 0 }, 5n]) {
      expect(bloomKey(v)).toBeUndefined();
    }
  });

  it('equal keys exactly for equal values of one kind (property)', () => {
    const value = fc.oneof(fc.string({ maxLength: 6 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -3, max: 3 }), fc.boolean());
    fc.assert(
      fc.property(value, value, (a, b) => {
        const same = typeof a === typeof b && a === b;
        expect(bloomKey(a) === bloomKey(b)).toBe(same);
      }),
      { numRuns: 2000 },
    );
  });

  it('an operand as the planner normalises it gets the stored value’s key (int $eq 5, uuid, enum, -0)', () => {
    const leafValue = (filter: Record<string, unknown>): Comparable => {
      const node: PlanNode = planFilter(User, filter);
      if (node.t !== 'cmp') throw new Error(`expected a cmp leaf, have ${node.t}`);
      return node.value;
    };
    expect(bloomKey(leafValue({ age: 5 }))).toBe(bloomKey(5));
    expect(bloomKey(leafValue({ age: { $eq: 5 } }))).toBe(bloomKey(5));
    expect(bloomKey(leafValue({ age: -0 }))).toBe(bloomKey(0));
    expect(bloomKey(leafValue({ score: 0 }))).toBe(bloomKey(-0));
    expect(bloomKey(leafValue({ email: 'a@b.c' }))).toBe(bloomKey('a@b.c'));
    expect(bloomKey(leafValue({ status: 'open' }))).toBe(bloomKey('open'));
    expect(bloomKey(leafValue({ $id: 'u1' }))).toBe(bloomKey('u1'));
  });
});

describe('bloomFields', () => {
  it('$id plus indexed or unique-constrained text and number fields, in declaration order', () => {
    // Not: timestamp, decimal, bool (kinds), arrays and json, a field only in a non-unique $index.
    // `plain` is in the two-field $unique: the store's uniqueness check prunes by any field of a constraint.
    expect(bloomFields(User)).toEqual(['$id', 'email', 'age', 'score', 'handle', 'code', 'slug', 'status', 'plain']);
  });

  it('only $id without a schema or without marked fields', () => {
    expect(bloomFields(undefined)).toEqual(['$id']);
    expect(bloomFields(parseSchema({ $type: 'A', name: 'string', n: 'int' }))).toEqual(['$id']);
  });
});

describe('buildBloomSet', () => {
  it('one filter per field sized for max(expectedItems, docs), holding every keyed value', () => {
    const docs = [
      { $id: 'a', email: 'x@y.z', age: 5, score: Number.NaN },
      { $id: 'b', email: null, age: -0, handle: 'h' },
      { $id: 'c', age: 7.5, at: new Date(0) },
    ];
    const set = buildBloomSet(User, docs, { falsePositiveRate: 0.01, expectedItems: 128 });
    expect([...set.keys()]).toEqual(bloomFields(User));
    for (const filter of set.values()) expect(filter.numBits).toBe(createBloomFilter(128, 0.01).numBits);
    expect(set.get('$id')!.itemCount).toBe(3);
    expect(set.get('email')!.itemCount).toBe(1);
    expect(set.get('score')!.itemCount).toBe(0);
    for (const [field, v] of [['$id', 'a'], ['$id', 'c'], ['email', 'x@y.z'], ['age', 5], ['age', 0], ['age', 7.5], ['handle', 'h']] as const) {
      expect(bloomMightContain(set.get(field)!, bloomKey(v)!)).toBe(true);
    }
    const big = buildBloomSet(undefined, Array.from({ length: 300 }, (_, i) => ({ $id: `d${i}`, email: 'e' })), { falsePositiveRate: 0.01, expectedItems: 128 });
    expect([...big.keys()]).toEqual(['$id']);
    expect(big.get('$id')!.numBits).toBe(createBloomFilter(300, 0.01).numBits);
  });

  it('holds exactly the bits of bloomAdd(bloomKey(value)) for every document, whatever their key orders', () => {
    // Repeated strings (the small pool) are counted, not hashed again: the bits and counts must not change.
    const value = fc.oneof(fc.constantFrom('x', 'y', 'ü'), fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 6 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.date());
    const doc = fc.record({ $id: fc.string({ minLength: 1, maxLength: 40 }), email: value, age: value, handle: value, plain: value }, { requiredKeys: ['$id'] });
    // Shuffled key orders and missing keys take the by-name path; shared orders the positional one.
    const docs = fc.array(fc.tuple(doc, fc.boolean()).map(([d, flip]) => (flip ? Object.fromEntries(Object.entries(d).reverse()) : d)), { maxLength: 40 });
    fc.assert(
      fc.property(docs, (batch) => {
        const set = buildBloomSet(User, batch, { falsePositiveRate: 0.05, expectedItems: 16 });
        for (const [field, filter] of set) {
          const expected = createBloomFilter(Math.max(16, batch.length), 0.05);
          for (const d of batch) {
            const key = bloomKey(Object.hasOwn(d, field) ? (d as Record<string, unknown>)[field] : undefined);
            if (key !== undefined) bloomAdd(expected, key);
          }
          expect(filter).toEqual(expected);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('rejects bad sizing with INVALID_ARGUMENT', () => {
    expect(() => buildBloomSet(User, [], { falsePositiveRate: 0, expectedItems: 10 })).toThrow(BloomFilterError);
    expect(() => buildBloomSet(User, [], { falsePositiveRate: 0.01, expectedItems: 0 })).toThrow(/expectedItems/);
  });
});

describe('serializeBloomSet / deserializeBloomSet', () => {
  it('round-trips, from a Uint8Array or an ArrayBuffer, without sharing memory', () => {
    const set = sampleSet();
    const bytes = serializeBloomSet(set);
    expect([...bytes.subarray(0, 4)]).toEqual([0x49, 0x43, 0x42, 0x53]);
    const back = deserializeBloomSet(bytes);
    expect(back).toEqual(set);
    expect([...back.keys()]).toEqual([...set.keys()]);
    expect(deserializeBloomSet(bytes.slice().buffer)).toEqual(set);
    // Exact size: header, per entry 2 + name + 4 + filter, CRC.
    const expected = 8 + [...set].reduce((n, [name, f]) => n + 2 + new TextEncoder().encode(name).length + 4 + serializeBloomFilter(f).length, 0) + 4;
    expect(bytes.length).toBe(expected);
    back.get('$id')!.bits[0] = 0xff;
    expect(deserializeBloomSet(bytes)).toEqual(set);
    expect(serializeBloomSet(set)).toEqual(bytes);
  });

  it('round-trips the empty set and names of any form (property)', () => {
    expect(deserializeBloomSet(serializeBloomSet(new Map()))).toEqual(new Map());
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ unit: 'binary', maxLength: 8 }), { maxLength: 5 }), fc.array(fc.string(), { maxLength: 5 }), (names, values) => {
        const set = new Map(names.map((n) => [n, createBloomFilter(values.length + 1, 0.05)]));
        for (const f of set.values()) for (const v of values) bloomAdd(f, v);
        expect(deserializeBloomSet(serializeBloomSet(set))).toEqual(set);
      }),
      { numRuns: 200 },
    );
  });

  it('rejects every truncation and any trailing bytes', () => {
    const bytes = serializeBloomSet(sampleSet());
    for (let n = 0; n < bytes.length; n++) expectSetError(() => deserializeBloomSet(bytes.subarray(0, n)));
    expectSetError(() => deserializeBloomSet(new Uint8Array([...bytes, 0])));
  });

  it('rejects wrong magic, version, reserved byte and non-bytes', () => {
    const bytes = serializeBloomSet(sampleSet());
    const patched = (at: number, value: number): Uint8Array => {
      const copy = bytes.slice();
      copy[at] = value;
      return copy;
    };
    expectSetError(() => deserializeBloomSet(patched(0, 0x58)), /magic "ICBS"/);
    expectSetError(() => deserializeBloomSet(patched(4, 2)), /version 1, have 2/);
    expectSetError(() => deserializeBloomSet(patched(5, 1)), /reserved/);
    // A bare filter is not a set.
    expectSetError(() => deserializeBloomSet(serializeBloomFilter(createBloomFilter(10, 0.01))), /magic/);
    expectSetError(() => deserializeBloomSet('ICBS' as unknown as Uint8Array), /need a Uint8Array or ArrayBuffer/);
  });

  it('rejects every single flipped bit (checksum), so damage never turns into a false negative', () => {
    const set = buildBloomSet(undefined, [{ $id: 'a' }, { $id: 'b' }], { falsePositiveRate: 0.1, expectedItems: 4 });
    const bytes = serializeBloomSet(set);
    for (let bit = 0; bit < bytes.length * 8; bit++) {
      const copy = bytes.slice();
      copy[bit >> 3]! ^= 1 << (bit & 7);
      expectSetError(() => deserializeBloomSet(copy));
    }
  });

  it('random damage either fails with INVALID_BLOOM_SET or keeps every member (property)', () => {
    const set = sampleSet();
    const bytes = serializeBloomSet(set);
    const members = Array.from({ length: 20 }, (_, i) => bloomKey(`u${i}`)!);
    fc.assert(
      fc.property(fc.array(fc.record({ at: fc.nat({ max: bytes.length - 1 }), xor: fc.integer({ min: 1, max: 255 }) }), { minLength: 1, maxLength: 4 }), (edits) => {
        const copy = bytes.slice();
        for (const { at, xor } of edits) copy[at]! ^= xor;
        let back: Map<string, BloomFilter>;
        try {
          back = deserializeBloomSet(copy);
        } catch (e) {
          expect(e).toBeInstanceOf(BloomFilterError);
          expect((e as BloomFilterError).code).toBe('INVALID_BLOOM_SET');
          return;
        }
        for (const m of members) expect(bloomMightContain(back.get('$id')!, m)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('rejects a duplicate name and a malformed inner filter even with a valid checksum', () => {
    const f = serializeBloomFilter(createBloomFilter(4, 0.1));
    const entry = (name: number, filter: Uint8Array): number[] => [1, 0, name, ...u32(filter.length), ...filter];
    const u32 = (n: number): number[] => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24];
    const container = (count: number, body: number[]): Uint8Array => {
      const head = [0x49, 0x43, 0x42, 0x53, 1, 0, count, 0, ...body];
      return new Uint8Array([...head, ...u32(crc32(new Uint8Array(head)))]);
    };
    expect([...deserializeBloomSet(container(2, [...entry(0x61, f), ...entry(0x62, f)])).keys()]).toEqual(['a', 'b']);
    expectSetError(() => deserializeBloomSet(container(2, [...entry(0x61, f), ...entry(0x61, f)])), /duplicate/);
    const bad = f.slice();
    bad[4] = 9;
    expectSetError(() => deserializeBloomSet(container(1, entry(0x61, bad))), /entry 0: need format version/);
    expectSetError(() => deserializeBloomSet(container(1, entry(0xff, f))), /WTF-8/);
    expectSetError(() => deserializeBloomSet(container(3, [...entry(0x61, f), ...entry(0x62, f)])), /entry 2/);
  });
});

describe('extendBloomSet', () => {
  it('returns a superset with the new keys and leaves the input untouched', () => {
    const set = buildBloomSet(User, [{ $id: 'a', email: 'a@x.io' }], { falsePositiveRate: 0.01, expectedItems: 16 });
    const before = serializeBloomSet(set);
    const next = extendBloomSet(set, [{ $id: 'b', email: 'b@x.io', age: 3 }]);
    expect(serializeBloomSet(set)).toEqual(before);
    for (const [field, value] of [['$id', 'a'], ['$id', 'b'], ['email', 'a@x.io'], ['email', 'b@x.io'], ['age', 3]] as const) {
      expect(bloomMightContain(next.get(field)!, bloomKey(value)!)).toBe(true);
    }
    expect(bloomMightContain(set.get('$id')!, bloomKey('b')!)).toBe(false);
  });
});
