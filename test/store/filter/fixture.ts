/**
 * Shared by the filter tests: a collection with every filterable kind, its
 * table in a real DO (created from the compiled Drizzle table, rows written
 * by Drizzle so storage encodings are the library's own), and runners that
 * answer one query through SQL and through the in-memory evaluator.
 */
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { columnKeyFor } from '../../../src/compile/columns.js';
import { isStoredField } from '../../../src/icetype/schema-checks.js';
import { compileSchema, defineSchema, drizzle, type IceTypeSchema } from '../../../src/index.js';
import { compileQuery, queryDocuments, type QuerySpec } from '../../../src/store/filter/index.js';

export const schema = defineSchema({
  Item: {
    n: 'int',
    x: 'double',
    s: 'string',
    price: 'decimal(38,2)',
    rate: 'decimal(6,3)',
    at: 'timestamp',
    flag: 'bool',
    day: 'date',
    status: '"new" | "open" | "closed"',
    tags: 'string[]',
    nums: 'int[]',
    prices: 'decimal(10,2)[]',
    times: 'timestamp[]',
    flags: 'bool[]',
    meta: 'json',
    blob: 'binary',
    vec: 'vector(2)',
    owner: '-> Tag',
    refs: '-> Tag[]',
  },
  Tag: { label: 'string', items: '<- Item.owner[]' },
} as const);

export const Item: IceTypeSchema = schema.collections.get('Item') as IceTypeSchema;
export const Tag: IceTypeSchema = schema.collections.get('Tag') as IceTypeSchema;

/** A document in canonical JS form. */
export type Doc = Record<string, unknown> & { $id: string };

const table = compileSchema(schema).tables.Item as unknown as SQLiteTable;

/** CREATE TABLE for the compiled Item table, column types as Drizzle declares them. */
export function createItemTableSql(): string {
  const config = getTableConfig(table);
  const columns = config.columns.map((c) => `"${c.name}" ${c.getSQLType()}${c.primary ? ' PRIMARY KEY' : ''}${c.notNull ? ' NOT NULL' : ''}`);
  return `CREATE TABLE "${config.name}" (${columns.join(', ')})`;
}

/** Fills in the system fields a document lacks. */
export function withSystemFields(doc: Doc): Doc {
  return { $type: 'Item', $version: 1, $createdAt: new Date(Date.UTC(2024, 0, 1)), $updatedAt: new Date(Date.UTC(2024, 0, 1)), ...doc };
}

/** Creates the Item table and writes the documents through Drizzle. */
export function storeItems(storage: DurableObjectStorage, docs: readonly Doc[]): void {
  storage.sql.exec(createItemTableSql());
  const db = drizzle(storage, { schema });
  for (const doc of docs) {
    const row: Record<string, unknown> = {};
    for (const key of ['$id', '$type', '$version', '$createdAt', '$updatedAt']) row[key] = doc[key];
    for (const field of Item.fields.values()) {
      if (isStoredField(field) && doc[field.name] !== undefined) row[columnKeyFor(field)] = doc[field.name];
    }
    db.insert(table).values(row as never).run();
  }
}

/** The ids a query returns through SQL. */
export function sqlIds(storage: DurableObjectStorage, spec: QuerySpec): string[] {
  const { sql, params } = compileQuery(Item, spec);
  return storage.sql
    .exec<{ $id: string }>(`SELECT "$id" FROM "Item" ${sql}`, ...params)
    .toArray()
    .map((r) => r.$id);
}

/** The ids a query returns in memory. */
export function memoryIds(docs: readonly Doc[], spec: QuerySpec): string[] {
  return queryDocuments(Item, docs, spec).map((d) => d.$id);
}
