/**
 * The Parquet schema a data file must have, node by node as DuckDB's
 * `parquet_schema` lists them, derived from Iceberg types by the spec's
 * Parquet type table (as ICETYPE.md §4 and docs/iceberg.md give it; the
 * spec's and Java's decimal rule: INT32 up to precision 9, INT64 up to 18,
 * then FIXED_LEN_BYTE_ARRAY): field ids on every column and list element,
 * none on the `repeated group list` level; and the schema of position-delete
 * files (spec "Position Delete Files": reserved ids 2147483546 and
 * 2147483545).
 */
import type { IcebergFieldJson } from '../../../scripts/support/warehouse.js';

/** A node as compared: `parquet_schema` columns, plus a pattern its `logical_type` text must match. */
export type SchemaNode = Record<string, unknown> & { readonly logical?: RegExp };

function primitive(type: string): Omit<SchemaNode, 'name' | 'field_id' | 'repetition_type'> {
  const decimal = type.match(/^decimal\((\d+),\s*(\d+)\)$/);
  if (decimal !== null) {
    const precision = Number(decimal[1]);
    return { type: precision <= 9 ? 'INT32' : precision <= 18 ? 'INT64' : 'FIXED_LEN_BYTE_ARRAY', converted_type: 'DECIMAL', precision, scale: Number(decimal[2]) };
  }
  switch (type) {
    case 'string':
      return { type: 'BYTE_ARRAY', converted_type: 'UTF8', logical: /^StringType/ };
    case 'int':
      return { type: 'INT32', converted_type: null };
    case 'long':
      return { type: 'INT64', converted_type: null };
    case 'boolean':
      return { type: 'BOOLEAN', converted_type: null };
    case 'timestamptz':
      return { type: 'INT64', converted_type: 'TIMESTAMP_MICROS', logical: /^TimestampType\(isAdjustedToUTC=1, unit=TimeUnit\(MILLIS=<null>, MICROS=MicroSeconds\(\)/ };
    default:
      throw new Error(`parquet-nodes: no Parquet type for ${type}`);
  }
}

/** The nodes of a data file written with `fields` (the root left out). */
export function dataFileNodes(fields: readonly IcebergFieldJson[]): SchemaNode[] {
  return fields.flatMap((f): SchemaNode[] => {
    const repetition_type = f.required ? 'REQUIRED' : 'OPTIONAL';
    if (typeof f.type === 'string') return [{ name: f.name, field_id: f.id, repetition_type, ...primitive(f.type) }];
    return [
      { name: f.name, field_id: f.id, repetition_type, type: null, converted_type: 'LIST' },
      { name: 'list', field_id: null, repetition_type: 'REPEATED', type: null, converted_type: null },
      { name: 'element', field_id: f.type['element-id'], repetition_type: f.type['element-required'] ? 'REQUIRED' : 'OPTIONAL', ...primitive(f.type.element) },
    ];
  });
}

/** The nodes of a position-delete file without the deleted rows. */
export const POSITION_DELETE_NODES: readonly SchemaNode[] = [
  { name: 'file_path', field_id: 2147483546, repetition_type: 'REQUIRED', ...primitive('string') },
  { name: 'pos', field_id: 2147483545, repetition_type: 'REQUIRED', ...primitive('long') },
];

/**
 * `parquet_schema` rows in the shape of `expected` (bigints as numbers),
 * for `toEqual`; each `logical_type` is matched against its pattern, and
 * the mismatches are returned with the rows, so one assertion shows all.
 */
export function actualNodes(rows: readonly Record<string, unknown>[], expected: readonly SchemaNode[]): SchemaNode[] {
  return rows.map((row, i) => {
    const like = expected[i] ?? {};
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(like)) {
      const value = row[key];
      out[key] = key === 'logical' ? (like.logical!.test(String(row['logical_type'])) ? like.logical : String(row['logical_type'])) : value === undefined ? null : typeof value === 'bigint' ? Number(value) : value;
    }
    return out;
  });
}
