/**
 * Cursor-style byte reader and writer for the batch codec: little-endian
 * fixed-width integers, LEB128 varints (at most 8 bytes, values up to
 * 2^53 − 1, minimal form only) and WTF-8 strings. Every read checks its
 * bounds first and throws `INVALID_BATCH` ("need X bytes, have Y").
 */
import { BatchCodecError } from './batch-codec-error.js';
import { readWtf8, wtf8Length, writeWtf8 } from './wtf8.js';

const TWO_32 = 0x1_0000_0000;

/** Strings of at most this many UTF-16 units take at most 3 bytes each, 126 in all: their length is a one-byte varint. */
const SHORT_STRING = 42;

/** Bytes a varint of `n` (a safe non-negative integer) takes. */
export function varintSize(n: number): number {
  let size = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 0x80);
    size++;
  }
  return size;
}

/** Bytes a length-prefixed string takes. */
export function stringSize(s: string): number {
  const n = wtf8Length(s);
  return varintSize(n) + n;
}

export class ByteWriter {
  pos = 0;
  private readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  u8(b: number): void {
    this.bytes[this.pos++] = b;
  }
  u16(n: number): void {
    this.view.setUint16(this.pos, n, true);
    this.pos += 2;
  }
  u32(n: number): void {
    this.view.setUint32(this.pos, n, true);
    this.pos += 4;
  }
  f64(n: number): void {
    this.view.setFloat64(this.pos, n, true);
    this.pos += 8;
  }
  /** A signed 64-bit integer: a safe integer, or -2^63 (exact as a double). */
  i64(n: number): void {
    const hi = Math.floor(n / TWO_32);
    this.view.setInt32(this.pos + 4, hi, true);
    this.view.setUint32(this.pos, n - hi * TWO_32, true);
    this.pos += 8;
  }
  varint(n: number): void {
    while (n >= 0x80) {
      this.bytes[this.pos++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.bytes[this.pos++] = n;
  }
  raw(b: Uint8Array): void {
    this.bytes.set(b, this.pos);
    this.pos += b.length;
  }
  /** `s` as WTF-8, without a length. */
  wtf8(s: string): void {
    this.pos = writeWtf8(s, this.bytes, this.pos);
  }
  /** A document's `$id` slot: its byte length + 1, then the id (so that 0 can mean "no string `$id`"). */
  idSlot(id: string): void {
    if (id.length <= SHORT_STRING) {
      // At most 126 bytes, so the length + 1 is a one-byte varint, written after the id.
      const at = this.pos++;
      this.pos = writeWtf8(id, this.bytes, this.pos);
      this.bytes[at] = this.pos - at;
      return;
    }
    this.varint(wtf8Length(id) + 1);
    this.wtf8(id);
  }
  /** `s` with its byte length first. */
  string(s: string): void {
    if (s.length <= SHORT_STRING) {
      // At most 126 bytes: a one-byte length, written after the string so that it is not measured first.
      const at = this.pos++;
      this.pos = writeWtf8(s, this.bytes, this.pos);
      this.bytes[at] = this.pos - at - 1;
      return;
    }
    this.varint(wtf8Length(s));
    this.wtf8(s);
  }
}

/** Field names of at most this many bytes are interned. */
const MAX_INTERNED_KEY = 32;
/** Distinct names kept; past it the table starts over (documents rarely have more than a few hundred names). */
const MAX_INTERNED_KEYS = 4_096;
/** Short ASCII field names by a hash of their bytes; a hit is checked byte by byte. */
const internedKeys = new Map<number, string>();

/** Whether the ASCII string `s` is exactly the `n` bytes at `start`. */
function sameAscii(s: string, bytes: Uint8Array, start: number, n: number): boolean {
  if (s.length !== n) return false;
  for (let i = 0; i < n; i++) if (s.charCodeAt(i) !== bytes[start + i]) return false;
  return true;
}

export class ByteReader {
  private readonly view: DataView;
  constructor(
    readonly bytes: Uint8Array,
    public pos: number,
    public end: number,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  /** Reads `[pos, end)` of the same bytes next (one reader serves every document of a batch). */
  range(pos: number, end: number): this {
    this.pos = pos;
    this.end = end;
    return this;
  }
  /** Throws unless `n` more bytes remain. */
  need(n: number, what: string): void {
    if (n > this.end - this.pos) {
      throw new BatchCodecError('INVALID_BATCH', `need ${n} bytes for ${what} at offset ${this.pos}, have ${this.end - this.pos}`);
    }
  }
  fail(message: string): never {
    throw new BatchCodecError('INVALID_BATCH', `${message} at offset ${this.pos}`);
  }
  u8(what: string): number {
    this.need(1, what);
    return this.bytes[this.pos++]!;
  }
  f64(): number {
    this.need(8, 'a float64');
    const n = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return n;
  }
  /** A little-endian signed 64-bit integer as a double: exact for safe integers and for -2^63. */
  i64(what: string): number {
    this.need(8, what);
    const lo = this.view.getUint32(this.pos, true);
    const hi = this.view.getInt32(this.pos + 4, true);
    this.pos += 8;
    return hi * TWO_32 + lo;
  }
  varint(what: string): number {
    let result = 0;
    let scale = 1;
    for (let i = 0; ; i++) {
      this.need(1, what);
      const b = this.bytes[this.pos++]!;
      result += (b & 0x7f) * scale;
      if (b < 0x80) {
        if (b === 0 && i > 0) this.fail(`non-minimal varint in ${what}`);
        break;
      }
      if (i === 7) this.fail(`varint longer than 8 bytes in ${what}`);
      scale *= 0x80;
    }
    if (result > Number.MAX_SAFE_INTEGER) this.fail(`varint above 2^53 - 1 in ${what}`);
    return result;
  }
  /** The next `n` bytes as a view (not a copy). */
  take(n: number, what: string): Uint8Array {
    this.need(n, what);
    const b = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }
  string(what: string): string {
    return this.wtf8(this.varint(`the length of ${what}`), what);
  }
  /**
   * A field name: as `string`, but short ASCII names — nearly all of them,
   * repeated in every document — come from `internedKeys` instead of being
   * built again.
   */
  key(what: string): string {
    const n = this.varint(`the length of ${what}`);
    if (n > MAX_INTERNED_KEY) return this.wtf8(n, what);
    this.need(n, what);
    const bytes = this.bytes;
    const start = this.pos;
    let hash = n;
    for (let i = start; i < start + n; i++) {
      const b = bytes[i]!;
      if (b >= 0x80) return this.wtf8(n, what);
      hash = Math.imul(hash ^ b, 0x01000193);
    }
    const known = internedKeys.get(hash);
    if (known !== undefined && sameAscii(known, bytes, start, n)) {
      this.pos += n;
      return known;
    }
    const key = this.wtf8(n, what);
    if (internedKeys.size >= MAX_INTERNED_KEYS) internedKeys.clear();
    internedKeys.set(hash, key);
    return key;
  }
  /** The next `n` bytes as a WTF-8 string. */
  wtf8(n: number, what: string): string {
    this.need(n, what);
    const s = readWtf8(this.bytes, this.pos, this.pos + n);
    if (s === undefined) this.fail(`${what} is not valid WTF-8`);
    this.pos += n;
    return s;
  }
}
