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
import { newSnapshotId } from './snapshot-id.js';
import { locationOf, tableKeys, type TableState } from './table-state.js';

/**
 * The next snapshot of a table, prepared but not committed: the manifests
 * and manifest list to write, and the metadata whose create-only put
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
  /** `append` adds data files only; `overwrite` also adds delete files. */
  readonly operation: 'append' | 'overwrite';
  readonly files: readonly AddedFile[];
  /** More summary properties (the exporter records the highest change-log sequence here). */
  readonly properties?: Readonly<Record<string, string>>;
}

/** A prepared snapshot: write `objects` (any order), then create `metadataKey` with `metadataJson`. */
export interface PreparedSnapshot {
  readonly snapshotId: number;
  readonly objects: readonly { readonly key: string; readonly body: Uint8Array }[];
  readonly metadataKey: string;
  readonly metadataJson: string;
  /** The table once the metadata is committed. */
  readonly state: TableState;
}

function currentSchema(metadata: IcebergTableMetadata): IcebergSchema {
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

const sum = (files: readonly AddedFile[], pick: (f: AddedFile) => number | bigint) => files.reduce((n, f) => n + Number(pick(f)), 0);

/** Snapshot summary totals: the previous snapshot's plus what this one adds (spec "Snapshot Summary"). */
function summaryOf(previous: IcebergSnapshot | undefined, change: SnapshotChange): IcebergSnapshot['summary'] {
  const total = (key: string) => Number(previous?.summary[key] ?? 0);
  const data = change.files.filter((f) => f.content === 'data');
  const deletes = change.files.filter((f) => f.content === 'position-deletes');
  const addedRecords = sum(data, (f) => f.record.record_count);
  const addedPositionDeletes = sum(deletes, (f) => f.record.record_count);
  const addedSize = sum(change.files, (f) => f.record.file_size_in_bytes);
  return {
    operation: change.operation,
    'added-data-files': String(data.length),
    'added-records': String(addedRecords),
    'added-files-size': String(addedSize),
    ...(deletes.length > 0 ? { 'added-delete-files': String(deletes.length), 'added-position-delete-files': String(deletes.length), 'added-position-deletes': String(addedPositionDeletes) } : {}),
    'total-data-files': String(total('total-data-files') + data.length),
    'total-delete-files': String(total('total-delete-files') + deletes.length),
    'total-records': String(total('total-records') + addedRecords),
    'total-files-size': String(total('total-files-size') + addedSize),
    'total-position-deletes': String(total('total-position-deletes') + addedPositionDeletes),
    'total-equality-deletes': String(total('total-equality-deletes')),
    ...change.properties,
  };
}

/**
 * Prepares `change` as the snapshot after `state`'s current one: one
 * manifest per content kind it adds (entries `added`, sequence numbers
 * inherited from the manifest list), a manifest list with those first and
 * every manifest of the current snapshot after them, and the next metadata.
 */
export function prepareSnapshot(state: TableState, change: SnapshotChange, now = new Date()): PreparedSnapshot {
  const { metadata } = state;
  const snapshotId = newSnapshotId(new Set(metadata.snapshots.map((s) => s['snapshot-id'])));
  const sequenceNumber = metadata['last-sequence-number'] + 1;
  const id = crypto.randomUUID();
  const schema = currentSchema(metadata);
  const spec = metadata['partition-specs'].find((s) => s['spec-id'] === metadata['default-spec-id'])!;
  const entrySchema = manifestEntrySchema(partitionType(metadata));
  const objects: { key: string; body: Uint8Array }[] = [];
  const added: ManifestFileRecord[] = [];
  for (const content of ['data', 'position-deletes'] as const) {
    const files = change.files.filter((f) => f.content === content);
    if (files.length === 0) continue;
    const entries: ManifestEntryRecord[] = files.map((f) => ({ status: 1, snapshot_id: snapshotId, sequence_number: null, file_sequence_number: null, data_file: f.record }));
    const body = encodeAvroFile(entrySchema, entries, {
      metadata: {
        schema: JSON.stringify(schema),
        'schema-id': String(schema['schema-id']),
        'partition-spec': JSON.stringify(spec.fields),
        'partition-spec-id': String(spec['spec-id']),
        'format-version': '2',
        content: content === 'data' ? 'data' : 'deletes',
      },
    });
    const key = tableKeys.manifest(state.key, id, objects.length);
    objects.push({ key, body });
    added.push({
      manifest_path: locationOf(state, key),
      manifest_length: body.length,
      partition_spec_id: spec['spec-id'],
      content: content === 'data' ? 0 : 1,
      sequence_number: sequenceNumber,
      min_sequence_number: sequenceNumber,
      added_snapshot_id: snapshotId,
      added_files_count: files.length,
      existing_files_count: 0,
      deleted_files_count: 0,
      added_rows_count: sum(files, (f) => f.record.record_count),
      existing_rows_count: 0,
      deleted_rows_count: 0,
      partitions: partitionSummaries(files, spec.fields.length),
    });
  }
  const manifests = [...added, ...state.manifests];
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
    summary: summaryOf(previous, change),
    'schema-id': schema['schema-id'],
  };
  const version = state.version + 1;
  const next: IcebergTableMetadata = {
    ...metadata,
    'last-sequence-number': sequenceNumber,
    'last-updated-ms': timestamp,
    'current-snapshot-id': snapshotId,
    snapshots: [...metadata.snapshots, snapshot],
    'snapshot-log': [...metadata['snapshot-log'], { 'timestamp-ms': timestamp, 'snapshot-id': snapshotId }],
    'metadata-log':
      state.version === 0 ? metadata['metadata-log'] : [...metadata['metadata-log'], { 'timestamp-ms': metadata['last-updated-ms'], 'metadata-file': locationOf(state, tableKeys.metadata(state.key, state.version)) }],
    refs: { ...metadata.refs, main: { 'snapshot-id': snapshotId, type: 'branch' } },
  };
  return {
    snapshotId,
    objects,
    metadataKey: tableKeys.metadata(state.key, version),
    metadataJson: JSON.stringify(next),
    state: {
      key: state.key,
      version,
      metadata: next,
      manifests,
      files: {
        data: [...state.files.data, ...change.files.filter((f) => f.content === 'data').map((f) => f.record.file_path)],
        deletes: [...state.files.deletes, ...change.files.filter((f) => f.content === 'position-deletes').map((f) => f.record.file_path)],
      },
    },
  };
}

/** Per partition field: whether any file's value is null, and the bounds (spec "Field Summary"). */
function partitionSummaries(files: readonly AddedFile[], fields: number): ManifestFileRecord['partitions'] {
  if (fields === 0) return [];
  return Array.from({ length: fields }, (_, i) => {
    const values = files.map((f) => Object.values(f.record.partition)[i]);
    return { contains_null: values.some((v) => v === null || v === undefined), contains_nan: false };
  });
}
