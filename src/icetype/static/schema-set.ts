/**
 * The object form of a schema set at the type level (ICETYPE.md §1, §2, §6):
 * collection name → collection definition, whose `$`-keys are directives and
 * whose other keys are fields.
 */

import type { FieldSpec } from './field-spec.js';

/** The directives of ICETYPE.md §2. Their values are not inspected at the type level. */
export type DirectiveName =
  | '$type'
  | '$partitionBy'
  | '$index'
  | '$unique'
  | '$fts'
  | '$vector'
  | '$storage'
  | '$cdc'
  | '$strict';

/** Any directive value's outer shape (the runtime validator checks the rest). */
export type DirectiveValue = string | boolean | number | readonly unknown[] | { readonly [key: string]: number };
// `number` is no directive's shape; it is admitted so that `$ttl: 5` or
// `$strict: 5` reaches `ValidateSchemaSet` (UNKNOWN_DIRECTIVE / INVALID_DIRECTIVE
// on that key) instead of failing the `SchemaSetDefinition` constraint.

/** One collection: directives (`$type`, `$index`, …) and fields (type strings or field objects). */
export interface CollectionDefinition {
  readonly [key: string]: FieldSpec | DirectiveValue;
}

/** A schema set: collection name → definition. Relations may only target its collections. */
export interface SchemaSetDefinition {
  readonly [collection: string]: CollectionDefinition;
}

/** The field keys of a collection definition (everything not starting with `$`). */
export type FieldNames<Def> = keyof Def extends infer K
  ? K extends `$${string}`
    ? never
    : K extends string
      ? K
      : never
  : never;
