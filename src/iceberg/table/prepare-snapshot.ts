import {
  encodeAvroFile,
  MANIFEST_LIST_SCHEMA,
  manifestEntrySchema,
  type DataFileRecord,
  type ManifestEntryRecord,
  type ManifestFileRecord,
  type PartitionTypeField,
} from '../avro/index.js';
import type { IcebergPrimitiveType, IcebergSchema, IcebergSnapshot, IcebergTableMetadata } from '../metadata/index.js';
import { partitionSummaries } from './partition-summary.js';
import { newSnapshotId } from './snapshot-id.js';
import { retainHistory, TABLE_LIMIT_DEFAULTS, type TableLimits } from './table-limits.js';
import { locationOf, tableKeys, type LiveFile, type TableState } from './table-state.js';

/**
 * The next snapshot of a table, prepared but not committed (Iceberg spec
 * "Snapshots", "Manifests", "Manifest Lists"): the manifests and manifest
 * list to write, and the table's next state, whose metadata's create-only put
 * (`metadata/v{N+1}.metadata.json`) is the commit. Pure: nothing is written
 * here, so a commit can be recorded first and retried from the record.
 */

/** A file a snapshot adds: a data file, or a position-delete file. */
export interface AddedFile {
  readonly content: 'data' | 'position-deletes';
  /** Its `data_file` entry; `file_path` is the file's full location. */
  readonly record: DataFileRecord;
}

/** What a snapshot does. */
export interface SnapshotChange {
  /**
   * `append` adds data files; `overwrite` adds data and position-delete
   * files; `delete` adds position-delete files only; `replace` (compaction)
   * adds data files that hold the same rows as the live files it removes:
   * `removes`, or every live file.
   */
  readonly operation: 'append' | 'overwrite' | 'delete' | 'replace';
  readonly files: readonly AddedFile[];
  /** For `replace`: the live files it rewrites (the others stay); default every live file. */
  readonly removes?: TableState['files'];
  /** The highest change-log `seq` the table holds with this snapshot: the state's `throughSeq` and the summary's `icetype.cdc.max-seq`. */
  readonly throughSeq: number;
  /** More summary properties. */
  readonly properties?: Readonly<Record<string, string>>;
}

/** A prepared snapshot: write `objects` (any order), then create `metadataKey` with the JSON of `state.metadata`. */
export interface PreparedSnapshot {
  readonly snapshotId: number;
  readonly objects: readonly { readonly key: string; readonly body: Uint8Array }[];
  readonly metadataKey: string;
  /** The table once the metadata is committed. */
  readonly state: TableState;
}

/** The metadata's current schema. */
export function currentSchema(metadata: IcebergTableMetadata): IcebergSchema {
  return metadata.schemas.find((schema) => schema['schema-id'] === metadata['current-schema-id'])!;
}

/** The partition tuple's Avro type: each partition field with the type its transform produces. */
export function partitionType(metadata: IcebergTableMetadata): PartitionTypeField[] {
  const spec = metadata['partition-specs'].find((s) => s['spec-id'] === metadata['default-spec-id'])!;
  const fields = currentSchema(metadata).fields;
  return spec.fields.map((field) => {
    const source = fields.find((f) => f.id === field['source-id'])!;
    const type: IcebergPrimitiveType = field.transform === 'day' ? 'date' : (source.type as IcebergPrimitiveType);
    return { name: field.name, 'field-id': field['field-id'], type };
  });
}

const sum = <T>(items: readonly T[], pick: (item: T) => number | bigint) => items.reduce((n, item) => n + Number(pick(item)), 0);

/** What a snapshot removes: for `replace` its `removes` (every live file by default), nothing otherwise. */
function removedBy(state: TableState, change: SnapshotChange): TableState['files'] {
  return change.operation === 'replace' ? (change.removes ?? state.files) : { data: [], deletes: [] };
}

/** The live files a snapshot keeps: the current ones less those it removes. */
function keptBy(state: TableState, removed: TableState['files']): TableState['files'] {
  const gone = new Set([...removed.data, ...removed.deletes].map((f) => f.path));
  if (gone.size === 0) return state.files;
  return { data: state.files.data.filter((f) => !gone.has(f.path)), deletes: state.files.deletes.filter((f) => !gone.has(f.path)) };
}

/** Snapshot summary metrics and totals: the previous snapshot's totals plus what this one adds, less what it removes (spec Appendix F). */
function summaryOf(previous: IcebergSnapshot | undefined, change: SnapshotChange, removed: TableState['files']): IcebergSnapshot['summary'] {
  const total = (key: string, delta: number) => String(Number(previous?.summary[key] ?? 0) + delta);
  const data = change.files.filter((f) => f.content === 'data');
  const deletes = change.files.filter((f) => f.content === 'position-deletes');
  const addedRecords = sum(data, (f) => f.record.record_count);
  const addedPositionDeletes = sum(deletes, (f) => f.record.record_count);
  const addedSize = sum(change.files, (f) => f.record.file_size_in_bytes);
  const removedRecords = sum(removed.data, (f) => f.recordCount);
  const removedPositionDeletes = sum(removed.deletes, (f) => f.recordCount);
  const removedSize = sum([...removed.data, ...removed.deletes], (f) => f.sizeInBytes);
  const removedAny = removed.data.length + removed.deletes.length > 0;
  return {
    operation: change.operation,
    'added-data-files': String(data.length),
    'added-records': String(addedRecords),
    'added-files-size': String(addedSize),
    ...(deletes.length > 0 ? { 'added-delete-files': String(deletes.length), 'added-position-delete-files': String(deletes.length), 'added-position-deletes': String(addedPositionDeletes) } : {}),
    ...(removedAny ? { 'deleted-data-files': String(removed.data.length), 'deleted-records': String(removedRecords), 'removed-files-size': String(removedSize) } : {}),
    ...(removed.deletes.length > 0
      ? { 'removed-delete-files': String(removed.deletes.length), 'removed-position-delete-files': String(removed.deletes.length), 'removed-position-deletes': String(removedPositionDeletes) }
      : {}),
    'total-data-files': total('total-data-files', data.length - removed.data.length),
    'total-delete-files': total('total-delete-files', deletes.length - removed.deletes.length),
    'total-records': total('total-records', addedRecords - removedRecords),
    'total-files-size': total('total-files-size', addedSize - removedSize),
    'total-position-deletes': total('total-position-deletes', addedPositionDeletes - removedPositionDeletes),
    'total-equality-deletes': total('total-equality-deletes', 0),
    ...change.properties,
    'icetype.cdc.max-seq': String(change.throughSeq),
  };
}

/** One manifest to write: entries of one content kind, all existing, all added or all deleted. */
interface ManifestGroup {
  readonly content: 'data' | 'deletes';
  readonly status: 0 | 1 | 2;
  readonly entries: readonly ManifestEntryRecord[];
}

/** A live or removed file's `data_file`: the required fields (metrics are optional and were not kept). */
function fileRecord(file: LiveFile, content: 0 | 1): DataFileRecord {
  return { content, file_path: file.path, file_format: 'PARQUET', partition: file.partition, record_count: file.recordCount, file_size_in_bytes: file.sizeInBytes };
}

/**
 * The manifests of a snapshot's own entries: added data, added deletes
 * (sequence numbers null, inherited from the manifest list), and for
 * `replace` the removed data and delete files as DELETED entries, which
 * must carry their sequence numbers (spec "Sequence Number Inheritance").
 */
function manifestGroups(change: SnapshotChange, removed: TableState['files'], snapshotId: number): ManifestGroup[] {
  const added = (content: AddedFile['content']): ManifestEntryRecord[] =>
    change.files.filter((f) => f.content === content).map((f) => ({ status: 1, snapshot_id: snapshotId, sequence_number: null, file_sequence_number: null, data_file: f.record }));
  const deleted = (files: readonly LiveFile[], content: 0 | 1): ManifestEntryRecord[] =>
    files.map((f) => ({ status: 2, snapshot_id: snapshotId, sequence_number: f.sequenceNumber, file_sequence_number: f.sequenceNumber, data_file: fileRecord(f, content) }));
  const groups: ManifestGroup[] = [
    { content: 'data', status: 1, entries: added('data') },
    { content: 'deletes', status: 1, entries: added('position-deletes') },
    { content: 'data', status: 2, entries: deleted(removed.data, 0) },
    { content: 'deletes', status: 2, entries: deleted(removed.deletes, 1) },
  ];
  return groups.filter((g) => g.entries.length > 0);
}

/** What writing a snapshot's manifests needs. */
interface ManifestContext {
  readonly state: TableState;
  readonly schema: IcebergSchema;
  readonly spec: IcebergTableMetadata['partition-specs'][number];
  readonly entrySchema: ReturnType<typeof manifestEntrySchema>;
  readonly partitionType: readonly PartitionTypeField[];
  /** The snapshot's unique part of its file names. */
  readonly id: string;
  readonly snapshotId: number;
  readonly sequenceNumber: number;
  /** Where the manifests written go. */
  readonly objects: { key: string; body: Uint8Array }[];
}

/** Writes one manifest into `context.objects`; returns its manifest-list record. */
function writeManifest(context: ManifestContext, group: ManifestGroup): ManifestFileRecord {
  const { state, schema, spec, entrySchema, id, snapshotId, sequenceNumber, objects } = context;
  const body = encodeAvroFile(entrySchema, group.entries, {
    metadata: {
      schema: JSON.stringify(schema),
      'schema-id': String(schema['schema-id']),
      'partition-spec': JSON.stringify(spec.fields),
      'partition-spec-id': String(spec['spec-id']),
      'format-version': '2',
      content: group.content,
    },
  });
  const key = tableKeys.manifest(state.key, id, objects.length);
  objects.push({ key, body });
  const files = group.entries.length;
  const rows = sum(group.entries, (e) => e.data_file.record_count);
  // Added files inherit this snapshot's number; existing ones keep theirs; a manifest of removed files has no live file, so it takes this one.
  const minSequence = group.status === 0 ? group.entries.reduce((min, e) => Math.min(min, Number(e.sequence_number)), sequenceNumber) : sequenceNumber;
  return {
    manifest_path: locationOf(state, key),
    manifest_length: body.length,
    partition_spec_id: spec['spec-id'],
    content: group.content === 'data' ? 0 : 1,
    sequence_number: sequenceNumber,
    min_sequence_number: minSequence,
    added_snapshot_id: snapshotId,
    added_files_count: group.status === 1 ? files : 0,
    existing_files_count: group.status === 0 ? files : 0,
    deleted_files_count: group.status === 2 ? files : 0,
    added_rows_count: group.status === 1 ? rows : 0,
    existing_rows_count: group.status === 0 ? rows : 0,
    deleted_rows_count: group.status === 2 ? rows : 0,
    partitions: partitionSummaries(group.entries, context.partitionType),
  };
}

/**
 * Live files as EXISTING entries (spec "Manifests": status 0, with the
 * snapshot that added each and its sequence numbers), one group per content
 * kind: what a merge or a partial `replace` lists in place of the carried
 * manifests. The state keeps no column metrics, so merged entries
 * carry none (they are optional): readers prune those files by partition only.
 */
function existingGroups(state: TableState, live: TableState['files']): ManifestGroup[] {
  const bySequence = new Map(state.metadata.snapshots.map((s) => [s['sequence-number'], s['snapshot-id']]));
  const existing = (files: readonly LiveFile[], content: 0 | 1): ManifestEntryRecord[] =>
    files.map((f) => ({
      status: 0,
      snapshot_id: f.snapshotId ?? bySequence.get(f.sequenceNumber) ?? null,
      sequence_number: f.sequenceNumber,
      file_sequence_number: f.sequenceNumber,
      data_file: fileRecord(f, content),
    }));
  const groups: ManifestGroup[] = [
    { content: 'data', status: 0, entries: existing(live.data, 0) },
    { content: 'deletes', status: 0, entries: existing(live.deletes, 1) },
  ];
  return groups.filter((g) => g.entries.length > 0);
}

/** A carried manifest still lists live files; one of only DELETED entries is left out of later snapshots. */
const hasLiveFiles = (m: ManifestFileRecord) => m.added_files_count + m.existing_files_count > 0;

/**
 * Prepares `change` as the snapshot after `state`'s current one: one
 * manifest per content kind and status it has (`manifestGroups`), a
 * manifest list with those first and, unless it replaces everything, the
 * current snapshot's manifests that still list live files after them, and
 * the next metadata.
 */
export function prepareSnapshot(state: TableState, change: SnapshotChange, now = new Date(), limits: TableLimits = TABLE_LIMIT_DEFAULTS): PreparedSnapshot {
  const { metadata } = state;
  const snapshotId = newSnapshotId(new Set(metadata.snapshots.map((s) => s['snapshot-id'])));
  const sequenceNumber = metadata['last-sequence-number'] + 1;
  const id = crypto.randomUUID();
  const schema = currentSchema(metadata);
  const spec = metadata['partition-specs'].find((s) => s['spec-id'] === metadata['default-spec-id'])!;
  const partitions = partitionType(metadata);
  const entrySchema = manifestEntrySchema(partitions);
  const removed = removedBy(state, change);
  const objects: { key: string; body: Uint8Array }[] = [];
  const context: ManifestContext = { state, schema, spec, entrySchema, partitionType: partitions, id, snapshotId, sequenceNumber, objects };
  const written = manifestGroups(change, removed, snapshotId).map((group) => writeManifest(context, group));
  const kept = keptBy(state, removed);
  const carried = change.operation === 'replace' ? [] : state.manifests.filter(hasLiveFiles);
  // A `replace` lists the files it keeps anew (the carried manifests list the removed ones as live too), and past the
  // limit the carried manifests become one per content kind: both as EXISTING entries.
  const relist = change.operation === 'replace' || (carried.length > 1 && written.length + carried.length > limits.maxManifests);
  const manifests = [...written, ...(relist ? existingGroups(state, kept).map((group) => writeManifest(context, group)) : carried)];
  const parent = metadata['current-snapshot-id'];
  const listKey = tableKeys.manifestList(state.key, snapshotId, id);
  const listBody = encodeAvroFile(MANIFEST_LIST_SCHEMA, manifests, {
    metadata: {
      'snapshot-id': String(snapshotId),
      'parent-snapshot-id': parent === undefined ? 'null' : String(parent),
      'sequence-number': String(sequenceNumber),
      'format-version': '2',
    },
  });
  objects.push({ key: listKey, body: listBody });
  const previous = metadata.snapshots.find((s) => s['snapshot-id'] === parent);
  const timestamp = Math.max(now.getTime(), metadata['last-updated-ms']);
  const snapshot: IcebergSnapshot = {
    'snapshot-id': snapshotId,
    ...(parent === undefined ? {} : { 'parent-snapshot-id': parent }),
    'sequence-number': sequenceNumber,
    'timestamp-ms': timestamp,
    'manifest-list': locationOf(state, listKey),
    summary: summaryOf(previous, change, removed),
    'schema-id': schema['schema-id'],
  };
  const version = state.version + 1;
  const next: IcebergTableMetadata = retainHistory({
    ...metadata,
    'last-sequence-number': sequenceNumber,
    'last-updated-ms': timestamp,
    'current-snapshot-id': snapshotId,
    snapshots: [...metadata.snapshots, snapshot],
    'snapshot-log': [...metadata['snapshot-log'], { 'timestamp-ms': timestamp, 'snapshot-id': snapshotId }],
    'metadata-log':
      state.version === 0 ? metadata['metadata-log'] : [...metadata['metadata-log'], { 'timestamp-ms': metadata['last-updated-ms'], 'metadata-file': locationOf(state, tableKeys.metadata(state.key, state.version)) }],
    refs: { ...metadata.refs, main: { 'snapshot-id': snapshotId, type: 'branch' } },
  }, limits);
  const live = (content: AddedFile['content']): LiveFile[] =>
    change.files
      .filter((f) => f.content === content)
      .map(({ record }) => ({ path: record.file_path, partition: record.partition, recordCount: Number(record.record_count), sizeInBytes: Number(record.file_size_in_bytes), sequenceNumber, snapshotId }));
  return {
    snapshotId,
    objects,
    metadataKey: tableKeys.metadata(state.key, version),
    state: {
      key: state.key,
      version,
      metadata: next,
      manifests,
      files: { data: [...kept.data, ...live('data')], deletes: [...kept.deletes, ...live('position-deletes')] },
      throughSeq: change.throughSeq,
    },
  };
}
