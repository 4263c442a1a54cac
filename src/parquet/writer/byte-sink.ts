/**
 * A growable byte buffer for the value bytes of Utf8 and Binary columns
 * (Arrow columnar format "Variable-size Binary Layout": offsets plus one
 * contiguous data buffer), so a column is encoded in one pass.
 */
const encoder = new TextEncoder();

/** Bytes appended at `length`; `bytes()` is a view of what was written. */
export class ByteSink {
  private buffer: Uint8Array;
  length = 0;

  constructor(capacity: number) {
    this.buffer = new Uint8Array(Math.max(64, capacity));
  }

  private reserve(more: number): void {
    if (this.length + more <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.length + more));
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }

  /** Appends the UTF-8 bytes of `text` (at most 3 bytes per UTF-16 unit). */
  writeText(text: string): void {
    this.reserve(text.length * 3);
    this.length += encoder.encodeInto(text, this.buffer.subarray(this.length)).written;
  }

  writeBytes(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  /** The bytes written so far (a view, not a copy). */
  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }
}
