/**
 * A Parquet schema as a tree (parquet-format `SchemaElement`, LogicalTypes.md):
 * what the exporter's Parquet files hold, with the Iceberg field id on
 * every node that has one.
 */

/** Physical types the generators use. */
export type ParquetPrimitiveType = 'BOOLEAN' | 'INT32' | 'INT64' | 'FLOAT' | 'DOUBLE' | 'BYTE_ARRAY' | 'FIXED_LEN_BYTE_ARRAY';

/** A node's repetition. */
export type ParquetRepetition = 'REQUIRED' | 'OPTIONAL' | 'REPEATED';

/** Logical type annotations (LogicalTypes.md), as parquet-mr names them. */
export type ParquetLogicalType =
  | { readonly type: 'STRING' }
  | { readonly type: 'DATE' }
  | { readonly type: 'TIME'; readonly unit: 'MICROS'; readonly isAdjustedToUTC: false }
  | { readonly type: 'TIMESTAMP'; readonly unit: 'MICROS'; readonly isAdjustedToUTC: true }
  | { readonly type: 'DECIMAL'; readonly precision: number; readonly scale: number }
  | { readonly type: 'LIST' };

/** A leaf column. */
export interface ParquetPrimitiveField {
  readonly kind: 'primitive';
  readonly name: string;
  readonly repetition: ParquetRepetition;
  readonly type: ParquetPrimitiveType;
  /** FIXED_LEN_BYTE_ARRAY only: the byte length. */
  readonly typeLength?: number;
  readonly logicalType?: ParquetLogicalType;
  /** The Iceberg field id (`PARQUET:field_id`). */
  readonly fieldId: number;
}

/** A group: a list's outer group (`LIST`, with the field's id) or its `repeated group list` (no id). */
export interface ParquetGroupField {
  readonly kind: 'group';
  readonly name: string;
  readonly repetition: ParquetRepetition;
  readonly logicalType?: ParquetLogicalType;
  /** The Iceberg field id; absent on the `repeated group list` level, which Iceberg does not number. */
  readonly fieldId?: number;
  readonly fields: readonly ParquetField[];
}

/** A node of the schema tree. */
export type ParquetField = ParquetPrimitiveField | ParquetGroupField;

/** The root (`message <name>`): the collection's columns in field-id order of declaration. */
export interface ParquetSchema {
  readonly name: string;
  readonly fields: readonly ParquetField[];
}
