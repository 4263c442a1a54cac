/**
 * The persisted form of a bloom filter, format version 1. All integers are
 * little-endian; the bit array is `BloomFilter.bits` verbatim; the trailer
 * is CRC-32 (IEEE 802.3 polynomial 0xEDB88320, as in zlib/PNG) so that a
 * flipped bit anywhere is rejected instead of silently causing misses.
 *
 *   offset  size   field
 *   0       4      magic "ICBF"
 *   4       1      version = 1 (also fixes the hash scheme of `hash.ts`)
 *   5       1      reserved = 0
 *   6       2      k, numHashes (u16, ≥ 1)
 *   8       4      m, numBits (u32, a positive multiple of 64)
 *   12      8      itemCount (u64, ≤ 2^53 − 1)
 *   20      m/8    bits
 *   20+m/8  4      CRC-32 of bytes [0, 20 + m/8)
 */
import { BloomFilterError } from './bloom-error.js';
import type { BloomFilter } from './bloom-filter.js';

const MAGIC = [0x49, 0x43, 0x42, 0x46] as const; // "ICBF"
const VERSION = 1;
const HEADER = 20;
const TRAILER = 4;

/**
 * The filter as bytes in format version 1, for a BLOB column or R2.
 * Deterministic: the same filter always gives the same bytes.
 *
 * @example
 * const f = createBloomFilter(128, 0.01);
 * bloomAdd(f, 'a');
 * const blob = serializeBloomFilter(f); // 20 + 160 + 4 bytes
 * bloomMightContain(deserializeBloomFilter(blob), 'a') // true
 */
export function serializeBloomFilter(filter: BloomFilter): Uint8Array {
  const bytes = new Uint8Array(HEADER + filter.bits.length + TRAILER);
  const view = new DataView(bytes.buffer);
  bytes.set(MAGIC, 0);
  view.setUint8(4, VERSION);
  view.setUint16(6, filter.numHashes, true);
  view.setUint32(8, filter.numBits, true);
  view.setUint32(12, filter.itemCount % 2 ** 32, true);
  view.setUint32(16, Math.floor(filter.itemCount / 2 ** 32), true);
  bytes.set(filter.bits, HEADER);
  view.setUint32(HEADER + filter.bits.length, crc32(bytes.subarray(0, HEADER + filter.bits.length)), true);
  return bytes;
}

/**
 * A filter from bytes written by {@link serializeBloomFilter}. The result
 * does not share memory with `bytes`.
 *
 * @throws BloomFilterError `INVALID_FILTER` when the bytes are truncated,
 * too long, garbled (checksum mismatch), of an unknown version, or declare
 * impossible sizes; the message says what was needed and what was found.
 *
 * @example
 * const f = deserializeBloomFilter(row.bloom as Uint8Array);
 * if (!bloomMightContain(f, id)) skipBatch();
 */
export function deserializeBloomFilter(bytes: Uint8Array): BloomFilter {
  if (!(bytes instanceof Uint8Array)) invalid(`need a Uint8Array, have ${bytes === null ? 'null' : typeof bytes}`);
  if (bytes.length < HEADER + TRAILER) invalid(`need at least ${HEADER + TRAILER} bytes, have ${bytes.length}`);
  if (MAGIC.some((b, i) => bytes[i] !== b)) invalid(`need magic "ICBF", have ${hex(bytes.subarray(0, 4))}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint8(4);
  if (version !== VERSION) invalid(`need format version ${VERSION}, have ${version}`);
  const reserved = view.getUint8(5);
  if (reserved !== 0) invalid(`need reserved byte 0, have ${reserved}`);
  const numHashes = view.getUint16(6, true);
  if (numHashes < 1) invalid(`need numHashes ≥ 1, have ${numHashes}`);
  const numBits = view.getUint32(8, true);
  if (numBits === 0 || numBits % 64 !== 0) invalid(`need numBits a positive multiple of 64, have ${numBits}`);
  const high = view.getUint32(16, true);
  if (high >= 2 ** 21) invalid(`need itemCount ≤ 2^53 − 1, have high word ${high}`);
  const itemCount = high * 2 ** 32 + view.getUint32(12, true);
  const end = HEADER + numBits / 8;
  if (bytes.length !== end + TRAILER) invalid(`need ${end + TRAILER} bytes for ${numBits} bits, have ${bytes.length}`);
  const stored = view.getUint32(end, true);
  const actual = crc32(bytes.subarray(0, end));
  if (stored !== actual) invalid(`need checksum ${actual.toString(16).padStart(8, '0')}, have ${stored.toString(16).padStart(8, '0')}`);
  return { numBits, numHashes, itemCount, bits: bytes.slice(HEADER, end) };
}

function invalid(message: string): never {
  throw new BloomFilterError('INVALID_FILTER', message);
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('') || '(nothing)';
}

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let i = 0; i < 8; i++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 (IEEE), the checksum of zlib and PNG. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
