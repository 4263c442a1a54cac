import type { IceTypeSchema } from '../../icetype/ast.js';
import { filterError, planContext, type PlanContext } from './context.js';
import { decimalKeySql } from './decimal.js';
import { describeValue, FilterError } from './filter-error.js';
import { MAX_ORDER_FIELDS } from './limits.js';
import { SqlWriter } from './sql-writer.js';
import { resolveTarget, type Target } from './target.js';
import type { OrderBy, SortDirection, SqlOptions } from './types.js';

/** One key of a normalised ordering. */
export interface OrderKey {
  readonly field: string;
  readonly direction: SortDirection;
}

/** An order key resolved against a schema. */
export interface ResolvedOrderKey extends OrderKey {
  readonly target: Target;
}

function orderError(message: string, path: readonly string[], collection?: string): FilterError {
  return new FilterError('INVALID_ORDER', message, path, collection);
}

/**
 * The keys of an ordering, in order, ending with the `$id` tiebreak (keys
 * after an explicit `$id` can never decide and are dropped). Checks the
 * shape only; `resolveOrder` checks the fields.
 *
 * @throws FilterError `INVALID_ORDER`.
 */
export function orderKeys(orderBy: OrderBy | undefined, collection?: string): OrderKey[] {
  const objects: readonly unknown[] = orderBy === undefined ? [] : Array.isArray(orderBy) ? orderBy : [orderBy];
  const keys: OrderKey[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < objects.length; i++) {
    const object = objects[i];
    const at = Array.isArray(orderBy) ? ['orderBy', String(i)] : ['orderBy'];
    if (typeof object !== 'object' || object === null || Array.isArray(object)) {
      throw orderError(`expected an object of field directions, found ${describeValue(object)}`, at, collection);
    }
    for (const [field, direction] of Object.entries(object as Record<string, unknown>)) {
      if (direction !== 'asc' && direction !== 'desc') {
        throw orderError(`expected 'asc' or 'desc', found ${typeof direction === 'string' ? 'another string' : describeValue(direction)}`, [...at, field], collection);
      }
      if (seen.has(field)) throw orderError('expected each field once, found a repeated field', [...at, field], collection);
      seen.add(field);
      keys.push({ field, direction });
      if (field === '$id') return keys;
    }
  }
  if (keys.length > MAX_ORDER_FIELDS) {
    throw orderError(`expected at most ${MAX_ORDER_FIELDS} fields, found ${keys.length}`, ['orderBy'], collection);
  }
  keys.push({ field: '$id', direction: 'asc' });
  return keys;
}

/**
 * Resolves an ordering against a schema (undefined: schemaless). Only scalar
 * columns order: arrays, `json` paths, vectors and fields without a column do not.
 *
 * @throws FilterError `INVALID_ORDER`, `UNKNOWN_FIELD`.
 */
export function resolveOrder(ctx: PlanContext, orderBy: OrderBy | undefined): ResolvedOrderKey[] {
  // Ordering by a field no column holds is a mistake even in non-strict schemas (open documents of the batched layout do hold them).
  const strictCtx: PlanContext = ctx.unknownFields === 'document' ? ctx : { ...ctx, unknownFields: 'reject' };
  return orderKeys(orderBy, ctx.schema?.name).map((key) => {
    const at = ['orderBy', key.field];
    const target = resolveTarget(strictCtx, key.field, at);
    const orderable = target.access === 'document' ? target.path.length === 0 : target.access === 'column' && target.kind.type !== 'opaque';
    if (!orderable) {
      throw filterError(ctx, 'INVALID_ORDER', `expected a scalar field to order by, found ${target.access === 'json' && target.path.length > 0 ? 'a json path' : target.label}`, at);
    }
    return { ...key, target };
  });
}

/**
 * Compiles an ordering into an `ORDER BY` term list (without the keywords).
 * Decimals order exactly (three integer chunk keys each), nulls come first
 * ascending and last descending (SQLite's default: NULL is least), and
 * `"$id" ASC` breaks ties, so the order is total.
 *
 * @throws FilterError `INVALID_ORDER`, `UNKNOWN_FIELD`.
 * @example
 * compileOrderBy(User, { age: 'desc' }) // '"User"."age" DESC, "User"."$id" ASC'
 */
export function compileOrderBy(schema: IceTypeSchema, orderBy: OrderBy | undefined, options: Pick<SqlOptions, 'table'> = {}): string {
  const w = new SqlWriter(options.table ?? schema.name);
  return writeOrderBy(w, resolveOrder(planContext(schema), orderBy));
}

/** The term list for resolved keys. */
export function writeOrderBy(w: SqlWriter, keys: readonly ResolvedOrderKey[]): string {
  const terms: string[] = [];
  for (const key of keys) {
    const column = w.column(key.target.column);
    const direction = key.direction === 'asc' ? 'ASC' : 'DESC';
    if (key.target.kind.type === 'decimal') for (const chunk of decimalKeySql(column)) terms.push(`${chunk} ${direction}`);
    else terms.push(`${column} ${direction}`);
  }
  return terms.join(', ');
}
