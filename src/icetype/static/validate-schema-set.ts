/**
 * `ValidateSchemaSet<D>`: the compile-time part of ICETYPE.md §3 — a schema
 * set with every bad type string replaced by its `IceTypeCompileError`, so that
 * `definition: D & ValidateSchemaSet<D>` flags the offending property.
 * Checks: type strings (§1.1), field objects (§1.2), relation targets and
 * inverses (§1.3), directive names (§2), field names (§3).
 */

import type { Fail, IceTypeCompileError } from './error.js';
import type { RelationInfo } from './field-info.js';
import type { FieldInfoOf } from './field-spec.js';
import type { DirectiveName } from './schema-set.js';
import type { IsFieldName } from './text.js';

/**
 * Maps the schema set `D` to itself, except that each invalid field becomes
 * an `IceTypeCompileError` (for a field object: its `type` property does) and each
 * unknown directive or bad field name likewise.
 *
 * @example
 * ```ts
 * function defineSchema<const D extends SchemaSetDefinition>(definition: D & ValidateSchemaSet<D>): D;
 * defineSchema({
 *   User: { name: 'strng' },
 *   //      ~~~~~ Type '"strng"' is not assignable to type
 *   //            IceTypeCompileError<"UNKNOWN_TYPE", "IceType error in 'strng': unknown type 'strng'; …">
 * });
 * ```
 */
export type ValidateSchemaSet<D> = {
  [K in keyof D]: ValidateCollection<D, K>;
};

type ValidateCollection<D, K extends keyof D> = {
  [F in keyof D[K]]: F extends `$${string}`
    ? F extends DirectiveName
      ? ValidateDirective<F, D[K][F]>
      : F extends SystemFieldName
        ? IceTypeCompileError<'RESERVED_NAME', `IceType error: '${F}' is a system field; schemas may not declare it`>
        : IceTypeCompileError<
            'UNKNOWN_DIRECTIVE',
            `IceType error: unknown directive '${F}'; expected $type, $partitionBy, $index, $unique, $fts, $vector, $storage, $cdc or $strict`
          >
    : F extends string
      ? ValidateField<D[K][F], NameProblem<F> | FieldProblem<D, K, F, D[K][F]>>
      : D[K][F];
};

/** The outer shape of the directives whose value is a scalar; the runtime validator checks the rest. */
interface ScalarDirectiveShape {
  $type: [string, 'a collection name string'];
  $storage: ['rows' | 'batched', '"rows" or "batched"'];
  $cdc: [boolean, 'true or false'];
  $strict: [boolean, 'true or false'];
}

type ValidateDirective<F extends DirectiveName, V> = F extends keyof ScalarDirectiveShape
  ? V extends ScalarDirectiveShape[F][0]
    ? V
    : IceTypeCompileError<'INVALID_DIRECTIVE', `IceType error: ${F} expects ${ScalarDirectiveShape[F][1]}`>
  : V extends number
    ? IceTypeCompileError<'INVALID_DIRECTIVE', `IceType error: ${F} does not take a number`>
    : V;

type SystemFieldName = '$id' | '$version' | '$createdAt' | '$updatedAt';

/** The spec itself when there is no problem; otherwise the error, at `type` for field objects. */
type ValidateField<Spec, Problem> = [Problem] extends [never]
  ? Spec
  : Spec extends { readonly type: string }
    ? { [P in keyof Spec]: P extends 'type' ? Problem : Spec[P] }
    : Problem;

/** Field names: `^[a-z_][A-Za-z0-9_]*$`, not starting with a reserved prefix (ICETYPE.md §3). */
type NameProblem<F extends string> = F extends `${'_cf_' | 'sqlite_' | '__drizzle'}${string}`
  ? IceTypeCompileError<'RESERVED_NAME', `IceType error: field name '${F}' uses a reserved prefix (_cf_, sqlite_, __drizzle)`>
  : IsFieldName<F> extends true
    ? never
    : IceTypeCompileError<'INVALID_NAME', `IceType error: field name '${F}' must match ^[a-z_][A-Za-z0-9_]*$`>;

/** `never`, or the `IceTypeCompileError` of field `F` of collection `K`. */
type FieldProblem<D, K extends keyof D, F extends string, Spec> = FieldInfoOf<Spec> extends infer I
  ? I extends IceTypeCompileError
    ? I
    : I extends RelationInfo
      ? RelationProblem<D, K, F, I, SourceOf<Spec>>
      : never
  : never;

type SourceOf<Spec> = Spec extends string ? Spec : Spec extends { readonly type: infer T extends string } ? T : '';

interface Operator {
  forward: '->';
  backward: '<-';
  'fuzzy-forward': '~>';
  'fuzzy-backward': '<~';
}

/** The kind that must sit at the other end of a named inverse. */
interface Counterpart {
  forward: 'backward';
  backward: 'forward';
  'fuzzy-forward': 'fuzzy-backward';
  'fuzzy-backward': 'fuzzy-forward';
}

/** ICETYPE.md §1.3: the target must exist; a named inverse must point back here. */
type RelationProblem<D, K extends keyof D, F extends string, I extends RelationInfo, Source extends string> =
  I['target'] extends keyof D
    ? I['inverse'] extends string
      ? I['inverse'] extends keyof D[I['target']]
        ? InverseProblem<K, F, I, I['inverse'], FieldInfoOf<D[I['target']][I['inverse']]>, K & string, Source>
        : Fail<'INVERSE_MISMATCH', `${I['target']} has no field '${I['inverse']}'`, Source>
      : never
    : Fail<'UNKNOWN_RELATION_TARGET', `unknown collection '${I['target']}'`, Source, 'a relation must target a collection of the same schema set'>;

type InverseProblem<
  K,
  F extends string,
  I extends RelationInfo,
  Inverse extends string,
  Other,
  Self extends string,
  Source extends string,
> = [Other] extends [{ readonly kind: Counterpart[I['kind']]; readonly target: Self; readonly inverse: infer Back }]
  ? I['kind'] extends 'forward' | 'fuzzy-forward'
    ? [Back] extends [F]
      ? never
      : InverseMismatch<K, F, I, Inverse, Source>
    : never
  : InverseMismatch<K, F, I, Inverse, Source>;

type InverseMismatch<K, F extends string, I extends RelationInfo, Inverse extends string, Source extends string> = Fail<
  'INVERSE_MISMATCH',
  I['kind'] extends 'forward' | 'fuzzy-forward'
    ? `${I['target']}.${Inverse} must be '${Operator[Counterpart[I['kind']]]} ${K & string}.${F}'`
    : `${I['target']}.${Inverse} must be '${Operator[Counterpart[I['kind']]]} ${K & string}' or '${Operator[Counterpart[I['kind']]]} ${K & string}[]'`,
  Source
>;
