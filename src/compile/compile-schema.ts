import type { AnyRelations } from 'drizzle-orm';
import type { IceTypeSchema } from '../icetype/ast.js';
import { compileRelations } from './relations.js';
import { systemTables } from './system-tables.js';
import { compileTable, type AnyCollectionTable } from './table.js';

/** What compiling a schema set produces, untyped; `compileSchema` adds the static types. */
export interface CompiledSchemaRuntime {
  /** Every collection's table, keyed by collection name, plus the system tables. */
  readonly tables: Readonly<Record<string, AnyCollectionTable>>;
  /** Drizzle relations v2 over `tables`. */
  readonly relations: AnyRelations;
}

/** Compiles parsed collections into Drizzle tables and relations (ICETYPE.md §4, DESIGN.md §1). */
export function compileCollections(collections: ReadonlyMap<string, IceTypeSchema>): CompiledSchemaRuntime {
  const tables: Record<string, AnyCollectionTable> = {};
  for (const schema of collections.values()) tables[schema.name] = compileTable(schema);
  Object.assign(tables, systemTables);
  return { tables, relations: compileRelations(collections, tables) };
}
