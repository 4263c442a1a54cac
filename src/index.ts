/**
 * drizzle-icetype — the public API. Everything not exported here is internal.
 */

// The IceType language
export * from './icetype/index.js';
export { defineSchema, type IceTypeSchemaSet, type InferDocument, type InferNewDocument } from './icetype/define-schema.js';
export type * from './icetype/static/index.js';

// IceType → Drizzle
export { compileSchema, type CompiledSchema } from './compile/compile-schema.js';
export type { CollectionTable, ColumnKey, CompiledRelations, CompiledTables, InferNewRow, InferRow } from './compile/types.js';
export { _batches, _cdc, _cdc_state, _iceberg_positions, _iceberg_tables, _pruning_stats, _rels, _schemas, systemTables, type SystemTables } from './compile/system-tables.js';
export { SYSTEM_FIELD_NAMES, type SystemFieldName } from './compile/system-columns.js';
export { decodeVector, encodeVector } from './compile/binary-columns.js';

// Durable Object session
export { drizzle, type DrizzleIceTypeConfig, type IceTypeChangeLog, type IceTypeDatabase } from './session/drizzle.js';
export { migrate, type MigrationConfig, type MigrationResult } from './session/migrate.js';
export { MigrationError, type ForeignKeyViolation, type MigrationErrorCode } from './session/migration-error.js';
export { createIceTypeDO, type IceTypeDO, type IceTypeDOOptions } from './session/icetype-do.js';

// Documents
export { DocumentStore, type QueryExplanation, type QueryOptions, type QueryResult, type WriteOptions } from './store/document-store.js';
export type { RowsPlan } from './store/collection-engine.js';
export type { BatchedPlan, CompactionResult } from './batch/store/index.js';
export { StoreError, type StoreErrorCode } from './store/store-error.js';
export { RelationError, type RelationErrorCode, type RelationName, type RelationTarget, type RelationTraversal, type Traversal, type TraversalDocument, type TraversalMethods, type TraversalPageOptions } from './relations/traversal/index.js';
export {
  embeddingMatcher,
  FuzzyError,
  MAX_FUZZY_TOP_K,
  textMatcher,
  textSimilarity,
  wordTokens,
  type EmbedFunction,
  type EmbeddingMatcherOptions,
  type FuzzyErrorCode,
  type FuzzyMatcher,
  type FuzzyMatchers,
  type FuzzyMatchResult,
  type FuzzyRelations,
  type TextMatcherOptions,
} from './relations/fuzzy/index.js';
export {
  DocumentError,
  MAX_DOCUMENT_BYTES,
  type DocumentErrorCode,
  type DocumentIssue,
  type NormalizedDocument,
} from './store/values/index.js';
export { FilterError, matchesFilter, type Filter, type FilterErrorCode, type OrderBy } from './store/filter/index.js';

// Search
export { SearchError, type NearestOptions, type SearchErrorCode, type SearchHit, type SearchOptions } from './search/index.js';

// Schema registry
export {
  SchemaRegistry,
  SchemaRegistryError,
  type DiscoveredSchema,
  type FieldIdAssignment,
  type RegisteredSchema,
  type Registration,
  type SchemaProblem,
  type SchemaRegistryErrorCode,
  type SchemaSummary,
} from './registry/index.js';

// Batched layout: pruning structures
export {
  bloomAdd,
  bloomMerge,
  bloomMightContain,
  BloomFilterError,
  createBloomFilter,
  deserializeBloomFilter,
  estimateFalsePositiveRate,
  serializeBloomFilter,
  type BloomFilter,
} from './batch/bloom/index.js';
export {
  createBloomFilterManager,
  createZoneMapManager,
  PruningManagerError,
  type BloomFilterManager,
  type BloomFilterManagerOptions,
  type ManagedDatabase,
  type PruneDecision,
  type PruningManagerErrorCode,
  type ZoneMapManager,
  type ZonePredicate,
} from './batch/managers/index.js';
export type { FieldZone, ZoneKind, ZoneMap } from './batch/zone-map/index.js';

// Change data capture
export type { ChangeLog } from './cdc/change-log-api.js';
export type { ChangeCursor, ChangeEntry } from './cdc/change-entry.js';

// Iceberg and Parquet generators
export * from './iceberg/index.js';
export * from './parquet/index.js';

// Configuration
export * from './config/index.js';
export type { CostReport, RowCost } from './session/cost-meter.js';
export type { CollectionStats, DatabaseStats, ShardStats } from './session/stats.js';

// Errors
export { IceTypeError } from './errors.js';
