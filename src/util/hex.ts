/**
 * Hex text for bytes: the form SQLite's `hex()` gives BLOBs (inside JSON
 * selects, change-log images, `binary[]` items, cursors). One codec for the
 * whole project.
 */

const HEX = /^(?:[0-9a-fA-F]{2})*$/;

/** Bytes as lower-case hex. */
export function bytesToHex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += bytes[i]!.toString(16).padStart(2, '0');
  return s;
}

/** Hex text (either case) as bytes, or undefined when it is not hex. */
export function hexToBytes(hex: string): Uint8Array | undefined {
  if (!HEX.test(hex)) return undefined;
  const bytes = new Uint8Array(hex.length >>> 1);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/** Hex text as bytes; throws when it is not hex (for values SQLite itself produced). */
export function hexToBytesStrict(hex: string): Uint8Array {
  const bytes = hexToBytes(hex);
  if (bytes === undefined) throw new TypeError(`hex: expected an even number of hex digits, found ${hex.length} characters`);
  return bytes;
}
