import type { IceTypeSchema, SchemaIssue } from './ast.js';
import { IceTypeParseError } from './errors.js';
import { parseSchema } from './schema.js';
import type { SchemaSetDefinition } from './static/schema-set.js';
import type { InferInsert, InferSelect } from './static/infer.js';
import type { ValidateSchemaSet } from './static/validate-schema-set.js';
import { validateSchema } from './validate.js';

/**
 * A validated schema set: the definition as written (which carries the
 * static types) and every collection parsed. Made by `defineSchema`; taken by
 * `compileSchema` and `drizzle()`.
 */
export interface IceTypeSchemaSet<D extends SchemaSetDefinition = SchemaSetDefinition> {
  /** The object passed to `defineSchema`, unchanged. */
  readonly definition: D;
  /** Parsed collections, keyed by collection name, in definition order. */
  readonly collections: ReadonlyMap<string, IceTypeSchema>;
}

/**
 * Forward relations are keyed `<field>Id`/`<field>Ids` in the compiled Drizzle
 * table (`columnKeyFor`): a field already named so would collide with it.
 */
function columnKeyCollisions(schema: IceTypeSchema): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  for (const field of schema.fields.values()) {
    if (field.relation?.operator !== '->') continue;
    const key = `${field.name}${field.relation.many ? 'Ids' : 'Id'}`;
    if (schema.fields.has(key)) {
      issues.push({
        code: 'DUPLICATE_FIELD',
        message: `expected no field named "${key}" beside the relation "${field.name}" (its Drizzle column is keyed "${key}"), found one`,
        path: [schema.name, key],
      });
    }
  }
  return issues;
}

/**
 * Defines the collections of an app in IceType (ICETYPE.md §1, §6): parses
 * and validates every collection together (relation targets and inverses
 * included), and infers document types from the type strings at compile time
 * — a malformed type string is a type error at its property.
 *
 * @throws IceTypeParseError with every issue found, when any collection is invalid.
 * @example
 * ```ts
 * const schema = defineSchema({
 *   User: { email: 'string#', name: 'string!', posts: '<- Post.author[]' },
 *   Post: { title: 'string!', author: '-> User!' },
 * } as const);
 * type User = InferDocument<typeof schema, 'User'>; // { $id: string; …; email: string | null; name: string }
 * ```
 */
export function defineSchema<const D extends SchemaSetDefinition>(definition: D & ValidateSchemaSet<D>): IceTypeSchemaSet<D> {
  const collections = new Map<string, IceTypeSchema>();
  const issues: SchemaIssue[] = [];
  for (const [key, collection] of Object.entries(definition as SchemaSetDefinition)) {
    try {
      // `name` makes the key the collection name; a different `$type` is an INVALID_DIRECTIVE issue.
      collections.set(key, parseSchema(collection, { name: key }));
    } catch (error) {
      if (!(error instanceof IceTypeParseError)) throw error;
      issues.push(...error.issues);
    }
  }
  if (issues.length === 0) issues.push(...validateSchema([...collections.values()]).errors);
  for (const schema of collections.values()) issues.push(...columnKeyCollisions(schema));
  if (issues.length > 0) throw new IceTypeParseError(issues);
  return Object.freeze({ definition: definition as D, collections });
}

/**
 * A stored document of collection `K`: system fields plus every stored field.
 * @example `type User = InferDocument<typeof schema, 'User'>;`
 */
export type InferDocument<S extends IceTypeSchemaSet, K extends keyof S['definition']> = InferSelect<S['definition'][K]>;

/**
 * What creating a document of collection `K` takes: required fields without a
 * default are required; optional and defaulted ones may be left out.
 * @example `const draft: InferNewDocument<typeof schema, 'User'> = { name: 'Ada' };`
 */
export type InferNewDocument<S extends IceTypeSchemaSet, K extends keyof S['definition']> = InferInsert<S['definition'][K]>;
