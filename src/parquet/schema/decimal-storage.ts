/**
 * How a `decimal(P,S)` is stored in Parquet (Iceberg spec Appendix A,
 * "Parquet"; parquet-format LogicalTypes.md "DECIMAL"): INT32 for P ≤ 9,
 * INT64 for P ≤ 18, otherwise FIXED_LEN_BYTE_ARRAY of the fewest bytes that
 * hold P digits in two's complement. This is also what parquet-wasm
 * (arrow-rs) writes for an Arrow Decimal128(P,S) column, except that arrow-rs
 * writes P = 1 as INT64.
 */

/** The physical storage of a decimal of `precision` digits. */
export type DecimalStorage =
  | { readonly type: 'INT32' | 'INT64' }
  | { readonly type: 'FIXED_LEN_BYTE_ARRAY'; readonly typeLength: number };

/**
 * The fewest bytes whose two's complement holds every P-digit integer:
 * the smallest n with 2^(8n−1) ≥ 10^P.
 *
 * @example
 * decimalByteLength(18) // 8
 * decimalByteLength(19) // 9
 * decimalByteLength(38) // 16
 */
export function decimalByteLength(precision: number): number {
  const limit = 10n ** BigInt(precision);
  let n = 1;
  while (1n << BigInt(8 * n - 1) < limit) n++;
  return n;
}

/**
 * @example
 * decimalStorage(9)  // { type: 'INT32' }
 * decimalStorage(38) // { type: 'FIXED_LEN_BYTE_ARRAY', typeLength: 16 }
 */
export function decimalStorage(precision: number): DecimalStorage {
  if (precision <= 9) return { type: 'INT32' };
  if (precision <= 18) return { type: 'INT64' };
  return { type: 'FIXED_LEN_BYTE_ARRAY', typeLength: decimalByteLength(precision) };
}
