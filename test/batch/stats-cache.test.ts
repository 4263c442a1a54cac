/**
 * The content-addressed statistics cache: a hit is only ever the parse of
 * exactly the bytes or text that were read, so rewritten batches and
 * rolled-back writes can never be pruned with stale statistics.
 */
import { describe, expect, it } from 'vitest';
import { buildBloomSet, serializeBloomSet } from '../../src/batch/bloom/index.js';
import { cachedBloomSet, cachedZoneMap } from '../../src/batch/store/stats-cache.js';
import { buildZoneMap, serializeZoneMap } from '../../src/batch/zone-map/index.js';

const copy = (bytes: Uint8Array): ArrayBuffer => bytes.slice().buffer as ArrayBuffer;

describe('the batch statistics cache', () => {
  it('returns the parsed zone map for the same text, a fresh parse for other text', () => {
    const a = serializeZoneMap(buildZoneMap(undefined, [{ $id: 'a', n: 1 }, { $id: 'b', n: 5 }]));
    const b = serializeZoneMap(buildZoneMap(undefined, [{ $id: 'a', n: 1 }, { $id: 'b', n: 6 }]));
    expect(cachedZoneMap(a)).toBe(cachedZoneMap(`${a}`));
    expect(cachedZoneMap(b).fields.n).toMatchObject({ min: 1, max: 6 });
    expect(cachedZoneMap(a).fields.n).toMatchObject({ min: 1, max: 5 });
  });

  it('compares bloom sets byte for byte: equal bytes hit, a changed byte with the same trailer is parsed (and here rejected)', () => {
    const bytes = serializeBloomSet(buildBloomSet(undefined, [{ $id: 'a' }, { $id: 'b' }], { falsePositiveRate: 0.01, expectedItems: 16 }));
    const first = cachedBloomSet(copy(bytes));
    expect(cachedBloomSet(copy(bytes))).toBe(first);
    const tampered = bytes.slice();
    tampered[20] = tampered[20]! ^ 0xff; // same length, same CRC trailer, other content
    expect(() => cachedBloomSet(copy(tampered))).toThrow(expect.objectContaining({ code: 'INVALID_BLOOM_SET' }));
    expect(cachedBloomSet(copy(bytes))).toBe(first);
  });

  it('tells apart sets that share their length and last bytes (one collection, other ids) — and hits for each', () => {
    const build = (prefix: string) => serializeBloomSet(buildBloomSet(undefined, Array.from({ length: 20 }, (_, i) => ({ $id: `${prefix}${i}` })), { falsePositiveRate: 0.01, expectedItems: 32 }));
    const a = build('a');
    const b = build('b');
    expect(a.length).toBe(b.length);
    const first = cachedBloomSet(copy(a));
    const second = cachedBloomSet(copy(b));
    expect(second).not.toBe(first);
    expect(cachedBloomSet(copy(a))).toBe(first);
    expect(cachedBloomSet(copy(b))).toBe(second);
  });
});
