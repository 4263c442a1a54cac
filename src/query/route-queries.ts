import type { IceTypeSchema } from '../icetype/ast.js';
import { DocumentRelationalQuery } from './document-query.js';
import { runRelationalQuery, type DocumentSource } from './load-relations.js';
import type { RelationalFindConfig } from './types.js';

/**
 * `db.query` with batched collections (DESIGN.md §2): Drizzle's relational
 * queries run SQL over tables, but a batched collection's table is empty —
 * its documents are in `_batches`. This wraps Drizzle's `db.query` so that
 * `findMany`/`findFirst` on a batched collection, or on a rows collection
 * whose `with` reaches one, are served by the document store (same where,
 * orderBy, limit, offset, columns, with; same row shapes), and everything
 * else still runs as Drizzle's own SQL.
 */

interface QueryBuilder {
  findMany(config?: unknown): unknown;
  findFirst(config?: unknown): unknown;
}

export interface RoutingOptions {
  readonly collections: ReadonlyMap<string, IceTypeSchema>;
  readonly isBatched: (collection: string) => boolean;
  readonly source: DocumentSource;
  /** Runs a query as one metered operation. */
  readonly operation: <T>(fn: () => T) => T;
}

/** Whether the collection, or a relation `with` loads (at any depth), is batched. */
function needsStore(options: RoutingOptions, collection: string, withConfig: RelationalFindConfig['with']): boolean {
  if (options.isBatched(collection)) return true;
  const schema = options.collections.get(collection);
  if (schema === undefined || withConfig === undefined || withConfig === null) return false;
  return Object.entries(withConfig).some(([name, value]) => {
    const target = schema.fields.get(name)?.relation?.target;
    if (!value || target === undefined) return false;
    return needsStore(options, target, value === true ? undefined : value.with);
  });
}

/** Whether any collection reachable through relations from `collection` is batched (so a `with` might need the store). */
function mayReachBatched(options: RoutingOptions, collection: string, seen = new Set<string>()): boolean {
  if (seen.has(collection)) return false;
  seen.add(collection);
  if (options.isBatched(collection)) return true;
  const schema = options.collections.get(collection);
  if (schema === undefined) return false;
  return [...schema.fields.values()].some((field) => field.relation !== undefined && mayReachBatched(options, field.relation.target, seen));
}

function routed(options: RoutingOptions, collection: string, native: QueryBuilder): QueryBuilder {
  const run = (config: unknown, mode: 'many' | 'first') =>
    new DocumentRelationalQuery(() => {
      const rows = options.operation(() => runRelationalQuery(options.source, collection, config as RelationalFindConfig | undefined, mode));
      return mode === 'many' ? rows : rows[0];
    });
  const config = (value: unknown) => value as RelationalFindConfig | undefined;
  return {
    findMany: (c?: unknown) => (needsStore(options, collection, config(c)?.with) ? run(c, 'many') : native.findMany(c)),
    findFirst: (c?: unknown) => (needsStore(options, collection, config(c)?.with) ? run(c, 'first') : native.findFirst(c)),
  };
}

/** Drizzle's `db.query`, with the collections that may need the store routed as described above. */
export function routeRelationalQueries<Q extends object>(native: Q, options: RoutingOptions): Q {
  const cache = new Map<string, QueryBuilder>();
  return new Proxy(native, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof property !== 'string' || !options.collections.has(property) || !mayReachBatched(options, property)) return value;
      let builder = cache.get(property);
      if (builder === undefined) cache.set(property, (builder = routed(options, property, value as QueryBuilder)));
      return builder;
    },
  });
}

interface Transactional {
  query: object;
  transaction(fn: (tx: Transactional) => unknown, config?: unknown): unknown;
}

/**
 * A transaction (`db.transaction(tx => …)`, nested ones too) whose
 * `tx.query` is routed like `db.query`, so batched collections read inside
 * a transaction see their documents — the store joins the transaction.
 */
function routeTransaction<T extends Transactional>(tx: T, options: RoutingOptions): T {
  const nested = tx.transaction.bind(tx);
  Object.defineProperties(tx, {
    query: { value: routeRelationalQueries(tx.query, options), configurable: true, enumerable: true },
    transaction: { value: (fn: (inner: Transactional) => unknown, config?: unknown) => nested((inner) => fn(routeTransaction(inner, options)), config), configurable: true },
  });
  return tx;
}

/** `db.transaction`, with each transaction's `tx.query` routed as `db.query` is. */
export function routeTransactions<F extends Function>(transaction: F, options: RoutingOptions): F {
  return ((fn: (tx: Transactional) => unknown, config?: unknown) =>
    (transaction as unknown as (fn: (tx: Transactional) => unknown, config?: unknown) => unknown)((tx) => fn(routeTransaction(tx, options)), config)) as unknown as F;
}
