/**
 * Compile-time errors of the static IceType layer (ICETYPE.md §3, §6).
 *
 * In the Kysely style, a misuse becomes a type that nothing can be assigned
 * to and whose name is the sentence to read: `defineSchema` maps a bad type
 * string to `IceTypeCompileError<'UNKNOWN_TYPE', 'unknown type …'>`, so the editor
 * underlines that property and quotes the message.
 */

import type { IssueCode } from '../ast.js';

/**
 * A type-level error. `Code` is the same stable code the runtime validator
 * reports for the same mistake; `Message` says what was expected and what was
 * found. It is an object type on purpose: intersected with the offending
 * string literal (as `D & ValidateSchemaSet<D>` does) it stays a distinct,
 * unsatisfiable type instead of collapsing to `never`, so the error names it.
 *
 * @example
 * ```ts
 * type E = FieldTypeInfo<'strng!'>;
 * //   ^? IceTypeCompileError<'UNKNOWN_TYPE', "IceType error in 'strng!': unknown type 'strng'; expected …">
 * ```
 */
export interface IceTypeCompileError<Code extends IssueCode = IssueCode, Message extends string = string> {
  readonly '~iceTypeError': Message;
  readonly '~code': Code;
}

/**
 * Builds an `IceTypeCompileError` whose message reads
 * `IceType error in '<type string>': <what>[; <hint>]`.
 */
export type Fail<Code extends IssueCode, What extends string, Source extends string, Hint extends string = ''> =
  `IceType error in '${Source}': ${What}${Hint extends '' ? '' : `; ${Hint}`}` extends infer Message extends string
    ? IceTypeCompileError<Code, Message> // via `infer` so editors show `IceTypeCompileError<…>`, not `Fail<…>`
    : never;
