/**
 * The type-level meaning of one field (ICETYPE.md §1.1–§1.3, §4): what the
 * static parser (`FieldTypeInfo`) produces and what the Drizzle compiler and
 * the document types (`InferSelect`, `InferInsert`) consume.
 */

import type { PrimitiveName } from '../ast.js';

/**
 * How a field is stored. `column` is a plain typed field; `forward` (`-> T`)
 * stores the target `$id`(s); `backward` (`<- T.f`), `fuzzy-forward` (`~> T`)
 * and `fuzzy-backward` (`<~ T.f`) store nothing in the document.
 */
export type FieldKind = 'column' | RelationKind;

/** The relation kinds, one per operator: `->`, `<-`, `~>`, `<~`. */
export type RelationKind = 'forward' | 'backward' | 'fuzzy-forward' | 'fuzzy-backward';

/**
 * The canonical IceType name of a field's (element) type: a primitive with
 * aliases folded as in the runtime AST (`boolean`→`bool`, `bigint`→`long`;
 * `text` stays `text`), or the parameterised and enum kinds. Relation fields
 * report `string` (what a forward relation stores: the target `$id`).
 */
export type TypeName = PrimitiveName | 'decimal' | 'varchar' | 'vector' | 'enum';

/**
 * One field's static description. Every parsed field has all the keys up to
 * `indexed`; relation fields (`kind` ≠ `'column'`) also have `target`, `many`
 * and `inverse`.
 *
 * @example
 * ```ts
 * FieldTypeInfo<'int?'>
 * // { kind: 'column'; type: 'int'; array: false; value: number;
 * //   nullable: true; hasDefault: false; indexed: false }
 * FieldTypeInfo<'-> User[]!'>
 * // { kind: 'forward'; type: 'string'; array: true; value: string[];
 * //   nullable: false; hasDefault: false; indexed: false;
 * //   target: 'User'; many: true; inverse: undefined }
 * ```
 */
export interface FieldInfo {
  readonly kind: FieldKind;
  /** Canonical name of the element type; `'string'` for relations. */
  readonly type: TypeName;
  /** `T[]`, or a `-> T[]` relation. */
  readonly array: boolean;
  /**
   * The TypeScript type of one non-null stored value, arrays included
   * (`string[]`, `number[]` for `vector(N)`). `never` for kinds that store
   * nothing (backward and fuzzy relations).
   */
  readonly value: unknown;
  /** No `!` (and no `required: true`): the stored value may be `null`. */
  readonly nullable: boolean;
  /** `= literal`, `= now()`, `= uuid()`, or a field object's `default`. */
  readonly hasDefault: boolean;
  /** `#`, or a field object's `indexed: true`. */
  readonly indexed: boolean;
  /** Relations only: the target collection, as written (`'User'`). */
  readonly target?: string;
  /** Relations only: `[]`, many targets. */
  readonly many?: boolean;
  /** Relations only: the field named after `.` (`<- Post.author` → `'author'`), else `undefined`. */
  readonly inverse?: string | undefined;
}

/** A relation field's description: a `FieldInfo` whose relation keys are all present. */
export interface RelationInfo extends FieldInfo {
  readonly kind: RelationKind;
  readonly target: string;
  readonly many: boolean;
  readonly inverse: string | undefined;
}
