/**
 * Type-level parser for relation type strings, ICETYPE.md §1.1 and §1.3:
 *   relation := op Target ("." inverse)? ("[]")? ("?" | "!")?
 *   op       := "->" | "~>" | "<-" | "<~"
 * Input arrives trimmed, operator already removed.
 */

import type { Fail } from './error.js';
import type { RelationKind } from './field-info.js';
import type { IsCollectionName, IsFieldName, Trim, TrimEnd } from './text.js';

/** Operator → kind. */
export interface RelationOperators {
  '->': 'forward';
  '<-': 'backward';
  '~>': 'fuzzy-forward';
  '<~': 'fuzzy-backward';
}

/** Parses `Rest` (what follows the operator of `Kind`) of the type string `Source`. */
export type ParseRelation<Source extends string, Kind extends RelationKind, Rest extends string> =
  Rest extends `${infer Head}!`
    ? RelationModifier<Source, Kind, TrimEnd<Head>, false>
    : Rest extends `${infer Head}?`
      ? RelationModifier<Source, Kind, TrimEnd<Head>, true>
      : RelationArray<Source, Kind, Rest, true>;

type RelationModifier<Source extends string, Kind extends RelationKind, Rest extends string, Nullable extends boolean> =
  Kind extends 'backward' | 'fuzzy-backward'
    ? Fail<'INVALID_RELATION', "a backward relation stores nothing, so it takes neither '!' nor '?'", Source>
    : Rest extends `${string}${Nullable extends true ? '?' : '!'}`
      ? Fail<'DUPLICATE_MODIFIER', `modifier '${Nullable extends true ? '?' : '!'}' given twice`, Source>
      : Rest extends `${string}${'!' | '?'}`
        ? Fail<'CONFLICTING_MODIFIERS', `a relation takes one of '!' or '?'`, Source>
        : RelationArray<Source, Kind, Rest, Nullable>;

type RelationArray<Source extends string, Kind extends RelationKind, Rest extends string, Nullable extends boolean> =
  Rest extends `${infer Head}]`
    ? TrimEnd<Head> extends `${infer Body}[`
      ? TrimEnd<Body> extends `${string}${'!' | '?'}`
        ? Fail<'INVALID_MODIFIER_POSITION', "modifiers go after '[]' (write '-> User[]?', not '-> User?[]')", Source>
        : RelationTarget<Source, Kind, TrimEnd<Body>, true, Nullable>
      : RelationTarget<Source, Kind, Rest, false, Nullable>
    : RelationTarget<Source, Kind, Rest, false, Nullable>;

type RelationTarget<
  Source extends string,
  Kind extends RelationKind,
  Body extends string,
  Many extends boolean,
  Nullable extends boolean,
> = Body extends `${infer Target}.${infer Inverse}`
  ? BuildRelation<Source, Kind, Trim<Target>, Trim<Inverse>, Many, Nullable>
  : BuildRelation<Source, Kind, Body, undefined, Many, Nullable>;

type BuildRelation<
  Source extends string,
  Kind extends RelationKind,
  Target extends string,
  Inverse extends string | undefined,
  Many extends boolean,
  Nullable extends boolean,
> = IsCollectionName<Target> extends false
  ? Fail<'INVALID_RELATION', `expected a collection name (^[A-Z][A-Za-z0-9_]*$) after the operator, found '${Target}'`, Source>
  : Inverse extends string
    ? IsFieldName<Inverse> extends false
      ? Fail<'INVALID_RELATION', `expected a field name after '${Target}.', found '${Inverse}'`, Source>
      : RelationResult<Kind, Target, Inverse, Many, Nullable>
    : Kind extends 'backward' | 'fuzzy-backward'
      ? Fail<'INVALID_RELATION', `a backward relation names the forward field: '${Target}.field'`, Source>
      : RelationResult<Kind, Target, Inverse, Many, Nullable>;

// Through `infer` so that hovers show the object, not `RelationResult<…>`.
type RelationResult<
  Kind extends RelationKind,
  Target extends string,
  Inverse extends string | undefined,
  Many extends boolean,
  Nullable extends boolean,
> = {
  kind: Kind;
  type: 'string';
  array: Many;
  value: Kind extends 'forward' ? (Many extends true ? string[] : string) : never;
  nullable: Nullable;
  hasDefault: false;
  indexed: false;
  target: Target;
  many: Many;
  inverse: Inverse;
} extends infer Result
  ? Result
  : never;
