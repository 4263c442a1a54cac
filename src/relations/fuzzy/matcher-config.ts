import type { FieldDefinition, IceTypeSchema } from '../../icetype/ast.js';
import { isPlainObject } from '../../icetype/directives.js';
import type { FieldInfoOf } from '../../icetype/static/field-spec.js';
import type { FieldNames, SchemaSetDefinition } from '../../icetype/static/schema-set.js';
import { describeFound } from '../../store/values/describe-found.js';
import { isTextField } from './document-text.js';
import { FuzzyError } from './fuzzy-error.js';
import { coreOf, type FuzzyMatcher, type MatcherCore } from './matcher.js';

/**
 * The `matchers` option of `drizzle()`: which matcher fills which fuzzy
 * relation field (`~> T`). Typed from the schema — collections with `~>`
 * fields, their `~>` fields, text fields of the source and target — and
 * checked again at run time by `resolveMatchers`, which `drizzle()` calls
 * before it touches storage.
 */

/** The fields of a collection definition a matcher can read: `string`, `text`, `varchar(N)` and enum fields, single or lists. */
export type TextFieldNames<Def> = {
  [K in FieldNames<Def>]: FieldInfoOf<Def[K & keyof Def]> extends { readonly kind: 'column'; readonly type: 'string' | 'text' | 'varchar' | 'enum' } ? K : never;
}[FieldNames<Def>];

/** The fuzzy relation fields (`~> T`) of a collection definition. */
export type FuzzyFieldNames<Def> = {
  [K in FieldNames<Def>]: FieldInfoOf<Def[K & keyof Def]> extends { readonly kind: 'fuzzy-forward' } ? K : never;
}[FieldNames<Def>];

/** The collections of a schema set that declare a fuzzy relation field. */
export type FuzzyCollectionNames<D> = { [C in keyof D & string]: [FuzzyFieldNames<D[C]>] extends [never] ? never : C }[keyof D & string];

/** The definition of the collection a fuzzy field of `Def` points at. */
type FuzzyTarget<D, Def, F> = FieldInfoOf<Def[F & keyof Def]> extends { readonly target: infer T } ? (T extends keyof D ? D[T] : never) : never;

/**
 * Matchers by collection and fuzzy field. A matcher's `fields` must be text
 * fields of the collection, its `targetFields` text fields of the target.
 *
 * @example
 * ```ts
 * const matchers: FuzzyMatchers<typeof schema.definition> = {
 *   Book: { similar: textMatcher({ fields: ['title', 'blurb'], threshold: 0.2, topK: 5 }) },
 * };
 * ```
 */
export type FuzzyMatchers<D extends SchemaSetDefinition> = {
  readonly [C in FuzzyCollectionNames<D>]?: {
    readonly [F in FuzzyFieldNames<D[C]>]?: FuzzyMatcher<TextFieldNames<D[C]>, TextFieldNames<FuzzyTarget<D, D[C], F>>>;
  };
};

/** A matcher checked against the schema: the fuzzy field it fills and the collection it matches against. */
export interface ResolvedMatcher {
  readonly collection: string;
  readonly field: string;
  readonly target: string;
  readonly matcher: FuzzyMatcher;
  readonly core: MatcherCore;
}

/** Matchers by collection, then fuzzy field. */
export type ResolvedMatchers = ReadonlyMap<string, ReadonlyMap<string, ResolvedMatcher>>;

/** How a field reads in messages: `a string field`, `an int[] field`, `a -> relation`. */
function describeField(field: FieldDefinition): string {
  if (field.relation !== undefined) return `a ${field.relation.operator} relation`;
  const type = field.type.kind === 'primitive' ? field.type.name : field.type.kind;
  const name = `${type}${field.isArray ? '[]' : ''}`;
  return `${/^[aeiou]/.test(name) ? 'an' : 'a'} ${name} field`;
}

function fieldList(schema: IceTypeSchema, keep: (field: FieldDefinition) => boolean): string {
  const names = [...schema.fields.values()].filter(keep).map((field) => field.name);
  return names.length === 0 ? 'none' : names.join(', ');
}

/** The schema of a collection named in `matchers` or `db.fuzzy.match`; `UNKNOWN_COLLECTION` otherwise. */
export function collectionOf(collections: ReadonlyMap<string, IceTypeSchema>, collection: unknown): IceTypeSchema {
  const schema = typeof collection === 'string' ? collections.get(collection) : undefined;
  if (schema !== undefined) return schema;
  const found = typeof collection === 'string' ? JSON.stringify(collection) : describeFound(collection);
  throw new FuzzyError('UNKNOWN_COLLECTION', `expected a collection of the schema (${[...collections.keys()].join(', ')}), found ${found}`, { collection: String(collection) });
}

/** A fuzzy relation field (`~> T`) of `schema`; `UNKNOWN_FIELD` or `NOT_A_FUZZY_FIELD` otherwise. */
export function fuzzyFieldOf(schema: IceTypeSchema, field: unknown): FieldDefinition {
  const definition = typeof field === 'string' ? schema.fields.get(field) : undefined;
  const expected = `expected a fuzzy relation field (~> T) of ${schema.name} (${fieldList(schema, (f) => f.relation?.operator === '~>')})`;
  if (definition === undefined) {
    const found = typeof field === 'string' ? `${JSON.stringify(field)}, which ${schema.name} does not declare` : describeFound(field);
    throw new FuzzyError('UNKNOWN_FIELD', `${expected}, found ${found}`, { collection: schema.name, field: String(field) });
  }
  if (definition.relation?.operator !== '~>') {
    throw new FuzzyError('NOT_A_FUZZY_FIELD', `${expected}, found ${JSON.stringify(definition.name)}, ${describeField(definition)}`, { collection: schema.name, field: definition.name });
  }
  return definition;
}

/** Fails unless every name is a text field of `schema` (`UNKNOWN_FIELD`, `NOT_A_TEXT_FIELD`). */
function checkTextFields(schema: IceTypeSchema, names: readonly string[], option: string, site: { collection: string; field: string }): void {
  for (const name of names) {
    const definition = schema.fields.get(name);
    const expected = `expected ${option} to be text fields of ${schema.name} (${fieldList(schema, isTextField)})`;
    if (definition === undefined) throw new FuzzyError('UNKNOWN_FIELD', `${expected}, found ${JSON.stringify(name)}, which ${schema.name} does not declare`, site);
    if (!isTextField(definition)) throw new FuzzyError('NOT_A_TEXT_FIELD', `${expected}, found ${JSON.stringify(name)}, ${describeField(definition)}`, site);
  }
}

/**
 * Checks the `matchers` option against the schema set and resolves each
 * matcher to the field it fills. Throws a `FuzzyError` naming the collection
 * and field: `UNKNOWN_COLLECTION`, `UNKNOWN_FIELD`, `NOT_A_FUZZY_FIELD`,
 * `NOT_A_TEXT_FIELD`, or `INVALID_OPTION` (not an object, not a matcher).
 */
export function resolveMatchers(collections: ReadonlyMap<string, IceTypeSchema>, matchers: unknown): ResolvedMatchers {
  const resolved = new Map<string, Map<string, ResolvedMatcher>>();
  if (matchers === undefined) return resolved;
  if (!isPlainObject(matchers)) throw new FuzzyError('INVALID_OPTION', `expected matchers to be an object of collections, found ${describeFound(matchers)}`);
  for (const [collection, fields] of Object.entries(matchers)) {
    const schema = collectionOf(collections, collection);
    if (fields === undefined) continue;
    if (!isPlainObject(fields)) throw new FuzzyError('INVALID_OPTION', `expected matchers.${collection} to be an object of fuzzy fields, found ${describeFound(fields)}`, { collection });
    const byField = new Map<string, ResolvedMatcher>();
    for (const [field, matcher] of Object.entries(fields)) {
      const definition = fuzzyFieldOf(schema, field);
      if (matcher === undefined) continue;
      const site = { collection, field };
      const core = coreOf(matcher);
      if (core === undefined) throw new FuzzyError('INVALID_OPTION', `expected a matcher from textMatcher() or embeddingMatcher(), found ${describeFound(matcher)}`, site);
      const target = definition.relation!.target;
      const description = matcher as FuzzyMatcher;
      checkTextFields(schema, description.fields, 'fields', site);
      checkTextFields(collections.get(target)!, description.targetFields, 'targetFields', site);
      byField.set(field, { collection, field, target, matcher: description, core });
    }
    resolved.set(collection, byField);
  }
  return resolved;
}
