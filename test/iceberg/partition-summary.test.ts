/**
 * Partition field summaries of manifest-list entries (Iceberg spec
 * "Manifest Lists", `field_summary`): nulls, NaN, and the bounds of the
 * other values in the single-value serialization, ordered as Iceberg
 * orders each type. test-node/ checks them on exported tables with avsc
 * and python3-avro.
 */
import { describe, expect, it } from 'vitest';
import type { ManifestEntryRecord, PartitionTypeField } from '../../src/iceberg/avro/index.js';
import { partitionSummaries } from '../../src/iceberg/table/partition-summary.js';
import { serializeSingleValue } from '../../src/iceberg/table/single-value.js';

const entry = (partition: Record<string, unknown>): ManifestEntryRecord => ({
  status: 1,
  data_file: { content: 0, file_path: 'x', file_format: 'PARQUET', partition, record_count: 1, file_size_in_bytes: 1 },
});

describe('partitionSummaries', () => {
  it('bounds each field by its type’s order, skipping nulls and NaN, which it flags', () => {
    const type: PartitionTypeField[] = [
      { name: 'region', 'field-id': 1000, type: 'string' },
      { name: 'n', 'field-id': 1001, type: 'long' },
      { name: 'f', 'field-id': 1002, type: 'double' },
      { name: 'b', 'field-id': 1003, type: 'binary' },
      { name: 'd', 'field-id': 1004, type: 'date' },
    ];
    const entries = [
      entry({ region: 'ü', n: -5n, f: Number.NaN, b: new Uint8Array([2]), d: null }),
      entry({ region: 'z', n: 10n, f: 2.5, b: new Uint8Array([1, 255]), d: null }),
      // '😀' (U+1F600) sorts after 'ü' and 'z' by code point, before them in UTF-16 code units.
      entry({ region: '😀', n: null, f: -1, b: new Uint8Array([1]), d: null }),
    ];
    expect(partitionSummaries(entries, type)).toEqual([
      { contains_null: false, contains_nan: false, lower_bound: serializeSingleValue('string', 'z'), upper_bound: serializeSingleValue('string', '😀') },
      { contains_null: true, contains_nan: false, lower_bound: serializeSingleValue('long', -5n), upper_bound: serializeSingleValue('long', 10n) },
      { contains_null: false, contains_nan: true, lower_bound: serializeSingleValue('double', -1), upper_bound: serializeSingleValue('double', 2.5) },
      { contains_null: false, contains_nan: false, lower_bound: new Uint8Array([1]), upper_bound: new Uint8Array([2]) },
      { contains_null: true, contains_nan: false, lower_bound: null, upper_bound: null },
    ]);
    expect(partitionSummaries(entries, [])).toEqual([]);
  });
});
