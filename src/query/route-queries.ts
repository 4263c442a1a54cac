import { EmptyFilter } from 'drizzle-orm';
import { isNativeRelation } from '../compile/relations.js';
import type { IceTypeSchema } from '../icetype/ast.js';
import { DocumentRelationalQuery } from './document-query.js';
import type { DocumentSource } from './document-source.js';
import { runRelationalQuery } from './load-relations.js';
import type { RelationalFindConfig } from './types.js';

/**
 * Routes `db.query` between Drizzle's SQL and the store's emulation of it
 * (DESIGN.md §2, §4). Drizzle's relational queries run SQL over tables, and
 * know only the relations `compileRelations` gives them (`-> T`, and
 * `<- T.f` over a single `-> Self`); a batched collection's table is empty —
 * its documents are in `_batches`. So `findMany`/`findFirst` go to the
 * document store (same where, orderBy, limit, offset, columns, with; same row
 * shapes) when the queried collection is batched, or when `with`, a relation
 * filter in `where` or a relation in `orderBy` — at any depth — uses a
 * relation Drizzle does not have or reaches a batched collection. Everything
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

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The target of relation `name` of `collection`, or undefined when `name` is not a relation. */
function relationTarget(options: RoutingOptions, collection: string, name: string): string | undefined {
  return options.collections.get(collection)?.fields.get(name)?.relation?.target;
}

/** Drizzle cannot join relation `name` of `collection` itself: not one of its relations, or it leads to a batched collection. */
function foreignRelation(options: RoutingOptions, collection: string, name: string): boolean {
  const field = options.collections.get(collection)?.fields.get(name);
  if (field?.relation === undefined) return false;
  return !isNativeRelation(options.collections, collection, field) || options.isBatched(field.relation.target);
}

/** Whether a `where` of `collection` has a relation filter (under NOT/OR/AND too, at any depth) Drizzle cannot run. */
function whereNeedsStore(options: RoutingOptions, collection: string, where: unknown): boolean {
  if (!isObject(where)) return false;
  return Object.entries(where).some(([key, value]) => {
    if (key === 'OR' || key === 'AND') return Array.isArray(value) && value.some((sub) => whereNeedsStore(options, collection, sub));
    if (key === 'NOT') return whereNeedsStore(options, collection, value);
    const target = relationTarget(options, collection, key);
    if (target === undefined || value === undefined || value === EmptyFilter) return false;
    return foreignRelation(options, collection, key) || whereNeedsStore(options, target, value);
  });
}

/** Whether an object `orderBy` of `collection` orders by a relation Drizzle cannot join (the store then says it cannot either). */
function orderNeedsStore(options: RoutingOptions, collection: string, orderBy: unknown): boolean {
  if (!isObject(orderBy)) return false;
  return Object.entries(orderBy).some(([key, value]) => {
    const target = relationTarget(options, collection, key);
    return target !== undefined && !!value && (foreignRelation(options, collection, key) || orderNeedsStore(options, target, value));
  });
}

/** Whether a query of `collection` with `config` needs the store (see the module comment). */
function needsStore(options: RoutingOptions, collection: string, config: RelationalFindConfig | undefined): boolean {
  if (options.isBatched(collection)) return true;
  if (config === undefined || config === null) return false;
  if (whereNeedsStore(options, collection, config.where) || orderNeedsStore(options, collection, config.orderBy)) return true;
  return Object.entries(config.with ?? {}).some(([name, value]) => {
    const target = relationTarget(options, collection, name);
    if (!value || target === undefined) return false;
    return foreignRelation(options, collection, name) || needsStore(options, target, value === true ? undefined : value);
  });
}

/** Whether some query of `collection` may need the store: a batched collection or a non-Drizzle relation is reachable through relations. */
function mayNeedStore(options: RoutingOptions, collection: string, seen = new Set<string>()): boolean {
  if (seen.has(collection)) return false;
  seen.add(collection);
  if (options.isBatched(collection)) return true;
  const schema = options.collections.get(collection);
  if (schema === undefined) return false;
  return [...schema.fields.values()].some(
    (field) => field.relation !== undefined && (foreignRelation(options, collection, field.name) || mayNeedStore(options, field.relation.target, seen)),
  );
}

function routed(options: RoutingOptions, collection: string, native: QueryBuilder): QueryBuilder {
  const run = (config: unknown, mode: 'many' | 'first') =>
    new DocumentRelationalQuery(() => {
      const rows = options.operation(() => runRelationalQuery(options.source, collection, config as RelationalFindConfig | undefined, mode));
      return mode === 'many' ? rows : rows[0];
    });
  const config = (value: unknown) => value as RelationalFindConfig | undefined;
  return {
    findMany: (c?: unknown) => (needsStore(options, collection, config(c)) ? run(c, 'many') : native.findMany(c)),
    findFirst: (c?: unknown) => (needsStore(options, collection, config(c)) ? run(c, 'first') : native.findFirst(c)),
  };
}

/** Drizzle's `db.query`, with the collections that may need the store routed as described in the module comment. */
export function routeRelationalQueries<Q extends object>(native: Q, options: RoutingOptions): Q {
  const cache = new Map<string, QueryBuilder>();
  return new Proxy(native, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof property !== 'string' || !options.collections.has(property) || !mayNeedStore(options, property)) return value;
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
