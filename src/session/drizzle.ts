import type { Logger } from 'drizzle-orm';
import { drizzle as drizzleDurableObject, type DrizzleSqliteDODatabase } from 'drizzle-orm/durable-sqlite';
import { compileSchema, type CompiledSchema } from '../compile/compile-schema.js';
import type { CompiledRelations, CompiledTables } from '../compile/types.js';
import type { IceTypeSchemaSet } from '../icetype/define-schema.js';
import type { SchemaSetDefinition } from '../icetype/static/schema-set.js';

/** Options of `drizzle()`. */
export interface DrizzleIceTypeConfig<D extends SchemaSetDefinition> {
  /** The app's collections, from `defineSchema`. */
  readonly schema: IceTypeSchemaSet<D>;
  /** Drizzle's query logger: `true` for the console, or your own. */
  readonly logger?: boolean | Logger;
}

/** Drizzle's Durable Object database over the compiled schema, plus the schema and its tables. */
export type IceTypeDatabase<D extends SchemaSetDefinition> = DrizzleSqliteDODatabase<CompiledRelations<D>> & {
  readonly $client: DurableObjectStorage;
  /** The schema set this database was opened with. */
  readonly $schema: IceTypeSchemaSet<D>;
  /** The compiled tables, for Drizzle builders: `db.insert(db.$tables.User)`. */
  readonly $tables: CompiledTables<D>;
};

/**
 * Opens a Durable Object's SQLite storage as a Drizzle database over an
 * IceType schema: every Drizzle builder works on the compiled tables, and
 * `db.query.X.findMany({ where, with, orderBy, limit })` is typed from the
 * IceType strings.
 *
 * @example
 * ```ts
 * export class MyDO extends DurableObject {
 *   db = drizzle(this.ctx.storage, { schema });
 *   async adults() {
 *     return this.db.query.User.findMany({ where: { age: { gte: 18 } }, with: { posts: true } });
 *   }
 * }
 * ```
 */
export function drizzle<D extends SchemaSetDefinition>(storage: DurableObjectStorage, config: DrizzleIceTypeConfig<D>): IceTypeDatabase<D> {
  const compiled: CompiledSchema<D> = compileSchema(config.schema);
  const db = drizzleDurableObject(storage, {
    relations: compiled.relations,
    ...(config.logger === undefined ? {} : { logger: config.logger }),
  });
  return Object.assign(db, { $schema: config.schema, $tables: compiled.tables });
}
