import type { IceTypeSchema } from '../../icetype/ast.js';
import { compareSql } from './compile-leaf.js';
import { checkSize } from './compile-filter.js';
import { compareDocuments } from './compare-documents.js';
import { filterError, planContext, type PlanContext } from './context.js';
import { decodeCursor, type CursorValue } from './cursor.js';
import { toComparable } from './document-value.js';
import { describeValue } from './filter-error.js';
import type { Comparable } from './operand.js';
import { resolveOrder, type ResolvedOrderKey } from './order-by.js';
import { SqlWriter } from './sql-writer.js';
import type { DocumentPredicate } from './match-filter.js';
import type { CompiledSql, OrderBy, SqlOptions } from './types.js';

/** A cursor checked against the ordering it is used with. */
export interface CursorPosition {
  readonly keys: readonly ResolvedOrderKey[];
  /** The cursor's values as documents hold them. */
  readonly values: readonly CursorValue[];
  /** The same values normalised per key kind; undefined for null. */
  readonly comparables: readonly (Comparable | undefined)[];
}

/**
 * Decodes a cursor and checks it was made for this ordering and holds values
 * of the ordered fields' types.
 *
 * @throws FilterError `INVALID_CURSOR`, `INVALID_ORDER`, `UNKNOWN_FIELD`.
 */
export function cursorPosition(ctx: PlanContext, orderBy: OrderBy | undefined, cursor: string): CursorPosition {
  const keys = resolveOrder(ctx, orderBy);
  const decoded = decodeCursor(cursor);
  const same = decoded.orderBy.length === keys.length && decoded.orderBy.every((k, i) => k.field === keys[i]?.field && k.direction === keys[i]?.direction);
  if (!same) throw filterError(ctx, 'INVALID_CURSOR', 'expected a cursor made for this orderBy, found one made for another ordering', ['after']);
  const comparables = keys.map((key, i) => {
    const value = decoded.values[i];
    if (value === null) return undefined;
    const comparable = toComparable(key.target.kind, value, true);
    if (comparable === undefined) {
      throw filterError(ctx, 'INVALID_CURSOR', `expected a ${key.target.label} value for ${key.field} in the cursor, found ${describeValue(value)}`, ['after']);
    }
    return comparable;
  });
  return { keys, values: decoded.values, comparables };
}

/** The keyset condition "after the cursor in this order"; null is least (first ascending, last descending). */
export function writeCursorCondition(w: SqlWriter, position: CursorPosition): string {
  const { keys, comparables } = position;
  const after = (i: number): string => {
    const key = keys[i];
    if (key === undefined) return '0'; // equal on every key: not after
    const x = w.column(key.target.column);
    const v = comparables[i];
    const kind = key.target.kind;
    if (v === undefined) return key.direction === 'asc' ? `(${x} IS NOT NULL OR (${x} IS NULL AND ${after(i + 1)}))` : `(${x} IS NULL AND ${after(i + 1)})`;
    if (i === keys.length - 1) return compareSql(w, kind, x, key.direction === 'asc' ? 'gt' : 'lt', v);
    if (key.direction === 'asc') return `(${compareSql(w, kind, x, 'gt', v)} OR (${compareSql(w, kind, x, 'eq', v)} AND ${after(i + 1)}))`;
    return `((${compareSql(w, kind, x, 'lt', v)} OR ${x} IS NULL) OR (${compareSql(w, kind, x, 'eq', v)} AND ${after(i + 1)}))`;
  };
  return after(0);
}

/**
 * Compiles an `after` cursor into a keyset condition for `WHERE`: rows that
 * come after the cursor's document in `orderBy` order (the same ordering the
 * cursor was encoded with).
 *
 * @throws FilterError `INVALID_CURSOR`, `INVALID_ORDER`, `UNKNOWN_FIELD`.
 * @example
 * compileCursorCondition(User, { age: 'desc' }, cursor)
 * // { sql: '(("User"."age" < ? OR "User"."age" IS NULL) OR ("User"."age" = ? AND "User"."$id" > ?))', params: [41, 41, '0190…'] }
 */
export function compileCursorCondition(schema: IceTypeSchema, orderBy: OrderBy | undefined, cursor: string, options: SqlOptions = {}): CompiledSql {
  const w = new SqlWriter(options.table ?? schema.name);
  const compiled = { sql: writeCursorCondition(w, cursorPosition(planContext(schema, options), orderBy, cursor)), params: w.params };
  checkSize(schema.name, compiled, options.maxParams);
  return compiled;
}

/**
 * The in-memory counterpart of `compileCursorCondition`: whether a document
 * comes after the cursor in `compareDocuments(schema, orderBy)` order.
 *
 * @throws FilterError as `compileCursorCondition`.
 */
export function afterCursor(schema: IceTypeSchema | undefined, orderBy: OrderBy | undefined, cursor: string): DocumentPredicate {
  const position = cursorPosition(planContext(schema), orderBy, cursor);
  const anchor: Record<string, unknown> = {};
  position.keys.forEach((key, i) => {
    anchor[key.field] = position.values[i];
  });
  const compare = compareDocuments(schema, orderBy);
  return (doc) => compare(doc, anchor) > 0;
}
