/**
 * Fuzzy relations (`~> T`, `<~ T.f`; issue 5 §3, DESIGN.md §4): the
 * matchers that fill them — a deterministic text matcher and an embedding
 * matcher — their configuration, and `db.fuzzy`. Explicit exports only.
 */
export { FuzzyError, type FuzzyErrorCode } from './fuzzy-error.js';
export { DEFAULT_FUZZY_TOP_K, MAX_FUZZY_TOP_K, type FuzzyMatcher, type MatcherOptions } from './matcher.js';
export { textMatcher, type TextMatcherOptions } from './text-matcher.js';
export { embeddingMatcher, type EmbedFunction, type EmbeddingMatcherOptions } from './embedding-matcher.js';
export { textSimilarity, wordTokens } from './text-similarity.js';
export { resolveMatchers, type FuzzyCollectionNames, type FuzzyFieldNames, type FuzzyMatchers, type ResolvedMatchers, type TextFieldNames } from './matcher-config.js';
export { createFuzzyRelations, type FuzzyMatchResult, type FuzzyRelations } from './fuzzy-relations.js';
