import type { IceTypeSchema } from '../../icetype/ast.js';
import { candidates, compareComparable, isNullish, readTarget, toComparable } from './document-value.js';
import type { Comparable } from './operand.js';
import type { CompareOp, LeafNode, PlanNode } from './plan-node.js';
import { planFilter } from './plan-filter.js';
import type { Filter, FilterOptions } from './types.js';

/** A compiled in-memory filter. */
export type DocumentPredicate = (doc: Readonly<Record<string, unknown>>) => boolean;

function holds(op: CompareOp, order: number): boolean {
  switch (op) {
    case 'eq':
      return order === 0;
    case 'gt':
      return order > 0;
    case 'gte':
      return order >= 0;
    case 'lt':
      return order < 0;
    case 'lte':
      return order <= 0;
  }
}

function someCandidate(leaf: Exclude<LeafNode, { t: 'null' }>, doc: Readonly<Record<string, unknown>>, test: (value: Comparable) => boolean): boolean {
  const dynamicBytes = leaf.target.access === 'document';
  for (const raw of candidates(leaf.target, leaf.scope, readTarget(leaf.target, doc))) {
    const value = toComparable(leaf.target.kind, raw, dynamicBytes);
    if (value !== undefined && test(value)) return true;
  }
  return false;
}

/**
 * `$in` over many values (an id list of thousands) tests membership in a
 * `Set`, not value by value. For strings, numbers and booleans, Set equality
 * (SameValueZero) is `compareComparable(a, b) === 0` — code-point text,
 * `0 === -0` — except for NaN, so lists holding NaN or other kinds (decimals,
 * bytes) keep the pairwise comparison. Built once per plan node.
 */
const membership = new WeakMap<readonly Comparable[], ReadonlySet<unknown> | null>();

function membershipOf(values: readonly Comparable[]): ReadonlySet<unknown> | null {
  let set = membership.get(values);
  if (set === undefined) {
    const primitive = values.length > 8 && values.every((v) => typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && !Number.isNaN(v)));
    set = primitive ? new Set<unknown>(values) : null;
    membership.set(values, set);
  }
  return set;
}

function evaluate(node: PlanNode, doc: Readonly<Record<string, unknown>>): boolean {
  switch (node.t) {
    case 'const':
      return node.value;
    case 'and':
      return node.children.every((child) => evaluate(child, doc));
    case 'or':
      return node.children.some((child) => evaluate(child, doc));
    case 'not':
      return !evaluate(node.child, doc);
    case 'null':
      return isNullish(readTarget(node.target, doc));
    case 'cmp': {
      const { op, value: operand } = node;
      return someCandidate(node, doc, (value) => {
        const order = compareComparable(value, operand);
        return order !== undefined && holds(op, order);
      });
    }
    case 'in': {
      const values = node.values;
      const set = membershipOf(values);
      if (set !== null) return someCandidate(node, doc, (value) => (typeof value === 'object' ? values.some((v) => compareComparable(value, v) === 0) : set.has(value)));
      return someCandidate(node, doc, (value) => values.some((v) => compareComparable(value, v) === 0));
    }
    case 'text': {
      const { mode, value: needle } = node;
      return someCandidate(node, doc, (value) => {
        if (typeof value !== 'string') return false;
        return mode === 'prefix' ? value.startsWith(needle) : mode === 'suffix' ? value.endsWith(needle) : value.includes(needle);
      });
    }
  }
}

/**
 * Compiles a filter into an in-memory predicate with exactly the semantics of
 * `compileFilter`'s SQL (both interpret one validated plan). Documents are in
 * canonical JS form: `Date` timestamps, exact decimal strings, arrays,
 * `Uint8Array` binary. Without a schema, each value's own type decides how it
 * compares (numbers with numbers, strings with strings; `Date`s as ISO text).
 *
 * @throws FilterError for the same filters `compileFilter` rejects.
 * @example
 * const adults = compileMatcher(User, { age: { $gte: 18 } });
 * docs.filter(adults);
 */
export function compileMatcher(schema: IceTypeSchema | undefined, filter: Filter, options?: FilterOptions): DocumentPredicate {
  const plan = planFilter(schema, filter, options);
  return (doc) => evaluate(plan, doc);
}

/**
 * Whether one document matches a filter — `compileMatcher` for a single call.
 *
 * @example
 * matchesFilter(User, { $id: 'u1', tags: 'vip' }, { tags: { $contains: 'vip' } }) // true
 */
export function matchesFilter(schema: IceTypeSchema | undefined, doc: Readonly<Record<string, unknown>>, filter: Filter, options?: FilterOptions): boolean {
  return compileMatcher(schema, filter, options)(doc);
}
