/**
 * The document size limit (issue 3 §2: "an oversize document is rejected
 * with a clear error"). A Durable Object SQLite row or BLOB holds at most
 * 2 MB; documents are held to 1 MiB, measured as their JSON text (which is
 * what arrays and json fields are stored as), with binary and vector fields
 * counted at their byte length.
 */
import type { IceTypeSchema } from '../../icetype/ast.js';
import type { DocumentIssue } from './document-error.js';
import type { NormalizedDocument, NormalizedValue } from './normalized-document.js';
import { jsonStringSize } from './text.js';

/** The largest document, in bytes (1 MiB, well under the 2 MB DO row limit). */
export const MAX_DOCUMENT_BYTES = 1_048_576;

/** A value's size: JSON text, except top-level bytes (`inJson` false) which are BLOBs. */
function valueSize(value: NormalizedValue, inJson: boolean): number {
  if (value === null) return 4;
  switch (typeof value) {
    case 'string':
      return jsonStringSize(value);
    case 'number':
      return String(value).length;
    case 'boolean':
      return value ? 4 : 5;
    default:
      break;
  }
  if (value instanceof Uint8Array) return inJson ? value.byteLength * 2 + 2 : value.byteLength; // hex text inside JSON
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 4 : value.toISOString().length + 2;
  if (Array.isArray(value)) {
    let n = 1 + Math.max(value.length, 1);
    for (const item of value as readonly NormalizedValue[]) n += valueSize(item, true);
    return n;
  }
  const obj = value as Readonly<Record<string, NormalizedValue>>;
  const keys = Object.keys(obj);
  let n = 1 + Math.max(keys.length, 1);
  for (const key of keys) n += jsonStringSize(key) + 1 + valueSize(obj[key]!, true);
  return n;
}

/** The longest `String(n)` of a double (`-1.7976931348623157e+308`). */
const MAX_NUMBER_TEXT = 24;
/** The longest quoted ISO text of a Date (`"+275760-09-13T00:00:00.000Z"`). */
const MAX_DATE_TEXT = 29;

/** At least `jsonStringSize(s)`: a UTF-16 unit takes at most 6 bytes (`\uXXXX`), the quotes 2. */
function stringSizeBound(s: string): number {
  return 6 * s.length + 2;
}

/** At least `valueSize(value, inJson)`, without formatting anything. */
function valueSizeBound(value: NormalizedValue, inJson: boolean): number {
  if (value === null) return 4;
  switch (typeof value) {
    case 'string':
      return stringSizeBound(value);
    case 'number':
      return MAX_NUMBER_TEXT;
    case 'boolean':
      return 5;
    default:
      break;
  }
  if (value instanceof Uint8Array) return inJson ? value.byteLength * 2 + 2 : value.byteLength;
  if (value instanceof Date) return MAX_DATE_TEXT;
  if (Array.isArray(value)) {
    let n = 1 + Math.max(value.length, 1);
    for (const item of value as readonly NormalizedValue[]) n += valueSizeBound(item, true);
    return n;
  }
  const obj = value as Readonly<Record<string, NormalizedValue>>;
  const keys = Object.keys(obj);
  let n = 1 + Math.max(keys.length, 1);
  for (const key of keys) n += stringSizeBound(key) + 1 + valueSizeBound(obj[key]!, true);
  return n;
}

/**
 * @internal At least `documentByteSize(doc, schema)`, found without
 * formatting numbers or dates (exported for its test).
 */
export function documentSizeBound(doc: NormalizedDocument, schema: IceTypeSchema): number {
  const keys = Object.keys(doc);
  let n = 1 + Math.max(keys.length, 1);
  for (const key of keys) {
    const value = doc[key]!;
    const field = schema.fields.get(key);
    const vector = field !== undefined && field.type.kind === 'vector' && !field.isArray && Array.isArray(value);
    n += stringSizeBound(key) + 1 + (vector ? (value as readonly unknown[]).length * 4 : valueSizeBound(value, false));
  }
  return n;
}

/**
 * The size of a document in bytes, as the UTF-8 JSON text of its values,
 * with `binary` counted at its byte length and — when the schema is given —
 * `vector(N)` fields at their 4·N stored bytes.
 *
 * @example
 * documentByteSize({ name: 'Ada' }) // 14, the length of {"name":"Ada"}
 */
export function documentByteSize(doc: NormalizedDocument, schema?: IceTypeSchema): number {
  const keys = Object.keys(doc);
  let n = 1 + Math.max(keys.length, 1);
  for (const key of keys) {
    const value = doc[key]!;
    const field = schema?.fields.get(key);
    const vector = field !== undefined && field.type.kind === 'vector' && !field.isArray && Array.isArray(value);
    n += jsonStringSize(key) + 1 + (vector ? (value as readonly unknown[]).length * 4 : valueSize(value, false));
  }
  return n;
}

/**
 * A `DOCUMENT_TOO_LARGE` issue when `doc` exceeds `MAX_DOCUMENT_BYTES`. The
 * store calls this on the merged document of a partial update.
 *
 * @example
 * documentSizeIssue(User, merged, id) // undefined, or { code: 'DOCUMENT_TOO_LARGE', … }
 */
export function documentSizeIssue(schema: IceTypeSchema, doc: NormalizedDocument, id?: string): DocumentIssue | undefined {
  // Nearly every document is far below the limit: a bound found without formatting numbers or dates settles it.
  if (documentSizeBound(doc, schema) <= MAX_DOCUMENT_BYTES) return undefined;
  const size = documentByteSize(doc, schema);
  if (size <= MAX_DOCUMENT_BYTES) return undefined;
  const message = `expected a document of at most ${MAX_DOCUMENT_BYTES} bytes (1 MiB, under the 2 MB Durable Object row limit), found about ${size} bytes`;
  return id === undefined
    ? { code: 'DOCUMENT_TOO_LARGE', message, collection: schema.name, path: [] }
    : { code: 'DOCUMENT_TOO_LARGE', message, collection: schema.name, path: [], id };
}
