/**
 * Zone maps and the pruning planner of the batched layout (issue 4 §2):
 * typed per-batch field statistics, their JSON form, and the pure decision
 * which batches a filter cannot match. Explicit exports only.
 */
export type { FieldZone, ZoneKind, ZoneMap } from './zone-map.js';
export { buildZoneMap, ZONE_SYSTEM_FIELDS } from './build-zone-map.js';
export { adjustZoneMap } from './adjust-zone-map.js';
export { serializeZoneMap, deserializeZoneMap } from './serialize.js';
export { canPruneBatch, mustMatch, pruneBatches, type BatchStats, type PruneResult } from './can-prune.js';
export { ZoneMapError, type ZoneMapErrorCode } from './zone-map-error.js';
