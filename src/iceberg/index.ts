/**
 * Apache Iceberg (DESIGN.md §5): table metadata generated from IceType
 * schemas. The exporter (manifests, commits, object stores) joins later.
 * Explicit exports only.
 */
export {
  generateIcebergMetadata,
  GeneratorError,
  IcebergMetadataGenerator,
  type GeneratorErrorCode,
  type IcebergField,
  type IcebergListType,
  type IcebergMetadataOptions,
  type IcebergPartitionField,
  type IcebergPartitionSpec,
  type IcebergPrimitiveType,
  type IcebergSchema,
  type IcebergSnapshot,
  type IcebergSnapshotRef,
  type IcebergSortField,
  type IcebergSortOrder,
  type IcebergTableMetadata,
  type IcebergTransform,
  type IcebergType,
  type TableMetadataOptions,
} from './metadata/index.js';
export { checkObjectKey, ObjectStoreError, type ObjectStore, type ObjectStoreErrorCode } from './store/object-store.js';
export { r2ObjectStore } from './store/r2-object-store.js';
export {
  type ChangeExporter,
  type ChangelogCompactionResult,
  type CompactionResult as IcebergCompactionResult,
  type ExportOptions,
  type ExportResult,
  type IcebergCompaction,
  type TableExport,
} from './export/index.js';
export { IcebergError, type IcebergErrorCode } from './table/iceberg-error.js';
export type { TableState } from './table/table-state.js';
