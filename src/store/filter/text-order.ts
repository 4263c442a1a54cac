/**
 * The orders SQLite's BINARY collation and BLOB comparison use, in JS:
 * text by Unicode code point (UTF-8 byte order — not JS's UTF-16 code-unit
 * order, which differs above U+FFFF), bytes by memcmp then length.
 */
import { bytesToHex, hexToBytes } from '../../util/hex.js';

/** Compares two strings by code point, as SQLite compares UTF-8 text. */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // A surrogate (D800–DFFF) encodes a code point above FFFF: it sorts after every BMP unit.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/** Compares two byte strings as SQLite compares BLOBs. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** Upper-case hex, as SQLite's `hex()` writes it. */
export function toHex(bytes: Uint8Array): string {
  return bytesToHex(bytes).toUpperCase();
}

/** Bytes from hex; undefined when the text is not hex. */
export const fromHex = hexToBytes;

/** An exact-size ArrayBuffer copy of bytes, for binding. */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer;
}
