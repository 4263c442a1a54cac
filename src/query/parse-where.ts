/**
 * Parses an RQB v2 `where` object into a condition tree with the semantics of
 * drizzle-orm 1.0.0-rc.5 `relationsFilterToSQL`/`relationsFieldFilterToSQL`:
 * `EmptyFilter` and empty objects add no condition (so `NOT: {}` vanishes and
 * `OR: [{}, x]` is `x`), a non-object column value is `eq`, an object is
 * operators — a `Date` has none, so `{ createdAt: someDate }` adds no
 * condition — and `in: []` / `notIn: []` are `1 = 0` / `1 = 1`. A relation
 * key is a relation filter: `true` → EXISTS, `false` → NOT EXISTS, a filter
 * object → EXISTS of a related row matching it; an object adding no condition
 * (`{}`, `{ NOT: {} }`) drops the whole relation filter, as Drizzle does.
 */
import { EmptyFilter, is, Placeholder, SQL } from 'drizzle-orm';
import type { IceTypeSchema } from '../icetype/ast.js';
import { likeMatcher, MAX_LIKE_PATTERN_BYTES, utf8Length } from './like-pattern.js';
import { encodeOperand } from './operand.js';
import { queryColumns, type QueryColumn } from './query-columns.js';
import { queryRelation } from './query-relation.js';
import { RelationalQueryError } from './relational-query-error.js';
import { combine, type CompareOperator, type WhereNode } from './where-node.js';

interface ParseContext {
  readonly schema: IceTypeSchema;
  readonly columns: ReadonlyMap<string, QueryColumn>;
  /** The schemas relation filters lead to; without it relation filters are unsupported. */
  readonly schemaOf: ((collection: string) => IceTypeSchema) | undefined;
}

const COMPARE = new Set<string>(['eq', 'ne', 'gt', 'gte', 'lt', 'lte']);
/** Operators Drizzle writes as SQL DO SQLite rejects: `ilike` is not SQLite, `@>`/`<@`/`&&` are Postgres. */
const NOT_SQLITE = new Set<string>(['ilike', 'notIlike', 'arrayContains', 'arrayContained', 'arrayOverlaps']);
const TEXT_KINDS = new Set<string>(['text', 'decimal', 'json']);

function fail(ctx: ParseContext, code: RelationalQueryError['code'], message: string, path: readonly string[]): never {
  throw new RelationalQueryError(code, message, path, ctx.schema.name);
}

function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function rejectSqlValue(ctx: ParseContext, value: unknown, path: readonly string[]): void {
  if (is(value, Placeholder) || is(value, SQL) || (isPlainObject(value) && 'getSQL' in value)) {
    fail(ctx, 'UNSUPPORTED_QUERY', 'expected a plain value, found a placeholder or SQL expression', path);
  }
}

function entriesOf(ctx: ParseContext, value: object, path: readonly string[]): [string, unknown][] {
  const entries = Object.entries(value);
  for (const [key, v] of entries) {
    if (v === undefined) fail(ctx, 'INVALID_QUERY', "expected a value or EmptyFilter, found undefined (Drizzle rejects it too)", [...path, key]);
  }
  return entries.filter(([, v]) => v !== EmptyFilter);
}

function subFilters(ctx: ParseContext, value: unknown, path: readonly string[]): unknown[] {
  if (!Array.isArray(value) || value.length === 0) fail(ctx, 'INVALID_QUERY', `expected a non-empty array, found ${Array.isArray(value) ? 'an empty array' : typeof value}`, path);
  return value as unknown[];
}

function likeNode(ctx: ParseContext, column: QueryColumn, negated: boolean, pattern: unknown, path: readonly string[]): WhereNode {
  rejectSqlValue(ctx, pattern, path);
  if (!TEXT_KINDS.has(column.kind)) fail(ctx, 'UNSUPPORTED_QUERY', `expected a text column for LIKE, found ${column.kind} column "${column.key}"`, path);
  if (pattern !== null && typeof pattern !== 'string') fail(ctx, 'INVALID_OPERAND', `expected a string pattern, found ${typeof pattern}`, path);
  if (pattern !== null && utf8Length(pattern) > MAX_LIKE_PATTERN_BYTES) {
    fail(ctx, 'PATTERN_TOO_LONG', `expected a LIKE pattern of at most ${MAX_LIKE_PATTERN_BYTES} bytes, found ${utf8Length(pattern)}`, path);
  }
  return { t: 'like', column, negated, pattern, matches: pattern === null ? () => false : likeMatcher(pattern) };
}

function inNode(ctx: ParseContext, column: QueryColumn, negated: boolean, value: unknown, path: readonly string[]): WhereNode {
  rejectSqlValue(ctx, value, path);
  if (!Array.isArray(value)) fail(ctx, 'INVALID_QUERY', `expected an array, found ${value === null ? 'null' : typeof value}`, path);
  if (value.length === 0) return { t: 'const', value: negated };
  const values = value.map((v: unknown, i) => {
    rejectSqlValue(ctx, v, [...path, String(i)]);
    return encodeOperand(ctx.schema.name, column, v, [...path, String(i)]);
  });
  return { t: 'in', column, negated, values };
}

function parseField(ctx: ParseContext, column: QueryColumn, filter: unknown, path: readonly string[]): WhereNode | undefined {
  if (filter === EmptyFilter) return undefined;
  rejectSqlValue(ctx, filter, path);
  if (typeof filter !== 'object') return { t: 'cmp', column, op: 'eq', value: encodeOperand(ctx.schema.name, column, filter, path) };
  if (filter === null) fail(ctx, 'INVALID_QUERY', 'expected a value or an operator object, found null (use isNull: true)', path);
  const conditions: (WhereNode | undefined)[] = [];
  for (const [op, value] of entriesOf(ctx, filter, path)) {
    const at = [...path, op];
    if (op === 'NOT') {
      const child = parseField(ctx, column, value, at);
      conditions.push(child === undefined ? undefined : { t: 'not', child });
    } else if (op === 'OR' || op === 'AND') {
      const children = subFilters(ctx, value, at).map((sub, i) => parseField(ctx, column, sub, [...at, String(i)]));
      conditions.push(combine(op === 'OR' ? 'or' : 'and', children));
    } else if (op === 'isNull' || op === 'isNotNull') {
      if (value) conditions.push({ t: 'null', column, negated: op === 'isNotNull' });
    } else if (op === 'in' || op === 'notIn') {
      conditions.push(inNode(ctx, column, op === 'notIn', value, at));
    } else if (op === 'like' || op === 'notLike') {
      conditions.push(likeNode(ctx, column, op === 'notLike', value, at));
    } else if (COMPARE.has(op)) {
      rejectSqlValue(ctx, value, at);
      conditions.push({ t: 'cmp', column, op: op as CompareOperator, value: encodeOperand(ctx.schema.name, column, value, at) });
    } else if (NOT_SQLITE.has(op)) {
      fail(ctx, 'UNSUPPORTED_QUERY', `expected an operator SQLite has, found "${op}" (Drizzle emits SQL DO SQLite rejects)`, at);
    } else {
      fail(ctx, 'INVALID_QUERY', `expected an operator (eq, ne, gt, gte, lt, lte, in, notIn, isNull, isNotNull, like, notLike, NOT, OR, AND), found "${op}"`, at);
    }
  }
  return combine('and', conditions);
}

function relationFilter(ctx: ParseContext, key: string, value: unknown, path: readonly string[]): WhereNode | undefined {
  if (ctx.schemaOf === undefined) fail(ctx, 'UNSUPPORTED_QUERY', `expected a column filter, found a filter on the relation "${key}" (relation filters need the schema set)`, path);
  const relation = queryRelation(ctx.schema, key, path);
  rejectSqlValue(ctx, value, path);
  if (typeof value === 'boolean') return { t: 'exists', path: relation, negated: !value, where: undefined };
  if (!isPlainObject(value)) {
    fail(ctx, 'INVALID_QUERY', `expected true, false or a filter object of ${relation.target}, found ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`, path);
  }
  const schema = ctx.schemaOf(relation.target);
  const where = parseFilter({ schema, columns: queryColumns(schema), schemaOf: ctx.schemaOf }, value, path);
  return where === undefined ? undefined : { t: 'exists', path: relation, negated: false, where };
}

function parseFilter(ctx: ParseContext, filter: unknown, path: readonly string[]): WhereNode | undefined {
  if (filter === EmptyFilter) return undefined;
  if (filter === undefined) fail(ctx, 'INVALID_QUERY', 'expected a filter object or EmptyFilter, found undefined (Drizzle rejects it too)', path);
  if (!isPlainObject(filter)) fail(ctx, 'INVALID_QUERY', `expected a filter object, found ${filter === null ? 'null' : typeof filter}`, path);
  const conditions: (WhereNode | undefined)[] = [];
  for (const [key, value] of entriesOf(ctx, filter, path)) {
    const at = [...path, key];
    if (key === 'RAW') fail(ctx, 'UNSUPPORTED_QUERY', 'expected column filters, found RAW SQL (the batched layout has no SQL table to run it on)', at);
    if (key === 'OR' || key === 'AND') {
      const children = subFilters(ctx, value, at).map((sub, i) => parseFilter(ctx, sub, [...at, String(i)]));
      conditions.push(combine(key === 'OR' ? 'or' : 'and', children));
    } else if (key === 'NOT') {
      const child = parseFilter(ctx, value, at);
      conditions.push(child === undefined ? undefined : { t: 'not', child });
    } else {
      const column = ctx.columns.get(key);
      if (column !== undefined) conditions.push(parseField(ctx, column, value, at));
      else if (ctx.schema.fields.get(key)?.relation !== undefined) conditions.push(relationFilter(ctx, key, value, at));
      else fail(ctx, 'UNKNOWN_COLUMN', `expected a column key or relation, found "${key}"`, at);
    }
  }
  return combine('and', conditions);
}

/** The condition tree of a `where` (undefined: no condition); `schemaOf` resolves relation filters' targets. */
export function parseWhere(
  schema: IceTypeSchema,
  columns: ReadonlyMap<string, QueryColumn>,
  where: unknown,
  schemaOf?: (collection: string) => IceTypeSchema,
): WhereNode | undefined {
  return parseFilter({ schema, columns, schemaOf }, where, ['where']);
}
