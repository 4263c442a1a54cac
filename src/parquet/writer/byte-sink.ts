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

  /**
   * Appends the UTF-8 bytes of `text` (at most 3 bytes per UTF-16 unit).
   * ASCII is copied unit by unit — most column values are short, and a call
   * into the encoder costs more than the copy — and from the first non-ASCII
   * unit on the encoder takes over.
   */
  writeText(text: string): void {
    const n = text.length;
    this.reserve(n * 3);
    const buffer = this.buffer;
    let at = this.length;
    let i = 0;
    for (; i < n; i++) {
      const unit = text.charCodeAt(i);
      if (unit >= 0x80) break;
      buffer[at++] = unit;
    }
    if (i < n) at += encoder.encodeInto(i === 0 ? text : text.slice(i), buffer.subarray(at)).written;
    this.length = at;
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
