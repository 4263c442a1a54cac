/**
 * The statistics cache is keyed by the random tag written with each batch's
 * statistics: a hit is what the row holds, a new tag is parsed, and a row
 * without a tag is parsed every time.
 */
import { describe, expect, it } from 'vitest';
import { buildBloomSet, serializeBloomSet } from '../../src/batch/bloom/index.js';
import { newStatsTag, rememberStats, statsByTag, statsOf } from '../../src/batch/store/stats-cache.js';
import { buildZoneMap, serializeZoneMap } from '../../src/batch/zone-map/index.js';

const docs = [{ $id: 'a', n: 1 }, { $id: 'b', n: 5 }];
const zoneText = serializeZoneMap(buildZoneMap(undefined, docs));
const bloomBytes = serializeBloomSet(buildBloomSet(undefined, docs, { falsePositiveRate: 0.01, expectedItems: 16 }));
const stored = (statsTag: number | null) => ({ statsTag, zoneMap: zoneText, blooms: bloomBytes.slice().buffer as ArrayBuffer });

describe('the batch statistics cache', () => {
  it('gives 53-bit tags that are exact numbers and do not repeat', () => {
    const tags = Array.from({ length: 10_000 }, newStatsTag);
    expect(tags.every((t) => Number.isSafeInteger(t) && t >= 0)).toBe(true);
    expect(new Set(tags).size).toBe(tags.length);
    // Both halves carry entropy: the high bits are not all zero.
    expect(tags.some((t) => t >= 2 ** 40)).toBe(true);
  });

  it('parses a row once per tag and remembers it; a row without a tag is parsed each time', () => {
    const tag = newStatsTag();
    expect(statsByTag(tag)).toBeUndefined();
    const first = statsOf(stored(tag));
    expect(first.zoneMap?.fields.n).toMatchObject({ min: 1, max: 5 });
    expect(first.blooms?.get('$id')).toBeDefined();
    expect(statsOf(stored(tag))).toBe(first);
    expect(statsByTag(tag)).toBe(first);
    const untagged = statsOf(stored(null));
    expect(untagged).toEqual(first);
    expect(statsOf(stored(null))).not.toBe(untagged);
    expect(statsOf({ statsTag: newStatsTag(), zoneMap: null, blooms: null })).toEqual({ zoneMap: null, blooms: null });
  });

  it('takes what a write remembered under its tag, without reading the columns', () => {
    const tag = newStatsTag();
    const written = { zoneMap: buildZoneMap(undefined, docs), blooms: null };
    rememberStats(tag, written);
    // The columns are not parsed on a hit: garbage there is never looked at.
    expect(statsOf({ statsTag: tag, zoneMap: 'not a zone map', blooms: null })).toBe(written);
    expect(() => statsOf({ statsTag: newStatsTag(), zoneMap: 'not a zone map', blooms: null })).toThrow(expect.objectContaining({ code: 'INVALID_ZONE_MAP' }));
  });
});
