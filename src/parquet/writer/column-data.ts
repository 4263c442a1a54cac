/**
 * One column of row values as Arrow data: nulls checked against the
 * column's nullability, values against its type, lists flattened into
 * offsets plus one child column (Arrow columnar format "Variable-size List
 * Layout"). Errors name the column and the row, never the value.
 */
import { makeData, type Data } from 'apache-arrow';
import type { IcebergListType, IcebergType } from '../../iceberg/metadata/iceberg-schema.js';
import { describeFound } from '../../store/values/describe-found.js';
import { arrowListOf } from './arrow-field.js';
import { ParquetWriteError } from './parquet-write-error.js';
import { primitiveOf, type Validity } from './primitive-data.js';

/** Where a column's values come from, for errors: `rowAt` maps an index into `values` to the row it belongs to. */
export interface ColumnSite {
  readonly collection: string;
  /** The column, or a list's element as `tags.element` (the field-id path). */
  readonly column: string;
  rowAt(index: number): number;
}

function fail(site: ColumnSite, index: number, code: ParquetWriteError['code'], message: string): never {
  throw new ParquetWriteError(code, message, { collection: site.collection, column: site.column, row: site.rowAt(index) });
}

function validityOf(values: readonly unknown[], nullable: boolean, site: ColumnSite, element: boolean): Validity {
  let bitmap: Uint8Array | undefined;
  let nullCount = 0;
  values.forEach((v, i) => {
    if (v !== null && v !== undefined) return;
    if (!nullable) {
      const what = element ? 'a value in every element (IceType lists hold no nulls)' : 'a value (the column is required)';
      fail(site, i, 'NULL_NOT_ALLOWED', `expected ${what}, found ${describeFound(v)}`);
    }
    if (bitmap === undefined) bitmap = new Uint8Array((values.length + 7) >> 3).fill(0xff);
    bitmap[i >> 3]! &= ~(1 << (i & 7));
    nullCount++;
  });
  return { bitmap, nullCount };
}

/** The first index whose offset exceeds `index`, less one: the list that holds flattened element `index`. */
function listAt(offsets: Int32Array, index: number): number {
  let low = 0;
  let high = offsets.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (offsets[mid]! <= index) low = mid;
    else high = mid - 1;
  }
  return low;
}

function listData(type: IcebergListType, values: readonly unknown[], validity: Validity, site: ColumnSite): Data {
  const valueOffsets = new Int32Array(values.length + 1);
  const elements: unknown[] = [];
  values.forEach((v, i) => {
    if (v !== null && v !== undefined) {
      if (!Array.isArray(v)) fail(site, i, 'TYPE_MISMATCH', `expected a list (an array), found ${describeFound(v)}`);
      for (const element of v as readonly unknown[]) elements.push(element);
    }
    valueOffsets[i + 1] = elements.length;
  });
  const child = columnData(type.element, !type['element-required'], elements, {
    collection: site.collection,
    column: `${site.column}.element`,
    rowAt: (index) => site.rowAt(listAt(valueOffsets, index)),
  }, true);
  return makeData({ type: arrowListOf(type), length: values.length, nullCount: validity.nullCount, nullBitmap: validity.bitmap, valueOffsets, child });
}

/**
 * The Arrow data of one column of `type` from its row values (`null` or
 * `undefined` for no value). Throws `ParquetWriteError` `NULL_NOT_ALLOWED`,
 * `TYPE_MISMATCH` or `OUT_OF_RANGE` at the first value that does not fit.
 *
 * @example
 * columnData({ type: 'list', 'element-id': 8, 'element-required': true, element: 'string' }, true, [['a', 'b'], null, []], site)
 * // List<Utf8> data of length 3: offsets [0, 2, 2, 2], the second row null
 */
export function columnData(type: IcebergType, nullable: boolean, values: readonly unknown[], site: ColumnSite, element = false): Data {
  const validity = validityOf(values, nullable, site, element);
  if (typeof type !== 'string') return listData(type, values, validity, site);
  const primitive = primitiveOf(type);
  values.forEach((v, i) => {
    if (v === null || v === undefined) return;
    const problem = primitive.problem(v);
    if (problem !== undefined) fail(site, i, problem, `expected ${primitive.expected}, found ${describeFound(v)}${problem === 'OUT_OF_RANGE' ? ' out of range' : ''}`);
  });
  return primitive.data(values, validity);
}
