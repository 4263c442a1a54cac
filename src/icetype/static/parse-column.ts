/**
 * Type-level parser for non-relation type strings, ICETYPE.md §1.1:
 *   field := type modifiers? default?    type := base ("[]")?
 *   base  := primitive | decimal(P,S) | decimal(P) | varchar(N) | vector(N) | enum
 * Input arrives trimmed; the default is already split off (`SplitDefault`).
 */

import type { CheckDefault } from './check-default.js';
import type { Fail } from './error.js';
import type { TypeName } from './field-info.js';
import type { IsDigits, IsPositiveInteger, LeadingWord, Trim, TrimEnd, TrimStart } from './text.js';

/** What the base type contributes: canonical name and TS type of one element. */
export interface BaseType {
  readonly type: TypeName;
  readonly value: unknown;
}

/** Primitive names, lower-cased, with aliases folded (ICETYPE.md §1.1, §4). */
interface Primitives {
  string: { type: 'string'; value: string };
  text: { type: 'text'; value: string };
  uuid: { type: 'uuid'; value: string };
  int: { type: 'int'; value: number };
  long: { type: 'long'; value: number };
  bigint: { type: 'long'; value: number };
  float: { type: 'float'; value: number };
  double: { type: 'double'; value: number };
  bool: { type: 'bool'; value: boolean };
  boolean: { type: 'bool'; value: boolean };
  timestamp: { type: 'timestamp'; value: Date };
  date: { type: 'date'; value: string };
  time: { type: 'time'; value: string };
  json: { type: 'json'; value: unknown };
  binary: { type: 'binary'; value: Uint8Array };
}

type Modifier = '!' | '?' | '#';

/** Parses `[typePart, defaultPart | undefined]` (from `SplitDefault`) of the type string `Source`. */
export type ParseColumn<Source extends string, Type extends string, Default extends string | undefined> = ParseModifiers<
  Source,
  Trim<Type>,
  Default extends string ? Trim<Default> : undefined,
  never
>;

/** Strips trailing `! ? #` in any order, each at most once, `!` and `?` not together. */
type ParseModifiers<Source extends string, T extends string, D extends string | undefined, M extends Modifier> =
  T extends `${infer Head}!`
    ? AddModifier<Source, Head, D, M, '!'>
    : T extends `${infer Head}?`
      ? AddModifier<Source, Head, D, M, '?'>
      : T extends `${infer Head}#`
        ? AddModifier<Source, Head, D, M, '#'>
        : ['!' | '?'] extends [M]
          ? Fail<'CONFLICTING_MODIFIERS', `'!' (required) and '?' (optional) together`, Source>
          : ParseArray<Source, T, D, M>;

type AddModifier<
  Source extends string,
  Head extends string,
  D extends string | undefined,
  M extends Modifier,
  X extends Modifier,
> = [X] extends [M]
  ? Fail<'DUPLICATE_MODIFIER', `modifier '${X}' given twice`, Source>
  : ParseModifiers<Source, TrimEnd<Head>, D, M | X>;

/** `T[]` (whitespace allowed inside the brackets). */
type ParseArray<Source extends string, T extends string, D extends string | undefined, M extends Modifier> =
  T extends `${infer Head}]`
    ? TrimEnd<Head> extends `${infer Element}[`
      ? TrimEnd<Element> extends `${string}${Modifier}`
        ? Fail<'INVALID_MODIFIER_POSITION', "modifiers go after '[]' (write 'string[]!', not 'string![]')", Source>
        : BuildColumn<Source, ParseBase<Source, TrimEnd<Element>>, true, D, M>
      : BuildColumn<Source, ParseBase<Source, T>, false, D, M>
    : BuildColumn<Source, ParseBase<Source, T>, false, D, M>;

type BuildColumn<
  Source extends string,
  Base,
  IsArray extends boolean,
  D extends string | undefined,
  M extends Modifier,
> = Base extends BaseType
  ? CheckDefault<Source, D, Base, IsArray, '!' extends M ? false : true> extends infer Problem
    ? [Problem] extends [never]
      ? {
          kind: 'column';
          type: Base['type'];
          array: IsArray;
          value: IsArray extends true ? Base['value'][] : Base['value'];
          nullable: '!' extends M ? false : true;
          hasDefault: D extends string ? true : false;
          indexed: '#' extends M ? true : false;
        }
      : Problem
    : never
  : Base; // an IceTypeCompileError

type ExpectedTypes =
  'expected string, text, int, long, bigint, float, double, bool, boolean, uuid, timestamp, date, time, json, binary, decimal(P,S), varchar(N), vector(N) or a quoted enum';

/** The base type (element type for arrays) of `Source`, or an `IceTypeCompileError`. */
type ParseBase<Source extends string, B extends string> = B extends ''
  ? Fail<'UNEXPECTED_TOKEN', 'missing type name', Source, ExpectedTypes>
  : B extends `${'"' | "'"}${string}`
    ? ParseEnum<Source, B, never, false>
    : B extends `${Modifier}${string}`
      ? Fail<'INVALID_MODIFIER_POSITION', "modifiers follow the type (write 'string!', not '!string')", Source>
      : B extends `${string}${'->' | '<-' | '~>' | '<~'}${string}`
        ? Fail<'INVALID_RELATION', 'the relation operator must come first (e.g. \'-> User\')', Source>
        : B extends `${string}${'[' | ']'}${string}`
          ? Fail<'UNEXPECTED_TOKEN', "only 'T[]' is an array (no sizes, no nesting; use vector(N) or json)", Source>
          : B extends `${infer Name}(${infer Args})`
            ? ParseParameterized<Source, Lowercase<Trim<Name>>, Trim<Args>, B>
            : B extends `${infer Name}(${string}`
              ? Lowercase<Trim<Name>> extends Parameterized | keyof Primitives
                ? Fail<'INVALID_PARAMETER', `expected ')' to close ${Trim<Name>}(...)`, Source>
                : Fail<'UNKNOWN_TYPE', `unknown type '${Trim<Name>}'`, Source, ExpectedTypes>
              : Lowercase<B> extends keyof Primitives
                ? Primitives[Lowercase<B>]
                : Lowercase<B> extends Parameterized
                  ? Fail<'INVALID_PARAMETER', `${Lowercase<B>} needs parameters (e.g. decimal(10,2), varchar(255), vector(768))`, Source>
                  : TrailingJunk<Source, B, LeadingWord<B>>;

/** `B` is no type name: a known name followed by junk (`int int`, `int!x`), or an unknown name. */
type TrailingJunk<Source extends string, B extends string, Word extends string> =
  Lowercase<Word> extends keyof Primitives
    ? Fail<'UNEXPECTED_TOKEN', `expected a modifier (! ? #), '=' or the end of the type after '${Word}', found '${B extends `${Word}${infer Rest}` ? TrimStart<Rest> : B}'`, Source>
    : Lowercase<Word> extends Parameterized
      ? Fail<'INVALID_PARAMETER', `expected '(' after ${Word}`, Source>
      : Fail<'UNKNOWN_TYPE', `unknown type '${B}'`, Source, ExpectedTypes>;

type Parameterized = 'decimal' | 'varchar' | 'vector';

type Precision =
  | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '10' | '11' | '12' | '13'
  | '14' | '15' | '16' | '17' | '18' | '19' | '20' | '21' | '22' | '23' | '24' | '25'
  | '26' | '27' | '28' | '29' | '30' | '31' | '32' | '33' | '34' | '35' | '36' | '37' | '38';

/** Tuple of length `N` (N ≤ 38 here) for comparing small numbers. */
type Count<N extends string, Acc extends unknown[] = []> = `${Acc['length']}` extends N ? Acc : Count<N, [...Acc, 0]>;

type ParseParameterized<Source extends string, Name extends string, Args extends string, B extends string> =
  Name extends 'decimal'
    ? Args extends `${infer P},${infer S}`
      ? ParseDecimal<Source, Trim<P>, Trim<S>>
      : ParseDecimal<Source, Args, '0'>
    : Name extends 'varchar' | 'vector'
      ? IsPositiveInteger<Args> extends true
        ? Name extends 'varchar'
          ? { type: 'varchar'; value: string }
          : { type: 'vector'; value: number[] }
        : Fail<'INVALID_PARAMETER', `${Name}(N) needs a positive integer N, found '${Args}'`, Source>
      : Name extends keyof Primitives
        ? Fail<'INVALID_PARAMETER', `${Name} takes no parameters`, Source>
        : Fail<'UNKNOWN_TYPE', `unknown type '${B}'`, Source, ExpectedTypes>;

type ParseDecimal<Source extends string, P extends string, S extends string> =
  IsDigits<P> extends true
    ? IsDigits<S> extends true
      ? P extends Precision
        ? S extends '0' | Precision
          ? Count<P> extends [...Count<S>, ...unknown[]]
            ? { type: 'decimal'; value: string }
            : Fail<'DECIMAL_RANGE', `decimal(${P},${S}) needs scale 0 ≤ S ≤ P`, Source>
          : Fail<'DECIMAL_RANGE', `decimal(${P},${S}) needs scale 0 ≤ S ≤ P`, Source>
        : Fail<'DECIMAL_RANGE', `decimal(${P},${S}) needs precision 1 ≤ P ≤ 38`, Source>
      : Fail<'INVALID_PARAMETER', `decimal(P,S) needs a non-negative integer scale, found '${S}'`, Source>
    : Fail<'INVALID_PARAMETER', `decimal(P,S) needs a positive integer precision, found '${P}'`, Source>;

/** `"a" | "b" | 'c'`: two or more distinct quoted values separated by `|`. */
type ParseEnum<Source extends string, B extends string, Values extends string, HasOne extends boolean> =
  B extends `"${infer V}"${infer Rest}`
    ? NextEnumValue<Source, V, TrimStart<Rest>, Values, HasOne>
    : B extends `'${infer V}'${infer Rest}`
      ? NextEnumValue<Source, V, TrimStart<Rest>, Values, HasOne>
      : B extends `${'"' | "'"}${string}`
        ? Fail<'UNTERMINATED_STRING', `unterminated enum value ${B}`, Source>
        : Fail<'INVALID_ENUM', `expected a quoted enum value, found '${B}'`, Source>;

type NextEnumValue<Source extends string, V extends string, Rest extends string, Values extends string, HasOne extends boolean> =
  [V] extends [Values]
    ? Fail<'INVALID_ENUM', `enum value '${V}' given twice`, Source>
    : Rest extends ''
      ? HasOne extends true
        ? { type: 'enum'; value: Values | V }
        : Fail<'INVALID_ENUM', `an enum needs at least two quoted values separated by '|'`, Source>
      : Rest extends `|${infer Next}`
        ? ParseEnum<Source, TrimStart<Next>, Values | V, true>
        : Fail<'UNEXPECTED_TOKEN', `expected '|' between enum values, found '${Rest}'`, Source>;
