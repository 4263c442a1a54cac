/**
 * The query-filter layer of the document API (issue 3 §1): filters, orderings
 * and keyset cursors, compiled to DO SQLite and evaluated in memory with the
 * same semantics. Explicit exports only.
 */
export type { CompiledSql, FieldCondition, FieldOperators, Filter, FilterOptions, FilterValue, OrderBy, QuerySpec, SortDirection, SqlOptions, SqlValue } from './types.js';
export { FilterError, type FilterErrorCode } from './filter-error.js';
export { MAX_BOUND_PARAMETERS, MAX_FILTER_NESTING, MAX_FILTER_SQL_DEPTH, MAX_ORDER_FIELDS } from './limits.js';
export { compileFilter } from './compile-filter.js';
export { compileOrderBy, orderKeys, type OrderKey } from './order-by.js';
export { compileCursorCondition, afterCursor } from './cursor-condition.js';
export { encodeCursor, decodeCursor, type CursorValue, type DecodedCursor } from './cursor.js';
export { compileMatcher, matchesFilter, type DocumentPredicate } from './match-filter.js';
export { compareDocuments } from './compare-documents.js';
export { compileQuery, queryDocuments } from './query.js';
