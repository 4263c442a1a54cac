import { installSystemTables } from '../../compile/system-ddl.js';
import { bloomAdd, bloomFields, bloomKey, bloomMightContain, createBloomFilter, deserializeBloomFilter, serializeBloomFilter, type BloomFilter } from '../bloom/index.js';
import { BatchTable } from '../store/batch-table.js';
import { checkName, collectionOf, PruningManagerError, withStatsTable, type ManagedDatabase } from './managed-database.js';
import { PruningStatsTable } from './pruning-stats-table.js';

/** Sizing of the filters `addValue` creates. */
export interface BloomFilterManagerOptions {
  /** Values each (collection, field) filter is sized for. Default 10,000. */
  readonly expectedItems?: number;
  /** Default: the database's `indexes.bloomFalsePositiveRate`. */
  readonly falsePositiveRate?: number;
}

/**
 * Bloom filters by (collection, field) (`createBloomFilterManager`, the
 * original API over `src/batch/bloom/`): `addValue` records values,
 * `mightContain` answers "definitely not" or "maybe". For a field the
 * batched layout keeps filters on (`$id`, `#` fields, unique fields of a
 * batched collection), `mightContain` also asks every batch's own filter,
 * so stored documents count without being added.
 */
export interface BloomFilterManager {
  /** Creates the statistics table if missing (`migrate` does too). */
  initialize(): void;
  /** Records a value of `collection.field` (one row written). */
  addValue(collection: string, field: string, value: unknown): void;
  /** Records many values in one write. */
  addValues(collection: string, field: string, values: Iterable<unknown>): void;
  /**
   * False only when the value was certainly never recorded — and, on a field
   * the batched layout keeps filters on, is certainly in no batch. Other
   * stored fields are not looked at: record their values with `addValue`.
   */
  mightContain(collection: string, field: string, value: unknown): boolean;
}

/** The string a value is hashed as: the batched layout's key where it has one, else a tagged JSON form. */
function keyOf(value: unknown): string {
  const key = bloomKey(value);
  if (key !== undefined) return key;
  if (value instanceof Date) return `t:${value.getTime()}`;
  if (value === undefined) throw new PruningManagerError('INVALID_ARGUMENT', 'expected a value, found undefined');
  return `j:${JSON.stringify(value)}`;
}

/**
 * @example
 * const bloom = createBloomFilterManager(db);
 * bloom.addValue('users', 'email', 'alice@myapp.com');
 * bloom.mightContain('users', 'email', 'alice@myapp.com'); // true
 * bloom.mightContain('users', 'email', 'bob@myapp.com');   // false, except at the false-positive rate
 */
export function createBloomFilterManager(db: ManagedDatabase, options: BloomFilterManagerOptions = {}): BloomFilterManager {
  const sql = db.$client.sql;
  const table = new PruningStatsTable(sql);
  const expectedItems = options.expectedItems ?? 10_000;
  const falsePositiveRate = options.falsePositiveRate ?? db.$config.indexes.bloomFalsePositiveRate;
  // Validates the sizing once, up front (throws BloomFilterError INVALID_ARGUMENT).
  createBloomFilter(expectedItems, falsePositiveRate);

  const load = (collection: string, field: string): BloomFilter | undefined => {
    const bytes = withStatsTable(() => table.readBloom(collection, field));
    return bytes === undefined ? undefined : deserializeBloomFilter(new Uint8Array(bytes));
  };

  const addValues = (collection: string, field: string, values: Iterable<unknown>): void => {
    const name = checkName('collection', collection);
    const key = checkName('field', field);
    const filter = load(name, key) ?? createBloomFilter(expectedItems, falsePositiveRate);
    for (const value of values) bloomAdd(filter, keyOf(value));
    withStatsTable(() => table.writeBloom(name, key, serializeBloomFilter(filter), new Date()));
  };

  /** Whether some batch of a batched collection may hold the value in `field`. */
  const inBatches = (collection: string, field: string, value: unknown): boolean => {
    const { schema, batched } = collectionOf(db, collection);
    if (!batched || !bloomFields(schema).includes(field)) return false;
    const key = bloomKey(value);
    const batches = new BatchTable(sql, collection).summaries();
    return batches.some((batch) => {
      if (batch.stats.blooms === null || key === undefined) return true;
      const filter = batch.stats.blooms.get(field);
      return filter === undefined || bloomMightContain(filter, key);
    });
  };

  return {
    initialize: () => installSystemTables(sql),
    addValue: (collection, field, value) => addValues(collection, field, [value]),
    addValues,
    mightContain(collection, field, value) {
      const name = checkName('collection', collection);
      const key = checkName('field', field);
      const recorded = load(name, key);
      if (recorded !== undefined && bloomMightContain(recorded, keyOf(value))) return true;
      return inBatches(name, key, value);
    },
  };
}
