/**
 * The Iceberg v2 manifest list: the Avro schema of `manifest_file`
 * (Iceberg spec "Manifest Lists"; Java `V2Metadata.MANIFEST_LIST_SCHEMA`)
 * with the spec's field ids, and the record the exporter fills for it.
 * File metadata: `snapshot-id`, `parent-snapshot-id` (`"null"` if none),
 * `sequence-number`, `format-version` `"2"`.
 */
import type { AvroRecordSchema } from './avro-schema.js';
import { optionalField, requiredField } from './iceberg-field.js';

/**
 * `field_summary` (ids 508–511, 518): one per partition field. Bounds use
 * single-value serialization (spec Appendix D).
 */
const FIELD_SUMMARY: AvroRecordSchema = {
  type: 'record',
  name: 'r508',
  fields: [
    requiredField('contains_null', 509, 'boolean'),
    optionalField('contains_nan', 518, 'boolean'),
    optionalField('lower_bound', 510, 'bytes'),
    optionalField('upper_bound', 511, 'bytes'),
  ],
};

/**
 * `manifest_file`, field ids 500–519 as the spec's "Manifest Lists" table
 * gives them (v2: `content` 517, `sequence_number` 515,
 * `min_sequence_number` 516 required; `partitions` 507 a list of 508).
 */
export const MANIFEST_LIST_SCHEMA: AvroRecordSchema = {
  type: 'record',
  name: 'manifest_file',
  fields: [
    requiredField('manifest_path', 500, 'string'),
    requiredField('manifest_length', 501, 'long'),
    requiredField('partition_spec_id', 502, 'int'),
    requiredField('content', 517, 'int'),
    requiredField('sequence_number', 515, 'long'),
    requiredField('min_sequence_number', 516, 'long'),
    requiredField('added_snapshot_id', 503, 'long'),
    requiredField('added_files_count', 504, 'int'),
    requiredField('existing_files_count', 505, 'int'),
    requiredField('deleted_files_count', 506, 'int'),
    requiredField('added_rows_count', 512, 'long'),
    requiredField('existing_rows_count', 513, 'long'),
    requiredField('deleted_rows_count', 514, 'long'),
    optionalField('partitions', 507, { type: 'array', items: FIELD_SUMMARY, 'element-id': 508 }),
    optionalField('key_metadata', 519, 'bytes'),
  ],
};

/** A long as `encodeAvroValue` takes it: a safe-integer number, or a bigint for snapshot ids and the like beyond 2^53. */
export type AvroLong = number | bigint;

/** One `field_summary`. Optional fields left out are written as null. */
export interface FieldSummaryRecord {
  readonly contains_null: boolean;
  readonly contains_nan?: boolean | null;
  readonly lower_bound?: Uint8Array | null;
  readonly upper_bound?: Uint8Array | null;
}

/** One `manifest_file` record of a manifest list. Optional fields left out are written as null. */
export interface ManifestFileRecord {
  readonly manifest_path: string;
  readonly manifest_length: AvroLong;
  readonly partition_spec_id: number;
  /** 0 data, 1 deletes. */
  readonly content: 0 | 1;
  /** The sequence number of the snapshot that added the manifest. */
  readonly sequence_number: AvroLong;
  /** The smallest data sequence number of the live files in the manifest. */
  readonly min_sequence_number: AvroLong;
  readonly added_snapshot_id: AvroLong;
  readonly added_files_count: number;
  readonly existing_files_count: number;
  readonly deleted_files_count: number;
  readonly added_rows_count: AvroLong;
  readonly existing_rows_count: AvroLong;
  readonly deleted_rows_count: AvroLong;
  /** One summary per partition field; `[]` when unpartitioned. */
  readonly partitions?: readonly FieldSummaryRecord[] | null;
  readonly key_metadata?: Uint8Array | null;
}
