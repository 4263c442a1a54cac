import { installSystemTables } from '../../compile/system-ddl.js';
import type { Filter } from '../../store/filter/index.js';
import { buildZoneMap, canPruneBatch, deserializeZoneMap, serializeZoneMap, type ZoneMap } from '../zone-map/index.js';
import { checkName, collectionOf, PruningManagerError, withStatsTable, type ManagedDatabase } from './managed-database.js';
import { PruningStatsTable } from './pruning-stats-table.js';

/** A one-field condition in the original API's form: `{ field: 'age', operator: '$gt', value: 30 }`. */
export interface ZonePredicate {
  readonly field: string;
  readonly operator: '$eq' | '$ne' | '$gt' | '$gte' | '$lt' | '$lte' | '$in' | '$nin';
  readonly value: unknown;
}

/** Whether a batch can be skipped, and why. */
export interface PruneDecision {
  readonly canPrune: boolean;
  /** `'zone map'` (pruned), `'may match'`, or `'no statistics'` for a batch nothing is known about. */
  readonly reason: 'zone map' | 'may match' | 'no statistics';
}

/**
 * Zone maps by batch key (`createZoneMapManager`, the original API over the
 * typed zone maps of `src/batch/zone-map/`): `updateStatsForBatch` records
 * the typed min/max, null count and count of each field of the documents
 * given; `canPruneBatch` says whether a condition can match nothing in the
 * batch. A key that is the id of one of a batched collection's own
 * `_batches` rows, with no statistics recorded under it, answers from that
 * batch's zone map.
 */
export interface ZoneMapManager {
  /** Creates the statistics table if missing (`migrate` does too). */
  initialize(): void;
  /** Records the zone map of `documents` under (`collection`, `batchId`), replacing any earlier one. Returns it. */
  updateStatsForBatch(collection: string, batchId: string | number, documents: readonly Readonly<Record<string, unknown>>[]): ZoneMap;
  /** The zone map recorded (or kept by the batched layout) for the batch, or null. */
  getStats(collection: string, batchId: string | number): ZoneMap | null;
  /** Whether no document of the batch can satisfy the condition (a `ZonePredicate`, or any store filter). */
  canPruneBatch(collection: string, batchId: string | number, condition: ZonePredicate | Filter): PruneDecision;
}

const OPERATORS = new Set(['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin']);

function isPredicate(condition: ZonePredicate | Filter): condition is ZonePredicate {
  return typeof condition === 'object' && condition !== null && 'field' in condition && 'operator' in condition && typeof condition.operator === 'string';
}

function toFilter(condition: ZonePredicate | Filter): Filter {
  if (!isPredicate(condition)) return condition;
  if (!OPERATORS.has(condition.operator)) {
    throw new PruningManagerError('INVALID_ARGUMENT', `expected operator to be one of ${[...OPERATORS].join(', ')}, found ${JSON.stringify(condition.operator)}`);
  }
  return { [checkName('field', condition.field)]: { [condition.operator]: condition.value } } as Filter;
}

function batchKey(batchId: unknown): string {
  if (typeof batchId === 'number' && Number.isSafeInteger(batchId)) return String(batchId);
  return checkName('batchId', batchId);
}

/**
 * @example
 * const zoneMaps = createZoneMapManager(db);
 * zoneMaps.updateStatsForBatch('users', 'batch-123', documents);
 * zoneMaps.canPruneBatch('users', 'batch-123', { field: 'age', operator: '$gt', value: 30 }); // { canPrune: true, reason: 'zone map' } when every age ≤ 30
 */
export function createZoneMapManager(db: ManagedDatabase): ZoneMapManager {
  const sql = db.$client.sql;
  const table = new PruningStatsTable(sql);

  const stats = (collection: string, key: string): ZoneMap | null => {
    const recorded = withStatsTable(() => table.readZoneMap(collection, key));
    if (recorded !== undefined) return deserializeZoneMap(recorded);
    if (!collectionOf(db, collection).batched || !/^\d+$/.test(key)) return null;
    const own = sql.exec<{ zone_map: string | null }>('SELECT zone_map FROM _batches WHERE id = ? AND collection = ?', Number(key), collection).toArray()[0];
    return own?.zone_map == null ? null : deserializeZoneMap(own.zone_map);
  };

  return {
    initialize: () => installSystemTables(sql),
    updateStatsForBatch(collection, batchId, documents) {
      const name = checkName('collection', collection);
      if (!Array.isArray(documents)) throw new PruningManagerError('INVALID_ARGUMENT', `expected an array of documents, found ${typeof documents}`);
      const zoneMap = buildZoneMap(collectionOf(db, name).schema, documents);
      withStatsTable(() => table.writeZoneMap(name, batchKey(batchId), serializeZoneMap(zoneMap), new Date()));
      return zoneMap;
    },
    getStats: (collection, batchId) => stats(checkName('collection', collection), batchKey(batchId)),
    canPruneBatch(collection, batchId, condition) {
      const name = checkName('collection', collection);
      const filter = toFilter(condition);
      const zoneMap = stats(name, batchKey(batchId));
      if (zoneMap === null) return { canPrune: false, reason: 'no statistics' };
      const { schema } = collectionOf(db, name);
      const prune = canPruneBatch(schema, zoneMap, filter, schema === undefined || (schema.directives.strict ?? db.$config.validation.strictByDefault) ? {} : { unknownFields: 'document' });
      return { canPrune: prune, reason: prune ? 'zone map' : 'may match' };
    },
  };
}

