import type { Filter } from '../store/filter/types.js';
import type { NormalizedDocument } from '../store/values/normalized-document.js';
import type { ExistsNode, RelationFacts } from './where-node.js';

/**
 * The shapes of the relational-query emulation: Drizzle's RQB v2
 * `findMany`/`findFirst` config, untyped (every Drizzle config is assignable),
 * and the plan that evaluates it over store documents.
 */

/** A `where` object of Drizzle's relational query API v2 (`{ age: { gt: 3 }, OR: [...] }`). */
export type RelationalWhere = Readonly<Record<string, unknown>>;

/** A Drizzle RQB v2 `findMany`/`findFirst` config, as accepted at runtime. */
export interface RelationalFindConfig {
  /** `{ a: true }` selects only `a`; `{ a: false }` selects every column but `a`. */
  readonly columns?: Readonly<Record<string, boolean | undefined>>;
  readonly where?: RelationalWhere | symbol;
  /** Object form only: `{ age: 'desc', name: 'asc' }` (key order counts). */
  readonly orderBy?: Readonly<Record<string, unknown>> | ((...args: never[]) => unknown);
  readonly limit?: number;
  readonly offset?: number;
  readonly with?: Readonly<Record<string, boolean | RelationalFindConfig | undefined>>;
  /** Not supported on the batched layout. */
  readonly extras?: unknown;
}

/** `findMany` or `findFirst`. */
export type RelationalQueryMode = 'many' | 'first';

/** An ordering over store documents. */
export type DocumentComparator = (a: NormalizedDocument, b: NormalizedDocument) => number;

/**
 * How to answer one relational query from store documents:
 * `docs.filter(d => matchesFilter(schema, d, filter) && (residual?.(d) ?? true)).sort(compare).slice(offset, offset + limit).map(toRow)`.
 */
export interface RelationalPlan {
  /** A store filter selecting a superset of the matching documents (exact when `residual` is undefined); undefined: every document. Use it to prune batches. */
  readonly filter: Filter | undefined;
  /**
   * The exact predicate (SQL three-valued logic: a row matches when `where`
   * is TRUE), when `filter` alone is not exact. `facts` answers the relation
   * filters in `exists` and is required when there are any.
   */
  readonly residual?: (doc: NormalizedDocument, facts?: RelationFacts) => boolean;
  /** The relation filters of `where` (outermost ones), for the caller to answer in `RelationFacts` before calling `residual`. */
  readonly exists: readonly ExistsNode[];
  /**
   * A total order: the `orderBy` keys as SQLite orders their columns (NULLs
   * first ascending, last descending; text by code point; decimals as text),
   * then `$id` ascending. Without `orderBy` Drizzle returns rows in an order
   * SQL leaves unspecified (rowid order on the rows layout); this plan uses `$id`.
   */
  readonly compare: DocumentComparator;
  /** Whether `orderBy` named a column. Without, forward lists and fuzzy relations keep relation order (list order, best score first) instead of `compare`. */
  readonly ordered: boolean;
  /** At most this many rows; `findFirst` → 1. Undefined: no limit. */
  readonly limit?: number;
  /** Rows to skip after ordering. Undefined: none. */
  readonly offset?: number;
  /** A store document as the row Drizzle returns: selected column keys (`authorId`), Drizzle's JS values. */
  readonly toRow: (doc: NormalizedDocument) => Record<string, unknown>;
  /** Relations requested with `with` (truthy entries only), for the caller to load. */
  readonly with?: Readonly<Record<string, true | RelationalFindConfig>>;
}
