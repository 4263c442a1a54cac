import type { IceTypeSchema } from '../icetype/ast.js';
import { isStoredField } from '../icetype/schema-checks.js';
import { SearchError } from './search-error.js';

/**
 * The name under which a collection table's rowid is reachable. Collection
 * tables have a TEXT primary key (`$id`), so the rowid is implicit; a column
 * named `rowid`, `_rowid_` or `oid` (case-insensitively — `rowId` is a legal
 * field name) hides that alias (SQLite "ROWID Tables"), so take the first
 * name no field uses.
 */
export function rowidName(schema: IceTypeSchema): string {
  const taken = new Set([...schema.fields.values()].filter(isStoredField).map((field) => field.name.toLowerCase()));
  const name = ['rowid', '_rowid_', 'oid'].find((candidate) => !taken.has(candidate));
  if (name === undefined) {
    throw new SearchError('NOT_SEARCHABLE', 'expected a free rowid alias, found fields named rowid, _rowid_ and oid, which hide it', { collection: schema.name });
  }
  return name;
}
