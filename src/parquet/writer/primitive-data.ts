/**
 * Arrow data of primitive columns built with `makeData` from typed arrays
 * (Arrow columnar format, "Fixed-size Primitive Layout", "Variable-size
 * Binary Layout"): Arrow JS builders compile their null checks with
 * `new Function`, which workerd forbids (research iceberg.md §2). Each
 * primitive also says which row values it takes: those of
 * `documentToParquetRow` (ICETYPE.md §4), nothing looser.
 */
import { makeData, type Data, type DataType } from 'apache-arrow';
import type { IcebergPrimitiveType } from '../../iceberg/metadata/iceberg-schema.js';
import { arrowPrimitiveOf, decimalOf } from './arrow-field.js';
import { ByteSink } from './byte-sink.js';

/** A column's nulls: an Arrow validity bitmap (bit set = value present), absent when there are none. */
export interface Validity {
  readonly bitmap: Uint8Array | undefined;
  readonly nullCount: number;
}

/** How one Iceberg primitive is checked and laid out. */
export interface Primitive {
  /** What the column takes, for messages. */
  readonly expected: string;
  /** Why a non-null value does not fit, or undefined when it does. */
  problem(value: unknown): 'TYPE_MISMATCH' | 'OUT_OF_RANGE' | undefined;
  /** The column's data from checked values (anything where the validity bit is clear). */
  data(values: readonly unknown[], validity: Validity): Data;
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const MICROS_PER_DAY = 86_400_000_000n;

function bits(type: DataType, values: readonly unknown[], validity: Validity): Data {
  const data = new Uint8Array((values.length + 7) >> 3);
  values.forEach((v, i) => {
    if (v === true) data[i >> 3]! |= 1 << (i & 7);
  });
  return makeData({ type, length: values.length, nullCount: validity.nullCount, nullBitmap: validity.bitmap, data } as never);
}

function fixed(type: DataType, data: Int32Array | Float32Array | Float64Array | BigInt64Array, values: readonly unknown[], validity: Validity): Data {
  values.forEach((v, i) => {
    if (v !== null && v !== undefined) data[i] = v as never;
  });
  return makeData({ type, length: values.length, nullCount: validity.nullCount, nullBitmap: validity.bitmap, data } as never);
}

function variable(type: DataType, values: readonly unknown[], validity: Validity): Data {
  const valueOffsets = new Int32Array(values.length + 1);
  const sink = new ByteSink(values.length * 16);
  values.forEach((v, i) => {
    if (typeof v === 'string') sink.writeText(v);
    else if (v instanceof Uint8Array) sink.writeBytes(v);
    valueOffsets[i + 1] = sink.length;
  });
  return makeData({ type, length: values.length, nullCount: validity.nullCount, nullBitmap: validity.bitmap, valueOffsets, data: sink.bytes() } as never);
}

/** Decimal128: each value the unscaled integer in 128-bit two's complement, low 64 bits first (little-endian, as Arrow lays it out). */
function decimal128(type: DataType, values: readonly unknown[], validity: Validity): Data {
  const words = new BigInt64Array(values.length * 2);
  values.forEach((v, i) => {
    if (typeof v !== 'bigint') return;
    words[2 * i] = BigInt.asIntN(64, v);
    words[2 * i + 1] = BigInt.asIntN(64, v >> 64n);
  });
  const data = new Uint32Array(words.buffer);
  return makeData({ type, length: values.length, nullCount: validity.nullCount, nullBitmap: validity.bitmap, data } as never);
}

const isInt32 = (v: unknown): 'TYPE_MISMATCH' | 'OUT_OF_RANGE' | undefined =>
  !Number.isInteger(v) ? 'TYPE_MISMATCH' : (v as number) < INT32_MIN || (v as number) > INT32_MAX ? 'OUT_OF_RANGE' : undefined;
const isInt64 = (v: unknown): 'TYPE_MISMATCH' | 'OUT_OF_RANGE' | undefined =>
  typeof v !== 'bigint' ? 'TYPE_MISMATCH' : BigInt.asIntN(64, v) !== v ? 'OUT_OF_RANGE' : undefined;
const isKind =
  (kind: 'number' | 'boolean' | 'string') =>
  (v: unknown): 'TYPE_MISMATCH' | undefined =>
    typeof v === kind ? undefined : 'TYPE_MISMATCH';

function primitive(type: IcebergPrimitiveType, expected: string, problem: Primitive['problem'], layout: (type: DataType, values: readonly unknown[], validity: Validity) => Data): Primitive {
  const arrowType = arrowPrimitiveOf(type);
  return { expected, problem, data: (values, validity) => layout(arrowType, values, validity) };
}

const PRIMITIVES: Readonly<Record<Exclude<IcebergPrimitiveType, `decimal(${number},${number})`>, Primitive>> = {
  boolean: primitive('boolean', 'a boolean', isKind('boolean'), bits),
  int: primitive('int', 'an int (a whole number from -2^31 to 2^31-1)', isInt32, (t, v, n) => fixed(t, new Int32Array(v.length), v, n)),
  long: primitive('long', 'a long (a bigint of 64 bits)', isInt64, (t, v, n) => fixed(t, new BigInt64Array(v.length), v, n)),
  float: primitive('float', 'a float (a number)', isKind('number'), (t, v, n) => fixed(t, new Float32Array(v.length), v, n)),
  double: primitive('double', 'a double (a number)', isKind('number'), (t, v, n) => fixed(t, new Float64Array(v.length), v, n)),
  date: primitive('date', 'a date (whole days since 1970-01-01, 32 bits)', isInt32, (t, v, n) => fixed(t, new Int32Array(v.length), v, n)),
  time: primitive(
    'time',
    'a time (a bigint of µs since midnight, below 86400000000)',
    (v) => (typeof v !== 'bigint' ? 'TYPE_MISMATCH' : v < 0n || v >= MICROS_PER_DAY ? 'OUT_OF_RANGE' : undefined),
    (t, v, n) => fixed(t, new BigInt64Array(v.length), v, n),
  ),
  timestamptz: primitive('timestamptz', 'a timestamptz (a bigint of µs since 1970-01-01T00:00Z)', isInt64, (t, v, n) => fixed(t, new BigInt64Array(v.length), v, n)),
  string: primitive('string', 'a string', isKind('string'), variable),
  binary: primitive('binary', 'binary (a Uint8Array)', (v) => (v instanceof Uint8Array ? undefined : 'TYPE_MISMATCH'), variable),
};

const decimals = new Map<string, Primitive>();

/**
 * The checks and layout of an Iceberg primitive column.
 *
 * @example
 * primitiveOf('int').problem(2 ** 31)  // 'OUT_OF_RANGE'
 * primitiveOf('long').problem(5)       // 'TYPE_MISMATCH' (a long takes a bigint)
 * primitiveOf('decimal(5,2)').data([12345n, null], validity) // Decimal128 data: 123.45, null
 */
export function primitiveOf(type: IcebergPrimitiveType): Primitive {
  const known = PRIMITIVES[type as keyof typeof PRIMITIVES] ?? decimals.get(type);
  if (known !== undefined) return known;
  const { precision } = decimalOf(type)!;
  const limit = 10n ** BigInt(precision);
  const made = primitive(
    type,
    `a ${type} (a bigint, the unscaled value, of at most ${precision} digits)`,
    (v) => (typeof v !== 'bigint' ? 'TYPE_MISMATCH' : v <= -limit || v >= limit ? 'OUT_OF_RANGE' : undefined),
    decimal128,
  );
  decimals.set(type, made);
  return made;
}
