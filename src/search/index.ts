/**
 * Search (issue 3 §5): full-text search over `$fts` fields with FTS5 and
 * BM25, exact cosine nearest neighbours over `vector(N)` fields, and the
 * installer of the FTS5 tables and their sync triggers. Explicit exports only.
 */
export { dropSearchTriggers, installSearchIndexes } from './install-search-indexes.js';
export { ftsDefinition, ftsTableName, FTS_TOKENIZER, FTS_TRIGGER_PREFIX, type FtsDefinition } from './fts-objects.js';
export { search, MAX_QUERY_LENGTH, MAX_QUERY_TERMS, MAX_SEARCH_LIMIT, type SearchHit, type SearchOptions } from './search.js';
export { nearest, MAX_NEAREST_K, NEAREST_PAGE_SIZE, type NearestOptions } from './nearest.js';
export { SearchError, type SearchErrorCode } from './search-error.js';
export { matchExpression, searchTerms, type MatchExpressionOptions } from './fts-query.js';
export { cosineSimilarity } from './cosine.js';
export { TopK } from './top-k.js';
