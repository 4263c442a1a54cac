/**
 * A growable byte buffer with Avro's primitive encodings (Avro 1.11
 * specification, "Binary Encoding"): zig-zag varints for int and long,
 * IEEE 754 little-endian float and double, length-prefixed bytes and UTF-8
 * strings. It checks nothing: `encode-value.ts` validates first.
 */

const INT32_MIN = -0x8000_0000;
const INT32_MAX = 0x7fff_ffff;
const utf8 = new TextEncoder();

/** Bytes being written: each method appends one Avro primitive, growing the buffer as needed. */
export class AvroWriter {
  private buffer: Uint8Array;
  private view: DataView;
  /** Bytes written so far. */
  length = 0;

  constructor(initialCapacity = 1024) {
    this.buffer = new Uint8Array(initialCapacity);
    this.view = new DataView(this.buffer.buffer);
  }

  private reserve(n: number): void {
    const needed = this.length + n;
    if (needed <= this.buffer.length) return;
    let capacity = this.buffer.length * 2;
    while (capacity < needed) capacity *= 2;
    const next = new Uint8Array(capacity);
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
    this.view = new DataView(next.buffer);
  }

  /** Forgets everything written after `length` (a union branch that did not fit). */
  truncate(length: number): void {
    this.length = length;
  }

  /** The bytes written so far, as a view that the next write may change. */
  written(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }

  /** A copy of the bytes written so far. */
  toBytes(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }

  byte(b: number): void {
    this.reserve(1);
    this.buffer[this.length++] = b;
  }

  /** Bytes as they are, without a length. */
  raw(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  /** An int: zig-zag, then a varint of 7-bit groups, low group first. `n` is an int32. */
  int(n: number): void {
    let z = ((n << 1) ^ (n >> 31)) >>> 0;
    this.reserve(5);
    while (z > 0x7f) {
      this.buffer[this.length++] = (z & 0x7f) | 0x80;
      z >>>= 7;
    }
    this.buffer[this.length++] = z;
  }

  /** A long: an int32 takes the int path, anything wider goes through bigint. `n` is a safe integer or an int64 bigint. */
  long(n: number | bigint): void {
    if (typeof n === 'number' && n >= INT32_MIN && n <= INT32_MAX) {
      this.int(n);
      return;
    }
    const big = BigInt(n);
    let z = BigInt.asUintN(64, (big << 1n) ^ (big >> 63n));
    this.reserve(10);
    while (z > 0x7fn) {
      this.buffer[this.length++] = Number(z & 0x7fn) | 0x80;
      z >>= 7n;
    }
    this.buffer[this.length++] = Number(z);
  }

  float(n: number): void {
    this.reserve(4);
    this.view.setFloat32(this.length, n, true);
    this.length += 4;
  }

  double(n: number): void {
    this.reserve(8);
    this.view.setFloat64(this.length, n, true);
    this.length += 8;
  }

  /** Bytes with their length (a long) first. */
  bytes(bytes: Uint8Array): void {
    this.long(bytes.length);
    this.raw(bytes);
  }

  /** A string as UTF-8 with its byte length first. `s` must be well-formed UTF-16 (no lone surrogates). */
  string(s: string): void {
    this.bytes(utf8.encode(s));
  }
}
