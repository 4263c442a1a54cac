import type { ChangeEntry } from '../../cdc/change-entry.js';
import type { IceTypeSchema } from '../../icetype/ast.js';
import type { ParquetWasmLoader } from '../../parquet/writer/parquet-wasm.js';
import type { FieldIdAssignment } from '../../registry/field-ids.js';
import type { CommitTarget } from '../table/commit-change.js';
import { finishRecorded } from '../table/commit-snapshot.js';
import { IcebergError } from '../table/iceberg-error.js';
import { TableLog, type TableKind } from '../table/table-log.js';
import type { TableState } from '../table/table-state.js';
import { checkOptions, EXPORT_DEFAULTS, type ExportOptions } from './export-options.js';
import { newTableMetadata, withCurrentSchema } from './table-schema.js';

/** What the export needs of the database. */
export interface ExportContext {
  readonly sql: SqlStorage;
  readonly transaction: <T>(fn: () => T) => T;
  readonly collections: ReadonlyMap<string, IceTypeSchema>;
  readonly fieldIds: (collection: string) => FieldIdAssignment | undefined;
  readonly unsynced: (limit: number) => ChangeEntry[];
  readonly markSynced: (seqs: Iterable<number>) => void;
}

/** One run's view of the warehouse: the commit target plus the options, checked and defaulted. */
export interface ExportTarget extends CommitTarget {
  readonly context: ExportContext;
  readonly location: string;
  readonly namespace: string;
  readonly wasm: ParquetWasmLoader;
  readonly limit: number;
  readonly maxRowsPerFile: number;
  /** Live files past which an export compacts a table (0: never). */
  readonly autoCompactFiles: number;
}

/** What an export committed to one table. */
export interface TableExport {
  /** `<namespace>/<table>`. */
  readonly key: string;
  readonly snapshotId: number;
  /** Change-log entries the snapshot holds. */
  readonly entries: number;
  /** Data files it adds. */
  readonly files: number;
  /** Position-delete files it adds (mirror tables). */
  readonly deleteFiles: number;
}

/** The target of a run; throws `IcebergError` `INVALID_OPTION` for malformed options. */
export function exportTarget(context: ExportContext, options: ExportOptions, now: Date): ExportTarget {
  checkOptions(options);
  return {
    context,
    store: options.store,
    log: new TableLog(context.sql),
    transaction: context.transaction,
    now,
    location: options.location,
    namespace: options.namespace ?? EXPORT_DEFAULTS.namespace,
    wasm: options.wasm,
    limit: options.limit ?? EXPORT_DEFAULTS.limit,
    maxRowsPerFile: options.maxRowsPerFile ?? EXPORT_DEFAULTS.maxRowsPerFile,
    autoCompactFiles: options.autoCompactFiles ?? EXPORT_DEFAULTS.autoCompactFiles,
    limits: {
      maxSnapshots: options.maxSnapshots ?? EXPORT_DEFAULTS.maxSnapshots,
      maxMetadataLog: options.maxMetadataLog ?? EXPORT_DEFAULTS.maxMetadataLog,
      maxManifests: options.maxManifests ?? EXPORT_DEFAULTS.maxManifests,
    },
  };
}

/** The key (`<namespace>/<table>`) of a collection's table: the mirror is `<namespace>/<Collection>`, the changelog `<namespace>/<Collection>_changelog`. */
export function tableKey(namespace: string, collection: string, kind: TableKind): string {
  return kind === 'mirror' ? `${namespace}/${collection}` : `${namespace}/${collection}_changelog`;
}

/** A collection's table as the next snapshot starts from it: recorded (created, at version 0, when new), with the collection's current schema. */
export interface OpenTable {
  readonly schema: IceTypeSchema;
  readonly fieldIds: FieldIdAssignment | undefined;
  readonly state: TableState;
}

/**
 * Opens a collection's `kind` table, recording it when new (`create`) or
 * returning undefined when not. Throws `TABLE_KEY_CONFLICT` when the key
 * belongs to another collection's table.
 */
export function openTable(target: ExportTarget, collection: string, kind: TableKind, create: boolean): OpenTable | undefined {
  const { context, log, now } = target;
  const schema = context.collections.get(collection)!;
  const fieldIds = context.fieldIds(collection);
  const key = tableKey(target.namespace, collection, kind);
  const record = log.load(key);
  let state: TableState;
  if (record !== null) {
    if (record.collection !== collection || record.kind !== kind) {
      throw new IcebergError('TABLE_KEY_CONFLICT', `expected ${key} to be the ${kind} table of ${collection}, found the ${record.kind} table of ${record.collection}`);
    }
    state = record.state;
  } else {
    if (!create) return undefined;
    state = { key, version: 0, metadata: newTableMetadata(kind, schema, fieldIds, `${target.location}/${key}`, now), manifests: [], files: { data: [], deletes: [] }, throughSeq: 0 };
    context.transaction(() => log.create(collection, kind, state, now));
  }
  return { schema, fieldIds, state: { ...state, metadata: withCurrentSchema(state.metadata, kind, schema, fieldIds) } };
}

/**
 * A collection's `kind` table as a compaction starts from it, after any
 * commit a failed run left recorded is finished: its key, and the table —
 * undefined when it has no snapshot yet. Throws `IcebergError`
 * `UNKNOWN_COLLECTION` for a collection not in the schema.
 */
export async function openForCompaction(target: ExportTarget, collection: string, kind: TableKind): Promise<{ key: string; opened: OpenTable | undefined }> {
  if (!target.context.collections.has(collection)) {
    throw new IcebergError('UNKNOWN_COLLECTION', `expected a collection of the schema (${[...target.context.collections.keys()].join(', ')}), found ${JSON.stringify(collection)}`);
  }
  await finishRecorded(target.store, target.log, target.transaction, target.now);
  const opened = openTable(target, collection, kind, false);
  return { key: tableKey(target.namespace, collection, kind), opened: opened === undefined || opened.state.version === 0 ? undefined : opened };
}
