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

/** MurmurHash3 x86_32 of `bytes` with `seed`, as an unsigned 32-bit integer. */
export function murmur3(bytes: Uint8Array, seed = 0): number {
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  const len = bytes.length;
  const blocks = len & ~3;
  let h = seed >>> 0;
  for (let i = 0; i < blocks; i += 4) {
    let k = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  let k = 0;
  switch (len & 3) {
    case 3:
      k ^= bytes[blocks + 2]! << 16;
    // falls through
    case 2:
      k ^= bytes[blocks + 1]! << 8;
    // falls through
    case 1:
      k ^= bytes[blocks]!;
      k = Math.imul(k, c1);
      k = (k << 15) | (k >>> 17);
      k = Math.imul(k, c2);
      h ^= k;
  }
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

/** The pair (h1, h2) that double hashing combines into the k bit positions of `value`. */
export function hashPair(value: string): readonly [number, number] {
  const bytes = utf8Scratch(value);
  return [murmur3(bytes, 0), fmix32(fnv1a(bytes))];
}
