import type { IceTypeSchema } from '../../icetype/ast.js';
import { compileNullLeaf, compileValueLeaf } from './compile-leaf.js';
import { FilterError } from './filter-error.js';
import { MAX_BOUND_PARAMETERS, MAX_CLAUSE_BYTES } from './limits.js';
import type { PlanNode } from './plan-node.js';
import { planFilter } from './plan-filter.js';
import { joinBalanced, SqlWriter } from './sql-writer.js';
import type { CompiledSql, Filter, SqlOptions } from './types.js';

/** Writes a plan as a SQL boolean expression that is always 0 or 1 where it matters: NOT is `IS NOT 1`, so NULL counts as false. */
export function writePlan(w: SqlWriter, node: PlanNode): string {
  switch (node.t) {
    case 'const':
      return node.value ? '1' : '0';
    case 'and':
    case 'or':
      return joinBalanced(
        node.children.map((child) => writePlan(w, child)),
        node.t === 'and' ? 'AND' : 'OR',
      );
    case 'not':
      if (node.child.t === 'null') return compileNullLeaf(w, node.child.target, true);
      return `(${writePlan(w, node.child)}) IS NOT 1`;
    case 'null':
      return compileNullLeaf(w, node.target, false);
    default:
      return compileValueLeaf(w, node);
  }
}

/** Throws `FILTER_TOO_LARGE` when a compiled fragment would not fit DO SQLite's statement limits. */
export function checkSize(collection: string, compiled: CompiledSql, maxParams: number = MAX_BOUND_PARAMETERS): void {
  if (compiled.params.length > maxParams) {
    throw new FilterError('FILTER_TOO_LARGE', `expected at most ${maxParams} bound parameters, found ${compiled.params.length}; use $in for long lists (one parameter whatever its length)`, [], collection);
  }
  if (compiled.sql.length > MAX_CLAUSE_BYTES) {
    throw new FilterError('FILTER_TOO_LARGE', `expected at most ${MAX_CLAUSE_BYTES} bytes of SQL, found ${compiled.sql.length}`, [], collection);
  }
}

/**
 * Compiles a filter into a SQL boolean expression over the collection
 * table's columns, for `WHERE`. Identifiers come only from the schema and
 * are quoted; every value is a bound parameter. Semantics (shared with
 * `matchesFilter`): numbers compare as numbers, timestamps as instants,
 * decimals exactly, strings by code point and case-sensitively; `null` and
 * `$exists: false` match null or absent; `$ne`/`$nin`/`$not` match nulls.
 *
 * @throws FilterError `UNKNOWN_FIELD`, `UNKNOWN_OPERATOR`, `INVALID_OPERAND`, `FILTER_TOO_DEEP`, `FILTER_TOO_LARGE`.
 * @example
 * compileFilter(User, { age: { $gt: 30 }, tags: 'vip' })
 * // { sql: '("User"."age" > ?) AND (EXISTS (SELECT 1 FROM json_each("User"."tags") AS "$e" WHERE "$e"."type" = \'text\' AND "$e"."value" = ?))',
 * //   params: [30, 'vip'] }
 */
export function compileFilter(schema: IceTypeSchema, filter: Filter, options: SqlOptions = {}): CompiledSql {
  const plan = planFilter(schema, filter, options);
  const w = new SqlWriter(options.table ?? schema.name);
  const compiled = { sql: writePlan(w, plan), params: w.params };
  checkSize(schema.name, compiled, options.maxParams);
  return compiled;
}
