/**
 * Iceberg metadata generators (issue 6 §1): schema, partition spec, sort
 * order and v2 table metadata of an IceType schema. Explicit exports only.
 */
export { GeneratorError, type GeneratorErrorCode } from './generator-error.js';
export { generateIcebergSchema, type IcebergField, type IcebergListType, type IcebergPrimitiveType, type IcebergSchema, type IcebergType } from './iceberg-schema.js';
export type { IcebergPartitionField, IcebergPartitionSpec, IcebergTransform } from './partition-spec.js';
export type { IcebergSortField, IcebergSortOrder } from './sort-order.js';
export { DEFAULT_PROPERTIES, type IcebergMetadataOptions, type TableMetadataOptions } from './metadata-options.js';
export {
  generateIcebergMetadata,
  generateTableMetadata,
  type IcebergSnapshot,
  type IcebergSnapshotRef,
  type IcebergTableMetadata,
} from './table-metadata.js';
export { IcebergMetadataGenerator } from './metadata-generator.js';
