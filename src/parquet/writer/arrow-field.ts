/**
 * Iceberg fields as Arrow fields (ICETYPE.md §4 Arrow column; research
 * iceberg.md §3.10), each with `PARQUET:field_id` in its metadata — parquet-rs
 * turns that key into the Parquet `field_id`, on list elements too — so the
 * files parquet-wasm writes match `generateParquetSchema` node for node.
 */
import {
  Binary,
  Bool,
  DateDay,
  Decimal,
  Field,
  Float32,
  Float64,
  Int32,
  Int64,
  List,
  TimeMicrosecond,
  TimestampMicrosecond,
  Utf8,
  type DataType,
} from 'apache-arrow';
import type { IcebergField, IcebergListType, IcebergPrimitiveType, IcebergType } from '../../iceberg/metadata/iceberg-schema.js';

/** The Arrow field metadata key parquet-rs reads the Parquet `field_id` from. */
export const PARQUET_FIELD_ID_KEY = 'PARQUET:field_id';

const DECIMAL = /^decimal\((\d+),(\d+)\)$/;

/** The precision and scale of a `decimal(P,S)` type, or undefined for any other type. */
export function decimalOf(type: IcebergPrimitiveType): { readonly precision: number; readonly scale: number } | undefined {
  const match = DECIMAL.exec(type);
  return match === null ? undefined : { precision: Number(match[1]), scale: Number(match[2]) };
}

/** The Arrow type of an Iceberg primitive: timestamps in µs with zone UTC (`timestamptz`), decimals as Decimal128. */
export function arrowPrimitiveOf(type: IcebergPrimitiveType): DataType {
  switch (type) {
    case 'boolean':
      return new Bool();
    case 'int':
      return new Int32();
    case 'long':
      return new Int64();
    case 'float':
      return new Float32();
    case 'double':
      return new Float64();
    case 'date':
      return new DateDay();
    case 'time':
      return new TimeMicrosecond();
    case 'timestamptz':
      return new TimestampMicrosecond('UTC');
    case 'string':
      return new Utf8();
    case 'binary':
      return new Binary();
    default: {
      const { precision, scale } = decimalOf(type)!;
      return new Decimal(scale, precision, 128); // Arrow JS takes the scale first
    }
  }
}

function arrowField(name: string, type: IcebergType, nullable: boolean, fieldId: number): Field {
  const metadata = new Map([[PARQUET_FIELD_ID_KEY, String(fieldId)]]);
  return new Field(name, typeof type === 'string' ? arrowPrimitiveOf(type) : arrowListOf(type), nullable, metadata);
}

/** The Arrow type of an Iceberg list: `List<element>`, the element field named `element` with its own id. */
export function arrowListOf(type: IcebergListType): List {
  return new List(arrowField('element', type.element, !type['element-required'], type['element-id']));
}

/**
 * The Arrow field of an Iceberg field: nullable unless required, lists as
 * `List<element>` with the element's own id.
 *
 * @example
 * arrowFieldOf({ id: 7, name: 'tags', required: false, type: { type: 'list', 'element-id': 8, 'element-required': true, element: 'string' } })
 * // Field tags: List<element: Utf8 not null, {PARQUET:field_id: '8'}>, nullable, {PARQUET:field_id: '7'}
 */
export function arrowFieldOf(field: IcebergField): Field {
  return arrowField(field.name, field.type, !field.required, field.id);
}
