/**
 * SQLite's built-in LIKE (sqlite.org/lang_expr.html#like): `%` matches any
 * sequence of characters, `_` exactly one character (a code point), no escape
 * character, and ASCII letters match case-insensitively — other letters
 * ('É' vs 'é') only exactly. DO SQLite limits patterns to 50 bytes.
 */

/** `SQLITE_LIMIT_LIKE_PATTERN_LENGTH` on Durable Objects, in UTF-8 bytes. */
export const MAX_LIKE_PATTERN_BYTES = 50;

const SPECIAL = /[\\^$.*+?()[\]{}|/-]/;

/** The UTF-8 length of a string. */
export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** A matcher for one LIKE pattern. */
export function likeMatcher(pattern: string): (text: string) => boolean {
  let source = '';
  for (const char of pattern) {
    if (char === '%') source += '[\\s\\S]*';
    else if (char === '_') source += '[\\s\\S]';
    else if (/^[a-zA-Z]$/.test(char)) source += `[${char.toLowerCase()}${char.toUpperCase()}]`;
    else source += SPECIAL.test(char) ? `\\${char}` : char;
  }
  const regex = new RegExp(`^${source}$`, 'u');
  return (text) => regex.test(text);
}
