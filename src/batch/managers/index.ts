/** The original API's pruning managers (issue 4 §2), over the batched layout's zone maps and bloom filters. */
export { createZoneMapManager, type PruneDecision, type ZoneMapManager, type ZonePredicate } from './zone-map-manager.js';
export { createBloomFilterManager, type BloomFilterManager, type BloomFilterManagerOptions } from './bloom-filter-manager.js';
export { PruningManagerError, type ManagedDatabase, type PruningManagerErrorCode } from './managed-database.js';
