/**
 * WTF-8 (https://simonsapin.github.io/wtf-8/): UTF-8 generalised so that a
 * lone surrogate is written as its 3-byte sequence. Any JS string, even one
 * holding a lone surrogate, round-trips exactly; a well-formed string's bytes
 * are plain UTF-8. Decoding is strict: overlong forms, code points past
 * U+10FFFF and a surrogate pair written as two 3-byte sequences are rejected.
 */

/** Bytes `s` takes in WTF-8. */
export function wtf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && isTrail(s.charCodeAt(i + 1))) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Writes `s` at `pos`; returns the position after it. The caller sized `buf` with `wtf8Length`. */
export function writeWtf8(s: string, buf: Uint8Array, pos: number): number {
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      buf[pos++] = c;
    } else if (c < 0x800) {
      buf[pos++] = 0xc0 | (c >> 6);
      buf[pos++] = 0x80 | (c & 0x3f);
    } else if (c >= 0xd800 && c <= 0xdbff && isTrail(s.charCodeAt(i + 1))) {
      c = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(++i) - 0xdc00);
      buf[pos++] = 0xf0 | (c >> 18);
      buf[pos++] = 0x80 | ((c >> 12) & 0x3f);
      buf[pos++] = 0x80 | ((c >> 6) & 0x3f);
      buf[pos++] = 0x80 | (c & 0x3f);
    } else {
      buf[pos++] = 0xe0 | (c >> 12);
      buf[pos++] = 0x80 | ((c >> 6) & 0x3f);
      buf[pos++] = 0x80 | (c & 0x3f);
    }
  }
  return pos;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The string in `buf[start, end)`, or undefined when those bytes are not WTF-8. */
export function readWtf8(buf: Uint8Array, start: number, end: number): string | undefined {
  if (end - start >= 64) {
    // Well-formed UTF-8 (the common case) decodes natively; only lone surrogates need the slow path.
    try {
      return utf8.decode(buf.subarray(start, end));
    } catch {
      // fall through to the strict WTF-8 decoder
    }
  }
  const units: number[] = [];
  let out = '';
  let i = start;
  while (i < end) {
    const b = buf[i]!;
    if (b < 0x80) {
      units.push(b);
      i++;
    } else if (b >= 0xc2 && b <= 0xdf) {
      if (i + 1 >= end || !isCont(buf[i + 1]!)) return undefined;
      units.push(((b & 0x1f) << 6) | (buf[i + 1]! & 0x3f));
      i += 2;
    } else if (b >= 0xe0 && b <= 0xef) {
      if (i + 2 >= end) return undefined;
      const b1 = buf[i + 1]!;
      const b2 = buf[i + 2]!;
      if (!isCont(b1) || !isCont(b2) || (b === 0xe0 && b1 < 0xa0)) return undefined;
      const c = ((b & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (b2 & 0x3f);
      // A lead surrogate followed by a trail surrogate must have been written as one 4-byte sequence.
      if (c >= 0xd800 && c <= 0xdbff && i + 5 < end && buf[i + 3] === 0xed && buf[i + 4]! >= 0xb0) return undefined;
      units.push(c);
      i += 3;
    } else if (b >= 0xf0 && b <= 0xf4) {
      if (i + 3 >= end) return undefined;
      const b1 = buf[i + 1]!;
      if (!isCont(b1) || !isCont(buf[i + 2]!) || !isCont(buf[i + 3]!)) return undefined;
      if ((b === 0xf0 && b1 < 0x90) || (b === 0xf4 && b1 > 0x8f)) return undefined;
      const c = (((b & 0x07) << 18) | ((b1 & 0x3f) << 12) | ((buf[i + 2]! & 0x3f) << 6) | (buf[i + 3]! & 0x3f)) - 0x10000;
      units.push(0xd800 + (c >> 10), 0xdc00 + (c & 0x3ff));
      i += 4;
    } else {
      return undefined;
    }
    if (units.length >= 4096) {
      out += String.fromCharCode(...units);
      units.length = 0;
    }
  }
  return out + String.fromCharCode(...units);
}

function isTrail(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff; // NaN (past the end) is false
}

function isCont(b: number): boolean {
  return (b & 0xc0) === 0x80;
}
