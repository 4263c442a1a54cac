/**
 * An Iceberg field as a Parquet schema node (Iceberg spec Appendix A,
 * "Parquet": type mappings, field ids, 3-level lists), so that the Parquet
 * column of every ICETYPE.md §4 row follows from its Iceberg column.
 */
import type { IcebergField, IcebergPrimitiveType, IcebergType } from '../../iceberg/metadata/iceberg-schema.js';
import { decimalStorage } from './decimal-storage.js';
import type { ParquetField, ParquetLogicalType, ParquetPrimitiveType, ParquetRepetition } from './parquet-types.js';

/** A leaf's physical type and annotation. */
interface Leaf {
  readonly type: ParquetPrimitiveType;
  readonly typeLength?: number;
  readonly logicalType?: ParquetLogicalType;
}

const DECIMAL = /^decimal\((\d+),(\d+)\)$/;

/** Appendix A: time and timestamps in µs; `timestamptz` adjusted to UTC, `time` not. */
const LEAVES: Readonly<Record<Exclude<IcebergPrimitiveType, `decimal(${number},${number})`>, Leaf>> = {
  boolean: { type: 'BOOLEAN' },
  int: { type: 'INT32' },
  long: { type: 'INT64' },
  float: { type: 'FLOAT' },
  double: { type: 'DOUBLE' },
  date: { type: 'INT32', logicalType: { type: 'DATE' } },
  time: { type: 'INT64', logicalType: { type: 'TIME', unit: 'MICROS', isAdjustedToUTC: false } },
  timestamptz: { type: 'INT64', logicalType: { type: 'TIMESTAMP', unit: 'MICROS', isAdjustedToUTC: true } },
  string: { type: 'BYTE_ARRAY', logicalType: { type: 'STRING' } },
  binary: { type: 'BYTE_ARRAY' },
};

function leafOf(type: IcebergPrimitiveType): Leaf {
  const decimal = DECIMAL.exec(type);
  if (decimal === null) return LEAVES[type as keyof typeof LEAVES];
  const precision = Number(decimal[1]);
  const logicalType: ParquetLogicalType = { type: 'DECIMAL', precision, scale: Number(decimal[2]) };
  return { ...decimalStorage(precision), logicalType };
}

function nodeOf(name: string, required: boolean, fieldId: number, type: IcebergType): ParquetField {
  const repetition: ParquetRepetition = required ? 'REQUIRED' : 'OPTIONAL';
  if (typeof type === 'string') return { kind: 'primitive', name, repetition, ...leafOf(type), fieldId };
  // LogicalTypes.md "Lists": <list-repetition> group <name> (LIST) { repeated group list { <element-repetition> <element-type> element; } }
  const element = nodeOf('element', type['element-required'], type['element-id'], type.element);
  const list: ParquetField = { kind: 'group', name: 'list', repetition: 'REPEATED', fields: [element] };
  return { kind: 'group', name, repetition, logicalType: { type: 'LIST' }, fieldId, fields: [list] };
}

/**
 * The Parquet node of one Iceberg field.
 *
 * @example
 * parquetFieldOf({ id: 7, name: 'tags', required: false, type: { type: 'list', 'element-id': 8, 'element-required': true, element: 'string' } })
 * // optional group tags (LIST) = 7 { repeated group list { required binary element (STRING) = 8; } }
 */
export function parquetFieldOf(field: IcebergField): ParquetField {
  return nodeOf(field.name, field.required, field.id, field.type);
}
