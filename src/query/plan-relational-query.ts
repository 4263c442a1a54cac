/**
 * Plans a Drizzle relational query (RQB v2, drizzle-orm 1.0.0-rc.5) over
 * store documents, so batched collections answer `db.query.X.findMany` /
 * `findFirst` exactly as the rows layout's SQL would. Pure: schema + config
 * in, plan out; loading `with` relations and answering relation filters
 * (`plan.exists`) is the caller's job (src/query/load-relations.ts).
 */
import type { IceTypeSchema } from '../icetype/ast.js';
import { evaluateWhere } from './evaluate-where.js';
import { orderComparator } from './order-rows.js';
import { parseWhere } from './parse-where.js';
import { pruneFilter } from './prune-filter.js';
import { queryColumns } from './query-columns.js';
import { queryRelation } from './query-relation.js';
import { RelationalQueryError } from './relational-query-error.js';
import { rowMapper } from './select-columns.js';
import type { RelationalFindConfig, RelationalPlan, RelationalQueryMode } from './types.js';
import { existsNodes } from './where-node.js';

const KNOWN_KEYS = new Set(['columns', 'where', 'orderBy', 'limit', 'offset', 'with', 'extras', 'strategy', 'comment', 'withCache']);

function integerOption(schema: IceTypeSchema, name: 'limit' | 'offset', value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new RelationalQueryError('INVALID_QUERY', `expected an integer, found ${typeof value === 'number' ? 'a non-integer number' : value === null ? 'null' : typeof value}`, [name], schema.name);
  }
  // SQLite: a negative LIMIT means no limit, a negative OFFSET means 0.
  if (value < 0) return name === 'limit' ? undefined : 0;
  return value;
}

function relationsToLoad(schema: IceTypeSchema, withConfig: RelationalFindConfig['with']): Readonly<Record<string, true | RelationalFindConfig>> | undefined {
  if (withConfig === undefined || withConfig === null) return undefined;
  const out: Record<string, true | RelationalFindConfig> = {};
  for (const [key, value] of Object.entries(withConfig)) {
    if (!value) continue;
    queryRelation(schema, key, ['with', key]);
    out[key] = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * The plan of one `findMany` (`mode: 'many'`) or `findFirst` (`'first'`, limit 1).
 * Supports `where` (column filters with eq, ne, gt, gte, lt, lte, in, notIn,
 * isNull, isNotNull, like, notLike; NOT/OR/AND at table and column level;
 * relation filters `{ rel: true | false | {…} }` when `schemaOf` is given),
 * object `orderBy`, `limit`, `offset`, `columns`, and passes `with` through.
 *
 * @throws RelationalQueryError `UNSUPPORTED_QUERY` for RAW, relation filters
 *   without `schemaOf`, relation orders, `extras`, `orderBy` callbacks, placeholders, ilike/array operators;
 *   `UNKNOWN_COLUMN`, `UNKNOWN_RELATION`, `INVALID_QUERY`, `INVALID_OPERAND`, `PATTERN_TOO_LONG`.
 * @example
 * const plan = planRelationalQuery(User, { where: { age: { gte: 18 }, name: { like: 'a%' } }, orderBy: { age: 'desc' }, limit: 10 }, 'many');
 * const rows = docs.filter((d) => matchesFilter(User, d, plan.filter ?? {}) && (plan.residual?.(d) ?? true))
 *   .sort(plan.compare).slice(plan.offset ?? 0, plan.limit === undefined ? undefined : (plan.offset ?? 0) + plan.limit).map(plan.toRow);
 */
export function planRelationalQuery(
  schema: IceTypeSchema,
  config: RelationalFindConfig | undefined,
  mode: RelationalQueryMode,
  schemaOf?: (collection: string) => IceTypeSchema,
): RelationalPlan {
  const params: RelationalFindConfig = config ?? {};
  for (const key of Object.keys(params)) {
    if (!KNOWN_KEYS.has(key)) throw new RelationalQueryError('INVALID_QUERY', `expected a findMany/findFirst option, found "${key}"`, [key], schema.name);
  }
  if (params.extras !== undefined && params.extras !== null && Object.keys(params.extras).length > 0) {
    throw new RelationalQueryError('UNSUPPORTED_QUERY', 'expected no extras, found SQL extras (the batched layout has no SQL table to run them on)', ['extras'], schema.name);
  }
  const columns = queryColumns(schema);
  const where = 'where' in params ? parseWhere(schema, columns, params.where, schemaOf) : undefined;
  const exists = existsNodes(where);
  const { filter, exact } = pruneFilter(schema, where);
  const withRelations = relationsToLoad(schema, params.with);
  const limit = mode === 'first' ? 1 : integerOption(schema, 'limit', params.limit);
  const offset = integerOption(schema, 'offset', params.offset);
  // Drizzle writes `… offset ?` without `limit`, which SQLite rejects.
  if (mode === 'many' && params.limit === undefined && offset !== undefined) {
    throw new RelationalQueryError('INVALID_QUERY', 'expected limit with offset, found offset alone (SQLite has no OFFSET without LIMIT)', ['offset'], schema.name);
  }
  const order = orderComparator(schema, columns, params.orderBy);
  const plan: RelationalPlan = {
    filter,
    compare: order.compare,
    ordered: order.keyed,
    exists,
    toRow: rowMapper(schema, columns, params.columns, withRelations !== undefined),
    ...(exact || where === undefined ? {} : { residual: (doc, facts) => evaluateWhere(schema.name, where, doc, facts) === true }),
    ...(limit === undefined ? {} : { limit }),
    ...(offset === undefined ? {} : { offset }),
    ...(withRelations === undefined ? {} : { with: withRelations }),
  };
  return plan;
}
