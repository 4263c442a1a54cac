/**
 * The relation fields a relational query may name in `with`, `where` or a
 * loader: every declared relation kind (ICETYPE.md §1.3), read the way
 * `relationPath` describes — except a backward field without an inverse,
 * which names no edges to follow.
 */
import type { IceTypeSchema } from '../icetype/ast.js';
import { relationPath, type RelationPath } from '../relations/relation-paths.js';
import { RelationalQueryError } from './relational-query-error.js';

/** The path of relation field `name` of `schema`; throws `UNKNOWN_RELATION` for a non-relation, `UNSUPPORTED_QUERY` for a backward field without inverse. */
export function queryRelation(schema: IceTypeSchema, name: string, path: readonly string[]): RelationPath {
  const field = schema.fields.get(name);
  if (field?.relation === undefined) throw new RelationalQueryError('UNKNOWN_RELATION', `expected a relation field, found "${name}"`, path, schema.name);
  const found = relationPath(schema.name, field);
  if (found === undefined) {
    throw new RelationalQueryError('UNSUPPORTED_QUERY', `expected a relation with edges to follow, found "${name}" (a backward relation naming no forward field)`, path, schema.name);
  }
  return found;
}
