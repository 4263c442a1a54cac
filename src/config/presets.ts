/**
 * The four workload presets of the original API. Each is a complete, frozen
 * `IceTypeConfig`; every value in it is read by the engine (see the option
 * docs in `icetype-config.ts`). Start from one with `createConfig(name, overrides)`.
 */
import { DEFAULT_MAX_BATCH_BYTES, type IceTypeConfig } from './icetype-config.js';
import { deepFreeze } from './plain-object.js';

/** The name of a preset, as `createConfig` takes it. */
export type PresetName = 'FINANCIAL' | 'ANALYTICS' | 'DOCUMENT_STORE' | 'REALTIME';

/**
 * Ledgers, orders and other records that are audited: the rows layout (one
 * SQLite row per document, native indexes), before images of every update
 * and delete kept in `_cdc` so the changelog shows what each value was,
 * frequent export (at 100 waiting changes or 5 seconds) so Iceberg lags
 * little, and bloom filters at a 0.001 false-positive rate so point lookups
 * on batched collections almost never decode a batch in vain. Otherwise as
 * `PRESET_DOCUMENT_STORE`.
 *
 * @example
 * const config = createConfig('FINANCIAL', { shardId: 'ledger-eu-1' });
 */
export const PRESET_FINANCIAL: IceTypeConfig = deepFreeze({
  shardId: 'shard-0',
  storage: { defaultLayout: 'rows', batchSize: 128, maxBatchBytes: DEFAULT_MAX_BATCH_BYTES, compactionThreshold: 0.5 },
  cdc: { enabled: true, captureBefore: true, export: { maxBacklogEntries: 100, maxBacklogAgeMs: 5_000 } },
  indexes: { bloomFalsePositiveRate: 0.001, zoneMaps: true },
  validation: { strictByDefault: true },
});

/**
 * Events and metrics written in bulk and scanned by range: the batched
 * layout by default with 256 documents per row (fewest rows written per
 * document), zone maps on so range queries skip batches, and a large export
 * backlog (100,000 changes or 15 minutes) so each Iceberg commit writes few,
 * large Parquet files. No before images. Otherwise as `PRESET_DOCUMENT_STORE`.
 *
 * @example
 * const config = createConfig('ANALYTICS', { storage: { batchSize: 128 } });
 */
export const PRESET_ANALYTICS: IceTypeConfig = deepFreeze({
  shardId: 'shard-0',
  storage: { defaultLayout: 'batched', batchSize: 256, maxBatchBytes: DEFAULT_MAX_BATCH_BYTES, compactionThreshold: 0.5 },
  cdc: { enabled: true, captureBefore: false, export: { maxBacklogEntries: 100_000, maxBacklogAgeMs: 900_000 } },
  indexes: { bloomFalsePositiveRate: 0.01, zoneMaps: true },
  validation: { strictByDefault: true },
});

/**
 * General application data, and the default (`DEFAULT_CONFIG`): the rows
 * layout for collections without `$storage`; 128 documents and at most
 * 1 MiB per batch for batched collections, merged below half full; CDC on
 * without before images, exported at 1,000 changes or one minute; bloom
 * filters at 0.01 and zone maps on; collections strict unless their schema
 * says `$strict: false`.
 *
 * @example
 * const config = createConfig('DOCUMENT_STORE', { cdc: { enabled: false } });
 */
export const PRESET_DOCUMENT_STORE: IceTypeConfig = deepFreeze({
  shardId: 'shard-0',
  storage: { defaultLayout: 'rows', batchSize: 128, maxBatchBytes: DEFAULT_MAX_BATCH_BYTES, compactionThreshold: 0.5 },
  cdc: { enabled: true, captureBefore: false, export: { maxBacklogEntries: 1_000, maxBacklogAgeMs: 60_000 } },
  indexes: { bloomFalsePositiveRate: 0.01, zoneMaps: true },
  validation: { strictByDefault: true },
});

/**
 * Presence, chat and game state, where each write should be cheap and reach
 * Iceberg at once: the rows layout, small batches of 64 documents for
 * batched collections (so rewriting a batch on update touches fewer
 * bytes), and immediate export thresholds (1 change, 0 ms), so the alarm
 * exports after every write. Otherwise as `PRESET_DOCUMENT_STORE`.
 *
 * @example
 * const config = createConfig('REALTIME', { shardId: `room-${roomId}` });
 */
export const PRESET_REALTIME: IceTypeConfig = deepFreeze({
  shardId: 'shard-0',
  storage: { defaultLayout: 'rows', batchSize: 64, maxBatchBytes: DEFAULT_MAX_BATCH_BYTES, compactionThreshold: 0.5 },
  cdc: { enabled: true, captureBefore: false, export: { maxBacklogEntries: 1, maxBacklogAgeMs: 0 } },
  indexes: { bloomFalsePositiveRate: 0.01, zoneMaps: true },
  validation: { strictByDefault: true },
});

/**
 * The configuration used when none is given: `PRESET_DOCUMENT_STORE`.
 *
 * @example
 * DEFAULT_CONFIG.storage.defaultLayout; // 'rows'
 */
export const DEFAULT_CONFIG: IceTypeConfig = PRESET_DOCUMENT_STORE;

/**
 * Every preset by name.
 *
 * @example
 * PRESETS.ANALYTICS === PRESET_ANALYTICS; // true
 */
export const PRESETS: Readonly<Record<PresetName, IceTypeConfig>> = Object.freeze({
  FINANCIAL: PRESET_FINANCIAL,
  ANALYTICS: PRESET_ANALYTICS,
  DOCUMENT_STORE: PRESET_DOCUMENT_STORE,
  REALTIME: PRESET_REALTIME,
});

/** The preset names, in the order of the original API. */
export const PRESET_NAMES: readonly PresetName[] = Object.freeze(['FINANCIAL', 'ANALYTICS', 'DOCUMENT_STORE', 'REALTIME']);

/**
 * Whether `name` is a preset name (for names read from untyped input).
 *
 * @example
 * isPresetName('ANALYTICS'); // true
 * isPresetName('analytics'); // false
 */
export function isPresetName(name: unknown): name is PresetName {
  return typeof name === 'string' && Object.hasOwn(PRESETS, name);
}
