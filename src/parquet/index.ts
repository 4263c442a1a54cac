/**
 * Apache Parquet (DESIGN.md §5): schemas and row values generated from
 * IceType schemas, Arrow tables built without code generation, and
 * Parquet files written by parquet-wasm.
 * Explicit exports only.
 */
export {
  documentToParquetRow,
  generateParquetSchema,
  generateParquetSchemaString,
  ParquetSchemaGenerator,
  type ParquetField,
  type ParquetGroupField,
  type ParquetLogicalType,
  type ParquetPrimitiveField,
  type ParquetPrimitiveType,
  type ParquetRepetition,
  type ParquetRow,
  type ParquetSchema,
  type ParquetValue,
} from './schema/index.js';
export {
  arrowTableFor,
  CHANGELOG_FIELD_ID_BASE,
  CHANGELOG_FIELDS,
  CHANGELOG_OP_FIELD_ID,
  CHANGELOG_SEQ_FIELD_ID,
  CHANGELOG_SHARD_FIELD_ID,
  CHANGELOG_TS_FIELD_ID,
  dataFileMetrics,
  DELETE_FILE_PATH_FIELD_ID,
  DELETE_POS_FIELD_ID,
  initParquetWasm,
  PARQUET_FIELD_ID_KEY,
  ParquetWriteError,
  POSITION_DELETE_FIELDS,
  positionDeletesTable,
  writeParquet,
  type ArrowTableOptions,
  type BoundValue,
  type ChangelogValues,
  type ChangeOp,
  type DataFileMetrics,
  type ParquetCompression,
  type ParquetWasm,
  type ParquetWasmLoader,
  type ParquetWriteErrorCode,
  type ParquetWriteErrorContext,
  type PositionDelete,
  type WriteParquetOptions,
} from './writer/index.js';
