/**
 * Apache Parquet (DESIGN.md §5): schemas and row values generated from
 * IceType schemas. Arrow building and Parquet writing join later.
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
