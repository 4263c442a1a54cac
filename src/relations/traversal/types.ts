/**
 * The public types of `db.rel` (DESIGN.md §4): a fluent traversal typed from
 * the schema set — one function per collection, one property per relation
 * field, each hop typed as its target collection's documents.
 */
import type { InferSelect, RelationFields } from '../../icetype/static/infer.js';
import type { SchemaSetDefinition } from '../../icetype/static/schema-set.js';
import type { QueryResult } from '../../store/document-store.js';
import type { Filter, OrderBy } from '../../store/filter/index.js';

/** A stored document of collection `K`, as `db.store` returns it. */
export type TraversalDocument<D extends SchemaSetDefinition, K extends keyof D> = InferSelect<D[K]>;

/** The relation fields of collection `K` (all four operators: `->`, `<-`, `~>`, `<~`). */
export type RelationName<D extends SchemaSetDefinition, K extends keyof D> = keyof RelationFields<D[K]> & string;

/** The collection relation field `F` of `K` leads to. */
export type RelationTarget<D extends SchemaSetDefinition, K extends keyof D, F extends RelationName<D, K>> =
  RelationFields<D[K]>[F] extends { readonly target: infer T } ? T & keyof D & string : never;

/** Options of `page()`: keyset pagination, as `db.store.query` pages. */
export interface TraversalPageOptions {
  /** Documents per page. */
  readonly limit: number;
  /** The `nextCursor` of the previous page (same `where` and `orderBy`). */
  readonly after?: string;
}

/**
 * What every step of a traversal offers besides its relation properties:
 * narrowing (`where`, `orderBy`, `limit`), explicit hops (`hop`) and the
 * reads. Narrowing returns a new traversal and reads nothing; each read runs
 * as one metered operation (`db.$cost`).
 */
export interface TraversalMethods<D extends SchemaSetDefinition, K extends keyof D & string> {
  /**
   * Keeps the documents of this step matching `filter` (the store's filter
   * syntax); the next hop starts from those only. Several calls must all hold.
   * @example db.rel.Author(id).books.where({ year: { $lt: 1970 } }).reviews.all()
   */
  where(filter: Filter): Traversal<D, K>;
  /**
   * Orders this step's documents (ties break on `$id`); without it, reads
   * return relation order: list order for `-> T[]`, best score first for
   * fuzzy relations, edge order for backward ones, start ids in the order given.
   * @example db.rel.Author(id).books.orderBy({ year: 'desc' }).first()
   */
  orderBy(order: OrderBy): Traversal<D, K>;
  /**
   * At most `n` documents of this step (after `where`, in `orderBy` or relation order);
   * a later hop starts from those only.
   * @example db.rel.Author(id).books.orderBy({ year: 'desc' }).limit(2).reviews.all() // reviews of the two latest books
   */
  limit(n: number): Traversal<D, K>;
  /**
   * Follows relation field `field`: the same as the property `.field`, and
   * the way to reach a relation named like one of these methods (`count`, `get`, …).
   * @example db.rel.Book(id).hop('author').get()
   */
  hop<F extends RelationName<D, K>>(field: F): Traversal<D, RelationTarget<D, K, F>>;
  /**
   * The documents, de-duplicated. One `_rels` statement per hop for all
   * current ids, one store read per `where`, one store read for the documents.
   * @example db.rel.User([a, b]).posts.all() // the posts of both, each once
   */
  all(): TraversalDocument<D, K>[];
  /** The first document (by `orderBy`, else relation order), or `null`: `first()`, read as "the" related document of a one-relation. */
  get(): TraversalDocument<D, K> | null;
  /** The first document (by `orderBy`, else relation order), or `null`. */
  first(): TraversalDocument<D, K> | null;
  /** How many documents `all()` would return, counted by the store. */
  count(): number;
  /** The `$id`s of the documents `all()` would return, in the same order. */
  ids(): string[];
  /**
   * A page of the documents in `orderBy` order (then `$id`; relation order is
   * no keyset order) and the cursor of the next page, `null` after the last.
   * Takes its own limit: fails with `INVALID_OPTION` after `limit()`.
   * @example
   * let page = db.rel.Author(id).books.orderBy({ year: 'asc' }).page({ limit: 20 });
   * while (page.nextCursor !== null) page = db.rel.Author(id).books.orderBy({ year: 'asc' }).page({ limit: 20, after: page.nextCursor });
   */
  page(options: TraversalPageOptions): QueryResult<TraversalDocument<D, K>>;
}

/**
 * One step of a traversal over documents of collection `K`: its methods, and
 * a property per relation field of `K` (except fields named like a method —
 * reach those with `hop`) leading to the related documents of the target.
 *
 * @example
 * const comments: Comment[] = db.rel.User(id).posts.comments.where({ approved: true }).all();
 */
export type Traversal<D extends SchemaSetDefinition, K extends keyof D & string> = TraversalMethods<D, K> & {
  readonly [F in Exclude<RelationName<D, K>, keyof TraversalMethods<D, K>>]: Traversal<D, RelationTarget<D, K, F>>;
};

/**
 * `db.rel`: a function per collection that starts a traversal at one document
 * id or several (their union, de-duplicated, in the order given). Ids are
 * checked like `db.store.get` checks them (`DocumentError` `INVALID_ID`).
 *
 * @example
 * db.rel.Post(postId).author.get();                  // User | null
 * db.rel.User([ada, grace]).posts.comments.count();  // number
 */
export type RelationTraversal<D extends SchemaSetDefinition> = {
  readonly [K in keyof D & string]: (ids: string | readonly string[]) => Traversal<D, K>;
};
