/**
 * The parsed `where` of a relational query: the condition tree Drizzle's
 * `relationsFilterToSQL` (drizzle-orm 1.0.0-rc.5, relations.js) writes as SQL.
 */
import type { RelationPath } from '../relations/relation-paths.js';
import type { QueryColumn } from './query-columns.js';
import type { SqlScalar } from './sql-value.js';

/** `=`, `<>`, `>`, `>=`, `<`, `<=` against a bound value (NULL: never TRUE). */
export type CompareOperator = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte';

/** One node of the condition tree. */
export type WhereNode =
  | { readonly t: 'and' | 'or'; readonly children: readonly WhereNode[] }
  | { readonly t: 'not'; readonly child: WhereNode }
  /** `1 = 0` / `1 = 1`, which Drizzle writes for `in: []` / `notIn: []`. */
  | { readonly t: 'const'; readonly value: boolean }
  | { readonly t: 'cmp'; readonly column: QueryColumn; readonly op: CompareOperator; readonly value: SqlScalar }
  | { readonly t: 'in'; readonly column: QueryColumn; readonly negated: boolean; readonly values: readonly SqlScalar[] }
  | { readonly t: 'null'; readonly column: QueryColumn; readonly negated: boolean }
  | { readonly t: 'like'; readonly column: QueryColumn; readonly negated: boolean; readonly pattern: string | null; readonly matches: (text: string) => boolean }
  | ExistsNode;

/**
 * A relation filter (`{ books: { title: 'x' } }`, `{ books: true }`,
 * `{ books: false }`): Drizzle's `[not] exists (select * from target where
 * join and where)`. Two-valued: TRUE or FALSE, never UNKNOWN. Its truth for
 * a document is looked up in `RelationFacts`, which the runner computes for
 * a whole level of documents at once (src/query/relation-facts.ts).
 */
export interface ExistsNode {
  readonly t: 'exists';
  /** The relation followed: a field of the filtered collection, leading to `path.target`. */
  readonly path: RelationPath;
  /** `false` was given: NOT EXISTS. */
  readonly negated: boolean;
  /** The condition on related documents (undefined: any related document). */
  readonly where: WhereNode | undefined;
}

/** For each relation filter of a plan, the `$id`s of the documents having a matching related document. */
export type RelationFacts = ReadonlyMap<ExistsNode, ReadonlySet<string>>;

/** The relation filters of a condition tree, outermost only (those inside an `exists` belong to its target). */
export function existsNodes(node: WhereNode | undefined): ExistsNode[] {
  if (node === undefined) return [];
  switch (node.t) {
    case 'exists':
      return [node];
    case 'and':
    case 'or':
      return node.children.flatMap(existsNodes);
    case 'not':
      return existsNodes(node.child);
    default:
      return [];
  }
}

/** AND/OR of the conditions present: none → no condition, one → itself (as Drizzle drops empty conditions). */
export function combine(t: 'and' | 'or', children: readonly (WhereNode | undefined)[]): WhereNode | undefined {
  const kept = children.filter((child): child is WhereNode => child !== undefined);
  if (kept.length === 0) return undefined;
  return kept.length === 1 ? kept[0] : { t, children: kept };
}
