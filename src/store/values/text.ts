/**
 * String measures shared by the value checks: Unicode code points (what
 * `varchar(N)` and id lengths count) and well-formedness (SQLite stores text
 * as UTF-8, which cannot hold an unpaired UTF-16 surrogate).
 */

/** Whether `s` has an unpaired surrogate (it would come back from SQLite as U+FFFD). Every string written is checked: the native check is many times faster than a loop over the code units. */
export function hasLoneSurrogate(s: string): boolean {
  return !s.isWellFormed();
}

/** The number of Unicode code points in `s` (a surrogate pair counts once). */
export function countCodePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** The UTF-8 size of `s` in bytes (an unpaired surrogate counts as the 3 bytes of U+FFFD). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * The size in bytes of `s` written as a JSON string by `JSON.stringify`
 * (quotes, escapes, UTF-8; an unpaired surrogate is escaped as `\uXXXX`).
 */
export function jsonStringSize(s: string): number {
  let n = 2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22 || c === 0x5c) n += 2;
    else if (c < 0x20) n += c === 0x08 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d ? 2 : 6;
    else if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdfff) {
      if (c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        n += 4;
        i++;
      } else n += 6;
    } else n += 3;
  }
  return n;
}
