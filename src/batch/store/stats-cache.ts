import { deserializeBloomSet, type BloomSet } from '../bloom/index.js';
import { deserializeZoneMap, type ZoneMap } from '../zone-map/index.js';

/**
 * Parsed batch statistics, cached by their stored content. Every batched
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

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const zoneMaps = new Map<string, ZoneMap>();
/** Keyed by length and the set's CRC-32 trailer; the bytes are kept and compared. */
const bloomSets = new Map<string, { readonly bytes: Uint8Array; readonly set: BloomSet }>();

/** `deserializeZoneMap(text)`, from the cache when this exact text was parsed before. */
export function cachedZoneMap(text: string): ZoneMap {
  return zoneMaps.get(text) ?? remember(zoneMaps, text, deserializeZoneMap(text));
}

/** `deserializeBloomSet(bytes)`, from the cache when these exact bytes were parsed before. */
export function cachedBloomSet(buffer: ArrayBuffer): BloomSet {
  const bytes = new Uint8Array(buffer);
  const n = bytes.length;
  const key = n < 4 ? `${n}` : `${n}:${bytes[n - 4]}.${bytes[n - 3]}.${bytes[n - 2]}.${bytes[n - 1]}`;
  const hit = bloomSets.get(key);
  if (hit !== undefined && sameBytes(hit.bytes, bytes)) return hit.set;
  const set = deserializeBloomSet(bytes);
  remember(bloomSets, key, { bytes: bytes.slice(), set });
  return set;
}
