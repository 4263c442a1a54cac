import type { IceTypeSchema } from '../../icetype/ast.js';
import { checkSize, writePlan } from './compile-filter.js';
import { compareDocuments } from './compare-documents.js';
import { filterError, planContext, type PlanContext } from './context.js';
import { afterCursor, cursorPosition, writeCursorCondition } from './cursor-condition.js';
import { describeValue } from './filter-error.js';
import { compileMatcher } from './match-filter.js';
import { resolveOrder, writeOrderBy } from './order-by.js';
import { planFilter } from './plan-filter.js';
import { SqlWriter } from './sql-writer.js';
import type { CompiledSql, QuerySpec, SqlOptions } from './types.js';

function checkCount(ctx: PlanContext, name: 'limit' | 'offset', value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw filterError(ctx, 'INVALID_OPERAND', `expected a non-negative integer for ${name}, found ${describeValue(value)}`, [name]);
  }
  return value;
}

/**
 * Compiles a whole query into the clauses after `SELECT … FROM "T"`:
 * `WHERE <filter> AND <cursor> ORDER BY <keys> LIMIT ? OFFSET ?` (parts
 * that do not apply are left out). The offset applies after the cursor.
 * Fails with `FILTER_TOO_LARGE` rather than exceeding DO SQLite's limits.
 *
 * @throws FilterError any code.
 * @example
 * const { sql, params } = compileQuery(User, { where: { age: { $gt: 30 } }, orderBy: { age: 'desc' }, limit: 10 });
 * storage.sql.exec(`SELECT * FROM "User" ${sql}`, ...params);
 */
export function compileQuery(schema: IceTypeSchema, spec: QuerySpec, options: SqlOptions = {}): CompiledSql {
  const ctx = planContext(schema, options);
  const w = new SqlWriter(options.table ?? schema.name);
  const limit = checkCount(ctx, 'limit', spec.limit);
  const offset = checkCount(ctx, 'offset', spec.offset);
  const keys = resolveOrder(ctx, spec.orderBy);
  const conditions: string[] = [];
  if (spec.where !== undefined) {
    const plan = planFilter(schema, spec.where, options);
    if (plan.t !== 'const' || !plan.value) conditions.push(writePlan(w, plan));
  }
  if (spec.after !== undefined) conditions.push(writeCursorCondition(w, cursorPosition(ctx, spec.orderBy, spec.after)));
  let sql = conditions.length === 0 ? '' : `WHERE ${conditions.length === 1 ? conditions[0] : `(${conditions[0]}) AND (${conditions[1]})`} `;
  sql += `ORDER BY ${writeOrderBy(w, keys)}`;
  if (limit !== undefined || offset !== undefined) sql += ` LIMIT ${w.bind(limit ?? -1)}`;
  if (offset !== undefined) sql += ` OFFSET ${w.bind(offset)}`;
  const compiled = { sql, params: w.params };
  checkSize(schema.name, compiled, options.maxParams);
  return compiled;
}

/**
 * Runs a query over documents in memory with `compileQuery`'s semantics:
 * filter, cursor, order (total, `$id` last), offset, limit. Returns a new array.
 *
 * @throws FilterError any code but `FILTER_TOO_LARGE` (memory has no statement limits).
 * @example
 * queryDocuments(User, docs, { where: { tags: 'vip' }, orderBy: { $createdAt: 'desc' }, limit: 20 })
 */
export function queryDocuments<T extends Readonly<Record<string, unknown>>>(schema: IceTypeSchema | undefined, docs: Iterable<T>, spec: QuerySpec, options: SqlOptions = {}): T[] {
  const ctx = planContext(schema, options);
  const limit = checkCount(ctx, 'limit', spec.limit);
  const offset = checkCount(ctx, 'offset', spec.offset) ?? 0;
  const compare = compareDocuments(schema, spec.orderBy);
  const matches = spec.where === undefined ? () => true : compileMatcher(schema, spec.where, options);
  const after = spec.after === undefined ? () => true : afterCursor(schema, spec.orderBy, spec.after);
  const result: T[] = [];
  for (const doc of docs) if (matches(doc) && after(doc)) result.push(doc);
  result.sort(compare);
  return result.slice(offset, limit === undefined ? undefined : offset + limit);
}
