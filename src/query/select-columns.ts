/**
 * RQB v2 `columns` (drizzle-orm 1.0.0-rc.5 `buildRqbColumns`): when any entry
 * is `true`, exactly the `true` keys in the config's order; when all are
 * `false`, every column but those, in table order; `undefined` entries are
 * ignored. Selecting nothing without `with` is an error, as in Drizzle.
 */
import type { IceTypeSchema } from '../icetype/ast.js';
import type { NormalizedDocument } from '../store/values/normalized-document.js';
import { rowValueOf, sqlValueOf, type QueryColumn } from './query-columns.js';
import { RelationalQueryError } from './relational-query-error.js';
import type { RelationalFindConfig } from './types.js';

function selectedColumns(schema: IceTypeSchema, columns: ReadonlyMap<string, QueryColumn>, config: RelationalFindConfig['columns']): QueryColumn[] {
  if (config === undefined || config === null) return [...columns.values()];
  const entries = Object.entries(config).filter(([, v]) => v !== undefined);
  for (const [key] of entries) {
    if (!columns.has(key)) throw new RelationalQueryError('UNKNOWN_COLUMN', `expected a column key, found "${key}"`, ['columns', key], schema.name);
  }
  if (entries.some(([, v]) => v)) return entries.filter(([, v]) => v).map(([key]) => columns.get(key) as QueryColumn);
  if (entries.length === 0) return [];
  const excluded = new Set(entries.map(([key]) => key));
  return [...columns.values()].filter((column) => !excluded.has(column.key));
}

/** The `toRow` of a plan; throws `INVALID_QUERY` when nothing is selected and `hasWith` is false. */
export function rowMapper(schema: IceTypeSchema, columns: ReadonlyMap<string, QueryColumn>, config: RelationalFindConfig['columns'], hasWith: boolean): (doc: NormalizedDocument) => Record<string, unknown> {
  const selected = selectedColumns(schema, columns, config);
  if (selected.length === 0 && !hasWith) throw new RelationalQueryError('INVALID_QUERY', 'expected at least one selected column or relation, found none', ['columns'], schema.name);
  return (doc) => {
    const row: Record<string, unknown> = {};
    for (const column of selected) row[column.key] = rowValueOf(column, sqlValueOf(schema.name, column, doc));
    return row;
  };
}
