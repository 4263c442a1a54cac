import { deserializeBloomSet, type BloomSet } from '../bloom/index.js';
import { murmur3 } from '../bloom/hash.js';
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
