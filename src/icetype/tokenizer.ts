/**
 * The IceType tokenizer (ICETYPE.md §1.1 and §7), shared by the type-string
 * parser and the text form. `Lexer` is the allocation-free cursor the parsers
 * drive (its current token lives in its fields); `tokenize` materialises the
 * whole token list for tools and tests.
 */
import type { IssueCode } from './ast.js';
import { IceTypeParseError, makeIssue } from './errors.js';

/** What a token is. Punctuation kinds are the punctuation itself. */
export type TokenKind =
  | 'identifier'
  | 'number'
  | 'string'
  | '->'
  | '~>'
  | '<-'
  | '<~'
  | '!'
  | '?'
  | '#'
  | '['
  | ']'
  | '('
  | ')'
  | '{'
  | '}'
  | ','
  | ':'
  | '='
  | '|'
  | '.'
  | '@'
  | 'eof';

/** One token with its 1-based position and 0-based offsets (`end` exclusive). */
export interface Token {
  readonly kind: TokenKind;
  /** The source text, quotes included; `''` for `eof`. */
  readonly text: string;
  /** Identifiers: the name; strings: the unescaped contents; numbers: the value. */
  readonly value?: string | number;
  readonly offset: number;
  readonly end: number;
  readonly line: number;
  readonly column: number;
  /** A line break (or a `//` comment ending in one) came between this token and the previous one. */
  readonly newlineBefore: boolean;
}

const IDENT_START = 1;
const IDENT_PART = 2;
const DIGIT = 4;
const CHAR_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_$]/.test(ch)) CHAR_CLASS[c] = IDENT_START | IDENT_PART;
  else if (/[0-9]/.test(ch)) CHAR_CLASS[c] = IDENT_PART | DIGIT;
}

const SINGLE: (TokenKind | undefined)[] = [];
for (const k of ['!', '?', '#', '[', ']', '(', ')', '{', '}', ',', ':', '=', '|', '.', '@'] as const) {
  SINGLE[k.charCodeAt(0)] = k;
}

const ESCAPES: (string | undefined)[] = [];
ESCAPES[34] = '"';
ESCAPES[39] = "'";
ESCAPES[92] = '\\';
ESCAPES[47] = '/';
ESCAPES[98] = '\b';
ESCAPES[102] = '\f';
ESCAPES[110] = '\n';
ESCAPES[114] = '\r';
ESCAPES[116] = '\t';

const EMPTY_PATH: readonly string[] = [];

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/**
 * A cursor over IceType source. Call `next()` to advance; the current token is
 * in `kind`, `start`, `end`, `line`, `column`, `newlineBefore`, `text` (for
 * identifiers and strings) and `num` (for numbers). Errors are thrown as
 * `IceTypeParseError` carrying `path` and, when `positions` is on, line:column;
 * the cursor has moved past the bad input, so a caller may resume.
 *
 * @example
 * const lx = new Lexer('string!'); lx.next(); lx.kind // 'identifier'
 */
export class Lexer {
  input = '';
  /** Path put on every issue this lexer (or a parser driving it) raises. */
  path: readonly string[] = EMPTY_PATH;
  /** Whether issues carry line:column (off for type strings inside object schemas). */
  positions = true;
  /** Kind of the current token (read it through `kind()`, which TypeScript does not narrow across `next()`). */
  private current: TokenKind = 'eof';
  start = 0;
  end = 0;
  line = 1;
  column = 1;
  newlineBefore = false;
  /** Identifier name or unescaped string contents of the current token. */
  text = '';
  /** Value of the current number token. */
  num = 0;
  /** Open `[`/`{` of the literal being read (lets the text form resynchronise after an error inside one). */
  nesting = 0;
  /** The last `next()` threw: the current token is not valid; call `next()` again to resume. */
  broken = false;
  private pos = 0;
  private lineNo = 1;
  private lineStart = 0;

  constructor(input = '', positions = true) {
    this.input = input;
    this.positions = positions;
  }

  /** Starts over on new input (parsers reuse one lexer). */
  reset(input: string, path: readonly string[], positions: boolean): void {
    this.input = input;
    this.path = path;
    this.positions = positions;
    this.current = 'eof';
    this.pos = 0;
    this.lineNo = 1;
    this.lineStart = 0;
    this.start = this.end = 0;
    this.line = this.column = 1;
    this.newlineBefore = false;
    this.nesting = 0;
    this.broken = false;
  }

  /** Kind of the current token. */
  kind(): TokenKind {
    return this.current;
  }

  /** The source text of the current token. */
  raw(): string {
    return this.input.slice(this.start, this.end);
  }

  /** The current token for an error message: `"="`, `the string "a"`, `end of input`. */
  describe(): string {
    if (this.current === 'eof') return 'end of input';
    const raw = this.raw();
    const shown = raw.length > 40 ? `${raw.slice(0, 37)}...` : raw;
    return this.current === 'string' ? `the string ${shown}` : JSON.stringify(shown);
  }

  /** Throws an issue at the current token. */
  fail(code: IssueCode, message: string): never {
    throw this.error(code, message, this.line, this.column);
  }

  /** Throws an issue at a position captured earlier. */
  failAt(code: IssueCode, message: string, line: number, column: number): never {
    throw this.error(code, message, line, column);
  }

  /** Builds (does not throw) an issue error at a position. */
  error(code: IssueCode, message: string, line: number, column: number): IceTypeParseError {
    return new IceTypeParseError([
      makeIssue(code, message, this.path, this.positions ? { line, column } : undefined),
    ]);
  }

  /** Advances to the next token. */
  next(): TokenKind {
    this.broken = false;
    const s = this.input;
    const n = s.length;
    let i = this.pos;
    let nl = false;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === 32 || c === 9) i++;
      else if (c === 10) {
        i++;
        this.lineNo++;
        this.lineStart = i;
        nl = true;
      } else if (c === 13) {
        i++;
        if (s.charCodeAt(i) === 10) i++;
        this.lineNo++;
        this.lineStart = i;
        nl = true;
      } else if (c === 47 && s.charCodeAt(i + 1) === 47) {
        i += 2;
        while (i < n) {
          const d = s.charCodeAt(i);
          if (d === 10 || d === 13) break;
          i++;
        }
      } else if (c === 11 || c === 12 || c === 0xa0 || c === 0xfeff) i++;
      else break;
    }
    this.newlineBefore = nl;
    this.start = i;
    this.line = this.lineNo;
    this.column = i - this.lineStart + 1;
    if (i >= n) {
      this.pos = this.end = n;
      return (this.current = 'eof');
    }
    const c = s.charCodeAt(i);
    if (c < 128 && (CHAR_CLASS[c]! & IDENT_START) !== 0) {
      let j = i + 1;
      while (j < n) {
        const d = s.charCodeAt(j);
        if (d >= 128 || (CHAR_CLASS[d]! & IDENT_PART) === 0) break;
        j++;
      }
      this.text = s.slice(i, j);
      this.pos = this.end = j;
      return (this.current = 'identifier');
    }
    const single = SINGLE[c];
    if (single !== undefined) {
      this.pos = this.end = i + 1;
      return (this.current = single);
    }
    const c2 = s.charCodeAt(i + 1);
    switch (c) {
      case 34: // "
      case 39: // '
        return this.lexString(i, c);
      case 45: // -
        if (c2 === 62) return this.punct2(i, '->');
        return this.lexNumber(i);
      case 126: // ~
        if (c2 === 62) return this.punct2(i, '~>');
        break;
      case 60: // <
        if (c2 === 45) return this.punct2(i, '<-');
        if (c2 === 126) return this.punct2(i, '<~');
        break;
      default:
        if (isDigit(c)) return this.lexNumber(i);
    }
    const cp = s.codePointAt(i)!;
    this.pos = i + (cp > 0xffff ? 2 : 1);
    this.broken = true;
    const shown = cp < 32 || cp === 127 ? `U+${cp.toString(16).toUpperCase().padStart(4, '0')}` : JSON.stringify(String.fromCodePoint(cp));
    this.fail('UNEXPECTED_TOKEN', `expected a name, number, string or punctuation, found the character ${shown}`);
  }

  private punct2(i: number, kind: TokenKind): TokenKind {
    this.pos = this.end = i + 2;
    return (this.current = kind);
  }

  private lexNumber(i: number): TokenKind {
    const s = this.input;
    let j = i;
    if (s.charCodeAt(j) === 45) j++;
    const bad = (what: string, at: number): never => {
      let k = at;
      while (k < s.length && (s.charCodeAt(k) < 128 ? (CHAR_CLASS[s.charCodeAt(k)]! & IDENT_PART) !== 0 || s.charCodeAt(k) === 46 : false)) k++;
      this.pos = Math.max(k, i + 1);
      this.broken = true;
      const found = s.slice(i, Math.max(k, at + 1)).slice(0, 40);
      this.fail('INVALID_NUMBER', `expected ${what}, found ${JSON.stringify(found)}`);
    };
    if (!isDigit(s.charCodeAt(j))) return bad('a digit after "-" (or "->")', j);
    let whole = 0; // the value while it is a plain integer of at most 15 digits
    if (s.charCodeAt(j) === 48) {
      j++;
      if (isDigit(s.charCodeAt(j))) return bad('a number without leading zeros', j);
    } else {
      while (isDigit(s.charCodeAt(j))) whole = whole * 10 + (s.charCodeAt(j++) - 48);
    }
    const intEnd = j;
    if (s.charCodeAt(j) === 46) {
      j++;
      if (!isDigit(s.charCodeAt(j))) return bad('a digit after the decimal point', j);
      while (isDigit(s.charCodeAt(j))) j++;
    }
    const e = s.charCodeAt(j);
    if (e === 101 || e === 69) {
      j++;
      const sign = s.charCodeAt(j);
      if (sign === 43 || sign === 45) j++;
      if (!isDigit(s.charCodeAt(j))) return bad('a digit in the exponent', j);
      while (isDigit(s.charCodeAt(j))) j++;
    }
    const negative = s.charCodeAt(i) === 45;
    const v = j === intEnd && j - i - (negative ? 1 : 0) <= 15 ? (negative ? -whole : whole) : Number(s.slice(i, j));
    this.num = v === 0 ? 0 : v; // no -0: it would break structural equality
    this.pos = this.end = j;
    return (this.current = 'number');
  }

  private lexString(i: number, quote: number): TokenKind {
    const s = this.input;
    const n = s.length;
    let j = i + 1;
    let seg = j;
    let out: string | undefined;
    for (;;) {
      if (j >= n) return this.unterminated(j, quote);
      const c = s.charCodeAt(j);
      if (c === quote) {
        this.text = out === undefined ? s.slice(seg, j) : out + s.slice(seg, j);
        this.pos = this.end = j + 1;
        return (this.current = 'string');
      }
      if (c === 10 || c === 13) return this.unterminated(j, quote);
      if (c === 92) {
        out = (out ?? '') + s.slice(seg, j);
        const e = s.charCodeAt(j + 1);
        const simple = ESCAPES[e];
        if (simple !== undefined) {
          out += simple;
          j += 2;
        } else if (e === 117) {
          let code = 0;
          for (let k = 2; k < 6; k++) {
            const h = hexValue(s.charCodeAt(j + k));
            if (h < 0) return this.badEscape(i, j, Math.min(j + k, n));
            code = code * 16 + h;
          }
          out += String.fromCharCode(code);
          j += 6;
        } else if (j + 1 >= n || e === 10 || e === 13) {
          return this.unterminated(j + 1, quote);
        } else {
          return this.badEscape(i, j, j + 2);
        }
        seg = j;
      } else {
        j++;
      }
    }
  }

  private unterminated(at: number, quote: number): never {
    this.pos = at;
    this.broken = true;
    const q = String.fromCharCode(quote);
    const where = at >= this.input.length ? 'end of input' : 'end of line';
    this.fail('UNTERMINATED_STRING', `expected a closing ${q} for the string, found ${where}`);
  }

  private badEscape(i: number, at: number, end: number): never {
    // Skip the rest of the string so a caller can resume after it.
    const s = this.input;
    const quote = s.charCodeAt(i);
    const isLineEnd = (k: number): boolean => s.charCodeAt(k) === 10 || s.charCodeAt(k) === 13;
    let k = end;
    while (k < s.length && s.charCodeAt(k) !== quote && !isLineEnd(k)) {
      k += s.charCodeAt(k) === 92 && k + 1 < s.length && !isLineEnd(k + 1) ? 2 : 1;
    }
    // Past the closing quote, but never past a line break (the next token's line must stay right).
    this.pos = k < s.length && s.charCodeAt(k) === quote ? k + 1 : k;
    this.broken = true;
    const col = this.column + (at - i);
    this.failAt(
      'INVALID_ESCAPE',
      `expected an escape such as \\n, \\" or \\u00e9, found ${JSON.stringify(s.slice(at, Math.min(end, at + 6)))}`,
      this.line,
      col,
    );
  }
}

/**
 * Splits IceType source into tokens, ending with one `eof` token. Throws
 * `IceTypeParseError` (`UNTERMINATED_STRING`, `INVALID_ESCAPE`,
 * `INVALID_NUMBER`, `UNEXPECTED_TOKEN`) with line:column on bad input.
 *
 * @example
 * tokenize('int = 1e5').map((t) => t.kind) // ['identifier', '=', 'number', 'eof']
 */
export function tokenize(input: string): Token[] {
  const lx = new Lexer(input, true);
  const out: Token[] = [];
  for (;;) {
    const kind = lx.next();
    const base = {
      kind,
      text: lx.raw(),
      offset: lx.start,
      end: lx.end,
      line: lx.line,
      column: lx.column,
      newlineBefore: lx.newlineBefore,
    };
    if (kind === 'identifier' || kind === 'string') out.push({ ...base, value: lx.text });
    else if (kind === 'number') out.push({ ...base, value: lx.num });
    else out.push(base);
    if (kind === 'eof') return out;
  }
}
