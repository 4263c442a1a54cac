/**
 * The column metrics of an Iceberg data file (spec "Manifests", data_file
 * fields 108–130, 137; research iceberg.md §3.6), computed exactly in JS
 * from the Arrow table that was written, keyed by field id. They match what
 * parquet-rs puts in the footer: `num_values` and `null_count` per leaf
 * column (for a list element Parquet counts levels: one per element plus
 * one per null or empty list, and those lists as nulls), and min/max with
 * NaN left out, strings and binary compared bytewise. Bounds are typed
 * values; their binary form (Appendix D) is the manifest writer's concern.
 */
import { Type, type Data, type Field, type List, type Table } from 'apache-arrow';
import { PARQUET_FIELD_ID_KEY } from './arrow-field.js';

/** A bound in its column's row-value form: boolean; int and date as number; long, time, timestamptz and decimal (unscaled) as bigint; float and double as number; string; binary as Uint8Array. */
export type BoundValue = boolean | number | bigint | string | Uint8Array;

/** What an Iceberg `data_file` records about its columns, by field id. */
export interface DataFileMetrics {
  readonly recordCount: number;
  /** Values per leaf column, nulls and NaN included (`value_counts`). */
  readonly valueCounts: ReadonlyMap<number, number>;
  /** Nulls per leaf column (`null_value_counts`). */
  readonly nullValueCounts: ReadonlyMap<number, number>;
  /** NaN per float or double leaf column (`nan_value_counts`). */
  readonly nanValueCounts: ReadonlyMap<number, number>;
  /**
   * Least value per top-level primitive column that has a value other than
   * null and NaN (`lower_bounds`; −0 sorts before +0). List elements get no
   * bounds, as Iceberg Java leaves them out.
   */
  readonly lowerBounds: ReadonlyMap<number, BoundValue>;
  /** Greatest value, likewise (`upper_bounds`). */
  readonly upperBounds: ReadonlyMap<number, BoundValue>;
}

/** One leaf column's running counts; `min`/`max` stay in raw form (bytes for strings) until the end. */
interface Leaf {
  values: number;
  nulls: number;
  nans: number;
  /** float or double: NaN is counted, never a bound. */
  readonly float: boolean;
  /** Top-level primitives only. */
  readonly bounded: boolean;
  readonly read: Reader;
  min?: BoundValue;
  max?: BoundValue;
}

/** How a primitive column's values are read and ordered. */
interface Reader {
  at(data: Data, i: number): BoundValue;
  compare(a: BoundValue, b: BoundValue): number;
  /** The bound as returned: a string decoded, bytes copied out of the column. */
  finish(v: BoundValue): BoundValue;
}

const decoder = new TextDecoder();

function compareBytes(a: BoundValue, b: BoundValue): number {
  const x = a as Uint8Array;
  const y = b as Uint8Array;
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

/** Orders numbers, bigints and booleans; −0 before +0 (Iceberg spec Appendix D). */
function compareScalars(a: BoundValue, b: BoundValue): number {
  if (a !== b) return a < b ? -1 : 1;
  return a === 0 ? Number(Object.is(b, -0)) - Number(Object.is(a, -0)) : 0;
}

const same = (v: BoundValue): BoundValue => v;
const bytesAt = (data: Data, i: number): Uint8Array => {
  const offsets = data.valueOffsets as Int32Array;
  return (data.values as Uint8Array).subarray(offsets[data.offset + i]!, offsets[data.offset + i + 1]!);
};

const READERS: Partial<Record<Type, Reader>> = {
  [Type.Bool]: { at: (data, i) => ((data.values as Uint8Array)[(data.offset + i) >> 3]! & (1 << ((data.offset + i) & 7))) !== 0, compare: compareScalars, finish: same },
  [Type.Utf8]: { at: bytesAt, compare: compareBytes, finish: (v) => decoder.decode(v as Uint8Array) },
  [Type.Binary]: { at: bytesAt, compare: compareBytes, finish: (v) => (v as Uint8Array).slice() },
  // Decimal128: two 64-bit words per value, low first; the high word carries the sign.
  [Type.Decimal]: {
    at: (data, i) => {
      const words = new BigInt64Array(data.values.buffer, data.values.byteOffset + 16 * (data.offset + i), 2);
      return (words[1]! << 64n) | BigInt.asUintN(64, words[0]!);
    },
    compare: compareScalars,
    finish: same,
  },
};
const NUMERIC: Reader = { at: (data, i) => (data.values as ArrayLike<number | bigint>)[data.offset + i]!, compare: compareScalars, finish: same };

function isValid(data: Data, i: number): boolean {
  const bitmap = data.nullBitmap;
  if (bitmap === undefined || bitmap.length === 0 || data.nullCount === 0) return true;
  const bit = data.offset + i;
  return (bitmap[bit >> 3]! & (1 << (bit & 7))) !== 0;
}

function fieldIdOf(field: Field): number | undefined {
  const id = field.metadata.get(PARQUET_FIELD_ID_KEY);
  return id === undefined ? undefined : Number(id);
}

/** Adds one chunk of a leaf column. */
function addPrimitive(data: Data, leaf: Leaf): void {
  const { read } = leaf;
  leaf.values += data.length;
  for (let i = 0; i < data.length; i++) {
    if (!isValid(data, i)) {
      leaf.nulls++;
      continue;
    }
    const value = read.at(data, i);
    if (leaf.float && Number.isNaN(value)) leaf.nans++;
    else if (leaf.bounded) {
      if (leaf.min === undefined || read.compare(value, leaf.min) < 0) leaf.min = value;
      if (leaf.max === undefined || read.compare(value, leaf.max) > 0) leaf.max = value;
    }
  }
}

/** Adds one chunk of a column: a primitive directly, a list through its element, with Parquet's level counting. */
function addColumn(field: Field, data: Data, leaves: Map<number, Leaf>, topLevel: boolean): void {
  if (data.typeId === Type.List) {
    const element = (field.type as List).children[0]!;
    addColumn(element, data.children[0]!, leaves, false);
    const leaf = leaves.get(fieldIdOf(element) ?? NaN);
    if (leaf === undefined) return;
    // A null or empty list is one level of the leaf without a value: counted as a value and as a null.
    const offsets = data.valueOffsets as Int32Array;
    for (let i = 0; i < data.length; i++) {
      if (!isValid(data, i) || offsets[data.offset + i + 1] === offsets[data.offset + i]) {
        leaf.values++;
        leaf.nulls++;
      }
    }
    return;
  }
  const id = fieldIdOf(field);
  if (id === undefined) return;
  let leaf = leaves.get(id);
  if (leaf === undefined) leaves.set(id, (leaf = { values: 0, nulls: 0, nans: 0, float: data.typeId === Type.Float, bounded: topLevel, read: READERS[data.typeId] ?? NUMERIC }));
  addPrimitive(data, leaf);
}

/**
 * The metrics of the data file `writeParquet(table)` writes, for its
 * manifest entry: the record count, and per leaf field id (from
 * `PARQUET:field_id`) value, null and NaN counts and, for top-level
 * primitives, lower and upper bounds.
 *
 * @example
 * const table = arrowTableFor(User, rows)
 * const metrics = dataFileMetrics(table)
 * metrics.recordCount            // 2
 * metrics.lowerBounds.get(1)     // '0190a…' (the least $id)
 * metrics.nullValueCounts.get(7) // 1
 */
export function dataFileMetrics(table: Table): DataFileMetrics {
  const leaves = new Map<number, Leaf>();
  const fields = table.schema.fields;
  for (const batch of table.batches) {
    fields.forEach((field, i) => addColumn(field, batch.data.children[i]!, leaves, true));
  }
  const valueCounts = new Map<number, number>();
  const nullValueCounts = new Map<number, number>();
  const nanValueCounts = new Map<number, number>();
  const lowerBounds = new Map<number, BoundValue>();
  const upperBounds = new Map<number, BoundValue>();
  for (const [id, leaf] of leaves) {
    valueCounts.set(id, leaf.values);
    nullValueCounts.set(id, leaf.nulls);
    if (leaf.float) nanValueCounts.set(id, leaf.nans);
    if (leaf.min !== undefined) lowerBounds.set(id, leaf.read.finish(leaf.min));
    if (leaf.max !== undefined) upperBounds.set(id, leaf.read.finish(leaf.max));
  }
  return { recordCount: table.numRows, valueCounts, nullValueCounts, nanValueCounts, lowerBounds, upperBounds };
}
