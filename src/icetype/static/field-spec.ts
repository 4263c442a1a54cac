/**
 * A field as written in a collection definition — a type string or a field
 * object (ICETYPE.md §1.2) — and the accessors the Drizzle compiler and the
 * document types read from it.
 */

import type { FieldObject } from '../field-object.js';
import type { IceTypeCompileError } from './error.js';
import type { FieldInfo } from './field-info.js';
import type { FieldTypeInfo } from './field-type-info.js';

/**
 * The long form of a field (ICETYPE.md §1.2), shared with the runtime parser.
 * `required: true` makes it NOT NULL (like `!`), `default` present makes it
 * defaulted, `indexed: true` is `#`.
 */
export type { FieldObject };

/** A field as written: `'int?'` or `{ type: 'int', required: true }`. */
export type FieldSpec = string | FieldObject;

/**
 * The `FieldInfo` of a field spec (type string or field object), or an
 * `IceTypeCompileError`. Field-object flags override the type string's:
 * `{ type: 'string', required: true }` ≡ `'string!'`.
 *
 * @example
 * ```ts
 * FieldInfoOf<{ type: 'int'; required: true; default: 0 }>
 * // { kind: 'column'; type: 'int'; array: false; value: number;
 * //   nullable: false; hasDefault: true; indexed: false }
 * ```
 */
export type FieldInfoOf<F> = F extends string
  ? FieldTypeInfo<F>
  : F extends { readonly type: infer T extends string }
    ? WithFieldObject<FieldTypeInfo<T>, F>
    : IceTypeCompileError<'INVALID_FIELD_OBJECT', "IceType error: a field must be a type string or a field object { type: '…', required?, default?, indexed?, unique?, doc? }">;

type WithFieldObject<I, F> = I extends IceTypeCompileError
  ? I
  : {
      [K in keyof I]: K extends 'nullable'
        ? F extends { readonly required: true }
          ? false
          : I[K]
        : K extends 'hasDefault'
          ? 'default' extends keyof F
            ? true
            : I[K]
          : K extends 'indexed'
            ? F extends { readonly indexed: true }
              ? true
              : I[K]
            : I[K];
    };

/** TS type of one non-null value of the field (`FieldInfo['value']`); `never` for invalid fields. */
export type FieldValue<F> = FieldInfoOf<F> extends infer I extends FieldInfo ? I['value'] : never;

/** What a read returns for the field: its value, `| null` when nullable. */
export type FieldSelectValue<F> = FieldInfoOf<F> extends infer I extends FieldInfo ? NullableValue<I> : never;

/** `true` when the field may be `null` (no `!`, no `required: true`). */
export type FieldNullable<F> = FieldInfoOf<F> extends infer I extends FieldInfo ? I['nullable'] : never;

/** `true` when the field has a default (`= …` or a field object's `default`). */
export type FieldHasDefault<F> = FieldInfoOf<F> extends infer I extends FieldInfo ? I['hasDefault'] : never;

/** `true` when the field stores something in the document (a column: kind `column` or `forward`). */
export type FieldIsStored<F> = FieldInfoOf<F> extends infer I extends FieldInfo
  ? I['kind'] extends 'column' | 'forward'
    ? true
    : false
  : false;

/** `value`, or `value | null` when the info says nullable. */
export type NullableValue<I extends FieldInfo> = I['nullable'] extends false ? I['value'] : I['value'] | null;
