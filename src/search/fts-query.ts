/**
 * User text → a safe FTS5 query (SQLite "FTS5", §3 Full-text Query Syntax).
 * No FTS5 syntax the user types survives: every whitespace-separated term
 * becomes an FTS5 string (a phrase of the tokens inside it), and the terms
 * are ANDed. `NEAR(`, `OR`, `*`, `-`, `:`, `^` and quotes are just text.
 * Pure.
 */

/** Characters the `unicode61` tokenizer keeps in tokens (categories L*, N*, Co); everything else separates tokens. */
const TOKEN_CHARACTER = /[\p{L}\p{N}\p{Co}]/u;

/** Whitespace, and NUL: FTS5 reads its query as a C string, so a NUL would cut it short ("unterminated string"). */
const SEPARATOR = /[\s\0]+/u;

/**
 * The terms of a search text: its whitespace-separated words that hold at
 * least one token character. A term without one (`"`, `*`, `-`) would be an
 * empty phrase, which FTS5 never matches — ANDed, it would hide every hit.
 *
 * @example
 * searchTerms('  "quick"  NEAR( * fox ') // ['"quick"', 'NEAR(', 'fox']
 */
export function searchTerms(text: string): string[] {
  return text.split(SEPARATOR).filter((term) => TOKEN_CHARACTER.test(term));
}

/** An FTS5 string: double quotes, embedded ones doubled. Inside one, only `"` is special. */
function ftsString(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

export interface MatchExpressionOptions {
  /** Match the last term as a prefix (`"qui"*` matches `quick`). */
  readonly prefix?: boolean;
  /** Search only these FTS5 columns (a column filter); all when absent. */
  readonly columns?: readonly string[];
}

/**
 * The FTS5 query matching rows that contain every term (each term as a
 * phrase: `foo-bar` matches "foo" directly followed by "bar").
 *
 * @example
 * matchExpression(['quick', 'NEAR(', 'fo'], { prefix: true, columns: ['title'] })
 * // '{"title"} : ("quick" AND "NEAR(" AND "fo"*)'
 */
export function matchExpression(terms: readonly string[], options: MatchExpressionOptions = {}): string {
  const phrases = terms.map(ftsString);
  if (options.prefix === true && phrases.length > 0) phrases[phrases.length - 1] += '*';
  const query = phrases.join(' AND ');
  if (options.columns === undefined) return query;
  return `{${options.columns.map(ftsString).join(' ')}} : (${query})`;
}
