import type { IcebergPrimitiveType } from '../metadata/index.js';

/**
 * Iceberg's binary single-value serialization (spec Appendix D), used for
 * `lower_bounds`/`upper_bounds` in manifests and partition field summaries:
 * int and date 4 bytes little-endian, long, time and timestamptz 8 bytes
 * little-endian, float/double IEEE little-endian, boolean one byte, string
 * UTF-8 without length, binary as is, decimal the unscaled value as
 * two's-complement big-endian in the fewest bytes.
 *
 * Values come as the Parquet row values are (`documentToParquetRow`):
 * numbers, `bigint` for long/time/timestamptz/decimal, days for dates,
 * strings, booleans, `Uint8Array`.
 */
export function serializeSingleValue(type: IcebergPrimitiveType, value: unknown): Uint8Array {
  const fixed = (size: number, write: (view: DataView) => void): Uint8Array => {
    const bytes = new Uint8Array(size);
    write(new DataView(bytes.buffer));
    return bytes;
  };
  switch (type) {
    case 'boolean':
      return new Uint8Array([value === true ? 1 : 0]);
    case 'int':
    case 'date':
      return fixed(4, (v) => v.setInt32(0, Number(value), true));
    case 'long':
    case 'time':
    case 'timestamptz':
      return fixed(8, (v) => v.setBigInt64(0, BigInt(value as bigint | number), true));
    case 'float':
      return fixed(4, (v) => v.setFloat32(0, Number(value), true));
    case 'double':
      return fixed(8, (v) => v.setFloat64(0, Number(value), true));
    case 'string':
      return new TextEncoder().encode(String(value));
    case 'binary':
      return (value as Uint8Array).slice();
    default:
      return twosComplement(BigInt(value as bigint | number));
  }
}

/** The fewest big-endian two's-complement bytes holding `n` (at least one). */
function twosComplement(n: bigint): Uint8Array {
  const bytes: number[] = [];
  let rest = n;
  for (;;) {
    const byte = Number(rest & 0xffn);
    bytes.unshift(byte);
    rest >>= 8n;
    // Done when the remaining bits are all sign bits and the top byte carries the sign.
    if ((rest === 0n && (byte & 0x80) === 0) || (rest === -1n && (byte & 0x80) !== 0)) break;
  }
  return new Uint8Array(bytes);
}
