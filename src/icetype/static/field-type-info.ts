/**
 * `FieldTypeInfo<S>`: the IceType type-string grammar (ICETYPE.md §1.1)
 * evaluated by the TypeScript checker, so `age: 'int?'` types as
 * `number | null` with no code generation (ICETYPE.md §6).
 */

import type { Fail, IceTypeCompileError } from './error.js';
import type { ParseColumn } from './parse-column.js';
import type { ParseRelation, RelationOperators } from './parse-relation.js';
import type { SplitDefault, Trim } from './text.js';

/**
 * The static meaning of the type string `S`: a `FieldInfo`-shaped object, or
 * an `IceTypeCompileError` when `S` is malformed.
 *
 * @example
 * ```ts
 * FieldTypeInfo<'string! = "active"'>
 * // { kind: 'column'; type: 'string'; array: false; value: string;
 * //   nullable: false; hasDefault: true; indexed: false }
 * FieldTypeInfo<'<- Post.author[]'>
 * // { kind: 'backward'; type: 'string'; array: true; value: never; nullable: true;
 * //   hasDefault: false; indexed: false; target: 'Post'; many: true; inverse: 'author' }
 * FieldTypeInfo<'strng'>
 * // IceTypeCompileError<'UNKNOWN_TYPE', "IceType error in 'strng': unknown type 'strng'; expected …">
 * ```
 */
export type FieldTypeInfo<S extends string> = string extends S
  ? IceTypeCompileError<'UNKNOWN_TYPE', 'IceType error: the type string is not a literal type; declare the schema `as const` or pass it to defineSchema directly'>
  : ParseTypeString<S, Trim<S>>;

type ParseTypeString<Source extends string, T extends string> = T extends ''
  ? IceTypeCompileError<'EMPTY_TYPE', "IceType error: empty type string (expected a type such as 'string!')">
  : T extends `${infer A}${infer B}${infer Rest}`
    ? `${A}${B}` extends keyof RelationOperators
      ? ParseRelation<Source, RelationOperators[`${A}${B}`], Trim<Rest>>
      : ParseNonRelation<Source, T>
    : ParseNonRelation<Source, T>;

type ParseNonRelation<Source extends string, T extends string> =
  SplitDefault<T> extends [infer Type extends string, infer Default extends string | undefined]
      ? ParseColumn<Source, Type, Default>
      : Fail<'UNTERMINATED_STRING', 'unterminated quoted string', Source>;

/**
 * `S` itself when it is a valid type string, else its `IceTypeCompileError`. Use it
 * as a parameter type to reject bad literals at the call site:
 *
 * @example
 * ```ts
 * function field<const S extends string>(type: S & ValidateTypeString<S>) {}
 * field('int?');   // ok
 * field('strng');  // error: … IceTypeCompileError<'UNKNOWN_TYPE', "IceType error in 'strng': unknown type …">
 * ```
 */
export type ValidateTypeString<S extends string> = FieldTypeInfo<S> extends infer Info
  ? Info extends IceTypeCompileError
    ? Info
    : S
  : never;
