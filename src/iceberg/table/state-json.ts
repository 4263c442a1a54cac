import { bytesToHex, hexToBytesStrict } from '../../util/hex.js';

/**
 * JSON for the Durable Object's record of a table (`_iceberg_tables`):
 * plain JSON, except that partition values may be longs, decimals (bigint)
 * or binary (Uint8Array), which JSON has no form for. They are written as
 * `{"$bigint":"…"}` and `{"$bytes":"<hex>"}` and read back as they were;
 * no Iceberg key starts with `$`, so nothing else takes these shapes.
 */

function replacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return { $bigint: value.toString() };
  if (value instanceof Uint8Array) return { $bytes: bytesToHex(value) };
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  if (keys.length !== 1) return value;
  const tagged = value as { $bigint?: unknown; $bytes?: unknown };
  if (typeof tagged.$bigint === 'string') return BigInt(tagged.$bigint);
  if (typeof tagged.$bytes === 'string') return hexToBytesStrict(tagged.$bytes);
  return value;
}

/** `value` as state JSON. */
export function stringifyState(value: unknown): string {
  return JSON.stringify(value, replacer);
}

/** State JSON back as its value; throws `SyntaxError` for text that is not JSON. */
export function parseState<T>(text: string): T {
  return JSON.parse(text, reviver) as T;
}
