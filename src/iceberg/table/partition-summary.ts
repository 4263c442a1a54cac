import type { FieldSummaryRecord, ManifestEntryRecord, PartitionTypeField } from '../avro/index.js';
import { compareCodePoints } from '../../parquet/writer/position-deletes.js';
import { serializeSingleValue } from './single-value.js';

/**
 * The partition field summaries of a manifest's entry in the manifest list
 * (Iceberg spec "Manifest Lists", `field_summary`): per partition field,
 * whether any file's value is null or NaN, and the lower and upper bounds
 * of the others in the single-value serialization — so engines can skip a
 * whole manifest whose partitions a query excludes.
 */

type Value = string | number | bigint | boolean | Uint8Array;

/** Orders two non-null partition values of one field: strings by code point (UTF-8 byte order), bytes unsigned, the rest by value. */
function compareValues(a: Value, b: Value): number {
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b);
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
    return a.length - b.length;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

const isNaNValue = (v: unknown) => typeof v === 'number' && Number.isNaN(v);

/** The summaries of `entries`' partitions, one per field of `partitionType` (`[]` when unpartitioned). */
export function partitionSummaries(entries: readonly ManifestEntryRecord[], partitionType: readonly PartitionTypeField[]): FieldSummaryRecord[] {
  return partitionType.map((field, i) => {
    let containsNull = false;
    let containsNaN = false;
    let lower: Value | undefined;
    let upper: Value | undefined;
    for (const entry of entries) {
      const value = Object.values(entry.data_file.partition)[i] as Value | null | undefined;
      if (value === null || value === undefined) containsNull = true;
      else if (isNaNValue(value)) containsNaN = true;
      else {
        if (lower === undefined || compareValues(value, lower) < 0) lower = value;
        if (upper === undefined || compareValues(value, upper) > 0) upper = value;
      }
    }
    return {
      contains_null: containsNull,
      contains_nan: containsNaN,
      lower_bound: lower === undefined ? null : serializeSingleValue(field.type, lower),
      upper_bound: upper === undefined ? null : serializeSingleValue(field.type, upper),
    };
  });
}
