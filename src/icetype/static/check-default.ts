/**
 * Type-level check of a field default against its type (ICETYPE.md §1.1:
 * "defaults are type-checked against the field (`int = "x"` is an error)").
 *   default := "=" literal | "=" fn "()"   fn ∈ now, uuid
 *   literal := JSON number | JSON string | 'single-quoted' | true | false | null | [] | {}
 * The check is deliberately coarse (literal kind vs field type); exact ranges
 * (`int` limits, enum arrays, date formats) are left to the runtime validator.
 */

import type { Fail } from './error.js';
import type { BaseType } from './parse-column.js';
import type { RemoveWhitespace, TrimStart } from './text.js';

/** The lexical kind of a default, `[kind, string body]`. */
type DefaultKind<D extends string> = D extends ''
  ? ['missing', '']
  : D extends `${infer Q extends Quote}${infer Rest}`
    ? ScanString<Rest, Q, ''>
    : D extends 'true' | 'false'
      ? ['boolean', D]
      : D extends 'null'
        ? ['null', D]
        : D extends `[${string}]`
          ? ['array', D]
          : D extends `{${string}}`
            ? ['object', D]
            : D extends `${number}`
              ? NumberKind<D>
              : RemoveWhitespace<Lowercase<D>> extends 'now()'
                ? ['now', D]
                : RemoveWhitespace<Lowercase<D>> extends 'uuid()'
                  ? ['uuid', D]
                  : ['invalid', D];

type Quote = '"' | "'";

/**
 * The body of a quoted default up to its closing quote `Q` (a backslash
 * before a quote escapes it): `['string', body]`, `['unterminated', …]`, or
 * `['trailing', rest]` when something follows the closing quote.
 */
type ScanString<S extends string, Q extends Quote, Acc extends string> = S extends `${infer Body}${Q}${infer Rest}`
  ? Body extends `${string}\\`
    ? ScanString<Rest, Q, `${Acc}${Body}${Q}`>
    : TrimStart<Rest> extends ''
      ? ['string', `${Acc}${Body}`]
      : ['trailing', TrimStart<Rest>]
  : ['unterminated', S];

/**
 * `${number}` also admits what JSON (and the runtime tokenizer) rejects:
 * leading zeros and a bare trailing `.` (INVALID_NUMBER), a leading `+` and
 * hex/octal/binary prefixes (UNEXPECTED_TOKEN), `.5` (INVALID_DEFAULT).
 */
type NumberKind<D extends string> = D extends `${'-' | ''}0${Digit}${string}`
  ? ['bad-number', D]
  : D extends `${string}.` | `${string}.${'e' | 'E'}${string}`
    ? ['bad-number', D]
    : D extends `+${string}` | `${'-' | ''}0${'x' | 'X' | 'o' | 'O' | 'b' | 'B'}${string}`
      ? ['trailing', D]
      : D extends `${'-' | ''}.${string}`
        ? ['invalid', D]
        : ['number', D];

type Digit = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9';

/** Which default kinds each (non-array) element type accepts, and how to say it. */
interface Accepts {
  string: ['string' | 'uuid', 'a string or uuid()'];
  text: ['string' | 'uuid', 'a string or uuid()'];
  varchar: ['string' | 'uuid', 'a string or uuid()']; // the runtime also checks uuid() needs N ≥ 36
  uuid: ['string' | 'uuid', 'a UUID string or uuid()'];
  enum: ['string', 'one of the enum values'];
  int: ['number', 'a number'];
  long: ['number', 'a number'];
  float: ['number', 'a number'];
  double: ['number', 'a number'];
  bool: ['boolean', 'true or false'];
  timestamp: ['string' | 'number' | 'now', 'now(), an ISO string or epoch milliseconds'];
  date: ['string' | 'now', "now() or a 'YYYY-MM-DD' string"];
  time: ['string' | 'now', "now() or an 'HH:MM:SS' string"];
  json: ['string' | 'number' | 'boolean' | 'array' | 'object', 'a JSON literal'];
  binary: [never, 'no default other than null'];
  decimal: ['string' | 'number', 'a number or a string'];
  vector: ['array', 'an array'];
}

/**
 * `never` when the default `D` (trimmed, or `undefined` for none) fits the
 * field, else an `IceTypeCompileError`.
 */
export type CheckDefault<
  Source extends string,
  D extends string | undefined,
  Base extends BaseType,
  IsArray extends boolean,
  Nullable extends boolean,
> = D extends string ? CheckKind<Source, D, DefaultKind<D>, Base, IsArray, Nullable> : never;

type CheckKind<
  Source extends string,
  D extends string,
  K extends [string, string],
  Base extends BaseType,
  IsArray extends boolean,
  Nullable extends boolean,
> = K[0] extends 'missing'
  ? Fail<'UNEXPECTED_END', `missing default value after '='`, Source>
  : K[0] extends 'unterminated'
    ? Fail<'UNTERMINATED_STRING', `unterminated string in default ${D}`, Source>
    : K[0] extends 'trailing'
      ? Fail<'UNEXPECTED_TOKEN', `expected the end of the type after the default, found '${K[1]}'`, Source>
      : K[0] extends 'bad-number'
        ? Fail<'INVALID_NUMBER', `invalid number '${D}' (no leading zeros; a '.' needs digits after it)`, Source>
        : CheckLiteral<Source, D, K, Base, IsArray, Nullable>;

type CheckLiteral<
  Source extends string,
  D extends string,
  K extends [string, string],
  Base extends BaseType,
  IsArray extends boolean,
  Nullable extends boolean,
> = K[0] extends 'invalid'
  ? Fail<'INVALID_DEFAULT', `invalid default '${D}' (expected a JSON literal, a 'single-quoted' string, now() or uuid())`, Source>
  : K[0] extends 'null'
    ? Nullable extends true
      ? never
      : Fail<'INVALID_DEFAULT', `default null on a required ('!') field`, Source>
    : IsArray extends true
      ? K[0] extends 'array'
        ? never
        : Fail<'INVALID_DEFAULT', `default ${D} does not fit ${Base['type']}[] (expected an array)`, Source>
      : K[0] extends Accepts[Base['type']][0]
        ? Base['type'] extends 'enum'
          ? [K[1]] extends [Base['value']]
            ? never
            : Fail<'INVALID_DEFAULT', `default ${D} is not one of the enum values`, Source>
          : never
        : Fail<'INVALID_DEFAULT', `default ${D} does not fit ${Base['type']} (expected ${Accepts[Base['type']][1]})`, Source>;
