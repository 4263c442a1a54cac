import { customType } from 'drizzle-orm/sqlite-core';
import { hexToBytesStrict } from '../util/hex.js';

/**
 * Column types for IceType `binary` and `vector(N)` (ICETYPE.md §4).
 *
 * DO SQLite returns BLOBs as `ArrayBuffer` and accepts only `ArrayBuffer`
 * bindings, so both map between their JS form and an exact-size ArrayBuffer.
 * Inside relational queries Drizzle selects BLOBs through `hex()` (SQLite's
 * JSON functions cannot hold BLOBs), hence the `fromJson` decoders.
 */

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer;
}

function bytesFromDriver(value: ArrayBuffer | Uint8Array): Uint8Array {
  return value instanceof Uint8Array ? value : new Uint8Array(value);
}

/** `binary` → BLOB, read back as `Uint8Array`. */
export const binaryColumn = customType<{ data: Uint8Array; driverData: ArrayBuffer; jsonData: string }>({
  dataType: () => 'blob',
  toDriver: toArrayBuffer,
  fromDriver: bytesFromDriver,
  fromJson: hexToBytesStrict,
  forJsonSelect: (identifier, sql) => sql`hex(${identifier})`,
});

/** Encodes a vector as float32 little-endian bytes. */
export function encodeVector(values: readonly number[]): ArrayBuffer {
  const buffer = new ArrayBuffer(values.length * 4);
  const view = new DataView(buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i] as number, true);
  return buffer;
}

/** Decodes float32 little-endian bytes into numbers. */
export function decodeVector(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Array<number>(bytes.byteLength >>> 2);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

/** `vector(N)` → BLOB of N float32 (little-endian), read back as `number[]`. */
export const vectorColumn = customType<{ data: number[]; driverData: ArrayBuffer; jsonData: string }>({
  dataType: () => 'blob',
  toDriver: encodeVector,
  fromDriver: (value) => decodeVector(bytesFromDriver(value)),
  fromJson: (hex) => decodeVector(hexToBytesStrict(hex)),
  forJsonSelect: (identifier, sql) => sql`hex(${identifier})`,
});
