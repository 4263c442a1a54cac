/**
 * Canonical values (`NormalizedValue`, ICETYPE.md §4) of one kind laid out
 * as Arrow data in one pass (Arrow columnar format "Fixed-size Primitive"
 * and "Variable-size Binary" layouts), in the values `documentToParquetRow`
 * gives them: timestamps as µs, decimals unscaled, dates as days, longs as
 * 64 bits — written word by word where a double holds the value exactly,
 * so no bigint is made. A value not in its canonical form throws
 * `UNTRUSTED`, for the caller to take the validating path.
 */
import { makeData, type Data } from 'apache-arrow';
import type { IcebergPrimitiveType } from '../../iceberg/metadata/iceberg-schema.js';
import { dateDays, timeMicros } from '../schema/parquet-values.js';
import { arrowPrimitiveOf, decimalOf } from './arrow-field.js';
import { ByteSink } from './byte-sink.js';

/** How a column's canonical values become its Arrow values. */
export type Kind = 'string' | 'json' | 'int' | 'long' | 'float' | 'double' | 'boolean' | 'timestamp' | 'date' | 'time' | 'decimal' | 'binary';

/** Thrown where a value is not in its canonical form; caught at the top, where the builder gives up. */
export const UNTRUSTED = new Error('canonical-data: expected a canonical value, found another');

const TWO_32 = 4294967296;
/** Largest |ms| whose µs (ms × 1000) a double holds exactly. */
const EXACT_MS = Math.floor(Number.MAX_SAFE_INTEGER / 1000);
export const MICROS_PER_MS = 1000n;

/** Writes the safe integer `x` as the 64-bit two's complement at word pair `at` (low word first, little-endian as Arrow lays it out). */
function putInt64(words: Int32Array, at: number, x: number): void {
  const high = Math.floor(x / TWO_32);
  words[at] = x - high * TWO_32;
  words[at + 1] = high;
}

/** The unscaled integer of a canonical `decimal(P,S)` text as a number when it has at most 15 digits (exact), else NaN. */
function smallUnscaled(text: string, scale: number): number {
  let i = text.charCodeAt(0) === 45 ? 1 : 0;
  const negative = i === 1;
  let x = 0;
  let digits = 0;
  let dot = -1;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 && dot < 0) {
      dot = i;
      continue;
    }
    const d = c - 48;
    if (d < 0 || d > 9) return Number.NaN;
    x = x * 10 + d;
    digits++;
  }
  if (digits === 0 || digits > 15 || (dot < 0 ? 0 : text.length - dot - 1) !== scale) return Number.NaN;
  return negative ? -x : x;
}

/** The unscaled integer of a canonical decimal text of any size; throws `UNTRUSTED` unless it has exactly `scale` fraction digits. */
function bigUnscaled(text: string, scale: number): bigint {
  const dot = text.indexOf('.');
  if ((dot < 0 ? 0 : text.length - dot - 1) !== scale) throw UNTRUSTED;
  return BigInt(dot < 0 ? text : text.slice(0, dot) + text.slice(dot + 1));
}

/** A column's nulls from its values (null for none), or `UNTRUSTED` for a null where none may be. */
export function validityOf(values: readonly unknown[], nullable: boolean): { bitmap: Uint8Array | undefined; nullCount: number } {
  let bitmap: Uint8Array | undefined;
  let nullCount = 0;
  for (let i = 0; i < values.length; i++) {
    if (values[i] !== null) continue;
    if (!nullable) throw UNTRUSTED;
    bitmap ??= new Uint8Array((values.length + 7) >> 3).fill(0xff);
    bitmap[i >> 3]! &= ~(1 << (i & 7));
    nullCount++;
  }
  return { bitmap, nullCount };
}

/** The Arrow data of canonical values (null for none) of one kind, written as Iceberg `type`. */
export function primitiveData(kind: Kind, type: IcebergPrimitiveType, values: readonly unknown[], nullable: boolean): Data {
  const { bitmap, nullCount } = validityOf(values, nullable);
  const n = values.length;
  const base = { type: arrowPrimitiveOf(type), length: n, nullCount, nullBitmap: bitmap };
  switch (kind) {
    case 'string':
    case 'json':
    case 'binary': {
      const valueOffsets = new Int32Array(n + 1);
      const sink = new ByteSink(n * 16);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        if (v !== null) {
          if (kind === 'binary') {
            if (!(v instanceof Uint8Array)) throw UNTRUSTED;
            sink.writeBytes(v);
          } else {
            const text = kind === 'json' ? JSON.stringify(v) : v;
            if (typeof text !== 'string') throw UNTRUSTED;
            sink.writeText(text);
          }
        }
        valueOffsets[i + 1] = sink.length;
      }
      return makeData({ ...base, valueOffsets, data: sink.bytes() } as never);
    }
    case 'boolean': {
      const data = new Uint8Array((n + 7) >> 3);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        if (v === null) continue;
        if (typeof v !== 'boolean') throw UNTRUSTED;
        if (v) data[i >> 3]! |= 1 << (i & 7);
      }
      return makeData({ ...base, data } as never);
    }
    case 'int':
    case 'date': {
      const data = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        if (v === null) continue;
        const x = kind === 'date' ? (typeof v === 'string' ? dateDays(v) : Number.NaN) : v;
        if (typeof x !== 'number' || (x | 0) !== x) throw UNTRUSTED;
        data[i] = x;
      }
      return makeData({ ...base, data } as never);
    }
    case 'float':
    case 'double': {
      const data = kind === 'float' ? new Float32Array(n) : new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        if (v === null) continue;
        if (typeof v !== 'number') throw UNTRUSTED;
        data[i] = v;
      }
      return makeData({ ...base, data } as never);
    }
    case 'long':
    case 'timestamp':
    case 'time': {
      const data = new BigInt64Array(n);
      const words = new Int32Array(data.buffer);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        if (v === null) continue;
        if (kind === 'time') {
          if (typeof v !== 'string') throw UNTRUSTED;
          data[i] = timeMicros(v);
        } else if (kind === 'long') {
          if (!Number.isSafeInteger(v)) throw UNTRUSTED;
          putInt64(words, 2 * i, v as number);
        } else {
          if (!(v instanceof Date)) throw UNTRUSTED;
          const ms = v.getTime();
          if (Number.isNaN(ms)) throw UNTRUSTED;
          if (ms <= EXACT_MS && ms >= -EXACT_MS) putInt64(words, 2 * i, ms * 1000);
          else data[i] = BigInt(ms) * MICROS_PER_MS;
        }
      }
      return makeData({ ...base, data } as never);
    }
    case 'decimal': {
      const { precision, scale } = decimalOf(type)!;
      const limit = 10 ** precision;
      const bigLimit = 10n ** BigInt(precision);
      const data = new BigInt64Array(2 * n);
      const words = new Int32Array(data.buffer);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        if (v === null) continue;
        if (typeof v !== 'string') throw UNTRUSTED;
        const x = smallUnscaled(v, scale);
        if (!Number.isNaN(x)) {
          if (x <= -limit || x >= limit) throw UNTRUSTED;
          putInt64(words, 4 * i, x);
          words[4 * i + 2] = words[4 * i + 3] = x < 0 ? -1 : 0;
        } else {
          const big = bigUnscaled(v, scale);
          if (big <= -bigLimit || big >= bigLimit) throw UNTRUSTED;
          data[2 * i] = BigInt.asIntN(64, big);
          data[2 * i + 1] = BigInt.asIntN(64, big >> 64n);
        }
      }
      return makeData({ ...base, data: new Uint32Array(data.buffer) } as never);
    }
  }
}

/**
 * The Arrow data of a primitive column from canonical values of one kind
 * (`string`: strings; `long`: safe integers; `timestamp`: Dates, written as
 * µs), null for none; undefined for any other value.
 *
 * @example
 * canonicalData({ id: 2_000_000_002, name: '_seq', required: true, type: 'long' }, 'long', [1, 2, 3]) // Int64 data [1n, 2n, 3n]
 */
export function canonicalData(column: { readonly type: IcebergPrimitiveType; readonly required: boolean }, kind: 'string' | 'long' | 'timestamp', values: readonly unknown[]): Data | undefined {
  try {
    return primitiveData(kind, column.type, values, !column.required);
  } catch {
    return undefined;
  }
}
