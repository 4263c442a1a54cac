import type { IceTypeSchema } from '../../icetype/ast.js';
import { filterError, planContext, type PlanContext } from './context.js';
import { describeValue } from './filter-error.js';
import { MAX_FILTER_NESTING, MAX_FILTER_SQL_DEPTH } from './limits.js';
import { normaliseOperand } from './operand.js';
import { planSqlDepth } from './plan-depth.js';
import type { CompareOp, PlanNode } from './plan-node.js';
import { resolveTarget, type Target } from './target.js';
import type { FilterOptions } from './types.js';
import { isOrdered, SYSTEM_FIELD_KINDS } from './value-kind.js';

/**
 * Validates a filter against a schema (undefined: schemaless) and turns it
 * into a `PlanNode`: operands normalised per field kind, `$ne`/`$nin`/`$not`
 * as negations, constants folded. Every `FilterError` of a filter comes from
 * here, so SQL and in-memory evaluation reject the same filters.
 */
export function planFilter(schema: IceTypeSchema | undefined, filter: unknown, options?: FilterOptions): PlanNode {
  const ctx = planContext(schema, options);
  const node = planObject(ctx, filter, [], 0);
  const depth = planSqlDepth(node);
  if (depth > MAX_FILTER_SQL_DEPTH) {
    throw filterError(ctx, 'FILTER_TOO_DEEP', `expected a filter whose SQL expression depth stays within ${MAX_FILTER_SQL_DEPTH} (SQLite allows 100), found one of about ${depth}; split wide or deeply nested $and/$or`, []);
  }
  return node;
}

const COMPARE_OPS: Readonly<Record<string, CompareOp>> = { $gt: 'gt', $gte: 'gte', $lt: 'lt', $lte: 'lte' };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function and(children: PlanNode[]): PlanNode {
  const kept: PlanNode[] = [];
  for (const child of children) {
    if (child.t === 'const') {
      if (!child.value) return child;
      continue;
    }
    kept.push(child);
  }
  if (kept.length === 0) return { t: 'const', value: true };
  return kept.length === 1 ? (kept[0] as PlanNode) : { t: 'and', children: kept };
}

function or(children: PlanNode[]): PlanNode {
  const kept: PlanNode[] = [];
  for (const child of children) {
    if (child.t === 'const') {
      if (child.value) return child;
      continue;
    }
    kept.push(child);
  }
  if (kept.length === 0) return { t: 'const', value: false };
  return kept.length === 1 ? (kept[0] as PlanNode) : { t: 'or', children: kept };
}

function not(child: PlanNode): PlanNode {
  if (child.t === 'const') return { t: 'const', value: !child.value };
  if (child.t === 'not') return child.child;
  return { t: 'not', child };
}

function checkNesting(ctx: PlanContext, nesting: number, path: readonly string[]): void {
  if (nesting > MAX_FILTER_NESTING) {
    throw filterError(ctx, 'FILTER_TOO_DEEP', `expected $and/$or/$not nested at most ${MAX_FILTER_NESTING} deep, found deeper nesting`, path);
  }
}

function planObject(ctx: PlanContext, filter: unknown, path: readonly string[], nesting: number): PlanNode {
  if (!isPlainObject(filter)) {
    throw filterError(ctx, 'INVALID_OPERAND', `expected a filter object, found ${describeValue(filter)}`, path);
  }
  const children: PlanNode[] = [];
  for (const [key, condition] of Object.entries(filter)) {
    const at = [...path, key];
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(condition)) {
        throw filterError(ctx, 'INVALID_OPERAND', `expected an array of filters for ${key}, found ${describeValue(condition)}`, at);
      }
      checkNesting(ctx, nesting + 1, at);
      const subs = condition.map((sub: unknown, i) => planObject(ctx, sub, [...at, String(i)], nesting + 1));
      children.push(key === '$and' ? and(subs) : or(subs));
    } else if (key === '$not') {
      checkNesting(ctx, nesting + 1, at);
      children.push(not(planObject(ctx, condition, at, nesting + 1)));
    } else if (key.startsWith('$') && SYSTEM_FIELD_KINDS[key] === undefined) {
      throw filterError(ctx, 'UNKNOWN_OPERATOR', 'expected $and, $or, $not, a system field or a field name, found an unknown $-key', at);
    } else {
      children.push(planField(ctx, resolveTarget(ctx, key, at), condition, at, nesting));
    }
  }
  return and(children);
}

function planField(ctx: PlanContext, target: Target, condition: unknown, path: readonly string[], nesting: number): PlanNode {
  if (!isPlainObject(condition)) return planOperator(ctx, target, '$eq', condition, path, nesting);
  const keys = Object.keys(condition);
  const operators = keys.filter((k) => k.startsWith('$'));
  if (keys.length === 0 || operators.length !== keys.length) {
    const found = keys.length === 0 ? 'an empty object' : operators.length === 0 ? 'an object (objects are not compared whole; use a dot path)' : 'an object mixing operators and keys';
    throw filterError(ctx, 'INVALID_OPERAND', `expected a value or an operator object, found ${found}`, path);
  }
  return and(keys.map((op) => planOperator(ctx, target, op, condition[op], [...path, op], nesting)));
}

function invalid(ctx: PlanContext, path: readonly string[], message: string): never {
  throw filterError(ctx, 'INVALID_OPERAND', message, path);
}

function requireFilterable(ctx: PlanContext, target: Target, op: string, path: readonly string[]): void {
  if (target.kind.type === 'opaque') invalid(ctx, path, `expected only null or $exists on ${target.label}, found ${op}`);
}

function requireScalar(ctx: PlanContext, target: Target, op: string, value: unknown, path: readonly string[]): void {
  if (value === undefined || Array.isArray(value) || isPlainObject(value)) {
    const hint = value === undefined ? '' : ' (whole arrays and objects are not compared; use $contains, $in or a dot path)';
    invalid(ctx, path, `expected a single value for ${op} on ${target.label}, found ${describeValue(value)}${hint}`);
  }
}

function planEq(ctx: PlanContext, target: Target, op: string, value: unknown, path: readonly string[]): PlanNode {
  if (value === null) return { t: 'null', target };
  requireScalar(ctx, target, op, value, path);
  requireFilterable(ctx, target, op, path);
  return { t: 'cmp', target, scope: 'any', op: 'eq', value: normaliseOperand(ctx, target, op, value, path) };
}

function planIn(ctx: PlanContext, target: Target, op: string, list: unknown, path: readonly string[]): PlanNode {
  if (!Array.isArray(list)) invalid(ctx, path, `expected an array for ${op} on ${target.label}, found ${describeValue(list)}`);
  requireFilterable(ctx, target, op, path);
  let withNull = false;
  const values = [];
  for (let i = 0; i < list.length; i++) {
    const item: unknown = list[i];
    if (item === null) {
      withNull = true;
      continue;
    }
    requireScalar(ctx, target, op, item, [...path, String(i)]);
    values.push(normaliseOperand(ctx, target, op, item, [...path, String(i)]));
  }
  const some: PlanNode = values.length === 0 ? { t: 'const', value: false } : { t: 'in', target, scope: 'any', values };
  return withNull ? or([{ t: 'null', target }, some]) : some;
}

function planContains(ctx: PlanContext, target: Target, value: unknown, path: readonly string[]): PlanNode {
  const op = '$contains';
  requireScalar(ctx, target, op, value, path);
  if (value === null) invalid(ctx, path, `expected a value for ${op} on ${target.label}, found null`);
  requireFilterable(ctx, target, op, path);
  if (target.access === 'elements') {
    return { t: 'cmp', target, scope: 'any', op: 'eq', value: normaliseOperand(ctx, target, op, value, path) };
  }
  if (target.kind.type === 'text') {
    if (typeof value !== 'string') invalid(ctx, path, `expected a string for ${op} on ${target.label}, found ${describeValue(value)}`);
    return { t: 'text', target, scope: 'any', mode: 'infix', value };
  }
  if (target.kind.type !== 'dynamic') invalid(ctx, path, `expected a string or array field for ${op}, found ${target.label}`);
  const operand = normaliseOperand(ctx, target, op, value, path);
  const member: PlanNode = { t: 'cmp', target, scope: 'elements', op: 'eq', value: operand };
  return typeof operand === 'string' ? or([member, { t: 'text', target, scope: 'scalar', mode: 'infix', value: operand }]) : member;
}

function planText(ctx: PlanContext, target: Target, op: '$startsWith' | '$endsWith', value: unknown, path: readonly string[]): PlanNode {
  if (target.kind.type !== 'text' && target.kind.type !== 'dynamic') invalid(ctx, path, `expected a string field for ${op}, found ${target.label}`);
  if (typeof value !== 'string') invalid(ctx, path, `expected a string for ${op} on ${target.label}, found ${describeValue(value)}`);
  return { t: 'text', target, scope: 'any', mode: op === '$startsWith' ? 'prefix' : 'suffix', value };
}

/** A field no document has: `null` holds, every value condition fails. */
function absentFold(node: PlanNode): PlanNode {
  switch (node.t) {
    case 'null':
      return { t: 'const', value: true };
    case 'cmp':
    case 'in':
    case 'text':
      return { t: 'const', value: false };
    case 'and':
      return and(node.children.map(absentFold));
    case 'or':
      return or(node.children.map(absentFold));
    case 'not':
      return not(absentFold(node.child));
    case 'const':
      return node;
  }
}

function planOperator(ctx: PlanContext, target: Target, op: string, value: unknown, path: readonly string[], nesting: number): PlanNode {
  const node = planOperatorNode(ctx, target, op, value, path, nesting);
  return target.access === 'absent' ? absentFold(node) : node;
}

function planOperatorNode(ctx: PlanContext, target: Target, op: string, value: unknown, path: readonly string[], nesting: number): PlanNode {
  switch (op) {
    case '$eq':
      return planEq(ctx, target, op, value, path);
    case '$ne':
      return not(planEq(ctx, target, op, value, path));
    case '$gt':
    case '$gte':
    case '$lt':
    case '$lte': {
      requireScalar(ctx, target, op, value, path);
      if (value === null) invalid(ctx, path, `expected a value for ${op} on ${target.label}, found null`);
      if (!isOrdered(target.kind)) invalid(ctx, path, `expected a field with an order for ${op}, found ${target.label}`);
      const operand = normaliseOperand(ctx, target, op, value, path);
      if (typeof operand === 'boolean') invalid(ctx, path, `expected a string, number or Date for ${op} on ${target.label}, found a boolean (booleans have no order)`);
      return { t: 'cmp', target, scope: 'any', op: COMPARE_OPS[op] as CompareOp, value: operand };
    }
    case '$in':
      return planIn(ctx, target, op, value, path);
    case '$nin':
      return not(planIn(ctx, target, op, value, path));
    case '$exists':
      if (typeof value !== 'boolean') invalid(ctx, path, `expected a boolean for $exists, found ${describeValue(value)}`);
      return value ? not({ t: 'null', target }) : { t: 'null', target };
    case '$contains':
      return planContains(ctx, target, value, path);
    case '$startsWith':
    case '$endsWith':
      return planText(ctx, target, op, value, path);
    case '$not':
      checkNesting(ctx, nesting + 1, path);
      return not(planField(ctx, target, value, path, nesting + 1));
    default:
      throw filterError(ctx, 'UNKNOWN_OPERATOR', 'expected one of $eq $ne $gt $gte $lt $lte $in $nin $exists $contains $startsWith $endsWith $not, found an unknown operator', path);
  }
}
