/**
 * Filters and orderings of the reference model: a small filter language
 * (generated as data), its translation to the store's `Filter`, and the
 * model's own evaluator and comparator, written from the documented
 * semantics (src/store/filter/types.ts, docs/store.md): null is "null or
 * absent", `$ne`/`$nin`/`$not` match nulls, array fields test their
 * elements, decimals compare exactly, timestamps as instants, strings by
 * code point; nulls sort first ascending, `$id` breaks ties.
 */
import fc from 'fast-check';
import type { Filter, OrderBy } from '../../../src/index.js';
import { EMAILS, INT_MAX, INT_MIN, NAMES, TAGS, TENANTS, type ModelDoc } from './values.js';

type Kind = 'text' | 'number' | 'ts' | 'dec' | 'arr';

export const KIND: Readonly<Record<string, Kind>> = {
  $id: 'text',
  $type: 'text',
  $version: 'number',
  $createdAt: 'ts',
  $updatedAt: 'ts',
  tenantId: 'text',
  email: 'text',
  name: 'text',
  age: 'number',
  status: 'text',
  createdAt: 'ts',
  score: 'dec',
  tags: 'arr',
};

// ---- operands -------------------------------------------------------------------------

/** An operand: a literal, or a value of an existing document picked when the command runs. */
export type Operand =
  | { readonly lit: unknown }
  | { readonly ref: number; readonly field: string; readonly form: 'date' | 'iso' | 'ms' | 'as-is'; readonly fallback: unknown };

export type OpArg = Operand | readonly Operand[] | boolean;
export type Op = readonly [op: string, arg: OpArg];

/** A filter node. */
export type FNode =
  | { readonly t: 'field'; readonly field: string; readonly form: 'bare' | 'ops' | 'not' | 'notBare'; readonly ops: readonly Op[] }
  | { readonly t: 'obj'; readonly leaves: readonly FNode[] }
  | { readonly t: 'and' | 'or'; readonly children: readonly FNode[] }
  | { readonly t: 'not'; readonly child: FNode }
  /** A filter the store must reject with this `FilterError` code. */
  | { readonly t: 'bad'; readonly filter: Filter; readonly code: string };

const lit = (value: unknown): Operand => ({ lit: value });

function refOf(field: string, fallback: unknown, forms: readonly ('date' | 'iso' | 'ms' | 'as-is')[] = ['as-is']): fc.Arbitrary<Operand> {
  return fc.record({ ref: fc.nat(), form: fc.constantFrom(...forms) }).map(({ ref, form }): Operand => ({ ref, field, form, fallback }));
}

const T_2024 = Date.UTC(2024, 0, 15, 9, 30);
const tsLits = fc.constantFrom(new Date(T_2024), '2024-01-15T10:30:00+01:00', T_2024 + 123, 0, new Date(1_700_000_000_000), '2030-01-01T00:00:00Z').map(lit);

/** Scalar operands per field, for $eq/$ne/$gt…/$in. */
function scalarOperand(field: string): fc.Arbitrary<Operand> {
  switch (field) {
    case 'tenantId':
      return fc.oneof(fc.constantFrom(...TENANTS, 't0', 't9').map(lit), refOf(field, 't1'));
    case 'email':
      return fc.oneof(fc.constantFrom(...EMAILS, 'b', 'zz').map(lit), refOf(field, 'a@x'));
    case 'name':
      return fc.oneof(fc.constantFrom(...NAMES, 'B', 'a', '\uFFFF').map(lit), refOf(field, 'Ada'));
    case 'age':
      return fc.oneof(fc.integer({ min: -5, max: 125 }).map(lit), fc.constantFrom(INT_MIN, INT_MAX, 0.5, 30.5).map(lit), refOf(field, 30));
    case 'status':
      return fc.constantFrom('active', 'suspended').map(lit);
    case 'score':
      return fc.oneof(fc.constantFrom('10', '99.5', 99.5, 100, -12.3, '0', 10n, '-0.5', '12345678.99', '9.900', -100.01, '5.001').map(lit), refOf(field, '5.00'));
    case 'createdAt':
    case '$createdAt':
    case '$updatedAt':
      return fc.oneof(tsLits, refOf(field, new Date(T_2024), ['date', 'iso', 'ms']));
    case '$id':
      return fc.oneof(fc.constantFrom('u0', 'u3', 'u5', 'missing', '0', 'v').map(lit), refOf(field, 'u1'));
    case '$version':
      return fc.integer({ min: 0, max: 4 }).map(lit);
    case 'tags':
      return fc.constantFrom(...TAGS, 'zz').map(lit);
    default:
      throw new Error(`no operands for ${field}`);
  }
}

const TEXTS = ['a', 'A', '@x', 't', 'vi', 'b', '', 'x y', 'ﬀ', '𝒜', '\u0000'] as const;

function opArb(field: string): fc.Arbitrary<Op> {
  const kind = KIND[field]!;
  const scalar = scalarOperand(field);
  const nullable = fc.oneof({ weight: 5, arbitrary: scalar }, { weight: 1, arbitrary: fc.constant(lit(null)) });
  const list = fc.array(nullable, { maxLength: 3 });
  const ops: fc.Arbitrary<Op>[] = [
    nullable.map((o): Op => ['$eq', o]),
    nullable.map((o): Op => ['$ne', o]),
    list.map((l): Op => ['$in', l]),
    list.map((l): Op => ['$nin', l]),
    fc.boolean().map((b): Op => ['$exists', b]),
  ];
  if (field !== 'status') ops.push(fc.tuple(fc.constantFrom('$gt', '$gte', '$lt', '$lte'), scalar).map(([op, o]): Op => [op, o]));
  if (kind === 'text' || kind === 'arr') {
    ops.push(fc.tuple(fc.constantFrom('$startsWith', '$endsWith'), fc.constantFrom(...TEXTS)).map(([op, s]): Op => [op, lit(s)]));
  }
  if (kind === 'text') ops.push(fc.constantFrom(...TEXTS).map((s): Op => ['$contains', lit(s)]));
  if (kind === 'arr') ops.push(scalar.map((o): Op => ['$contains', o]));
  return fc.oneof(...ops);
}

const FILTER_FIELDS = ['tenantId', 'email', 'name', 'age', 'status', 'createdAt', 'score', 'tags', '$id', '$version', '$createdAt', '$updatedAt'] as const;

const fieldLeaf: fc.Arbitrary<FNode> = fc.constantFrom(...FILTER_FIELDS).chain((field) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.oneof(scalarOperand(field), fc.constant(lit(null))).map((o): FNode => ({ t: 'field', field, form: 'bare', ops: [['$eq', o]] })) },
    { weight: 4, arbitrary: fc.uniqueArray(opArb(field), { minLength: 1, maxLength: 2, selector: ([op]) => op }).map((ops): FNode => ({ t: 'field', field, form: 'ops', ops })) },
    { weight: 1, arbitrary: fc.uniqueArray(opArb(field), { minLength: 1, maxLength: 2, selector: ([op]) => op }).map((ops): FNode => ({ t: 'field', field, form: 'not', ops })) },
    { weight: 1, arbitrary: scalarOperand(field).map((o): FNode => ({ t: 'field', field, form: 'notBare', ops: [['$eq', o]] })) },
  ),
);

function combine(inner: fc.Arbitrary<FNode>): fc.Arbitrary<FNode> {
  return fc.oneof(
    { weight: 4, arbitrary: inner },
    { weight: 1, arbitrary: fc.array(inner, { maxLength: 3 }).map((children): FNode => ({ t: 'and', children })) },
    { weight: 2, arbitrary: fc.array(inner, { maxLength: 3 }).map((children): FNode => ({ t: 'or', children })) },
    { weight: 1, arbitrary: inner.map((child): FNode => ({ t: 'not', child })) },
    {
      weight: 2,
      arbitrary: fc
        .uniqueArray(fieldLeaf, { maxLength: 3, selector: (n) => (n.t === 'field' ? n.field : '') })
        .map((leaves): FNode => ({ t: 'obj', leaves })),
    },
  );
}

/** Filters the store must reject, with their `FilterError` code. */
export const badFilter: fc.Arbitrary<FNode> = fc.constantFrom<[Filter, string]>(
  [{ age: { $gt: 'x' } }, 'INVALID_OPERAND'],
  [{ nickname: 'x' }, 'UNKNOWN_FIELD'],
  [{ age: { $gtt: 3 } }, 'UNKNOWN_OPERATOR'],
  [{ $nor: [] } as Filter, 'UNKNOWN_OPERATOR'],
  [{ status: 'deleted' }, 'INVALID_OPERAND'],
  [{ posts: null }, 'UNKNOWN_FIELD'],
  [{ score: { $lt: 'ten' } }, 'INVALID_OPERAND'],
  [{ createdAt: { $gt: 'yesterday' } }, 'INVALID_OPERAND'],
  [{ tags: ['a'] } as unknown as Filter, 'INVALID_OPERAND'],
).map(([filter, code]): FNode => ({ t: 'bad', filter, code }));

/** A random (valid) filter. */
export const filterArb: fc.Arbitrary<FNode> = combine(combine(fieldLeaf));

// ---- resolving and translating ------------------------------------------------------

export interface ResolvedOperandContext {
  /** Documents to pick `ref` operands from, in a stable order. */
  readonly docs: readonly ModelDoc[];
}

function resolveOperand(o: Operand, ctx: ResolvedOperandContext): unknown {
  if ('lit' in o) return o.lit;
  const doc = ctx.docs.length === 0 ? undefined : ctx.docs[o.ref % ctx.docs.length];
  const value = doc?.[o.field];
  if (value === undefined || value === null) return o.fallback;
  if (value instanceof Date) return o.form === 'iso' ? value.toISOString() : o.form === 'ms' ? value.getTime() : new Date(value.getTime());
  return value;
}

/** A filter node with every operand resolved: `Op` args are plain values. */
export type RNode =
  | { readonly t: 'field'; readonly field: string; readonly form: 'bare' | 'ops' | 'not' | 'notBare'; readonly ops: readonly (readonly [string, unknown])[] }
  | { readonly t: 'obj'; readonly leaves: readonly RNode[] }
  | { readonly t: 'and' | 'or'; readonly children: readonly RNode[] }
  | { readonly t: 'not'; readonly child: RNode }
  | { readonly t: 'bad'; readonly filter: Filter; readonly code: string };

export function resolveNode(node: FNode, ctx: ResolvedOperandContext): RNode {
  switch (node.t) {
    case 'field':
      return {
        ...node,
        ops: node.ops.map(([op, arg]) => {
          if (typeof arg === 'boolean') return [op, arg] as const;
          if (Array.isArray(arg)) return [op, (arg as readonly Operand[]).map((o) => resolveOperand(o, ctx))] as const;
          return [op, resolveOperand(arg as Operand, ctx)] as const;
        }),
      };
    case 'obj':
      return { t: 'obj', leaves: node.leaves.map((l) => resolveNode(l, ctx)) };
    case 'and':
    case 'or':
      return { t: node.t, children: node.children.map((c) => resolveNode(c, ctx)) };
    case 'not':
      return { t: 'not', child: resolveNode(node.child, ctx) };
    case 'bad':
      return node;
  }
}

/** The store's `Filter` for a resolved node. */
export function toFilter(node: RNode): Filter {
  switch (node.t) {
    case 'field': {
      const ops = Object.fromEntries(node.ops);
      const condition = node.form === 'bare' ? ops.$eq : node.form === 'ops' ? ops : node.form === 'not' ? { $not: ops } : { $not: ops.$eq };
      return { [node.field]: condition } as Filter;
    }
    case 'obj':
      return Object.assign({}, ...node.leaves.map(toFilter)) as Filter;
    case 'and':
      return { $and: node.children.map(toFilter) };
    case 'or':
      return { $or: node.children.map(toFilter) };
    case 'not':
      return { $not: toFilter(node.child) };
    case 'bad':
      return node.filter;
  }
}

/** The `FilterError` code a node must raise, if it holds a bad filter (the first in document order). */
export function badCode(node: RNode): string | undefined {
  switch (node.t) {
    case 'bad':
      return node.code;
    case 'field':
      return undefined;
    case 'obj':
      return node.leaves.map(badCode).find((c) => c !== undefined);
    case 'and':
    case 'or':
      return node.children.map(badCode).find((c) => c !== undefined);
    case 'not':
      return badCode(node.child);
  }
}

// ---- the model's evaluation ----------------------------------------------------------

/** Compares strings by Unicode code point (SQLite's BINARY collation over UTF-8). */
export function compareText(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return Math.sign(d);
  }
  return Math.sign(x.length - y.length);
}

interface Dec {
  units: bigint;
  scale: number;
}

function parseDec(value: unknown): Dec {
  if (typeof value === 'bigint') return { units: value, scale: 0 };
  const text = typeof value === 'number' ? String(value) : (value as string);
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (m === null) throw new Error(`model: not a decimal operand: ${text}`);
  const fraction = m[3] ?? '';
  const units = BigInt(m[2]! + fraction);
  return { units: m[1] === '-' ? -units : units, scale: fraction.length };
}

function compareDec(a: Dec, b: Dec): number {
  const scale = Math.max(a.scale, b.scale);
  const x = a.units * 10n ** BigInt(scale - a.scale);
  const y = b.units * 10n ** BigInt(scale - b.scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

function toMs(value: unknown): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  return Date.parse(value as string);
}

/** Compares a document value with an operand (or two document values) of a field's kind. */
export function compareValues(field: string, a: unknown, b: unknown): number {
  switch (KIND[field]) {
    case 'number':
      return Math.sign((a as number) - (b as number));
    case 'ts':
      return Math.sign(toMs(a) - toMs(b));
    case 'dec':
      return compareDec(parseDec(a), parseDec(b));
    default:
      return compareText(a as string, b as string);
  }
}

function candidates(field: string, value: unknown): unknown[] {
  if (value === null || value === undefined) return [];
  return KIND[field] === 'arr' ? (value as unknown[]) : [value];
}

function evalOp(field: string, op: string, arg: unknown, doc: ModelDoc): boolean {
  const value = doc[field];
  const isNull = value === null || value === undefined;
  const cs = candidates(field, value);
  const cmpField = KIND[field] === 'arr' ? 'name' : field; // array elements are strings
  const eq = (operand: unknown) => (operand === null ? isNull : cs.some((c) => compareValues(cmpField, c, operand) === 0));
  const within = (list: readonly unknown[]) => (list.includes(null) && isNull) || list.some((o) => o !== null && eq(o));
  switch (op) {
    case '$eq':
      return eq(arg);
    case '$ne':
      return !eq(arg);
    case '$gt':
      return cs.some((c) => compareValues(cmpField, c, arg) > 0);
    case '$gte':
      return cs.some((c) => compareValues(cmpField, c, arg) >= 0);
    case '$lt':
      return cs.some((c) => compareValues(cmpField, c, arg) < 0);
    case '$lte':
      return cs.some((c) => compareValues(cmpField, c, arg) <= 0);
    case '$in':
      return within(arg as unknown[]);
    case '$nin':
      return !within(arg as unknown[]);
    case '$exists':
      return arg === true ? !isNull : isNull;
    case '$contains':
      return KIND[field] === 'arr' ? eq(arg) : cs.some((c) => (c as string).includes(arg as string));
    case '$startsWith':
      return cs.some((c) => (c as string).startsWith(arg as string));
    case '$endsWith':
      return cs.some((c) => (c as string).endsWith(arg as string));
    default:
      throw new Error(`model: unknown operator ${op}`);
  }
}

/** Whether a model document matches a resolved (valid) filter. */
export function matches(node: RNode, doc: ModelDoc): boolean {
  switch (node.t) {
    case 'field': {
      const all = node.ops.every(([op, arg]) => evalOp(node.field, op, arg, doc));
      return node.form === 'not' || node.form === 'notBare' ? !all : all;
    }
    case 'obj':
      return node.leaves.every((l) => matches(l, doc));
    case 'and':
      return node.children.every((c) => matches(c, doc));
    case 'or':
      return node.children.some((c) => matches(c, doc));
    case 'not':
      return !matches(node.child, doc);
    case 'bad':
      throw new Error('model: a bad filter has no matches');
  }
}

// ---- orderings ------------------------------------------------------------------------

export type OrderKey = readonly [field: string, direction: 'asc' | 'desc'];

/** An ordering as generated: keys, and whether it is written as one object or a list of objects. */
export interface OrderSpec {
  readonly keys: readonly OrderKey[];
  readonly asList: boolean;
}

const ORDER_FIELDS = ['tenantId', 'email', 'name', 'age', 'status', 'createdAt', 'score', '$id', '$version', '$createdAt', '$updatedAt', '$type'] as const;

export const orderArb: fc.Arbitrary<OrderSpec | undefined> = fc.option(
  fc.record({
    keys: fc.uniqueArray(fc.tuple(fc.constantFrom(...ORDER_FIELDS), fc.constantFrom('asc' as const, 'desc' as const)), { minLength: 1, maxLength: 3, selector: ([f]) => f }),
    asList: fc.boolean(),
  }),
  { nil: undefined, freq: 4 },
);

export function toOrderBy(spec: OrderSpec | undefined): OrderBy | undefined {
  if (spec === undefined) return undefined;
  return spec.asList ? spec.keys.map(([f, d]) => ({ [f]: d })) : Object.fromEntries(spec.keys);
}

/** The model's total order: keys in order (nulls least), then `$id` ascending unless `$id` was a key. */
export function comparator(spec: OrderSpec | undefined): (a: ModelDoc, b: ModelDoc) => number {
  const keys: OrderKey[] = [];
  for (const key of spec?.keys ?? []) {
    keys.push(key);
    if (key[0] === '$id') break;
  }
  if (!keys.some(([f]) => f === '$id')) keys.push(['$id', 'asc']);
  return (a, b) => {
    for (const [field, direction] of keys) {
      const x = a[field];
      const y = b[field];
      const xNull = x === null || x === undefined;
      const yNull = y === null || y === undefined;
      const order = xNull && yNull ? 0 : xNull ? -1 : yNull ? 1 : compareValues(field, x, y);
      if (order !== 0) return direction === 'asc' ? order : -order;
    }
    return 0;
  };
}
