import { tableFromIPC, Type, type Data } from 'apache-arrow';
import type { ParquetRow, ParquetValue } from '../../parquet/index.js';
import { PARQUET_FIELD_ID_KEY } from '../../parquet/writer/arrow-field.js';
import type { ParquetWasmLoader } from '../../parquet/writer/parquet-wasm.js';
import type { IcebergField, IcebergType } from '../metadata/index.js';
import { IcebergError } from '../table/iceberg-error.js';

/**
 * Rows of a data file read back (for compaction): parquet-wasm (parquet-rs)
 * decodes the Parquet into Arrow, and the values are taken from Arrow's
 * buffers in the row-value form `documentToParquetRow` gives (longs,
 * timestamps and decimals as bigint, dates as days, lists as arrays), so
 * they go straight back into `arrowTableFor`. Columns are matched to the
 * table's current fields by field id (Iceberg spec "Column Projection"): a
 * renamed field keeps its values, a field the file lacks is null, an int
 * widened to long becomes a bigint.
 */

const decoder = new TextDecoder();

function isValid(data: Data, i: number): boolean {
  const bitmap = data.nullBitmap;
  if (bitmap === undefined || bitmap.length === 0 || data.nullCount === 0) return true;
  const bit = data.offset + i;
  return (bitmap[bit >> 3]! & (1 << (bit & 7))) !== 0;
}

/** The value at row `i` of a column. */
function valueAt(data: Data, i: number, file: string): ParquetValue {
  if (!isValid(data, i)) return null;
  const at = data.offset + i;
  const values = data.values as ArrayLike<number | bigint> & ArrayBufferView;
  switch (data.typeId) {
    case Type.Bool:
      return ((values[at >> 3] as number) & (1 << (at & 7))) !== 0;
    case Type.Int:
    case Type.Float:
    case Type.Date:
    case Type.Time:
    case Type.Timestamp:
      return values[at]!;
    case Type.Decimal: {
      // Decimal128: two 64-bit words per value, low first; the high word carries the sign.
      const words = new BigInt64Array(values.buffer, values.byteOffset + 16 * at, 2);
      return (words[1]! << 64n) | BigInt.asUintN(64, words[0]!);
    }
    case Type.Utf8:
    case Type.Binary: {
      const offsets = data.valueOffsets as Int32Array;
      const bytes = (values as unknown as Uint8Array).subarray(offsets[at]!, offsets[at + 1]!);
      return data.typeId === Type.Utf8 ? decoder.decode(bytes) : bytes.slice();
    }
    case Type.List: {
      const offsets = data.valueOffsets as Int32Array;
      const child = data.children[0]!;
      const list: ParquetValue[] = [];
      for (let j = offsets[at]!; j < offsets[at + 1]!; j++) list.push(valueAt(child, j, file));
      return list;
    }
    default:
      throw new IcebergError('CORRUPT_TABLE_STATE', `expected ${file} to hold Iceberg column types, found Arrow type ${Type[data.typeId]}`);
  }
}

/** A value as the current column type takes it: an int read from a column since widened to long is a bigint. */
function widened(type: IcebergType, value: ParquetValue): ParquetValue {
  if (typeof type !== 'string') return Array.isArray(value) ? value.map((v: ParquetValue) => widened(type.element, v)) : value;
  return typeof value === 'number' && (type === 'long' || type === 'time' || type === 'timestamptz' || type.startsWith('decimal(')) ? BigInt(value) : value;
}

/**
 * The rows at `positions` (ascending, 0-based) of the data file `bytes`,
 * keyed by the names of `fields` (the table's current columns). Throws
 * `IcebergError` `CORRUPT_TABLE_STATE` for a position past the file's end
 * or a column of a type no Iceberg field maps to.
 */
export function readRows(wasm: ParquetWasmLoader, bytes: Uint8Array, fields: readonly IcebergField[], positions: readonly number[], file: string): ParquetRow[] {
  const table = tableFromIPC(wasm().readParquet(bytes).intoIPCStream());
  const byId = new Map(fields.map((f) => [f.id, f]));
  const columns = table.schema.fields.flatMap((column, index) => {
    const field = byId.get(Number(column.metadata.get(PARQUET_FIELD_ID_KEY)));
    return field === undefined ? [] : [{ index, field }];
  });
  const rows: ParquetRow[] = [];
  let batch = 0;
  let start = 0;
  for (const pos of positions) {
    while (batch < table.batches.length && pos >= start + table.batches[batch]!.numRows) start += table.batches[batch++]!.numRows;
    if (batch === table.batches.length) throw new IcebergError('CORRUPT_TABLE_STATE', `expected row ${pos} in ${file}, found ${table.numRows} rows`);
    const data = table.batches[batch]!.data;
    const row: ParquetRow = {};
    for (const { index, field } of columns) row[field.name] = widened(field.type, valueAt(data.children[index]!, pos - start, file));
    rows.push(row);
  }
  return rows;
}
