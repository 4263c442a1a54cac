/**
 * Drizzle relational queries (RQB v2) over store documents: the translation
 * the batched layout uses to serve `db.query.X.findMany`/`findFirst`.
 * Explicit exports only.
 */
export { planRelationalQuery } from './plan-relational-query.js';
export type { DocumentComparator, RelationalFindConfig, RelationalPlan, RelationalQueryMode, RelationalWhere } from './types.js';
export { RelationalQueryError, type RelationalQueryErrorCode } from './relational-query-error.js';
export { MAX_LIKE_PATTERN_BYTES } from './like-pattern.js';
export { runRelationalQuery } from './load-relations.js';
export { createDocumentSource, type DocumentSource, type StoreReads } from './document-source.js';
export { routeRelationalQueries, routeTransactions, type RoutingOptions } from './route-queries.js';
export { DocumentRelationalQuery } from './document-query.js';
