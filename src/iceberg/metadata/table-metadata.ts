/**
 * Table metadata v2 for a new table (Iceberg spec "Table Metadata Fields",
 * Appendix C "Table Metadata and Snapshots"): every field v2 requires, keys
 * in kebab-case, no snapshot yet. Pure but for the defaults of a random
 * table UUID and the clock.
 */
import type { IceTypeSchema } from '../../icetype/ast.js';
import { checkSchema } from './check-schema.js';
import { icebergSchemaOf, type IcebergSchema } from './iceberg-schema.js';
import { checkOptions, type IcebergMetadataOptions, type TableMetadataOptions } from './metadata-options.js';
import { FIRST_PARTITION_FIELD_ID, partitionSpecOf, type IcebergPartitionSpec } from './partition-spec.js';
import { resolveFieldIds } from './resolve-field-ids.js';
import { sortOrderOf, UNSORTED_ORDER, type IcebergSortOrder } from './sort-order.js';

/** A snapshot (Appendix C), as an exporter adds them. */
export interface IcebergSnapshot {
  readonly 'snapshot-id': number;
  readonly 'parent-snapshot-id'?: number;
  readonly 'sequence-number': number;
  readonly 'timestamp-ms': number;
  readonly 'manifest-list': string;
  /** `operation` (append, overwrite, delete, replace) and optional string metrics. */
  readonly summary: { readonly operation: 'append' | 'overwrite' | 'delete' | 'replace'; readonly [metric: string]: string };
  readonly 'schema-id'?: number;
}

/** A named reference to a snapshot; `main` follows `current-snapshot-id`. */
export interface IcebergSnapshotRef {
  readonly 'snapshot-id': number;
  readonly type: 'branch' | 'tag';
  readonly 'max-ref-age-ms'?: number;
  readonly 'max-snapshot-age-ms'?: number;
  readonly 'min-snapshots-to-keep'?: number;
}

/** Table metadata, format version 2. */
export interface IcebergTableMetadata {
  readonly 'format-version': 2;
  readonly 'table-uuid': string;
  readonly location: string;
  readonly 'last-sequence-number': number;
  readonly 'last-updated-ms': number;
  /** The highest field id ever assigned (the registry's `lastId`, retired ids included). */
  readonly 'last-column-id': number;
  readonly 'current-schema-id': number;
  readonly schemas: readonly IcebergSchema[];
  readonly 'default-spec-id': number;
  readonly 'partition-specs': readonly IcebergPartitionSpec[];
  /** The highest partition field id; 999 for an unpartitioned table. */
  readonly 'last-partition-id': number;
  readonly 'default-sort-order-id': number;
  readonly 'sort-orders': readonly IcebergSortOrder[];
  readonly properties: Readonly<Record<string, string>>;
  /** Absent until the first snapshot (the spec allows omitting it; `refs.main` must equal it). */
  readonly 'current-snapshot-id'?: number;
  readonly snapshots: readonly IcebergSnapshot[];
  readonly 'snapshot-log': readonly { readonly 'timestamp-ms': number; readonly 'snapshot-id': number }[];
  readonly 'metadata-log': readonly { readonly 'timestamp-ms': number; readonly 'metadata-file': string }[];
  readonly refs: Readonly<Record<string, IcebergSnapshotRef>>;
}

/**
 * The metadata of a new v2 table for `schema`: one schema (schema-id 0,
 * ids from `options.fieldIds` or the registry's first-version assignment),
 * the partition spec of `$partitionBy` (spec-id 0), the unsorted order 0 and
 * the default order 1 (`$id` asc), `last-sequence-number` 0 and no
 * snapshots. Throws `GeneratorError`.
 *
 * @example
 * generateTableMetadata(User, { location: 's3://my-bucket/tables/users', fieldIds: db.registry.getFieldIds('User')! })
 * // { 'format-version': 2, 'table-uuid': '…', location: 's3://my-bucket/tables/users', 'last-sequence-number': 0, …,
 * //   'last-column-id': 15, 'current-schema-id': 0, schemas: [ … ], 'default-spec-id': 0, 'partition-specs': [ … ],
 * //   'last-partition-id': 1000, 'default-sort-order-id': 1, 'sort-orders': [ … ], properties: { 'write.format.default': 'parquet', … },
 * //   snapshots: [], 'snapshot-log': [], 'metadata-log': [], refs: {} }
 */
export function generateTableMetadata(schema: IceTypeSchema, options: TableMetadataOptions): IcebergTableMetadata {
  checkSchema(schema);
  const ids = resolveFieldIds(schema, options?.fieldIds);
  const checked = checkOptions(schema.name, options);
  const icebergSchema = icebergSchemaOf(schema, ids, 0);
  const spec = partitionSpecOf(schema, icebergSchema);
  const order = sortOrderOf(schema, icebergSchema);
  return {
    'format-version': 2,
    'table-uuid': checked.tableUuid,
    location: checked.location,
    'last-sequence-number': 0,
    'last-updated-ms': checked.lastUpdatedMs,
    'last-column-id': ids.lastId,
    'current-schema-id': icebergSchema['schema-id'],
    schemas: [icebergSchema],
    'default-spec-id': spec['spec-id'],
    'partition-specs': [spec],
    'last-partition-id': FIRST_PARTITION_FIELD_ID - 1 + spec.fields.length,
    'default-sort-order-id': order['order-id'],
    'sort-orders': [UNSORTED_ORDER, order],
    properties: checked.properties,
    snapshots: [],
    'snapshot-log': [],
    'metadata-log': [],
    refs: {},
  };
}

/**
 * The original API: `generateTableMetadata` with the location and
 * properties as arguments.
 *
 * @example
 * const metadata = generateIcebergMetadata(userSchema, 's3://my-bucket/tables/users', { owner: 'data-team' })
 * metadata.properties // { 'write.format.default': 'parquet', 'write.parquet.compression-codec': 'zstd', owner: 'data-team' }
 * JSON.stringify(metadata) // the text of metadata/v1.metadata.json
 */
export function generateIcebergMetadata(
  schema: IceTypeSchema,
  location: string,
  properties?: Readonly<Record<string, string>>,
  options?: IcebergMetadataOptions,
): IcebergTableMetadata {
  return generateTableMetadata(schema, { ...options, location, ...(properties === undefined ? {} : { properties }) });
}
