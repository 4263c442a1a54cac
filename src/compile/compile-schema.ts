import type { AnyRelations } from 'drizzle-orm';
import type { IceTypeSchema } from '../icetype/ast.js';
import type { IceTypeSchemaSet } from '../icetype/define-schema.js';
import type { SchemaSetDefinition } from '../icetype/static/schema-set.js';
import { compileRelations } from './relations.js';
import { systemTables } from './system-tables.js';
import { compileTable, type AnyCollectionTable } from './table.js';
import type { CompiledRelations, CompiledTables } from './types.js';

/** A schema set compiled to Drizzle: tables (collections and system tables) and relations. */
export interface CompiledSchema<D extends SchemaSetDefinition = SchemaSetDefinition> {
  /** Every collection's table, keyed by collection name, plus `_batches`, `_rels`, `_cdc`, `_schemas`. */
  readonly tables: CompiledTables<D>;
  /** Drizzle relations v2 over `tables`, for `db.query.X.findMany({ with })`. */
  readonly relations: CompiledRelations<D>;
}

/** Compiles parsed collections into Drizzle tables and relations (ICETYPE.md §4, DESIGN.md §1). */
export function compileCollections(collections: ReadonlyMap<string, IceTypeSchema>): { tables: Record<string, AnyCollectionTable>; relations: AnyRelations } {
  const tables: Record<string, AnyCollectionTable> = {};
  for (const schema of collections.values()) tables[schema.name] = compileTable(schema);
  Object.assign(tables, systemTables);
  return { tables, relations: compileRelations(collections, tables) };
}

const compiledSets = new WeakMap<IceTypeSchemaSet, CompiledSchema>();

/**
 * Compiles a schema set into Drizzle tables and relations. Compiling the same
 * set twice returns the same objects, so a schema module's exported tables
 * and the tables `drizzle()` queries are one and the same.
 *
 * @example
 * ```ts
 * // schema.ts — drizzle-kit reads the exported tables
 * export const schema = defineSchema({ User: { email: 'string#' } } as const);
 * export const { User, _batches, _rels, _cdc, _schemas } = compileSchema(schema).tables;
 * ```
 */
export function compileSchema<D extends SchemaSetDefinition>(schema: IceTypeSchemaSet<D>): CompiledSchema<D> {
  let compiled = compiledSets.get(schema);
  if (compiled === undefined) {
    compiled = compileCollections(schema.collections) as unknown as CompiledSchema;
    compiledSets.set(schema, compiled);
  }
  return compiled as unknown as CompiledSchema<D>;
}
