/**
 * Rows as an Arrow table over a list of Iceberg fields: one record batch,
 * each column built with `makeData` (workerd forbids the `new Function` of
 * Arrow's builders), each field carrying `PARQUET:field_id`. The collection
 * tables, changelog tables and position-delete tables all go through here.
 */
import { makeData, RecordBatch, Schema, Struct, Table, type Data } from 'apache-arrow';
import type { IcebergField } from '../../iceberg/metadata/iceberg-schema.js';
import { arrowFieldOf } from './arrow-field.js';
import { columnData } from './column-data.js';

const rowIndex = (index: number): number => index;

/**
 * An Arrow table with one column per field, in order, from `rows` (keyed by
 * field name; a missing key is a null). Throws `ParquetWriteError` at the
 * first value that does not fit its column; `collection` names the table in
 * that error.
 *
 * @example
 * arrowTableOf([{ id: 1, name: 'n', required: true, type: 'long' }], [{ n: 1n }, { n: 2n }], 'Counter')
 * // Table<{ n: Int64 }> of 2 rows; field n has metadata { 'PARQUET:field_id': '1' }
 */
export function arrowTableOf(fields: readonly IcebergField[], rows: readonly Readonly<Record<string, unknown>>[], collection: string): Table {
  const children = fields.map((field) => {
    const values = rows.map((row) => (Object.hasOwn(row, field.name) ? row[field.name] : undefined));
    return columnData(field.type, !field.required, values, { collection, column: field.name, rowAt: rowIndex });
  });
  return tableOfColumns(fields, children, rows.length);
}

/** One record batch of `length` rows from a column's data per field (in order, each of the field's Arrow type), every field carrying `PARQUET:field_id`. */
export function tableOfColumns(fields: readonly IcebergField[], children: readonly Data[], length: number): Table {
  const arrowFields = fields.map(arrowFieldOf);
  const data = makeData({ type: new Struct(arrowFields), length, nullCount: 0, children: [...children] });
  return new Table([new RecordBatch(new Schema(arrowFields), data)]);
}
