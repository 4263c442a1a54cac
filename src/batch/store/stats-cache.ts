import { deserializeBloomSet, type BloomSet } from '../bloom/index.js';
import { deserializeZoneMap, type ZoneMap } from '../zone-map/index.js';

/**
 * Parsed batch statistics, remembered by tag. Every write of a batch's
 * statistics stores a new random 53-bit `stats_tag` with them and remembers
 * what it wrote under that tag. A query reads each batch's head and tag (a
 * few bytes, on the row's B-tree page) and takes the statistics from memory;
 * only tags it has not seen send it back for the statistics columns, whose
 * parse is then remembered under the tag.
 *
 * Tags are never reused: a rolled-back write leaves a tag no row holds, and
 * a random tag cannot collide with another batch's (2^-53), so what memory
 * holds for a tag is always what the row holds — after rewrites and
 * rolled-back transactions too, and shared between databases. A tag is not
 * derived from anything a caller controls. Bounded: the oldest entries go
 * first.
 */

/** A batch's statistics, parsed: null where the batch has none (zone maps off). */
export interface BatchStats {
  readonly zoneMap: ZoneMap | null;
  readonly blooms: BloomSet | null;
}

/** The statistics columns of a `_batches` row as SQLite returns them. */
export interface StoredStats {
  readonly statsTag: number | null;
  readonly zoneMap: string | null;
  readonly blooms: ArrayBuffer | null;
}

/** Tags remembered (a batch's parsed statistics are a few KB). */
const MAX_ENTRIES = 8_192;

const byTag = new Map<number, BatchStats>();
const random = new Uint32Array(2);

/** A new statistics tag: 53 random bits (`crypto.getRandomValues`), an exact JavaScript number. */
export function newStatsTag(): number {
  crypto.getRandomValues(random);
  return (random[0]! & 0x1f_ffff) * 0x1_0000_0000 + random[1]!;
}

/** Remembers the statistics written under `tag` (call it for every write, committed or not: an uncommitted tag is never read). */
export function rememberStats(tag: number, stats: BatchStats): void {
  if (byTag.size >= MAX_ENTRIES) byTag.delete(byTag.keys().next().value as number);
  byTag.set(tag, stats);
}

/** The statistics remembered under `tag`, or undefined. */
export function statsByTag(tag: number | null): BatchStats | undefined {
  return tag === null ? undefined : byTag.get(tag);
}

/**
 * The parsed statistics of a row: from memory by its tag, else parsed (and
 * remembered under the tag; a row without one is parsed every time).
 *
 * @throws ZoneMapError / BloomFilterError when the stored statistics are malformed.
 * @example
 * const { zoneMap, blooms } = statsOf(batch); // batch: a `_batches` row read with its statistics columns
 */
export function statsOf(row: StoredStats): BatchStats {
  const known = statsByTag(row.statsTag);
  if (known !== undefined) return known;
  const stats: BatchStats = {
    zoneMap: row.zoneMap === null ? null : deserializeZoneMap(row.zoneMap),
    blooms: row.blooms === null ? null : deserializeBloomSet(row.blooms),
  };
  if (row.statsTag !== null) rememberStats(row.statsTag, stats);
  return stats;
}
