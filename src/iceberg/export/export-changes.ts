import type { IceTypeSchema } from '../../icetype/ast.js';
import type { ChangeEntry } from '../../cdc/change-entry.js';
import { documentToParquetRow, type ParquetRow } from '../../parquet/index.js';
import { arrowTableFor } from '../../parquet/writer/collection-table.js';
import { dataFileMetrics, type DataFileMetrics } from '../../parquet/writer/data-file-metrics.js';
import type { ParquetWasmLoader } from '../../parquet/writer/parquet-wasm.js';
import { writeParquet } from '../../parquet/writer/write-parquet.js';
import type { ChangelogValues } from '../../parquet/writer/changelog-columns.js';
import type { FieldIdAssignment } from '../../registry/field-ids.js';
import type { DataFileRecord, MetricEntry } from '../avro/index.js';
import type { IcebergField, IcebergPrimitiveType } from '../metadata/index.js';
import { serializeSingleValue } from '../table/single-value.js';
import type { ObjectStore } from '../store/object-store.js';
import { commitSnapshot } from '../table/commit-snapshot.js';
import { IcebergError } from '../table/iceberg-error.js';
import { prepareSnapshot, type AddedFile } from '../table/prepare-snapshot.js';
import { TableLog, type PendingCommit } from '../table/table-log.js';
import { locationOf, tableKeys, type TableState } from '../table/table-state.js';
import { changelogMetadata, withCurrentSchema } from './changelog-table.js';
import { partitionOf } from './partition-values.js';

/**
 * The export of the change log to Iceberg (DESIGN.md §5, issue 6 §2): the
 * unsynced entries of each collection become one snapshot of its changelog
 * table — Parquet data files (one per partition), a manifest, a manifest
 * list, the next metadata — committed with `commitSnapshot`, after which
 * (and only after which) the entries are marked synced. A run first
 * finishes any commit a failed run left recorded, so no change is lost or
 * exported twice whatever step failed.
 */

/** Where and how to export. */
export interface ExportOptions {
  /** The object store holding the warehouse (`r2ObjectStore(env.BUCKET, 'warehouse/')`, `directoryObjectStore(dir)`). */
  readonly store: ObjectStore;
  /** The warehouse's URI as readers resolve it, without a trailing `/`: `s3://bucket/warehouse`, `file:///srv/warehouse`. Table locations are `<location>/<namespace>/<table>`. */
  readonly location: string;
  /** The namespace (directory) of the tables; default `'default'`. */
  readonly namespace?: string;
  /** How parquet-wasm is loaded: `workerdParquetWasm` in Workers, `nodeParquetWasm` in Node. */
  readonly wasm: ParquetWasmLoader;
  /** Most change-log entries per run; default 100,000. */
  readonly limit?: number;
}

/** What the export needs of the database. */
export interface ExportContext {
  readonly sql: SqlStorage;
  readonly transaction: <T>(fn: () => T) => T;
  readonly collections: ReadonlyMap<string, IceTypeSchema>;
  readonly fieldIds: (collection: string) => FieldIdAssignment | undefined;
  readonly unsynced: (limit: number) => ChangeEntry[];
  readonly markSynced: (seqs: Iterable<number>) => void;
}

/** What one export did. */
export interface ExportResult {
  /** Snapshots committed, by table key (`<namespace>/<table>`). */
  readonly tables: readonly { readonly key: string; readonly snapshotId: number; readonly entries: number; readonly files: number }[];
  /** Change-log entries exported (now marked synced). */
  readonly entries: number;
  /** Entries left unsynced because their collection is not in the schema (schemaless collections are not exported yet). */
  readonly skipped: number;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,127}$/;

function checkOptions(options: ExportOptions): void {
  const namespace = options.namespace ?? 'default';
  if (!NAME.test(namespace)) throw new IcebergError('INVALID_OPTION', `expected a namespace of letters, digits, "_" and "-" (at most 128), found ${JSON.stringify(namespace)}`);
  if (typeof options.location !== 'string' || !/^[a-z][a-z0-9+.-]*:\/\/\S*[^/]$/.test(options.location)) {
    throw new IcebergError('INVALID_OPTION', `expected a location URI without a trailing "/" (s3://bucket/warehouse, file:///srv/warehouse), found ${typeof options.location === 'string' ? JSON.stringify(options.location) : typeof options.location}`);
  }
  const limit = options.limit;
  if (limit !== undefined && !(Number.isSafeInteger(limit) && limit >= 1)) throw new IcebergError('INVALID_OPTION', `expected limit to be a whole number ≥ 1, found ${String(limit)}`);
}

/** `[from, to]` ranges of sorted distinct numbers. */
function ranges(seqs: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const seq of seqs) {
    const last = out[out.length - 1];
    if (last !== undefined && seq === last[1] + 1) last[1] = seq;
    else out.push([seq, seq]);
  }
  return out;
}

function* expand(seqRanges: PendingCommit['seqRanges']): Iterable<number> {
  for (const [from, to] of seqRanges) for (let seq = from; seq <= to; seq++) yield seq;
}

const MICROS_PER_MS = 1000n;

/** A change as a changelog row: the document after it (before it, for deletes; only `$id` without a before image) and the change columns. */
function changelogRow(schema: IceTypeSchema, entry: ChangeEntry): ParquetRow {
  const image = entry.op === 'delete' ? entry.before : entry.after;
  const row: ParquetRow = image === null ? { $id: entry.id, $type: entry.collection } : documentToParquetRow(schema, image);
  row._op = entry.op;
  row._seq = BigInt(entry.seq);
  row._ts = BigInt(entry.timestamp.getTime()) * MICROS_PER_MS;
  row._shard = entry.shardId;
  return row;
}

/** Exports the change log's unsynced entries; see the module comment. */
export async function exportChanges(context: ExportContext, options: ExportOptions, now = new Date()): Promise<ExportResult> {
  checkOptions(options);
  const { store } = options;
  const namespace = options.namespace ?? 'default';
  const log = new TableLog(context.sql);
  const onCommitted = (pending: PendingCommit) => context.markSynced(expand(pending.seqRanges));
  // A commit a failed run left recorded lands (or turns out to have landed) first, and a version hint
  // a failed run did not write is written.
  for (const { key } of log.keys()) {
    const record = log.load(key)!;
    if (record.pending) await commitSnapshot(store, log, key, record.pending, context.transaction, onCommitted, now);
    else if (record.state.version > 0) await ensureVersionHint(store, key, record.state.version);
  }
  const entries = context.unsynced(options.limit ?? 100_000);
  const byCollection = new Map<string, ChangeEntry[]>();
  let skipped = 0;
  for (const entry of entries) {
    if (!context.collections.has(entry.collection)) {
      skipped++;
      continue;
    }
    let list = byCollection.get(entry.collection);
    if (list === undefined) byCollection.set(entry.collection, (list = []));
    list.push(entry);
  }
  const tables: { key: string; snapshotId: number; entries: number; files: number }[] = [];
  for (const [collection, changes] of byCollection) {
    const schema = context.collections.get(collection)!;
    const fieldIds = context.fieldIds(collection);
    const key = `${namespace}/${collection}_changelog`;
    let state: TableState | undefined = log.load(key)?.state;
    if (state === undefined) {
      const created: TableState = { key, version: 0, metadata: changelogMetadata(schema, fieldIds, `${options.location}/${key}`, now), manifests: [], files: { data: [], deletes: [] } };
      context.transaction(() => log.create(collection, 'changelog', created, now));
      state = created;
    }
    state = { ...state, metadata: withCurrentSchema(state.metadata, schema, fieldIds) };
    const columns = state.metadata.schemas.find((s) => s['schema-id'] === state!.metadata['current-schema-id'])!.fields;
    const changelogRows = (rows: ParquetRow[]) => rows as (ParquetRow & ChangelogValues)[];
    // One data file per partition.
    const partitions = new Map<string, { partition: Record<string, unknown>; rows: ParquetRow[] }>();
    for (const change of changes) {
      const row = changelogRow(schema, change);
      const partition = partitionOf(state.metadata, row);
      const id = JSON.stringify(partition, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
      let group = partitions.get(id);
      if (group === undefined) partitions.set(id, (group = { partition, rows: [] }));
      group.rows.push(row);
    }
    const files: AddedFile[] = [];
    for (const { partition, rows } of partitions.values()) {
      const table = arrowTableFor(schema, changelogRows(rows), { changelog: true, ...(fieldIds === undefined ? {} : { fieldIds }) });
      const bytes = writeParquet(table, { wasm: options.wasm });
      const fileKey = tableKeys.dataFile(key, crypto.randomUUID());
      await store.put(fileKey, bytes);
      const record: DataFileRecord = {
        content: 0,
        file_path: locationOf(state, fileKey),
        file_format: 'PARQUET',
        partition,
        record_count: rows.length,
        file_size_in_bytes: bytes.length,
        ...metricsRecord(dataFileMetrics(table), columns),
        sort_order_id: 0,
      };
      files.push({ content: 'data', record });
    }
    const seqs = changes.map((c) => c.seq);
    const prepared = prepareSnapshot(state, {
      operation: 'append',
      files,
      properties: { 'icetype.cdc.min-seq': String(Math.min(...seqs)), 'icetype.cdc.max-seq': String(Math.max(...seqs)) },
    }, now);
    for (const object of prepared.objects) await store.put(object.key, object.body);
    const pending: PendingCommit = { snapshotId: prepared.snapshotId, metadataKey: prepared.metadataKey, metadataJson: prepared.metadataJson, state: prepared.state, seqRanges: ranges(seqs) };
    context.transaction(() => log.recordPending(key, pending, now));
    await commitSnapshot(store, log, key, pending, context.transaction, onCommitted, now);
    tables.push({ key, snapshotId: prepared.snapshotId, entries: changes.length, files: files.length });
  }
  return { tables, entries: entries.length - skipped, skipped };
}

/** Writes `version-hint.text` unless it already names `version`. */
async function ensureVersionHint(store: ObjectStore, key: string, version: number): Promise<void> {
  const hint = await store.get(tableKeys.versionHint(key));
  if (hint === null || new TextDecoder().decode(hint) !== String(version)) await store.put(tableKeys.versionHint(key), String(version));
}

/** `data_file` metrics (counts by field id, bounds in the single-value serialization) for the columns written. */
function metricsRecord(metrics: DataFileMetrics, columns: readonly IcebergField[]): Pick<DataFileRecord, 'value_counts' | 'null_value_counts' | 'nan_value_counts' | 'lower_bounds' | 'upper_bounds'> {
  const types = new Map(columns.filter((c) => typeof c.type === 'string').map((c) => [c.id, c.type as IcebergPrimitiveType]));
  const counts = (map: ReadonlyMap<number, number>): MetricEntry<number>[] => [...map].map(([key, value]) => ({ key, value }));
  const bounds = (map: ReadonlyMap<number, unknown>): MetricEntry<Uint8Array>[] =>
    [...map].flatMap(([key, value]) => (types.has(key) ? [{ key, value: serializeSingleValue(types.get(key)!, value) }] : []));
  return {
    value_counts: counts(metrics.valueCounts),
    null_value_counts: counts(metrics.nullValueCounts),
    nan_value_counts: counts(metrics.nanValueCounts),
    lower_bounds: bounds(metrics.lowerBounds),
    upper_bounds: bounds(metrics.upperBounds),
  };
}
