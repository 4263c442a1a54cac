/**
 * The object form of RQB v2 `orderBy` (`{ age: 'desc', name: 'asc' }`) as a
 * comparator with SQLite's `ORDER BY` semantics on the rows layout: NULLs
 * least (first ascending, last descending), text by code point, decimals as
 * their text ('100.00' < '99.50'), json columns by their JSON text; then
 * `$id` ascending so the order is total.
 */
import type { IceTypeSchema } from '../icetype/ast.js';
import { sqlValueOf, type QueryColumn } from './query-columns.js';
import { RelationalQueryError } from './relational-query-error.js';
import { compareSqlValues } from './sql-value.js';
import type { DocumentComparator, RelationalFindConfig } from './types.js';

interface OrderKey {
  readonly column: QueryColumn;
  readonly descending: boolean;
}

function orderKeys(schema: IceTypeSchema, columns: ReadonlyMap<string, QueryColumn>, orderBy: RelationalFindConfig['orderBy']): OrderKey[] {
  if (orderBy === undefined || orderBy === null) return [];
  const fail = (code: RelationalQueryError['code'], message: string, path: string[]): never => {
    throw new RelationalQueryError(code, message, ['orderBy', ...path], schema.name);
  };
  if (typeof orderBy === 'function') fail('UNSUPPORTED_QUERY', "expected an object such as { age: 'desc' }, found a callback", []);
  if (typeof orderBy !== 'object' || Array.isArray(orderBy)) fail('INVALID_QUERY', `expected an object such as { age: 'desc' }, found ${Array.isArray(orderBy) ? 'an array' : typeof orderBy}`, []);
  const keys: OrderKey[] = [];
  for (const [key, value] of Object.entries(orderBy)) {
    if (!value) continue;
    const column = columns.get(key);
    if (column === undefined) {
      if (schema.fields.get(key)?.relation !== undefined) fail('UNSUPPORTED_QUERY', `expected a column key, found the relation "${key}"`, [key]);
      fail('UNKNOWN_COLUMN', `expected a column key, found "${key}"`, [key]);
    }
    if (value !== 'asc' && value !== 'desc') fail('INVALID_QUERY', `expected "asc" or "desc", found ${typeof value === 'string' ? `"${value}"` : typeof value}`, [key]);
    keys.push({ column: column as QueryColumn, descending: value === 'desc' });
  }
  return keys;
}

/** The plan's comparator: `orderBy` keys, then `$id` ascending; `keyed` when `orderBy` named a column. */
export function orderComparator(
  schema: IceTypeSchema,
  columns: ReadonlyMap<string, QueryColumn>,
  orderBy: RelationalFindConfig['orderBy'],
): { readonly compare: DocumentComparator; readonly keyed: boolean } {
  const given = orderKeys(schema, columns, orderBy);
  const keys = [...given, { column: columns.get('$id') as QueryColumn, descending: false }];
  const compare: DocumentComparator = (a, b) => {
    for (const { column, descending } of keys) {
      const order = compareSqlValues(sqlValueOf(schema.name, column, a), sqlValueOf(schema.name, column, b));
      if (order !== 0) return descending ? -order : order;
    }
    return 0;
  };
  return { compare, keyed: given.length > 0 };
}
