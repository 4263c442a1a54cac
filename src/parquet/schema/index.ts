/**
 * Parquet schemas and row values of IceType schemas (issue 6 §1), from the
 * one type mapping of ICETYPE.md §4. Explicit exports only.
 */
export type { ParquetField, ParquetGroupField, ParquetLogicalType, ParquetPrimitiveField, ParquetPrimitiveType, ParquetRepetition, ParquetSchema } from './parquet-types.js';
export { generateParquetSchema } from './parquet-schema.js';
export { generateParquetSchemaString, printParquetSchema } from './schema-string.js';
export { ParquetSchemaGenerator } from './schema-generator.js';
export { documentToParquetRow, type ParquetRow, type ParquetValue } from './parquet-row.js';
