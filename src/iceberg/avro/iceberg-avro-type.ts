/**
 * The Avro type of an Iceberg primitive (Iceberg spec Appendix A, "Avro",
 * "Data Type Mappings"), for partition tuples in manifests.
 */
import type { IcebergPrimitiveType } from '../metadata/index.js';
import { AvroError } from './avro-error.js';
import type { AvroFixedSchema, AvroSchema } from './avro-schema.js';

const DECIMAL = /^decimal\((\d+),\s*(\d+)\)$/;

/** The fewest bytes whose two's complement holds every unscaled value of `precision` digits (Java's `TypeUtil.decimalRequiredBytes`). */
export function decimalRequiredBytes(precision: number): number {
  const largest = 10n ** BigInt(precision) - 1n;
  let bytes = 1;
  while (2n ** BigInt(8 * bytes - 1) - 1n < largest) bytes++;
  return bytes;
}

/**
 * The Avro schema Iceberg stores a value of `type` as: date an int marked
 * `date`, time a long marked `time-micros`, timestamptz a long marked
 * `timestamp-micros` with `adjust-to-utc`, binary bytes, decimal(P,S) a
 * fixed of the fewest bytes named `decimal_P_S` (Java's name).
 *
 * @example
 * avroTypeOf('timestamptz') // { type: 'long', logicalType: 'timestamp-micros', 'adjust-to-utc': true }
 * avroTypeOf('decimal(9,2)') // { type: 'fixed', name: 'decimal_9_2', size: 4, logicalType: 'decimal', precision: 9, scale: 2 }
 */
export function avroTypeOf(type: IcebergPrimitiveType): AvroSchema {
  switch (type) {
    case 'boolean':
    case 'int':
    case 'long':
    case 'float':
    case 'double':
    case 'string':
      return type;
    case 'binary':
      return 'bytes';
    case 'date':
      return { type: 'int', logicalType: 'date' };
    case 'time':
      return { type: 'long', logicalType: 'time-micros' };
    case 'timestamptz':
      return { type: 'long', logicalType: 'timestamp-micros', 'adjust-to-utc': true };
    default: {
      const match = DECIMAL.exec(type);
      if (match === null) throw new AvroError('AVRO_INVALID_SCHEMA', `expected an Iceberg primitive type with an Avro form, found ${JSON.stringify(type)}`);
      const precision = Number(match[1]);
      const scale = Number(match[2]);
      const fixed: AvroFixedSchema = {
        type: 'fixed',
        name: `decimal_${precision}_${scale}`,
        size: decimalRequiredBytes(precision),
        logicalType: 'decimal',
        precision,
        scale,
      };
      return fixed;
    }
  }
}
