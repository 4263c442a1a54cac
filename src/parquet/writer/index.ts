/**
 * Arrow tables and Parquet files of the Iceberg exporter (issue 6 §2):
 * tables built with `makeData` (workerd forbids the `new Function` of
 * Arrow's builders), files written by parquet-wasm with ZSTD, statistics
 * and `PARQUET:field_id` on every field, and the data-file metrics Iceberg
 * manifests need. Explicit exports only.
 *
 * The parquet-wasm loaders are not exported here, because each needs its
 * own runtime: import `./workerd-wasm.js` (`workerdParquetWasm`, a `.wasm`
 * module import) in Workers and `./node-wasm.js` (`nodeParquetWasm`,
 * `node:fs`) in Node.
 */
export { ParquetWriteError, type ParquetWriteErrorCode, type ParquetWriteErrorContext } from './parquet-write-error.js';
export { PARQUET_FIELD_ID_KEY } from './arrow-field.js';
export { arrowTableFor, type ArrowTableOptions } from './collection-table.js';
export {
  CHANGELOG_FIELD_ID_BASE,
  CHANGELOG_FIELDS,
  CHANGELOG_OP_FIELD_ID,
  CHANGELOG_SEQ_FIELD_ID,
  CHANGELOG_SHARD_FIELD_ID,
  CHANGELOG_TS_FIELD_ID,
  type ChangelogValues,
  type ChangeOp,
} from './changelog-columns.js';
export { DELETE_FILE_PATH_FIELD_ID, DELETE_POS_FIELD_ID, POSITION_DELETE_FIELDS, positionDeletesTable, type PositionDelete } from './position-deletes.js';
export { writeParquet, type ParquetCompression, type WriteParquetOptions } from './write-parquet.js';
export { dataFileMetrics, type BoundValue, type DataFileMetrics } from './data-file-metrics.js';
export { initParquetWasm, type ParquetWasm, type ParquetWasmLoader } from './parquet-wasm.js';
