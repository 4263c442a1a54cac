import type { Comparable } from './operand.js';
import type { Target } from './target.js';

/**
 * A validated filter: the one structure both the SQL compiler and the
 * in-memory evaluator interpret, so they cannot disagree on what a filter
 * means — only on how they compute it.
 */
export type PlanNode = LogicNode | LeafNode;

/** Logical structure: combinations of leaves and constants. */
export type LogicNode =
  | { readonly t: 'and'; readonly children: readonly PlanNode[] }
  | { readonly t: 'or'; readonly children: readonly PlanNode[] }
  /** Holds when the child does not (NULL-safe: SQL `(child) IS NOT 1`). */
  | { readonly t: 'not'; readonly child: PlanNode }
  | { readonly t: 'const'; readonly value: boolean };

/**
 * Which values of a dynamic target a leaf looks at: `any` — the elements of
 * an array, else the value itself; `elements` — only array elements;
 * `scalar` — only a non-array value. Typed targets ignore it.
 */
export type Scope = 'any' | 'elements' | 'scalar';

/** A comparison of a leaf. */
export type CompareOp = 'eq' | 'gt' | 'gte' | 'lt' | 'lte';

/** A condition on one target. `$ne`, `$nin` and `$exists: true` are `not` around these. */
export type LeafNode =
  /** The value is null or absent. */
  | { readonly t: 'null'; readonly target: Target }
  /** Some value in scope compares `op` to `value` (same type only, for dynamic targets). */
  | { readonly t: 'cmp'; readonly target: Target; readonly scope: Scope; readonly op: CompareOp; readonly value: Comparable }
  /** Some value in scope equals one of `values` (non-empty, no nulls). */
  | { readonly t: 'in'; readonly target: Target; readonly scope: Scope; readonly values: readonly Comparable[] }
  /** Some string in scope has `value` as prefix, suffix or substring (case-sensitive). */
  | { readonly t: 'text'; readonly target: Target; readonly scope: Scope; readonly mode: 'prefix' | 'suffix' | 'infix'; readonly value: string };
