/**
 * Bloom filters (Bloom 1970, "Space/time trade-offs in hash coding with
 * allowable errors"), sized by the standard optima m = ⌈−n·ln p / (ln 2)²⌉
 * bits and k = round((m/n)·ln 2) hashes, with k positions derived from two
 * 32-bit hashes by Kirsch–Mitzenmacher double hashing, g_i = h1 + i·h2 mod m
 * ("Less hashing, same performance", ESA 2006). See `hash.ts` for h1, h2.
 */
import { BloomFilterError } from './bloom-error.js';
import { hashPair, hashTaggedPair } from './hash.js';

/**
 * A bloom filter over strings: answers "definitely absent" or "might be
 * present". `bits` holds `numBits` bits, bit i at byte i >> 3, mask
 * 1 << (i & 7). `itemCount` counts `bloomAdd` calls (duplicates included).
 * Treat it as opaque and change it only through `bloomAdd`.
 *
 * @example
 * const f: BloomFilter = createBloomFilter(1000, 0.01);
 * f.numBits   // 9600
 * f.numHashes // 7
 */
export interface BloomFilter {
  /** m, the number of bits: a whole number of 64-bit words. */
  readonly numBits: number;
  /** k, the number of bit positions set per value (≥ 1). */
  readonly numHashes: number;
  /** How many values have been added (merges add both counts). */
  readonly itemCount: number;
  /** The bit array, `numBits / 8` bytes. */
  readonly bits: Uint8Array;
}

/** Largest m the serialized format can hold (a 32-bit field, whole 64-bit words). */
export const MAX_BLOOM_BITS = 2 ** 32 - 64;

type MutableBloomFilter = { -readonly [K in keyof BloomFilter]: BloomFilter[K] };

/**
 * An empty filter sized for `expectedItems` values at a false-positive rate
 * of `falsePositiveRate`: m = ⌈−n·ln p / (ln 2)²⌉ rounded up to a multiple
 * of 64, k = max(1, round((m/n)·ln 2)).
 *
 * @throws BloomFilterError `INVALID_ARGUMENT` when `expectedItems` is not an
 * integer ≥ 1, `falsePositiveRate` is not in (0, 1), or m would exceed
 * {@link MAX_BLOOM_BITS}.
 *
 * @example
 * const ids = createBloomFilter(128, 0.01); // 1280 bits, 7 hashes
 * bloomAdd(ids, '01J9Z…');
 */
export function createBloomFilter(expectedItems: number, falsePositiveRate: number): BloomFilter {
  if (typeof expectedItems !== 'number' || !Number.isSafeInteger(expectedItems) || expectedItems < 1) {
    throw new BloomFilterError('INVALID_ARGUMENT', `expectedItems: need an integer ≥ 1, have ${describe(expectedItems)}`);
  }
  if (typeof falsePositiveRate !== 'number' || !(falsePositiveRate > 0 && falsePositiveRate < 1)) {
    throw new BloomFilterError('INVALID_ARGUMENT', `falsePositiveRate: need a number in (0, 1), have ${describe(falsePositiveRate)}`);
  }
  const optimal = Math.ceil((-expectedItems * Math.log(falsePositiveRate)) / (Math.LN2 * Math.LN2));
  const numBits = Math.max(64, Math.ceil(optimal / 64) * 64);
  if (numBits > MAX_BLOOM_BITS) {
    throw new BloomFilterError('INVALID_ARGUMENT', `need at most ${MAX_BLOOM_BITS} bits, have ${numBits} for ${expectedItems} items at rate ${falsePositiveRate}`);
  }
  const numHashes = Math.max(1, Math.round((numBits / expectedItems) * Math.LN2));
  return { numBits, numHashes, itemCount: 0, bits: new Uint8Array(numBits / 8) };
}

/**
 * Adds a string to the filter, in place.
 *
 * @throws BloomFilterError `INVALID_ARGUMENT` when `value` is not a string.
 *
 * @example
 * const f = createBloomFilter(100, 0.01);
 * bloomAdd(f, 'alice@example.com');
 * bloomMightContain(f, 'alice@example.com') // true
 */
export function bloomAdd(filter: BloomFilter, value: string): void {
  setBits(filter, hashPair(checkValue(value)));
}

/**
 * @internal Counts a value whose bits are set already (`bloomAdd` of a
 * value added before changes only `itemCount`).
 */
export function countAgain(filter: BloomFilter): void {
  (filter as MutableBloomFilter).itemCount = filter.itemCount + 1;
}

/** Sets the k positions of a value's hash pair and counts the value. */
function setBits(filter: BloomFilter, [h1, h2]: readonly [number, number]): void {
  const { numBits: m, numHashes: k, bits } = filter;
  const step = stride(h2, m);
  for (let i = 0, bit = h1 % m; i < k; i++, bit = next(bit, step, m)) bits[bit >>> 3]! |= 1 << (bit & 7);
  (filter as MutableBloomFilter).itemCount = filter.itemCount + 1;
}

/**
 * @internal `bloomAdd(filter, tag + value)` for a two-character ASCII tag
 * (`bloomKey`'s `s:`), without joining the strings: the same bits.
 */
export function bloomAddTagged(filter: BloomFilter, tag: string, value: string): void {
  setBits(filter, hashTaggedPair(tag, value));
}

/**
 * False when `value` was certainly never added; true when it may have been
 * (wrong with probability about the filter's false-positive rate).
 *
 * @throws BloomFilterError `INVALID_ARGUMENT` when `value` is not a string.
 *
 * @example
 * const f = createBloomFilter(100, 0.01);
 * bloomAdd(f, 'a');
 * bloomMightContain(f, 'a') // true
 * bloomMightContain(f, 'b') // false (almost always)
 */
export function bloomMightContain(filter: BloomFilter, value: string): boolean {
  const [h1, h2] = hashPair(checkValue(value));
  const { numBits: m, numHashes: k, bits } = filter;
  const step = stride(h2, m);
  for (let i = 0, bit = h1 % m; i < k; i++, bit = next(bit, step, m)) if ((bits[bit >>> 3]! & (1 << (bit & 7))) === 0) return false;
  return true;
}

/**
 * A new filter holding the union of `a` and `b` (bitwise OR): it might
 * contain exactly what `a` or `b` might contain. Neither input changes.
 *
 * @throws BloomFilterError `INCOMPATIBLE_FILTERS` unless both have the same
 * `numBits` and `numHashes` (create them with the same arguments).
 *
 * @example
 * const day1 = createBloomFilter(1000, 0.01);
 * const day2 = createBloomFilter(1000, 0.01);
 * const both = bloomMerge(day1, day2);
 */
export function bloomMerge(a: BloomFilter, b: BloomFilter): BloomFilter {
  if (a.numBits !== b.numBits || a.numHashes !== b.numHashes) {
    throw new BloomFilterError(
      'INCOMPATIBLE_FILTERS',
      `merge needs equal sizes, have ${a.numBits} bits/${a.numHashes} hashes and ${b.numBits} bits/${b.numHashes} hashes`,
    );
  }
  const bits = new Uint8Array(a.bits.length);
  for (let i = 0; i < bits.length; i++) bits[i] = a.bits[i]! | b.bits[i]!;
  return { numBits: a.numBits, numHashes: a.numHashes, itemCount: a.itemCount + b.itemCount, bits };
}

/**
 * The filter's current false-positive probability, estimated from how full
 * it is: (bits set / m)^k. Unlike a formula over `itemCount`, this stays
 * right after duplicates and merges.
 *
 * @example
 * const f = createBloomFilter(1000, 0.01);
 * estimateFalsePositiveRate(f) // 0 while empty
 * // after 1000 distinct adds: about 0.01
 */
export function estimateFalsePositiveRate(filter: BloomFilter): number {
  let set = 0;
  for (const byte of filter.bits) set += POPCOUNT[byte]!;
  return (set / filter.numBits) ** filter.numHashes;
}

/**
 * The bit positions of a value are g_i = (h1 + i·h2') mod m, with h2' = h2
 * made odd so that, m being even, the stride is never 0 mod m (which would
 * put all k positions on one bit). They are walked as g_0 = h1 mod m,
 * g_{i+1} = (g_i + (h2' mod m)) mod m — the same positions, in small
 * integers, without a floating-point modulo per position.
 */
function stride(h2: number, m: number): number {
  return ((h2 | 1) >>> 0) % m;
}

/** The next position: `(bit + step) mod m`, both below m. */
function next(bit: number, step: number, m: number): number {
  const sum = bit + step;
  return sum >= m ? sum - m : sum;
}

function checkValue(value: unknown): string {
  if (typeof value !== 'string') {
    throw new BloomFilterError('INVALID_ARGUMENT', `value: need a string, have ${describe(value)}`);
  }
  return value;
}

/** A type-and-shape description that never echoes a value's contents (numbers are arguments, not data). */
function describe(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

const POPCOUNT = Uint8Array.from({ length: 256 }, (_, b) => {
  let n = 0;
  for (let x = b; x !== 0; x &= x - 1) n++;
  return n;
});
