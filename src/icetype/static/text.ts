/**
 * Type-level lexing helpers for type strings (ICETYPE.md §1.1: "whitespace
 * between tokens is allowed"). Every recursion here is a tail call, so the
 * checker runs them as loops (limit 1000 steps), never as nested instantiations.
 */

type Whitespace = ' ' | '\t' | '\n' | '\r';

/** `S` without leading whitespace. */
export type TrimStart<S extends string> = S extends `${Whitespace}${infer Rest}` ? TrimStart<Rest> : S;

/** `S` without trailing whitespace. */
export type TrimEnd<S extends string> = S extends `${infer Rest}${Whitespace}` ? TrimEnd<Rest> : S;

/** `S` without surrounding whitespace. */
export type Trim<S extends string> = TrimEnd<TrimStart<S>>;

/** `S` with every whitespace character removed (only used on unquoted text such as `now ( )`). */
export type RemoveWhitespace<S extends string, Acc extends string = ''> = S extends `${infer C}${infer Rest}`
  ? RemoveWhitespace<Rest, C extends Whitespace ? Acc : `${Acc}${C}`>
  : Acc;

type Digit = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9';

/** `true` when `S` is one or more decimal digits. */
export type IsDigits<S extends string> = S extends `${Digit}${infer Rest}`
  ? Rest extends ''
    ? true
    : IsDigits<Rest>
  : false;

/** `true` when `S` is a positive integer written without leading zeros (`1`, `768`, not `0`, `07`). */
export type IsPositiveInteger<S extends string> = S extends `0${string}` ? false : IsDigits<S>;

type UpperLetter =
  | 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H' | 'I' | 'J' | 'K' | 'L' | 'M'
  | 'N' | 'O' | 'P' | 'Q' | 'R' | 'S' | 'T' | 'U' | 'V' | 'W' | 'X' | 'Y' | 'Z';

type LowerLetter =
  | 'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g' | 'h' | 'i' | 'j' | 'k' | 'l' | 'm'
  | 'n' | 'o' | 'p' | 'q' | 'r' | 's' | 't' | 'u' | 'v' | 'w' | 'x' | 'y' | 'z';

export type IdentifierChar =
  | Digit
  | '_'
  | LowerLetter
  | UpperLetter;

/** `true` when `S` is a valid collection name, `^[A-Z][A-Za-z0-9_]*$` (ICETYPE.md §2 `$type`). */
export type IsCollectionName<S extends string> = S extends `${UpperLetter}${infer Rest}`
  ? Rest extends ''
    ? true
    : IsIdentifierTail<Rest>
  : false;

/** `true` when `S` is a valid field name, `^[a-z_][A-Za-z0-9_]*$` (ICETYPE.md §3). */
export type IsFieldName<S extends string> = S extends `${LowerLetter | '_'}${infer Rest}`
  ? Rest extends ''
    ? true
    : IsIdentifierTail<Rest>
  : false;

type IsIdentifierTail<S extends string> = S extends `${IdentifierChar}${infer Rest}`
  ? Rest extends ''
    ? true
    : IsIdentifierTail<Rest>
  : false;

type Quote = '"' | "'";

/** `true` when `S` contains a quote character. */
export type HasQuote<S extends string> = S extends `${string}${Quote}${string}` ? true : false;

/**
 * Splits a field type string at its first `=` outside quotes (ICETYPE.md §1.1:
 * `'string = "a->b"'` is a string with a default, and `'"x=y" | "z"'` is an
 * enum without one). Result: `[type, default]`, `[type, undefined]` when there
 * is no default, or `'unterminated'` when a quote never closes. A backslash
 * before a quote escapes it.
 */
export type SplitDefault<S extends string> = S extends `${infer Head}=${infer Tail}`
  ? HasQuote<Head> extends false
    ? [Head, Tail] // the common case: no quote before the first `=`
    : ScanDefault<S, ''>
  : HasQuote<S> extends false
    ? [S, undefined]
    : ScanDefault<S, ''>;

type ScanDefault<S extends string, Acc extends string> = S extends `${infer C}${infer Rest}`
  ? C extends Quote
    ? SkipQuoted<Rest, C, `${Acc}${C}`>
    : C extends '='
      ? [Acc, Rest]
      : ScanDefault<Rest, `${Acc}${C}`>
  : [Acc, undefined];

type SkipQuoted<S extends string, Q extends Quote, Acc extends string> = S extends `${infer Body}${Q}${infer Rest}`
  ? Body extends `${string}\\`
    ? SkipQuoted<Rest, Q, `${Acc}${Body}${Q}`>
    : ScanDefault<Rest, `${Acc}${Body}${Q}`>
  : 'unterminated';

/** The leading run of identifier characters of `S` (`'int'` for `'int!string'`). */
export type LeadingWord<S extends string, Acc extends string = ''> = S extends `${infer C}${infer Rest}`
  ? C extends IdentifierChar
    ? LeadingWord<Rest, `${Acc}${C}`>
    : Acc
  : Acc;
