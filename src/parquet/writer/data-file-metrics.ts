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
// Arrow JS slices a chunk's value and offset buffers along with it (`Data.slice`): they are indexed from the
// chunk's first row; only the validity bitmap and a boolean's bits keep `data.offset`.
const bytesAt = (data: Data, i: number): Uint8Array => {
  const offsets = data.valueOffsets as Int32Array;
  return (data.values as Uint8Array).subarray(offsets[i]!, offsets[i + 1]!);
};

const READERS: Partial<Record<Type, Reader>> = {
  [Type.Bool]: { at: (data, i) => ((data.values as Uint8Array)[(data.offset + i) >> 3]! & (1 << ((data.offset + i) & 7))) !== 0, compare: compareScalars, finish: same },
  [Type.Utf8]: { at: bytesAt, compare: compareBytes, finish: (v) => decoder.decode(v as Uint8Array) },
  [Type.Binary]: { at: bytesAt, compare: compareBytes, finish: (v) => (v as Uint8Array).slice() },
  // Decimal128: two 64-bit words per value, low first; the high word carries the sign.
  [Type.Decimal]: {
    at: (data, i) => {
      const words = new BigInt64Array(data.values.buffer, data.values.byteOffset + 16 * i, 2);
      return (words[1]! << 64n) | BigInt.asUintN(64, words[0]!);
    },
    compare: compareScalars,
    finish: same,
  },
};
const NUMERIC: Reader = { at: (data, i) => (data.values as ArrayLike<number | bigint>)[i]!, compare: compareScalars, finish: same };

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

/**
 * Compares two rows of a chunk in place, for the column types whose values
 * would otherwise be read out one by one (a bigint or a byte view each):
 * 64-bit integers by their 32-bit words, Decimal128 by its four, strings
 * and binary bytewise within the data buffer. Undefined for the others.
 */
function inPlaceComparator(data: Data): ((i: number, j: number) => number) | undefined {
  const values = data.values as ArrayBufferView;
  const words = (count: number) => new Int32Array(values.buffer, values.byteOffset, count * data.length);
  switch (data.typeId) {
    case Type.Int:
    case Type.Timestamp:
    case Type.Time: {
      if ((values as Int32Array | BigInt64Array).BYTES_PER_ELEMENT !== 8) return undefined;
      const w = words(2);
      return (i, j) => w[2 * i + 1]! - w[2 * j + 1]! || (w[2 * i]! >>> 0) - (w[2 * j]! >>> 0);
    }
    case Type.Decimal: {
      const w = words(4);
      return (i, j) => w[4 * i + 3]! - w[4 * j + 3]! || (w[4 * i + 2]! >>> 0) - (w[4 * j + 2]! >>> 0) || (w[4 * i + 1]! >>> 0) - (w[4 * j + 1]! >>> 0) || (w[4 * i]! >>> 0) - (w[4 * j]! >>> 0);
    }
    case Type.Utf8:
    case Type.Binary: {
      const offsets = data.valueOffsets as Int32Array;
      const bytes = values as Uint8Array;
      return (i, j) => {
        const a = offsets[i]!;
        const b = offsets[j]!;
        const m = offsets[i + 1]! - a;
        const n = offsets[j + 1]! - b;
        const k = Math.min(m, n);
        for (let x = 0; x < k; x++) if (bytes[a + x] !== bytes[b + x]) return bytes[a + x]! - bytes[b + x]!;
        return m - n;
      };
    }
    default:
      return undefined;
  }
}

/** One chunk's share of a leaf's metrics. */
interface ChunkStats {
  readonly nulls: number;
  readonly nans: number;
  readonly min: BoundValue | undefined;
  readonly max: BoundValue | undefined;
}

/**
 * Chunks already measured, as top-level columns and as list elements: an
 * export's two tables may share a column's data (`ColumnMemo`), which is
 * then measured once. Data is never changed once built.
 */
const measured = { bounded: new WeakMap<Data, ChunkStats>(), element: new WeakMap<Data, ChunkStats>() };

/** The metrics of one chunk of a leaf column. */
function chunkStats(data: Data, float: boolean, bounded: boolean, read: Reader): ChunkStats {
  let nulls = 0;
  const compareAt = bounded && !float ? inPlaceComparator(data) : undefined;
  if (compareAt !== undefined) {
    // Least and greatest row of the chunk found in place; only those two are read out.
    let low = -1;
    let high = -1;
    for (let i = 0; i < data.length; i++) {
      if (!isValid(data, i)) {
        nulls++;
        continue;
      }
      if (low < 0) low = high = i;
      else if (compareAt(i, low) < 0) low = i;
      else if (compareAt(i, high) > 0) high = i;
    }
    return { nulls, nans: 0, min: low < 0 ? undefined : read.at(data, low), max: high < 0 ? undefined : read.at(data, high) };
  }
  if (!float && !bounded) {
    // A list element: only its nulls count.
    for (let i = 0; i < data.length; i++) if (!isValid(data, i)) nulls++;
    return { nulls, nans: 0, min: undefined, max: undefined };
  }
  let nans = 0;
  let min: BoundValue | undefined;
  let max: BoundValue | undefined;
  for (let i = 0; i < data.length; i++) {
    if (!isValid(data, i)) {
      nulls++;
      continue;
    }
    const value = read.at(data, i);
    if (float && Number.isNaN(value)) nans++;
    else if (bounded) {
      if (min === undefined || read.compare(value, min) < 0) min = value;
      if (max === undefined || read.compare(value, max) > 0) max = value;
    }
  }
  return { nulls, nans, min, max };
}

/** Adds one chunk of a leaf column. */
function addPrimitive(data: Data, leaf: Leaf): void {
  const { read } = leaf;
  const cache = leaf.bounded ? measured.bounded : measured.element;
  let stats = cache.get(data);
  if (stats === undefined) cache.set(data, (stats = chunkStats(data, leaf.float, leaf.bounded, read)));
  leaf.values += data.length;
  leaf.nulls += stats.nulls;
  leaf.nans += stats.nans;
  if (stats.min !== undefined && (leaf.min === undefined || read.compare(stats.min, leaf.min) < 0)) leaf.min = stats.min;
  if (stats.max !== undefined && (leaf.max === undefined || read.compare(stats.max, leaf.max) > 0)) leaf.max = stats.max;
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
      if (!isValid(data, i) || offsets[i + 1] === offsets[i]) {
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
