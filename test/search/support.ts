/**
 * Shared by the search tests: collections with `$fts` and `vector(N)`
 * fields, their tables created from the compiled Drizzle tables in a real
 * DO, the system tables and CDC triggers installed by `migrate` (so the
 * search triggers run beside them), then the search indexes.
 */
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { compileSchema, defineSchema, drizzle, migrate, type IceTypeSchema, type IceTypeSchemaSet } from '../../src/index.js';
import { installSearchIndexes } from '../../src/search/index.js';

export const schema = defineSchema({
  Post: { $fts: ['title', 'body'], title: 'string', body: 'text', category: 'string', views: 'int' },
  Item: { $vector: ['embedding'], label: 'string', group: 'int', embedding: 'vector(4)', tags: 'string[]' },
  Plain: { name: 'string' },
} as const);

export function collection(set: IceTypeSchemaSet, name: string): IceTypeSchema {
  const found = set.collections.get(name);
  if (found === undefined) throw new Error(`no collection ${name}`);
  return found;
}

export const Post = collection(schema, 'Post');
export const Item = collection(schema, 'Item');
export const Plain = collection(schema, 'Plain');

/** CREATE TABLE statements for every collection of a schema set, column types as Drizzle declares them (no defaults: the store supplies values). */
export function createTablesSql(set: IceTypeSchemaSet): string[] {
  const tables = compileSchema(set).tables as Record<string, unknown>;
  return [...set.collections.keys()].map((name) => {
    const config = getTableConfig(tables[name] as SQLiteTable);
    const columns = config.columns.map((c) => `"${c.name}" ${c.getSQLType()}${c.primary ? ' PRIMARY KEY' : ''}${c.notNull ? ' NOT NULL' : ''}`);
    return `CREATE TABLE "${config.name}" (${columns.join(', ')})`;
  });
}

/** Opens the test schema in a fresh DO: tables, system tables and CDC triggers, search indexes. */
export async function open(storage: DurableObjectStorage) {
  for (const ddl of createTablesSql(schema)) storage.sql.exec(ddl);
  const db = drizzle(storage, { schema });
  await migrate(db, { migrations: {} });
  installSearchIndexes(storage, schema.collections.values());
  return db;
}

/** Runs `fn` and returns what it threw. */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, found none');
}

/** The FTS5 index of a collection as stored (its shadow tables, BLOBs as hex), for "the index did not change" assertions. */
export function ftsIndexImage(storage: DurableObjectStorage, collection: string): Record<string, unknown[]> {
  const read = (sql: string) => storage.sql.exec(sql).toArray();
  return {
    data: read(`SELECT id, hex(block) AS block FROM "${collection}_fts_data" ORDER BY id`),
    idx: read(`SELECT segid, hex(term) AS term, pgno FROM "${collection}_fts_idx" ORDER BY segid, term`),
    docsize: read(`SELECT id, hex(sz) AS sz FROM "${collection}_fts_docsize" ORDER BY id`),
  };
}

/** Throws unless the FTS5 index matches the collection table exactly (FTS5 'integrity-check' with rank 1 compares against the content). */
export function checkFtsIntegrity(storage: DurableObjectStorage, collection: string): void {
  storage.sql.exec(`INSERT INTO "${collection}_fts" ("${collection}_fts", rank) VALUES ('integrity-check', 1)`);
}
