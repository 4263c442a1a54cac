import type { ColumnBuilderBase } from 'drizzle-orm';
import { sqliteTable, type SQLiteTableWithColumns, type TableConfig } from 'drizzle-orm/sqlite-core';
import type { IceTypeSchema } from '../icetype/ast.js';
import { isStoredField } from '../icetype/schema-checks.js';
import { columnFor, columnKeyFor } from './columns.js';
import { indexesFor } from './indexes.js';
import { systemColumns } from './system-columns.js';

/** A compiled collection table, untyped (the static types come from `CompiledTables`). */
export type AnyCollectionTable = SQLiteTableWithColumns<TableConfig>;

/**
 * Compiles one collection into a Drizzle `sqliteTable` named after it: the
 * system columns, then one column per stored field in declaration order
 * (forward relations keyed `<field>Id`, see `columnKeyFor`), with the indexes of `#`, `$index`, `$unique`.
 */
export function compileTable(schema: IceTypeSchema): AnyCollectionTable {
  const columns: Record<string, ColumnBuilderBase> = { ...systemColumns(schema.name) };
  for (const field of schema.fields.values()) {
    if (isStoredField(field)) columns[columnKeyFor(field)] = columnFor(field);
  }
  return sqliteTable(schema.name, columns, (table) => indexesFor(schema, table)) as unknown as AnyCollectionTable;
}
