/**
 * A small Avro encoder for Iceberg manifests and manifest lists (DESIGN.md
 * §5): no Avro library runs in workerd (they generate code with
 * `new Function`), so the project carries its own, tested against avsc and
 * python3-avro. Explicit exports only.
 */
export { AvroError, type AvroErrorCode } from './avro-error.js';
export {
  isAvroUnion,
  type AvroArraySchema,
  type AvroAttributes,
  type AvroEnumSchema,
  type AvroField,
  type AvroFixedSchema,
  type AvroMapSchema,
  type AvroPrimitiveName,
  type AvroPrimitiveSchema,
  type AvroRecordSchema,
  type AvroSchema,
  type AvroUnionSchema,
} from './avro-schema.js';
export { checkAvroSchema } from './check-avro-schema.js';
export { encodeAvroValue } from './encode-value.js';
export { encodeAvroFile, type AvroFileOptions } from './encode-file.js';
export { avroCompatibleName } from './avro-compatible-name.js';
export { avroTypeOf, decimalRequiredBytes } from './iceberg-avro-type.js';
export { MANIFEST_LIST_SCHEMA, type AvroLong, type FieldSummaryRecord, type ManifestFileRecord } from './manifest-list-schema.js';
export {
  manifestEntrySchema,
  partitionSchema,
  type DataFileRecord,
  type ManifestEntryRecord,
  type MetricEntry,
  type PartitionTypeField,
} from './manifest-schema.js';
