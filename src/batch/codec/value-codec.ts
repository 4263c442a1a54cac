/**
 * The tagged binary encoding of one `NormalizedValue` and of one document
 * (see `batch-codec.ts` for where documents sit in a batch).
 *
 *   value   := tag:u8 payload
 *   0 null | 1 false | 2 true                      (no payload)
 *   3 float64   8 bytes LE — any number that is not a safe integer, and -0, NaN, ±Infinity
 *   4 uint      varint n            — safe integer n ≥ 0 (never -0)
 *   5 negint    varint (-n - 1)     — safe integer n < 0
 *   6 string    varint byteLength, WTF-8 bytes
 *   7 date      int64 LE epoch ms; -2^63 is an invalid Date
 *   8 bytes     varint length, raw bytes
 *   9 array     varint count, values
 *   10 object   varint count, (string key, value)* in insertion order
 *
 *   document := idLen+1:varint (0 = no string `$id`) [id bytes, idPos:varint]
 *               count:varint (string key, value)*      — every key but `$id`
 *
 * Sign goes in the tag, not zigzag: zigzag of a safe integer needs 54 bits,
 * which a double cannot always hold. `idPos` is `$id`'s place among the
 * keys, so key order survives while `$id` can be read without the rest.
 */
import { hasOwn, setOwn, type NormalizedDocument, type NormalizedValue } from '../../store/values/normalized-document.js';
import { BatchCodecError } from './batch-codec-error.js';
import { stringSize, varintSize, type ByteReader, type ByteWriter } from './bytes.js';
import { wtf8Length } from './wtf8.js';
import { ARRAY, BYTES, DATE, FALSE, FLOAT64, NEGINT, NULL, OBJECT, STRING, TRUE, UINT } from './value-tags.js';

/** Arrays and objects nest at most this deep inside a document (also stops cycles and stack overflow on decode). */
export const MAX_VALUE_DEPTH = 256;

const MAX_DATE_MS = 8.64e15;
const INVALID_DATE = -(2 ** 63);

/** Where an unencodable value sits, for the message (field names only, never values). */
export interface EncodeContext {
  readonly document?: number;
  field?: string;
}

function isInt(n: number): boolean {
  return Number.isSafeInteger(n) && !Object.is(n, -0);
}

function isPlainObject(v: object): v is Record<string, NormalizedValue> {
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function unencodable(ctx: EncodeContext, what: string): BatchCodecError {
  const where = [
    ctx.document === undefined ? undefined : `document ${ctx.document}`,
    ctx.field === undefined ? undefined : `field \`${ctx.field}\``,
  ].filter((s) => s !== undefined);
  return new BatchCodecError('UNENCODABLE_VALUE', `${where.length > 0 ? `${where.join(', ')}: ` : ''}${what}`);
}

function describe(v: unknown): string {
  if (typeof v !== 'object' || v === null) return typeof v;
  const name = (Object.getPrototypeOf(v) as { constructor?: { name?: unknown } } | null)?.constructor?.name;
  return typeof name === 'string' ? `a ${name}` : 'an object';
}

/** Bytes `v` takes; throws `UNENCODABLE_VALUE` for anything that is not a `NormalizedValue`. */
export function valueSize(v: unknown, depth: number, ctx: EncodeContext): number {
  switch (typeof v) {
    case 'boolean':
      return 1;
    case 'number':
      return isInt(v) ? 1 + varintSize(v >= 0 ? v : -v - 1) : 9;
    case 'string':
      return 1 + stringSize(v);
    case 'object': {
      if (v === null) return 1;
      if (v instanceof Date) return 9;
      if (v instanceof Uint8Array) return 1 + varintSize(v.length) + v.length;
      if (depth >= MAX_VALUE_DEPTH) throw unencodable(ctx, `arrays and objects nest deeper than ${MAX_VALUE_DEPTH}`);
      if (Array.isArray(v)) {
        let size = 1 + varintSize(v.length);
        for (let i = 0; i < v.length; i++) size += valueSize(v[i], depth + 1, ctx);
        return size;
      }
      if (isPlainObject(v)) {
        const keys = Object.keys(v);
        let size = 1 + varintSize(keys.length);
        for (const k of keys) size += stringSize(k) + valueSize(v[k], depth + 1, ctx);
        return size;
      }
    }
  }
  throw unencodable(ctx, `cannot encode ${describe(v)}; expected null, a boolean, number, string, Date, Uint8Array, array or plain object`);
}

/**
 * Writes `v`; throws `UNENCODABLE_VALUE` (as `valueSize` would) for anything
 * that is not a `NormalizedValue`, having written part of it.
 */
export function writeValue(w: ByteWriter, v: unknown, depth: number, ctx: EncodeContext): void {
  switch (typeof v) {
    case 'boolean':
      return w.u8(v ? TRUE : FALSE);
    case 'number':
      if (!isInt(v)) {
        w.u8(FLOAT64);
        return w.f64(v);
      }
      w.u8(v >= 0 ? UINT : NEGINT);
      return w.varint(v >= 0 ? v : -v - 1);
    case 'string':
      w.u8(STRING);
      return w.string(v);
    case 'object': {
      if (v === null) return w.u8(NULL);
      if (v instanceof Date) {
        const ms = v.getTime();
        w.u8(DATE);
        return w.i64(Number.isNaN(ms) ? INVALID_DATE : ms);
      }
      if (v instanceof Uint8Array) {
        w.u8(BYTES);
        w.varint(v.length);
        return w.raw(v);
      }
      if (depth >= MAX_VALUE_DEPTH) throw unencodable(ctx, `arrays and objects nest deeper than ${MAX_VALUE_DEPTH}`);
      if (Array.isArray(v)) {
        w.u8(ARRAY);
        w.varint(v.length);
        for (let i = 0; i < v.length; i++) writeValue(w, v[i], depth + 1, ctx);
        return;
      }
      if (isPlainObject(v)) {
        const keys = Object.keys(v);
        w.u8(OBJECT);
        w.varint(keys.length);
        for (const k of keys) {
          w.string(k);
          writeValue(w, v[k], depth + 1, ctx);
        }
        return;
      }
    }
  }
  throw unencodable(ctx, `cannot encode ${describe(v)}; expected null, a boolean, number, string, Date, Uint8Array, array or plain object`);
}

export function readValue(r: ByteReader, depth: number): NormalizedValue {
  const tag = r.u8('a value tag');
  switch (tag) {
    case NULL:
      return null;
    case FALSE:
      return false;
    case TRUE:
      return true;
    case FLOAT64:
      return r.f64();
    case UINT:
      return r.varint('an integer');
    case NEGINT: {
      const n = r.varint('an integer');
      if (n === Number.MAX_SAFE_INTEGER) r.fail('negative integer below -(2^53 - 1)');
      return -n - 1;
    }
    case STRING:
      return r.string('a string');
    case DATE: {
      const ms = r.i64('a date');
      if (ms === INVALID_DATE) return new Date(Number.NaN);
      if (Math.abs(ms) > MAX_DATE_MS) r.fail('date outside the ECMAScript range');
      return new Date(ms);
    }
    case BYTES:
      return r.take(r.varint('a byte length'), 'binary').slice();
    case ARRAY: {
      if (depth >= MAX_VALUE_DEPTH) r.fail(`arrays and objects nest deeper than ${MAX_VALUE_DEPTH}`);
      const n = r.varint('an array length');
      r.need(n, `${n} array items`); // each item is at least its tag byte
      const items: NormalizedValue[] = [];
      for (let i = 0; i < n; i++) items.push(readValue(r, depth + 1));
      return items;
    }
    case OBJECT: {
      if (depth >= MAX_VALUE_DEPTH) r.fail(`arrays and objects nest deeper than ${MAX_VALUE_DEPTH}`);
      // The type admits only JSON inside objects; schemaless documents may nest any value, so widen.
      return readEntries(r, r.varint('an object key count'), depth) as NormalizedValue;
    }
    default:
      return r.fail(`unknown value tag ${tag}`);
  }
}

function readEntries(r: ByteReader, n: number, depth: number): Record<string, NormalizedValue> {
  const into: Record<string, NormalizedValue> = {};
  r.need(2 * n, `${n} object entries`); // each entry is at least a key length and a tag
  for (let i = 0; i < n; i++) {
    const key = r.key('an object key');
    if (hasOwn(into, key)) r.fail('duplicate object key');
    setOwn(into, key, readValue(r, depth + 1));
  }
  return into;
}

/** `$id`'s place among the document's keys, or -1 when it has no string `$id`. */
function idPosition(doc: NormalizedDocument, keys: readonly string[]): number {
  const pos = keys.indexOf('$id');
  return pos >= 0 && typeof doc['$id'] === 'string' ? pos : -1;
}

/** Bytes `doc` takes (without its offset-table entry); throws `UNENCODABLE_VALUE`. */
export function documentSize(doc: unknown, ctx: EncodeContext): number {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc) || !isPlainObject(doc)) {
    throw unencodable(ctx, `a document must be a plain object, found ${Array.isArray(doc) ? 'an array' : describe(doc)}`);
  }
  const keys = Object.keys(doc);
  const idPos = idPosition(doc, keys);
  let size = varintSize(keys.length - (idPos >= 0 ? 1 : 0));
  if (idPos < 0) size += 1;
  else {
    const n = wtf8Length(doc['$id'] as string);
    size += varintSize(n + 1) + n + varintSize(idPos);
  }
  for (let i = 0; i < keys.length; i++) {
    if (i === idPos) continue;
    const k = keys[i]!;
    ctx.field = k;
    size += stringSize(k) + valueSize(doc[k], 1, ctx);
  }
  ctx.field = undefined;
  return size;
}

/**
 * Writes `doc`; throws `UNENCODABLE_VALUE` as `documentSize` would, having
 * written part of it.
 */
export function writeDocument(w: ByteWriter, doc: unknown, ctx: EncodeContext): void {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc) || !isPlainObject(doc)) {
    throw unencodable(ctx, `a document must be a plain object, found ${Array.isArray(doc) ? 'an array' : describe(doc)}`);
  }
  const keys = Object.keys(doc);
  const idPos = idPosition(doc, keys);
  if (idPos < 0) w.u8(0);
  else {
    w.idSlot(doc['$id'] as string);
    w.varint(idPos);
  }
  w.varint(keys.length - (idPos >= 0 ? 1 : 0));
  for (let i = 0; i < keys.length; i++) {
    if (i === idPos) continue;
    const k = keys[i]!;
    ctx.field = k;
    w.string(k);
    writeValue(w, doc[k], 1, ctx);
  }
  ctx.field = undefined;
}

/**
 * Reads the `$id` slot at the reader's position: the id's bytes (a view), or
 * undefined when the document has no string `$id`. Leaves the reader after
 * the id bytes.
 */
export function readIdBytes(r: ByteReader): Uint8Array | undefined {
  const n = r.varint('the $id length');
  return n === 0 ? undefined : r.take(n - 1, 'the $id');
}

export function readDocument(r: ByteReader): NormalizedDocument {
  const idLen = r.varint('the $id length');
  const id = idLen === 0 ? undefined : r.wtf8(idLen - 1, 'the $id');
  const idPos = id === undefined ? -1 : r.varint('the $id position');
  const n = r.varint('the field count');
  if (idPos > n) r.fail(`$id position ${idPos} is past the ${n} other fields`);
  r.need(2 * n, `${n} fields`); // each field is at least a key length and a tag
  const doc: NormalizedDocument = {};
  for (let i = 0; i < n; i++) {
    if (i === idPos) setOwn(doc, '$id', id!);
    const key = r.key('a field name');
    if (key === '$id' && id !== undefined) r.fail('duplicate field name');
    setOwn(doc, key, readValue(r, 1));
  }
  if (idPos === n) setOwn(doc, '$id', id!);
  // A repeated name sets one property twice: counting the properties once finds it, cheaper than a lookup per field.
  if (Object.keys(doc).length !== n + (id === undefined ? 0 : 1)) r.fail('duplicate field name');
  return doc;
}
