import { defineRelations, type AnyRelations, type RelationsBuilder, type Schema } from 'drizzle-orm';
import type { FieldDefinition, IceTypeSchema } from '../icetype/ast.js';
import { columnKeyFor } from './columns.js';

/**
 * Compiles IceType relations into Drizzle relations v2 (`defineRelations`),
 * so `db.query.X.findMany({ with })` loads them:
 *
 * - `author: '-> User'` → `one.User` named `author`, from the column
 *   `Post.authorId` (SQL name `author`) to `User.$id` (optional unless `-> User!`);
 * - `posts: '<- Post.author[]'` → `many.Post` from `User.$id` to `Post.authorId`;
 *   `'<- Post.author'` (no `[]`) → an optional `one.Post`.
 *
 * Relations that need the `_rels` edge table — forward arrays (`-> T[]`),
 * their inverses, and fuzzy relations (`~>`, `<~`) — are served by the
 * relations layer, not by column joins, and are left out here.
 */

type Builder = RelationsBuilder<Schema>;
type RelationEntry = ReturnType<Builder['one'][string]> | ReturnType<Builder['many'][string]>;

/** The forward field a backward relation `<- T.f` reads, when it is a single-valued `-> Self`. */
function singleForwardField(collections: ReadonlyMap<string, IceTypeSchema>, self: string, field: FieldDefinition) {
  const relation = field.relation;
  if (relation?.operator !== '<-' || relation.inverse === undefined) return undefined;
  const target = collections.get(relation.target)?.fields.get(relation.inverse);
  const forward = target?.relation;
  if (forward === undefined || forward.operator !== '->' || forward.many || forward.target !== self) return undefined;
  return target;
}

/**
 * Whether `compileRelations` makes `field` of `collection` a Drizzle
 * relation — a single `-> T`, or `<- T.f` over a single `-> Self` — so
 * Drizzle's SQL can join it. Queries over any other relation are served by
 * the store (src/query/route-queries.ts).
 */
export function isNativeRelation(collections: ReadonlyMap<string, IceTypeSchema>, collection: string, field: FieldDefinition): boolean {
  const relation = field.relation;
  if (relation === undefined || !collections.has(relation.target)) return false;
  if (relation.operator === '->') return !relation.many;
  return singleForwardField(collections, collection, field) !== undefined;
}

function relationFor(
  r: Builder,
  collections: ReadonlyMap<string, IceTypeSchema>,
  schema: IceTypeSchema,
  field: FieldDefinition,
): RelationEntry | undefined {
  const relation = field.relation;
  if (relation === undefined) return undefined;
  const self = r[schema.name] as unknown as Record<string, never>;
  const target = r[relation.target] as unknown as Record<string, never> | undefined;
  if (target === undefined) return undefined;
  if (relation.operator === '->' && !relation.many) {
    return r.one[relation.target]!({ from: self[columnKeyFor(field)], to: target.$id, optional: !field.required });
  }
  const inverse = singleForwardField(collections, schema.name, field);
  if (inverse !== undefined) {
    const config = { from: self.$id, to: target[columnKeyFor(inverse)] };
    return relation.many ? r.many[relation.target]!(config) : r.one[relation.target]!({ ...config, optional: true });
  }
  return undefined;
}

/** Builds the Drizzle relations config for the compiled tables of a schema set. */
export function compileRelations(
  collections: ReadonlyMap<string, IceTypeSchema>,
  tables: Record<string, unknown>,
): AnyRelations {
  return defineRelations(tables, (r) => {
    const config: Record<string, Record<string, RelationEntry>> = {};
    for (const schema of collections.values()) {
      const entries: Record<string, RelationEntry> = {};
      for (const field of schema.fields.values()) {
        const entry = relationFor(r as unknown as Builder, collections, schema, field);
        if (entry !== undefined) entries[field.name] = entry;
      }
      if (Object.keys(entries).length > 0) config[schema.name] = entries;
    }
    return config;
  }) as AnyRelations;
}
