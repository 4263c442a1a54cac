/**
 * Iceberg v2 manifest lists and manifests (spec "Manifest Lists",
 * "Manifests", Appendix A) written with our encoder and read by avsc and
 * python3-avro: realistic records come back, the header carries the
 * Iceberg metadata keys, and every field id of the spec's tables is in
 * the schema each reader parsed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  avroCompatibleName,
  avroTypeOf,
  decimalRequiredBytes,
  encodeAvroFile,
  manifestEntrySchema,
  MANIFEST_LIST_SCHEMA,
  type ManifestEntryRecord,
  type ManifestFileRecord,
  type PartitionTypeField,
} from '../../src/iceberg/avro/index.js';
import { avscFile } from '../../scripts/support/avsc-decode.js';
import { fieldIds } from './support/field-ids.js';
import { plain } from './support/plain.js';
import { pythonFiles, type PythonFile } from './support/python-decode.js';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
/** Single-value serialization (spec Appendix D): int/date 4 bytes little-endian, long 8. */
const int32le = (n: number): Uint8Array => new Uint8Array(new Int32Array([n]).buffer);
const int64le = (n: bigint): Uint8Array => new Uint8Array(new BigInt64Array([n]).buffer);
/** The ids in a schema's id lines, in order. */
const idsOf = (lines: readonly string[]): number[] => lines.map((l) => Number(l.split('=')[1]));

const SNAPSHOT = 8_744_736_658_442_914_487n; // beyond 2^53, as Java's random snapshot ids are
const PARENT = 3_051_729_675_574_597_004n;
const LOCATION = 'file:///warehouse/app/events';

const manifests: ManifestFileRecord[] = [
  {
    manifest_path: `${LOCATION}/metadata/7e6b2c0e-5e2f-4a43-9a59-1b2f9d0c3a11-m0.avro`,
    manifest_length: 7_032,
    partition_spec_id: 0,
    content: 0,
    sequence_number: 3,
    min_sequence_number: 1,
    added_snapshot_id: SNAPSHOT,
    added_files_count: 2,
    existing_files_count: 1,
    deleted_files_count: 0,
    added_rows_count: 12_000,
    existing_rows_count: 250,
    deleted_rows_count: 0,
    partitions: [
      { contains_null: false, contains_nan: false, lower_bound: utf8('acme'), upper_bound: utf8('zeta') },
      { contains_null: true, lower_bound: int32le(19_800), upper_bound: int32le(19_830) },
    ],
  },
  {
    manifest_path: `${LOCATION}/metadata/7e6b2c0e-5e2f-4a43-9a59-1b2f9d0c3a11-m1.avro`,
    manifest_length: 5_120,
    partition_spec_id: 0,
    content: 1,
    sequence_number: 3,
    min_sequence_number: 3,
    added_snapshot_id: SNAPSHOT,
    added_files_count: 1,
    existing_files_count: 0,
    deleted_files_count: 0,
    added_rows_count: 40,
    existing_rows_count: 0,
    deleted_rows_count: 0,
    partitions: [],
    key_metadata: null,
  },
  {
    manifest_path: `${LOCATION}/metadata/0a1b2c3d-0000-4000-8000-000000000001-m0.avro`,
    manifest_length: 6_500,
    partition_spec_id: 0,
    content: 0,
    sequence_number: 1,
    min_sequence_number: 1,
    added_snapshot_id: PARENT,
    added_files_count: 1,
    existing_files_count: 0,
    deleted_files_count: 0,
    added_rows_count: 250,
    existing_rows_count: 0,
    deleted_rows_count: 0,
  },
];

/** What readers give back: optional fields left out are null. */
const manifestsRead = manifests.map((m) => ({
  partitions: null,
  key_metadata: null,
  ...m,
  ...(m.partitions ? { partitions: m.partitions.map((p) => ({ contains_nan: null, lower_bound: null, upper_bound: null, ...p })) } : {}),
}));

const partitionType: PartitionTypeField[] = [
  { name: 'tenant', 'field-id': 1000, type: 'string' },
  { name: '$createdAt_day', 'field-id': 1001, type: 'date' },
  { name: 'amount', 'field-id': 1002, type: 'decimal(9,2)' },
  { name: 'price', 'field-id': 1003, type: 'decimal(9,2)' },
  { name: 'flag', 'field-id': 1004, type: 'boolean' },
  { name: 'at', 'field-id': 1005, type: 'timestamptz' },
];
const entrySchema = manifestEntrySchema(partitionType);

const DATA_FILE_NULLS = {
  column_sizes: null,
  value_counts: null,
  null_value_counts: null,
  nan_value_counts: null,
  lower_bounds: null,
  upper_bounds: null,
  key_metadata: null,
  split_offsets: null,
  equality_ids: null,
  sort_order_id: null,
  referenced_data_file: null,
};

const dataEntries: ManifestEntryRecord[] = [
  {
    status: 1,
    snapshot_id: SNAPSHOT,
    // New files inherit both sequence numbers from the manifest list.
    sequence_number: null,
    file_sequence_number: null,
    data_file: {
      content: 0,
      file_path: `${LOCATION}/data/tenant=acme/00000-0-7e6b2c0e.parquet`,
      file_format: 'PARQUET',
      partition: { tenant: 'acme', _x24createdAt_day: 19_800, amount: new Uint8Array([0, 0, 0x30, 0x39]), price: null, flag: true, at: 1_717_000_000_000_000 },
      record_count: 6_000,
      file_size_in_bytes: 48_213,
      column_sizes: [
        { key: 1, value: 12_034 },
        { key: 6, value: 30_100 },
      ],
      value_counts: [
        { key: 1, value: 6_000 },
        { key: 6, value: 6_000 },
      ],
      null_value_counts: [
        { key: 1, value: 0 },
        { key: 6, value: 12 },
      ],
      nan_value_counts: [{ key: 6, value: 0 }],
      lower_bounds: [
        { key: 1, value: utf8('a00') },
        { key: 3, value: int64le(-(2n ** 63n)) },
      ],
      upper_bounds: [
        { key: 1, value: utf8('z99') },
        { key: 3, value: int64le(2n ** 63n - 1n) },
      ],
      split_offsets: [4, 24_000n],
      sort_order_id: 0,
    },
  },
  {
    status: 0,
    snapshot_id: PARENT,
    sequence_number: 1,
    file_sequence_number: 1,
    data_file: {
      content: 0,
      file_path: `${LOCATION}/data/00000-0-0a1b2c3d.parquet`,
      file_format: 'PARQUET',
      partition: { tenant: null, _x24createdAt_day: null, amount: null, price: new Uint8Array([0xff, 0xff, 0xff, 0x85]), flag: null, at: null },
      record_count: 250,
      file_size_in_bytes: 3_310,
    },
  },
];

const deleteEntries: ManifestEntryRecord[] = [
  {
    status: 1,
    snapshot_id: SNAPSHOT,
    data_file: {
      content: 1,
      file_path: `${LOCATION}/data/00001-deletes.parquet`,
      file_format: 'PARQUET',
      partition: { tenant: 'acme', _x24createdAt_day: 19_800, amount: null, price: null, flag: false, at: null },
      record_count: 40,
      file_size_in_bytes: 1_024,
      referenced_data_file: `${LOCATION}/data/tenant=acme/00000-0-7e6b2c0e.parquet`,
      sort_order_id: null,
    },
  },
  {
    status: 1,
    snapshot_id: SNAPSHOT,
    data_file: {
      content: 2,
      file_path: `${LOCATION}/data/00002-eq-deletes.parquet`,
      file_format: 'PARQUET',
      partition: { tenant: 'zeta', _x24createdAt_day: 19_830, amount: null, price: null, flag: null, at: null },
      record_count: 3,
      file_size_in_bytes: 812,
      equality_ids: [1],
      sort_order_id: 0,
    },
  },
];

const entriesRead = (entries: readonly ManifestEntryRecord[]): unknown[] =>
  entries.map((e) => ({ sequence_number: null, file_sequence_number: null, ...e, data_file: { ...DATA_FILE_NULLS, ...e.data_file } }));

const LIST_METADATA = { 'snapshot-id': String(SNAPSHOT), 'parent-snapshot-id': String(PARENT), 'sequence-number': '3', 'format-version': '2' };
const manifestMetadata = (content: 'data' | 'deletes'): Record<string, string> => ({
  schema: JSON.stringify({ type: 'struct', 'schema-id': 0, fields: [{ id: 1, name: '$id', required: true, type: 'string' }] }),
  'schema-id': '0',
  'partition-spec': JSON.stringify(partitionType.map((f, i) => ({ 'source-id': 6 + i, 'field-id': f['field-id'], name: f.name, transform: 'identity' }))),
  'partition-spec-id': '0',
  'format-version': '2',
  content,
});

const listFile = encodeAvroFile(MANIFEST_LIST_SCHEMA, manifests, { metadata: LIST_METADATA });
const dataManifest = encodeAvroFile(entrySchema, dataEntries, { metadata: manifestMetadata('data') });
const deleteManifest = encodeAvroFile(entrySchema, deleteEntries, { metadata: manifestMetadata('deletes'), blockSize: 1 });

describe('the schemas carry the spec field ids', () => {
  it('manifest_file: 500–519 (spec "Manifest Lists" table; field_summary 508–511, 518)', () => {
    expect(idsOf(fieldIds(MANIFEST_LIST_SCHEMA))).toEqual([500, 501, 502, 517, 515, 516, 503, 504, 505, 506, 512, 513, 514, 507, 508, 509, 518, 510, 511, 519]);
  });

  it('manifest_entry: 0–4, data_file 100–143, the partition struct with the partition field ids (spec "Manifests" tables)', () => {
    expect(idsOf(fieldIds(entrySchema))).toEqual([
      0, 1, 3, 4, 2, 134, 100, 101, 102, 1000, 1001, 1002, 1003, 1004, 1005, 103, 104, 108, 117, 118, 109, 119, 120, 110, 121, 122, 137, 138, 139, 125,
      126, 127, 128, 129, 130, 131, 132, 133, 135, 136, 140, 143,
    ]);
  });

  it('names records as Java does, marks int-keyed maps, keeps a sanitized partition name in iceberg-field-name', () => {
    const json = JSON.stringify(entrySchema);
    for (const name of ['"r2"', '"r102"', '"k117_v118"', '"k126_v127"', '"k138_v139"']) expect(json).toContain(name);
    expect(json).toContain('"logicalType":"map"');
    type Fields = { readonly fields: readonly { name: string; 'iceberg-field-name'?: string; type: unknown }[] };
    const dataFile = entrySchema.fields[4]!.type as Fields;
    const partition = dataFile.fields[3]!.type as Fields;
    expect(partition.fields.map((f) => f.name)).toEqual(['tenant', '_x24createdAt_day', 'amount', 'price', 'flag', 'at']);
    expect(partition.fields[1]!['iceberg-field-name']).toBe('$createdAt_day');
    // Two decimal(9,2) fields: Java would reference one named fixed; without references the second gets its own name.
    expect(partition.fields.slice(2, 4).map((f) => (f.type as readonly { name?: string }[])[1]!.name)).toEqual(['decimal_9_2', 'decimal_9_2_1003']);
  });
});

describe('manifest list and manifests, read by avsc', () => {
  it('decodes the manifest list: records, metadata, schema with ids', async () => {
    const file = await avscFile(listFile);
    expect(plain(file.records)).toEqual(plain(manifestsRead));
    expect(file.meta).toMatchObject(LIST_METADATA);
    expect(JSON.parse(file.meta['avro.schema']!)).toEqual(MANIFEST_LIST_SCHEMA);
  });

  it('decodes a data manifest and a delete manifest', async () => {
    const data = await avscFile(dataManifest);
    expect(plain(data.records)).toEqual(plain(entriesRead(dataEntries)));
    expect(data.meta).toMatchObject(manifestMetadata('data'));
    expect(JSON.parse(data.meta['avro.schema']!)).toEqual(entrySchema);
    const deletes = await avscFile(deleteManifest);
    expect(plain(deletes.records)).toEqual(plain(entriesRead(deleteEntries)));
    expect(deletes.meta['content']).toBe('deletes');
  });
});

describe('manifest list and manifests, read by python3-avro', () => {
  let list: PythonFile | undefined;
  let data: PythonFile | undefined;
  let deletes: PythonFile | undefined;
  beforeAll(() => {
    [list, data, deletes] = pythonFiles([listFile, dataManifest, deleteManifest]);
  });

  it('decodes the manifest list, with the spec ids in the schema Python parsed', () => {
    expect(plain(list!.records)).toEqual(plain(manifestsRead));
    expect(list!.meta).toMatchObject(LIST_METADATA);
    expect(list!.ids).toEqual(fieldIds(MANIFEST_LIST_SCHEMA));
  });

  it('decodes the manifests (Python turns date and timestamp back into ints, decimal into a Decimal), with the ids', () => {
    const expected = plain(entriesRead(dataEntries)) as { data_file: { partition: Record<string, unknown> } }[];
    // python3-avro reads fixed decimal(9,2) as a Decimal: 0x3039 = 12345 → 123.45, 0xffffff85 = -123 → -1.23.
    expected[0]!.data_file.partition['amount'] = { $decimal: '123.45' };
    expected[1]!.data_file.partition['price'] = { $decimal: '-1.23' };
    expect(plain(data!.records)).toEqual(expected);
    expect(plain(deletes!.records)).toEqual(plain(entriesRead(deleteEntries)));
    expect(data!.ids).toEqual(fieldIds(entrySchema));
    expect(deletes!.ids).toEqual(fieldIds(entrySchema));
    expect(data!.meta).toMatchObject(manifestMetadata('data'));
    expect(JSON.parse(data!.meta['avro.schema']!)).toEqual(entrySchema);
  });
});

describe('Iceberg names and types in Avro', () => {
  it('makes names Avro accepts, as Java AvroSchemaUtil.makeCompatibleName does for ASCII', () => {
    expect(avroCompatibleName('at_day')).toBe('at_day');
    expect(avroCompatibleName('$createdAt_day')).toBe('_x24createdAt_day');
    expect(avroCompatibleName('1st')).toBe('_1st');
    expect(avroCompatibleName('a-b c')).toBe('a_x2Db_x20c');
    expect(avroCompatibleName('é')).toBe('_xE9');
  });

  it('maps Iceberg primitives to Avro as spec Appendix A says', () => {
    expect(avroTypeOf('date')).toEqual({ type: 'int', logicalType: 'date' });
    expect(avroTypeOf('time')).toEqual({ type: 'long', logicalType: 'time-micros' });
    expect(avroTypeOf('timestamptz')).toEqual({ type: 'long', logicalType: 'timestamp-micros', 'adjust-to-utc': true });
    expect(avroTypeOf('binary')).toBe('bytes');
    expect(avroTypeOf('decimal(38,10)')).toEqual({ type: 'fixed', name: 'decimal_38_10', size: 16, logicalType: 'decimal', precision: 38, scale: 10 });
    expect([1, 2, 3, 4, 9, 10, 18, 19, 38].map(decimalRequiredBytes)).toEqual([1, 1, 2, 2, 4, 5, 8, 9, 16]);
  });
});
