/**
 * The configuration of one drizzle-icetype shard (one Durable Object). Every
 * option here is read by a named layer of the engine; options nobody reads
 * are not added (the published presets carried many, none of them read).
 */
import type { StorageLayout } from '../icetype/ast.js';

/** Documents per `_batches` row in the batched layout (DESIGN.md §2). */
export type BatchSize = 64 | 128 | 256;

/** The batch sizes `storage.batchSize` accepts, smallest first. */
export const BATCH_SIZES: readonly BatchSize[] = Object.freeze([64, 128, 256] as const);

/** Default byte cap of one batch row: 1 MiB. */
export const DEFAULT_MAX_BATCH_BYTES = 1024 * 1024;

/**
 * Largest allowed byte cap of one batch row: 1.5 MiB. The cap counts the
 * encoded documents only; the row also carries the batch's id, counts and
 * encoding overhead, so this leaves about 400 KB under the 2 MB DO row limit.
 */
export const MAX_BATCH_BYTES = 1.5 * 1024 * 1024;

/**
 * Physical storage of documents (DESIGN.md §2), read by the write pipeline
 * (`src/session/`) and the batch packer (`src/batch/`).
 */
export interface StorageConfig {
  /**
   * Layout of a registered collection whose schema has no `$storage`
   * directive. Collections without a registered schema are always batched.
   * Default `'rows'`. Read by the write pipeline when a collection is first used.
   */
  readonly defaultLayout: StorageLayout;
  /**
   * Most documents in one `_batches` row: 64, 128 or 256. Default 128.
   * Read by the batch packer.
   */
  readonly batchSize: BatchSize;
  /**
   * Most bytes of encoded documents in one `_batches` row; a document larger
   * than this is rejected. An integer from 1 to `MAX_BATCH_BYTES` (1.5 MiB).
   * Default `DEFAULT_MAX_BATCH_BYTES` (1 MiB). Read by the batch packer.
   */
  readonly maxBatchBytes: number;
  /**
   * Fill ratio (documents / `batchSize`, from 0 to 1) below which a batch is
   * merged with a neighbour by automatic compaction; 0 turns automatic
   * compaction off (it stays callable). Default 0.5. Read by the batch packer
   * after updates and deletes.
   */
  readonly compactionThreshold: number;
}

/**
 * When the DO's alarm exports the CDC backlog to Iceberg (issue 6 §2,
 * "Streaming"): as soon as either threshold is reached. Read by the export
 * scheduler (`src/cdc/`). `db.cdc.exportNow()` ignores both.
 */
export interface CdcExportConfig {
  /**
   * Export once at least this many unsynced entries are waiting. An integer
   * of at least 1. Default 1,000.
   */
  readonly maxBacklogEntries: number;
  /**
   * Export once the oldest unsynced entry is at least this old, in
   * milliseconds; 0 exports on the next alarm after any write. An integer of
   * at least 0. Default 60,000 (one minute).
   */
  readonly maxBacklogAgeMs: number;
}

/** Change data capture into `_cdc` (DESIGN.md §5), read by `src/cdc/`. */
export interface CdcConfig {
  /**
   * Record changes of collections whose schema has no `$cdc` directive.
   * Default `true`. Read when the CDC triggers are (re)created.
   */
  readonly enabled: boolean;
  /**
   * Store the before image of updates and deletes in `_cdc.before`. Default
   * `false`. Read when the CDC triggers are (re)created.
   */
  readonly captureBefore: boolean;
  /** When the backlog is exported. */
  readonly export: CdcExportConfig;
}

/** Per-batch pruning statistics of the batched layout (issue 4 §2), read by `src/batch/`. */
export interface IndexesConfig {
  /**
   * False-positive rate of each batch's bloom filters on `$id` and `#`
   * fields; strictly between 0 and 1. Lower rates prune more and cost more
   * bytes per batch. Default 0.01.
   */
  readonly bloomFalsePositiveRate: number;
  /**
   * Keep zone maps (typed min/max, null count, count per field) for each
   * batch so the planner can skip batches by range. Default `true`.
   */
  readonly zoneMaps: boolean;
}

/** Document validation on writes, read by the write pipeline (`src/session/`). */
export interface ValidationConfig {
  /**
   * Whether a collection whose schema has no `$strict` directive rejects
   * fields not in its schema. Default `true` (ICETYPE.md §2).
   */
  readonly strictByDefault: boolean;
}

/**
 * Everything configurable about one shard. Build one with `createConfig`
 * (from a preset) or `mergeConfig`; both return a validated, frozen value.
 *
 * @example
 * const config: IceTypeConfig = createConfig('ANALYTICS', { shardId: 'events-7' });
 * config.storage.batchSize; // 256
 */
export interface IceTypeConfig {
  /**
   * This shard's name, recorded in every `_cdc` entry and the Iceberg
   * `_shard` column. A non-empty string. Default `'shard-0'`. Read by the
   * session, which keeps it in `_cdc_state` for the CDC triggers.
   */
  readonly shardId: string;
  readonly storage: StorageConfig;
  readonly cdc: CdcConfig;
  readonly indexes: IndexesConfig;
  readonly validation: ValidationConfig;
}

/**
 * `T` with every property optional, recursively. Arrays are not recursed
 * into: an override replaces an array whole.
 *
 * @example
 * const overrides: DeepPartial<IceTypeConfig> = { cdc: { export: { maxBacklogAgeMs: 0 } } };
 */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { readonly [K in keyof T]?: DeepPartial<T[K]> }
    : T;
