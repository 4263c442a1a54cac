import { index, uniqueIndex, type IndexBuilder, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { IceTypeSchema } from '../icetype/ast.js';
import { uniqueConstraints } from '../icetype/schema.js';
import { columnKeyFor } from './columns.js';

/**
 * SQLite indexes for a collection: one per `#` field, one per single forward
 * relation (`-> T`: its backward relations and joins look rows up by it),
 * one per `$index` entry
 * (unique when it says so), one unique index per `$unique` entry and per
 * field-object `unique: true`. Names are `<table>_<f1>_<f2>_idx` / `_unique`;
 * duplicates (the same fields and uniqueness twice) are emitted once.
 */
export function indexesFor(schema: IceTypeSchema, columns: Record<string, SQLiteColumn>): IndexBuilder[] {
  const wanted = new Map<string, { fields: readonly string[]; unique: boolean }>();
  const want = (fields: readonly string[], unique: boolean): void => {
    const name = `${schema.name}_${fields.join('_')}_${unique ? 'unique' : 'idx'}`;
    if (!wanted.has(name)) wanted.set(name, { fields, unique });
  };
  for (const field of schema.fields.values()) {
    if (field.indexed) want([field.name], false);
    if (field.relation?.operator === '->' && !field.relation.many) want([field.name], false);
  }
  for (const entry of schema.directives.index) if (!entry.unique) want(entry.fields, false);
  for (const fields of uniqueConstraints(schema)) want(fields, true);

  const builders: IndexBuilder[] = [];
  for (const [name, { fields, unique }] of wanted) {
    const [first, ...rest] = fields.map((field) => {
      const definition = schema.fields.get(field);
      const column = definition === undefined ? undefined : columns[columnKeyFor(definition)];
      if (column === undefined) throw new Error(`compile: index ${name} names "${field}", which has no column in ${schema.name}`);
      return column;
    });
    if (first === undefined) continue;
    builders.push((unique ? uniqueIndex(name) : index(name)).on(first, ...rest));
  }
  return builders;
}
