/**
 * The Iceberg v2 manifest: the Avro schema of `manifest_entry` with its
 * `data_file` (Iceberg spec "Manifests", "Manifest Entry Fields", "Data
 * File Fields"; Java `V2Metadata.entrySchema`), the partition struct built
 * from the partition type, and the records the exporter fills for it.
 * File metadata: `schema`, `schema-id`, `partition-spec`,
 * `partition-spec-id`, `format-version` `"2"`, `content` `"data"|"deletes"`.
 */
import type { IcebergPrimitiveType } from '../metadata/index.js';
import { avroCompatibleName } from './avro-compatible-name.js';
import { isAvroUnion, type AvroArraySchema, type AvroField, type AvroRecordSchema, type AvroSchema } from './avro-schema.js';
import { avroTypeOf } from './iceberg-avro-type.js';
import { optionalField, requiredField } from './iceberg-field.js';
import type { AvroLong } from './manifest-list-schema.js';

/** One field of a partition type: the partition field's name and id (1000, 1001, …) and the type its transform produces. */
export interface PartitionTypeField {
  readonly name: string;
  readonly 'field-id': number;
  /** The transform's result type: the source type for `identity`, `date` for `day`. */
  readonly type: IcebergPrimitiveType;
}

/**
 * A metrics map `map<K: int, V: long|binary>` as Iceberg writes int-keyed
 * maps to Avro (spec Appendix A): an array marked `logicalType: map` of
 * records `k<K>_v<V>` with `key` and `value` fields carrying the ids.
 */
function intKeyedMap(name: string, fieldId: number, keyId: number, valueId: number, value: 'long' | 'bytes'): AvroField {
  const map: AvroArraySchema = {
    type: 'array',
    logicalType: 'map',
    items: {
      type: 'record',
      name: `k${keyId}_v${valueId}`,
      fields: [
        requiredField('key', keyId, 'int'),
        requiredField('value', valueId, value),
      ],
    },
  };
  return optionalField(name, fieldId, map);
}

/**
 * The partition struct `r102`: one optional field per partition field,
 * with the partition field's id as its `field-id`. A name Avro forbids
 * becomes a compatible one (`$at_day` → `_x24at_day`) and keeps the
 * original in `iceberg-field-name`, as Java does.
 */
export function partitionSchema(partitionType: readonly PartitionTypeField[]): AvroRecordSchema {
  const fixedNames = new Set<string>();
  const fields = partitionType.map((field): AvroField => {
    let type = avroTypeOf(field.type);
    // Java reuses one named `decimal_P_S` by reference; this model has no references, so a repeat gets a name of its own.
    if (typeof type !== 'string' && !isAvroUnion(type) && type.type === 'fixed') {
      if (fixedNames.has(type.name)) type = { ...type, name: `${type.name}_${field['field-id']}` };
      fixedNames.add(type.name);
    }
    const name = avroCompatibleName(field.name);
    const base = optionalField(name, field['field-id'], type);
    return name === field.name ? base : { ...base, 'iceberg-field-name': field.name };
  });
  return { type: 'record', name: 'r102', fields };
}

/**
 * The `manifest_entry` schema of a manifest whose files are partitioned
 * by `partitionType` (`[]` when unpartitioned). Field ids as the spec's
 * tables give them: entry 0–4; `data_file` 100–104, 108–110, 125, 128,
 * 131–140, 143 (keys and values of the metric maps 117–130, 138–139).
 *
 * @example
 * const schema = manifestEntrySchema([{ name: 'at_day', 'field-id': 1000, type: 'date' }])
 * encodeAvroFile(schema, entries, { metadata: { 'format-version': '2', content: 'data', … } })
 */
export function manifestEntrySchema(partitionType: readonly PartitionTypeField[]): AvroRecordSchema {
  const dataFile: AvroRecordSchema = {
    type: 'record',
    name: 'r2',
    fields: [
      requiredField('content', 134, 'int'),
      requiredField('file_path', 100, 'string'),
      requiredField('file_format', 101, 'string'),
      requiredField('partition', 102, partitionSchema(partitionType)),
      requiredField('record_count', 103, 'long'),
      requiredField('file_size_in_bytes', 104, 'long'),
      intKeyedMap('column_sizes', 108, 117, 118, 'long'),
      intKeyedMap('value_counts', 109, 119, 120, 'long'),
      intKeyedMap('null_value_counts', 110, 121, 122, 'long'),
      intKeyedMap('nan_value_counts', 137, 138, 139, 'long'),
      intKeyedMap('lower_bounds', 125, 126, 127, 'bytes'),
      intKeyedMap('upper_bounds', 128, 129, 130, 'bytes'),
      optionalField('key_metadata', 131, 'bytes'),
      optionalField('split_offsets', 132, { type: 'array', items: 'long', 'element-id': 133 }),
      optionalField('equality_ids', 135, { type: 'array', items: 'int', 'element-id': 136 }),
      optionalField('sort_order_id', 140, 'int'),
      optionalField('referenced_data_file', 143, 'string'),
    ],
  };
  return {
    type: 'record',
    name: 'manifest_entry',
    fields: [
      requiredField('status', 0, 'int'),
      optionalField('snapshot_id', 1, 'long'),
      optionalField('sequence_number', 3, 'long'),
      optionalField('file_sequence_number', 4, 'long'),
      requiredField('data_file', 2, dataFile),
    ],
  };
}

/** One entry of an int-keyed metrics map: a field id and its count or bound. */
export interface MetricEntry<V> {
  readonly key: number;
  readonly value: V;
}

/** A `data_file` record. Optional fields left out are written as null. */
export interface DataFileRecord {
  /** 0 data, 1 position deletes, 2 equality deletes. */
  readonly content: 0 | 1 | 2;
  readonly file_path: string;
  /** `PARQUET`, as Java and pyiceberg write it. */
  readonly file_format: string;
  /** The partition tuple, keyed by the Avro field names of `partitionSchema` (`avroCompatibleName` of each partition field). */
  readonly partition: Readonly<Record<string, unknown>>;
  readonly record_count: AvroLong;
  readonly file_size_in_bytes: AvroLong;
  readonly column_sizes?: readonly MetricEntry<AvroLong>[] | null;
  readonly value_counts?: readonly MetricEntry<AvroLong>[] | null;
  readonly null_value_counts?: readonly MetricEntry<AvroLong>[] | null;
  readonly nan_value_counts?: readonly MetricEntry<AvroLong>[] | null;
  /** Single-value serialization (spec Appendix D). */
  readonly lower_bounds?: readonly MetricEntry<Uint8Array>[] | null;
  readonly upper_bounds?: readonly MetricEntry<Uint8Array>[] | null;
  readonly key_metadata?: Uint8Array | null;
  /** Row-group offsets, ascending. */
  readonly split_offsets?: readonly AvroLong[] | null;
  /** Required for equality deletes, null otherwise. */
  readonly equality_ids?: readonly number[] | null;
  /** 0 (unsorted) for data and equality deletes; null for position deletes. */
  readonly sort_order_id?: number | null;
  readonly referenced_data_file?: string | null;
}

/** A `manifest_entry` record. New files: status 1, sequence numbers null (inherited from the manifest list). */
export interface ManifestEntryRecord {
  /** 0 existing, 1 added, 2 deleted. */
  readonly status: 0 | 1 | 2;
  readonly snapshot_id?: AvroLong | null;
  readonly sequence_number?: AvroLong | null;
  readonly file_sequence_number?: AvroLong | null;
  readonly data_file: DataFileRecord;
}
