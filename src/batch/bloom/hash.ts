/**
 * The two 32-bit hashes behind every bloom filter, over the value's UTF-8
 * bytes: MurmurHash3 x86_32 (Appleby, seed 0) and FNV-1a 32 (Fowler–Noll–Vo,
 * offset basis 0x811c9dc5, prime 0x01000193) passed through MurmurHash3's
 * `fmix32` finalizer so that its low bits avalanche too.
 *
 * Filters are persisted, so these functions are part of the on-disk format
 * (version 1): they use only `Math.imul`, 32-bit integer arithmetic and
 * `TextEncoder`, and give the same result in every JavaScript runtime and
 * on every byte order. Changing them requires a new format version.
 */

const encoder = new TextEncoder();

/** UTF-8 bytes of a string (lone surrogates become U+FFFD, as `TextEncoder` does everywhere). */
export function utf8(value: string): Uint8Array {
  return encoder.encode(value);
}

/** Reused by `hashPair`: hashing a batch's values allocates no buffer per value. */
let scratch = new Uint8Array(256);

/** `utf8(value)` written into the scratch buffer: the same bytes, valid until the next call. */
function utf8Scratch(value: string): Uint8Array {
  // A UTF-16 code unit becomes at most 3 UTF-8 bytes.
  if (value.length * 3 > scratch.length) scratch = new Uint8Array(value.length * 3);
  const { written } = encoder.encodeInto(value, scratch);
  return scratch.subarray(0, written);
}

/** MurmurHash3's 32-bit finalizer: every input bit affects every output bit. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** MurmurHash3's scrambling of a 4-byte block (or of the tail bytes). */
function scramble(k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  return Math.imul(k, 0x1b873593);
}

/** MurmurHash3's state after a full 4-byte block `k`. */
function mixBlock(h: number, k: number): number {
  h ^= scramble(k);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** MurmurHash3 x86_32 of `bytes` with `seed`, as an unsigned 32-bit integer. */
export function murmur3(bytes: Uint8Array, seed = 0): number {
  const len = bytes.length;
  const blocks = len & ~3;
  let h = seed >>> 0;
  for (let i = 0; i < blocks; i += 4) h = mixBlock(h, bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24));
  let k = 0;
  for (let i = len - 1; i >= blocks; i--) k = (k << 8) | bytes[i]!;
  if (len > blocks) h ^= scramble(k);
  h ^= len;
  return fmix32(h);
}

/** FNV-1a 32 of `bytes`, as an unsigned 32-bit integer (without the finalizer). */
export function fnv1a(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i]!;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The pair (h1, h2) that double hashing combines into the k bit positions of
 * `value`: `murmur3(utf8(value))` and `fmix32(fnv1a(utf8(value)))`. An ASCII
 * string's UTF-8 bytes are its code units, so both hashes are computed in
 * one pass over the string; other strings are encoded first.
 */
export function hashPair(value: string): readonly [number, number] {
  return hashJoined('', value);
}

function hashBytes(bytes: Uint8Array): readonly [number, number] {
  return [murmur3(bytes, 0), fmix32(fnv1a(bytes))];
}

/**
 * `hashPair(tag + value)` for a two-character ASCII `tag` (the bloom key
 * tags `s:`, `n:`, `b:`), without building the joined string: joining makes
 * a string that must then be flattened and copied before it is read, which
 * took about as long as hashing it. Same bytes, same blocks, same result.
 */
export function hashTaggedPair(tag: string, value: string): readonly [number, number] {
  return hashJoined(tag, value);
}

/** `hashPair(tag + value)` for an ASCII `tag` of 0 or 2 characters, reading both strings in place. */
function hashJoined(tag: string, value: string): readonly [number, number] {
  const t = tag.length;
  const len = t + value.length;
  const blocks = len & ~3;
  let h = 0;
  let f = 0x811c9dc5;
  for (let j = 0; j < t; j++) f = Math.imul(f ^ tag.charCodeAt(j), 0x01000193);
  // `i` is the next value index to hash in blocks; value[i] is joined position t + i.
  let i = 0;
  if (t === 2 && blocks > 0) {
    // The first block holds the tag and the value's first two characters.
    const v0 = value.charCodeAt(0);
    const v1 = value.charCodeAt(1);
    if ((v0 | v1) >= 0x80) return hashBytes(utf8Scratch(tag + value));
    h = mixBlock(h, tag.charCodeAt(0) | (tag.charCodeAt(1) << 8) | (v0 << 16) | (v1 << 24));
    f = Math.imul(f ^ v0, 0x01000193);
    f = Math.imul(f ^ v1, 0x01000193);
    i = 2;
  }
  for (; t + i < blocks; i += 4) {
    const b0 = value.charCodeAt(i);
    const b1 = value.charCodeAt(i + 1);
    const b2 = value.charCodeAt(i + 2);
    const b3 = value.charCodeAt(i + 3);
    if ((b0 | b1 | b2 | b3) >= 0x80) return hashBytes(utf8Scratch(tag + value));
    h = mixBlock(h, b0 | (b1 << 8) | (b2 << 16) | (b3 << 24));
    f = Math.imul(f ^ b0, 0x01000193);
    f = Math.imul(f ^ b1, 0x01000193);
    f = Math.imul(f ^ b2, 0x01000193);
    f = Math.imul(f ^ b3, 0x01000193);
  }
  // The tail: joined positions blocks…len-1 (the tag's only when there was no full block).
  let k = 0;
  for (let j = len - 1; j >= blocks; j--) {
    const b = j < t ? tag.charCodeAt(j) : value.charCodeAt(j - t);
    if (b >= 0x80) return hashBytes(utf8Scratch(tag + value));
    k = (k << 8) | b;
  }
  for (let j = Math.max(blocks, t); j < len; j++) f = Math.imul(f ^ value.charCodeAt(j - t), 0x01000193);
  if (len > blocks) h ^= scramble(k);
  h ^= len;
  return [fmix32(h), fmix32(f >>> 0)];
}
