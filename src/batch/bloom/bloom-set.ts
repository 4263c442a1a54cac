/**
 * The bloom filters of one batch (issue 4 §2), keyed by field name, and the
 * persisted container that holds them, format version 1. All integers are
 * little-endian; each filter is `serializeBloomFilter`'s bytes verbatim; the
 * trailer is CRC-32 (as in `serialize.ts`) over everything before it, so a
 * flipped bit in a field name cannot silently file a filter under another
 * field.
 *
 *   offset  size   field
 *   0       4      magic "ICBS"
 *   4       1      version = 1
 *   5       1      reserved = 0
 *   6       2      n, entry count (u16)
 *   8       …      n entries, each:
 *                    2      L, name length in bytes (u16)
 *                    L      name, WTF-8 (plain UTF-8 for well-formed names)
 *                    4      F, filter length in bytes (u32)
 *                    F      the filter, as `serializeBloomFilter` writes it
 *   end−4   4      CRC-32 of bytes [0, end − 4)
 */
import type { IceTypeSchema } from '../../icetype/ast.js';
import { isStoredField } from '../../icetype/schema-checks.js';
import { kindOfField } from '../../store/filter/value-kind.js';
import { readWtf8, wtf8Length, writeWtf8 } from '../codec/wtf8.js';
import { BloomFilterError } from './bloom-error.js';
import { bloomAdd, bloomAddTagged, countAgain, createBloomFilter, type BloomFilter } from './bloom-filter.js';
import { crc32, deserializeBloomFilter, serializeBloomFilter } from './serialize.js';
import { fieldColumns } from '../field-columns.js';

/** A batch's bloom filters by field name (`'$id'`, `'email'`). */
export type BloomSet = ReadonlyMap<string, BloomFilter>;

/** Sizing of every filter `buildBloomSet` creates. */
export interface BloomSetOptions {
  /** Target false-positive rate of each filter, in (0, 1). */
  readonly falsePositiveRate: number;
  /** Values each filter is sized for at least (the batch capacity B); a larger batch sizes for its length. */
  readonly expectedItems: number;
}

const MAGIC = [0x49, 0x43, 0x42, 0x53] as const; // "ICBS"
const VERSION = 1;
const HEADER = 8;
const TRAILER = 4;
const U16_MAX = 0xffff;

/**
 * The canonical string a value is hashed as, or undefined for values that
 * are never bloomed. Strings are `s:…`, finite numbers `n:…` (`-0` as `0`),
 * booleans `b:true`/`b:false`. Two values the filter evaluator finds equal
 * on a text, number or bool target (same type, `===` after `-0` = `0`) get
 * the same key, which is what makes bloom pruning sound; distinct kinds
 * never share a key. Everything else — null, NaN, ±Infinity, Dates,
 * decimals, bytes, arrays, objects — is undefined: not added, and an
 * operand without a key never prunes.
 *
 * @example
 * bloomKey('ada@example.com') // 's:ada@example.com'
 * bloomKey(-0)                // 'n:0'
 * bloomKey(new Date(0))       // undefined
 */
export function bloomKey(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return `s:${value}`;
    case 'number':
      // String() is injective on finite doubles except that it already writes -0 as '0'.
      return Number.isFinite(value) ? `n:${String(value === 0 ? 0 : value)}` : undefined;
    case 'boolean':
      return value ? 'b:true' : 'b:false';
    default:
      return undefined;
  }
}

/**
 * The fields a batch keeps bloom filters for: `$id`, then in declaration
 * order every stored non-array field marked `#` or `unique`, or named by a
 * `$unique` constraint or a unique `$index`, whose values are text
 * (string, text, uuid, varchar, enum, date, time, `-> T`) or numbers (int,
 * long, float, double). Without a schema, only `$id`.
 *
 * @example
 * bloomFields(parseSchema({ $type: 'User', email: 'string#', age: 'int', tags: 'string[]#' })) // ['$id', 'email']
 */
export function bloomFields(schema: IceTypeSchema | undefined): string[] {
  const fields = ['$id'];
  if (schema === undefined) return fields;
  const unique = new Set<string>();
  // Every field of a unique constraint: the store's uniqueness check skips batches by any of them.
  for (const names of schema.directives.unique) for (const name of names) unique.add(name);
  for (const index of schema.directives.index) if (index.unique) for (const name of index.fields) unique.add(name);
  for (const [name, field] of schema.fields) {
    if (name === '$id' || !isStoredField(field) || field.isArray) continue;
    if (!field.indexed && !field.unique && !unique.has(name)) continue;
    const kind = kindOfField(field).type;
    if (kind === 'text' || kind === 'number') fields.push(name);
  }
  return fields;
}

/**
 * One filter per {@link bloomFields} field, sized for
 * `max(expectedItems, docs.length)` values, holding the {@link bloomKey} of
 * each document's value of that field (values without a key are skipped).
 * Pure.
 *
 * @throws BloomFilterError `INVALID_ARGUMENT` for a bad `falsePositiveRate` or `expectedItems`.
 * @example
 * const blooms = buildBloomSet(User, docs, { falsePositiveRate: 0.01, expectedItems: 128 });
 * bloomMightContain(blooms.get('$id')!, bloomKey(docs[0].$id)!) // true
 */
export function buildBloomSet(schema: IceTypeSchema | undefined, docs: readonly Readonly<Record<string, unknown>>[], options: BloomSetOptions): Map<string, BloomFilter> {
  const size = Math.max(options.expectedItems, docs.length);
  const set = new Map<string, BloomFilter>();
  const names = bloomFields(schema);
  const columns = fieldColumns(docs, names);
  for (let i = 0; i < names.length; i++) {
    const filter = createBloomFilter(size, options.falsePositiveRate);
    addValues(filter, columns[i]!, names[i] === '$id');
    set.set(names[i]!, filter);
  }
  return set;
}

/**
 * Adds the {@link bloomKey} of each value that has one. A string met before
 * in `values` is only counted: its bits are set already. Ids never repeat,
 * so `unique` skips that lookup for them.
 */
function addValues(filter: BloomFilter, values: readonly unknown[], unique: boolean): void {
  const seen = unique ? undefined : new Set<string>();
  for (const value of values) {
    if (typeof value === 'string') {
      if (seen !== undefined) {
        if (seen.has(value)) {
          countAgain(filter);
          continue;
        }
        seen.add(value);
      }
      // The key `s:${value}`, hashed without joining.
      bloomAddTagged(filter, 's:', value);
      continue;
    }
    const key = bloomKey(value);
    if (key !== undefined) bloomAdd(filter, key);
  }
}

/**
 * A copy of `set` that also holds the keys of `docs` (the input is not
 * changed: it may be a cached, shared set). Values are only ever added — a
 * removed document's keys stay — which keeps the filters sound (no false
 * negatives) until the batch is rebuilt whole. Pure.
 *
 * @example
 * const next = extendBloomSet(blooms, [newDocument]);
 */
export function extendBloomSet(set: BloomSet, docs: readonly Readonly<Record<string, unknown>>[]): Map<string, BloomFilter> {
  const next = new Map<string, BloomFilter>();
  const names = [...set.keys()];
  const columns = fieldColumns(docs, names);
  for (let i = 0; i < names.length; i++) {
    const filter = set.get(names[i]!)!;
    const copy: BloomFilter = { ...filter, bits: filter.bits.slice() };
    addValues(copy, columns[i]!, names[i] === '$id');
    next.set(names[i]!, copy);
  }
  return next;
}

/**
 * The set as bytes in container format version 1 (see the file header), in
 * the map's order. Deterministic: the same set always gives the same bytes.
 *
 * @throws BloomFilterError `INVALID_ARGUMENT` when the set has more than
 * 65535 entries or a name longer than 65535 bytes.
 * @example
 * const blob = serializeBloomSet(buildBloomSet(User, docs, { falsePositiveRate: 0.01, expectedItems: 128 }));
 */
export function serializeBloomSet(set: BloomSet): Uint8Array {
  if (set.size > U16_MAX) throw new BloomFilterError('INVALID_ARGUMENT', `need at most ${U16_MAX} filters, have ${set.size}`);
  const entries = [...set].map(([name, filter]) => {
    const nameLength = wtf8Length(name);
    if (nameLength > U16_MAX) throw new BloomFilterError('INVALID_ARGUMENT', `need field names of at most ${U16_MAX} bytes, have ${nameLength}`);
    return { name, nameLength, filter: serializeBloomFilter(filter) };
  });
  const total = HEADER + entries.reduce((n, e) => n + 2 + e.nameLength + 4 + e.filter.length, 0) + TRAILER;
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  bytes.set(MAGIC, 0);
  view.setUint8(4, VERSION);
  view.setUint16(6, entries.length, true);
  let pos = HEADER;
  for (const e of entries) {
    view.setUint16(pos, e.nameLength, true);
    pos = writeWtf8(e.name, bytes, pos + 2);
    view.setUint32(pos, e.filter.length, true);
    bytes.set(e.filter, pos + 4);
    pos += 4 + e.filter.length;
  }
  view.setUint32(pos, crc32(bytes.subarray(0, pos)), true);
  return bytes;
}

/**
 * A set from bytes written by {@link serializeBloomSet}; a BLOB may arrive
 * as the `ArrayBuffer` DO SQLite returns. The filters do not share memory
 * with `bytes`.
 *
 * @throws BloomFilterError `INVALID_BLOOM_SET` when the bytes are truncated,
 * too long, garbled (checksum mismatch), of an unknown version, hold a
 * malformed filter or name, or name a field twice.
 * @example
 * const blooms = deserializeBloomSet(row.blooms as ArrayBuffer);
 */
export function deserializeBloomSet(bytes: Uint8Array | ArrayBuffer): Map<string, BloomFilter> {
  if (bytes instanceof ArrayBuffer) bytes = new Uint8Array(bytes);
  if (!(bytes instanceof Uint8Array)) invalid(`need a Uint8Array or ArrayBuffer, have ${bytes === null ? 'null' : typeof bytes}`);
  if (bytes.length < HEADER + TRAILER) invalid(`need at least ${HEADER + TRAILER} bytes, have ${bytes.length}`);
  if (MAGIC.some((b, i) => bytes[i] !== b)) invalid('need magic "ICBS", have other bytes');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint8(4);
  if (version !== VERSION) invalid(`need format version ${VERSION}, have ${version}`);
  if (view.getUint8(5) !== 0) invalid(`need reserved byte 0, have ${view.getUint8(5)}`);
  const end = bytes.length - TRAILER;
  const stored = view.getUint32(end, true);
  const actual = crc32(bytes.subarray(0, end));
  if (stored !== actual) invalid(`need checksum ${hex32(actual)}, have ${hex32(stored)}`);
  const count = view.getUint16(6, true);
  const set = new Map<string, BloomFilter>();
  let pos = HEADER;
  for (let i = 0; i < count; i++) {
    need(pos + 2, end, `entry ${i} name length`);
    const nameEnd = pos + 2 + view.getUint16(pos, true);
    need(nameEnd + 4, end, `entry ${i} name and filter length`);
    const name = readWtf8(bytes, pos + 2, nameEnd);
    if (name === undefined) invalid(`entry ${i}: need a WTF-8 name, have malformed bytes`);
    if (set.has(name)) invalid(`entry ${i}: need distinct field names, have a duplicate`);
    const filterEnd = nameEnd + 4 + view.getUint32(nameEnd, true);
    need(filterEnd, end, `entry ${i} filter`);
    set.set(name, readFilter(bytes.subarray(nameEnd + 4, filterEnd), i));
    pos = filterEnd;
  }
  if (pos !== end) invalid(`need ${pos + TRAILER} bytes for ${count} entries, have ${bytes.length}`);
  return set;
}

function readFilter(bytes: Uint8Array, entry: number): BloomFilter {
  try {
    return deserializeBloomFilter(bytes);
  } catch (error) {
    if (error instanceof BloomFilterError) invalid(`entry ${entry}: ${error.message.replace(/^bloom: /, '')}`);
    throw error;
  }
}

function need(at: number, end: number, what: string): void {
  if (at > end) invalid(`need ${at + TRAILER} bytes to read ${what}, have ${end + TRAILER}`);
}

function invalid(message: string): never {
  throw new BloomFilterError('INVALID_BLOOM_SET', message);
}

function hex32(n: number): string {
  return n.toString(16).padStart(8, '0');
}
