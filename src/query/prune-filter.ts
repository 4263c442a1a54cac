/**
 * A store filter (`src/store/filter`) selecting a superset of the documents a
 * condition tree makes TRUE, for batch pruning. Each node yields two store
 * filters — where it is TRUE and where it is FALSE — because NOT swaps them
 * under SQL's three-valued logic (NOT of UNKNOWN is not TRUE). Leaves the
 * store compares as SQLite does (numbers, booleans, timestamps, text by code
 * point) translate exactly; the rest (decimals compare as text in SQL,
 * LIKE, json and blobs) become "not null" or "anything" and need the residual,
 * as do relation filters (EXISTS over another collection).
 */
import type { IceTypeSchema } from '../icetype/ast.js';
import { compileMatcher } from '../store/filter/match-filter.js';
import type { FieldOperators, Filter, FilterValue } from '../store/filter/types.js';
import type { QueryColumn } from './query-columns.js';
import type { SqlScalar } from './sql-value.js';
import type { WhereNode } from './where-node.js';

/** A superset approximation: a store filter, everything or nothing, and whether it is exact. */
interface Approx {
  readonly filter: Filter | 'all' | 'none';
  readonly exact: boolean;
}

interface Sides {
  readonly whenTrue: Approx;
  readonly whenFalse: Approx;
}

const ALL_INEXACT: Approx = { filter: 'all', exact: false };
const NONE: Approx = { filter: 'none', exact: true };
const ALL: Approx = { filter: 'all', exact: true };
const EXACT_KINDS = new Set<string>(['text', 'number', 'bool', 'timestamp']);

function and(parts: readonly Approx[]): Approx {
  const exact = parts.every((p) => p.exact);
  if (parts.some((p) => p.filter === 'none')) return { filter: 'none', exact: true };
  const filters = parts.flatMap((p) => (p.filter === 'all' ? [] : [p.filter as Filter]));
  if (filters.length === 0) return { filter: 'all', exact };
  return { filter: filters.length === 1 ? (filters[0] as Filter) : { $and: filters }, exact };
}

function or(parts: readonly Approx[]): Approx {
  const exact = parts.every((p) => p.exact);
  if (parts.some((p) => p.filter === 'all')) return { filter: 'all', exact };
  const filters = parts.flatMap((p) => (p.filter === 'none' ? [] : [p.filter as Filter]));
  if (filters.length === 0) return NONE;
  return { filter: filters.length === 1 ? (filters[0] as Filter) : { $or: filters }, exact };
}

class Translator {
  private readonly valid = new Map<string, boolean>();
  constructor(private readonly schema: IceTypeSchema) {}

  /** `{ field: operators }` when the store accepts it, else "anything". */
  leaf(column: QueryColumn, operators: FieldOperators | null, exact: boolean): Approx {
    const filter: Filter = { [column.field]: operators };
    const key = JSON.stringify(filter);
    let ok = this.valid.get(key);
    if (ok === undefined) {
      try {
        compileMatcher(this.schema, filter);
        ok = true;
      } catch {
        ok = false;
      }
      this.valid.set(key, ok);
    }
    return ok ? { filter, exact } : ALL_INEXACT;
  }

  notNull(column: QueryColumn, exact: boolean): Approx {
    return this.leaf(column, { $exists: true }, exact);
  }

  private operand(column: QueryColumn, value: SqlScalar): FilterValue {
    return column.kind === 'bool' ? value === 1 : (value as FilterValue);
  }

  sides(node: WhereNode): Sides {
    switch (node.t) {
      case 'const':
        return node.value ? { whenTrue: ALL, whenFalse: NONE } : { whenTrue: NONE, whenFalse: ALL };
      case 'and':
      case 'or': {
        const children = node.children.map((child) => this.sides(child));
        const trues = children.map((c) => c.whenTrue);
        const falses = children.map((c) => c.whenFalse);
        return node.t === 'and' ? { whenTrue: and(trues), whenFalse: or(falses) } : { whenTrue: or(trues), whenFalse: and(falses) };
      }
      case 'not': {
        const child = this.sides(node.child);
        return { whenTrue: child.whenFalse, whenFalse: child.whenTrue };
      }
      case 'null': {
        const isNull = this.leaf(node.column, { $exists: false }, true);
        const notNull = this.notNull(node.column, true);
        return node.negated ? { whenTrue: notNull, whenFalse: isNull } : { whenTrue: isNull, whenFalse: notNull };
      }
      case 'like': {
        if (node.pattern === null) return { whenTrue: NONE, whenFalse: NONE };
        const notNull = this.notNull(node.column, false);
        return { whenTrue: notNull, whenFalse: notNull };
      }
      case 'exists':
        return { whenTrue: ALL_INEXACT, whenFalse: ALL_INEXACT };
      case 'cmp':
        return this.compare(node);
      case 'in':
        return this.list(node);
    }
  }

  private compare(node: Extract<WhereNode, { t: 'cmp' }>): Sides {
    if (node.value === null) return { whenTrue: NONE, whenFalse: NONE };
    const { column } = node;
    if (!EXACT_KINDS.has(column.kind)) {
      const notNull = this.notNull(column, false);
      return { whenTrue: notNull, whenFalse: notNull };
    }
    const v = this.operand(column, node.value);
    const exists = { $exists: true };
    const ops: Record<typeof node.op, readonly [FieldOperators, FieldOperators]> = {
      eq: [{ $eq: v }, { $ne: v, ...exists }],
      ne: [{ $ne: v, ...exists }, { $eq: v }],
      gt: [{ $gt: v }, { $lte: v }],
      gte: [{ $gte: v }, { $lt: v }],
      lt: [{ $lt: v }, { $gte: v }],
      lte: [{ $lte: v }, { $gt: v }],
    };
    const [whenTrue, whenFalse] = ops[node.op];
    return { whenTrue: this.leaf(column, whenTrue, true), whenFalse: this.leaf(column, whenFalse, true) };
  }

  private list(node: Extract<WhereNode, { t: 'in' }>): Sides {
    const { column } = node;
    const hasNull = node.values.includes(null);
    const values = node.values.filter((v) => v !== null).map((v) => this.operand(column, v));
    let member: Approx;
    let nonMember: Approx;
    if (!EXACT_KINDS.has(column.kind)) {
      member = values.length === 0 ? NONE : this.notNull(column, false);
      nonMember = hasNull ? NONE : this.notNull(column, false);
    } else {
      member = values.length === 0 ? NONE : this.leaf(column, { $in: values }, true);
      // `x IN (…, NULL)` is never FALSE: UNKNOWN when x matches nothing.
      nonMember = hasNull ? NONE : this.leaf(column, { $nin: values, $exists: true }, true);
    }
    return node.negated ? { whenTrue: nonMember, whenFalse: member } : { whenTrue: member, whenFalse: nonMember };
  }
}

/** The pruning filter of a condition tree (undefined: every document) and whether it is exact. */
export function pruneFilter(schema: IceTypeSchema, node: WhereNode | undefined): { readonly filter: Filter | undefined; readonly exact: boolean } {
  if (node === undefined) return { filter: undefined, exact: true };
  const { filter, exact } = new Translator(schema).sides(node).whenTrue;
  if (filter === 'all') return { filter: undefined, exact };
  return { filter: filter === 'none' ? { $or: [] } : filter, exact };
}
