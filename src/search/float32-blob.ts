/**
 * Reading `vector(N)` BLOBs (ICETYPE.md §4: float32, little-endian) without
 * copying: on little-endian hosts (every Workers host) the stored bytes are
 * viewed in place as a Float32Array; elsewhere they are decoded.
 */

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The float32 values of a BLOB whose length is a multiple of 4. */
export function float32Values(blob: ArrayBuffer): Float32Array {
  if (LITTLE_ENDIAN) return new Float32Array(blob);
  const view = new DataView(blob);
  const out = new Float32Array(blob.byteLength >>> 2);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}
