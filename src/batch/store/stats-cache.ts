import { deserializeBloomSet, type BloomSet } from '../bloom/index.js';
import { murmur3 } from '../bloom/hash.js';
import { deserializeZoneMap, type ZoneMap } from '../zone-map/index.js';

/**
 * Parsed batch statistics, cached two ways.
 *
 * By tag: every write of a batch's statistics stores a new random 53-bit
 * `stats_tag` with them, and remembers what it wrote under that tag. A query
 * reads each batch's head and tag (a few bytes, on the row's B-tree page)
 * and takes the statistics from memory; only tags it has not seen send it
 * back for the statistics columns. Tags are never reused: a rolled-back
 * write leaves a tag no row holds, and a random tag cannot collide with
 * another batch's (2^-53), so a hit is always what the row holds. A tag
 * is not derived from anything a caller controls.
 *
 * By content (statistics without a tag): the cache below. Every batched
 * query reads each batch's statistics row; parsing them again each time was
 * most of a selective query's time. The cache is content-addressed — a
 * zone map by its exact text, a bloom set by its exact bytes (compared in
 * full on a hit) — so a hit is always the parse of what was read: no
 * invalidation, no staleness after rewrites or rolled-back transactions, and
 * safe to share between databases. Bounded: the oldest entries go first.
 */

/** Entries kept of each kind (a batch's statistics are a few hundred bytes to a few KB). */
const MAX_ENTRIES = 8_192;

function remember<K, V>(map: Map<K, V>, key: K, value: V): V {
  if (map.size >= MAX_ENTRIES) map.delete(map.keys().next().value as K);
  map.set(key, value);
  return value;
}

/** Byte equality, four bytes at a time where both are aligned (a query compares hundreds of sets). */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  if (a.byteOffset % 4 === 0 && b.byteOffset % 4 === 0) {
    const words = a.length >>> 2;
    const wa = new Uint32Array(a.buffer, a.byteOffset, words);
    const wb = new Uint32Array(b.buffer, b.byteOffset, words);
    for (let w = 0; w < words; w++) if (wa[w] !== wb[w]) return false;
    i = words << 2;
  }
  for (; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const zoneMaps = new Map<string, ZoneMap>();
/** Keyed by length and a hash of all the bytes; the bytes are kept and compared. */
const bloomSets = new Map<string, { readonly bytes: Uint8Array; readonly set: BloomSet }>();

/** `deserializeZoneMap(text)`, from the cache when this exact text was parsed before. */
export function cachedZoneMap(text: string): ZoneMap {
  return zoneMaps.get(text) ?? remember(zoneMaps, text, deserializeZoneMap(text));
}

/** `deserializeBloomSet(bytes)`, from the cache when these exact bytes were parsed before. */
export function cachedBloomSet(buffer: ArrayBuffer): BloomSet {
  const bytes = new Uint8Array(buffer);
  // A hash of every byte: sets of one collection share their length and often their last bytes.
  const key = `${bytes.length}:${murmur3(bytes)}`;
  const hit = bloomSets.get(key);
  if (hit !== undefined && sameBytes(hit.bytes, bytes)) return hit.set;
  const set = deserializeBloomSet(bytes);
  remember(bloomSets, key, { bytes: bytes.slice(), set });
  return set;
}

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

const byTag = new Map<number, BatchStats>();
const random = new Uint32Array(2);

/** A new statistics tag: 53 random bits (`crypto.getRandomValues`), an exact JavaScript number. */
export function newStatsTag(): number {
  crypto.getRandomValues(random);
  return (random[0]! & 0x1f_ffff) * 0x1_0000_0000 + random[1]!;
}

/** Remembers the statistics written under `tag` (call it for every write, committed or not: an uncommitted tag is never read). */
export function rememberStats(tag: number, stats: BatchStats): void {
  remember(byTag, tag, stats);
}

/** The statistics remembered under `tag`, or undefined. */
export function statsByTag(tag: number | null): BatchStats | undefined {
  return tag === null ? undefined : byTag.get(tag);
}

/** The parsed statistics of a row: from memory by tag, else parsed (and remembered under its tag). */
export function statsOf(row: StoredStats): BatchStats {
  const known = statsByTag(row.statsTag);
  if (known !== undefined) return known;
  const stats: BatchStats = {
    zoneMap: row.zoneMap === null ? null : cachedZoneMap(row.zoneMap),
    blooms: row.blooms === null ? null : cachedBloomSet(row.blooms),
  };
  if (row.statsTag !== null) rememberStats(row.statsTag, stats);
  return stats;
}
