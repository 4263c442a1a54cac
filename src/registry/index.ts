/**
 * The schema registry (issue 3 §4): field ids (ICETYPE.md §4), evolution
 * rules, versions persisted in `_schemas`, and schema discovery over stored
 * documents (ICETYPE.md §5). Explicit exports only.
 */
export { assignFieldIds, elementPath, fieldIdPaths, type FieldIdAssignment } from './field-ids.js';
export { checkEvolution } from './check-evolution.js';
export type {
  EvolutionOptions,
  EvolutionResult,
  SchemaChange,
  SchemaChangeKind,
  SchemaProblem,
  SchemaProblemCode,
} from './schema-change.js';
export { SchemaRegistryError, type SchemaRegistryErrorCode } from './registry-error.js';
export {
  SchemaRegistry,
  type DiscoveredSchema,
  type DiscoverOptions,
  type RegisteredSchema,
  type RegisterOptions,
  type Registration,
  type SchemaSummary,
} from './schema-registry.js';
export {
  discoverFromDocuments,
  discoveredSchema,
  type DiscoveredField,
  type DiscoveredType,
  type DocumentDiscovery,
} from './discover.js';
