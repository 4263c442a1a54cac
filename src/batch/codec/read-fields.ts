/**
 * Projected reads of an encoded document (`value-codec.ts`): some fields
 * built, the rest skipped over, for filtering documents before decoding the
 * ones that match.
 */
import { setOwn, type NormalizedDocument } from '../../store/values/normalized-document.js';
import type { ByteReader } from './bytes.js';
import { MAX_VALUE_DEPTH, readValue } from './value-codec.js';
import { ARRAY, BYTES, DATE, FALSE, FLOAT64, NEGINT, NULL, OBJECT, STRING, TRUE, UINT } from './value-tags.js';

/**
 * Moves past one value without building it (a projected read). Bounds and
 * nesting are checked; the bytes of skipped strings are not checked for
 * WTF-8 — a full decode of the document still does that.
 */
export function skipValue(r: ByteReader, depth: number): void {
  const tag = r.u8('a value tag');
  switch (tag) {
    case NULL:
    case FALSE:
    case TRUE:
      return;
    case FLOAT64:
    case DATE:
      r.take(8, tag === DATE ? 'a date' : 'a float64');
      return;
    case UINT:
    case NEGINT:
      r.varint('an integer');
      return;
    case STRING:
      r.take(r.varint('the length of a string'), 'a string');
      return;
    case BYTES:
      r.take(r.varint('a byte length'), 'binary');
      return;
    case ARRAY:
    case OBJECT: {
      if (depth >= MAX_VALUE_DEPTH) r.fail(`arrays and objects nest deeper than ${MAX_VALUE_DEPTH}`);
      const n = r.varint(tag === ARRAY ? 'an array length' : 'an object key count');
      for (let i = 0; i < n; i++) {
        if (tag === OBJECT) r.take(r.varint('the length of an object key'), 'an object key');
        skipValue(r, depth + 1);
      }
      return;
    }
    default:
      r.fail(`unknown value tag ${tag}`);
  }
}

/**
 * Only the fields of a document named in `names` (`$id` included when named),
 * in their stored order; the other values are skipped, not built. For
 * deciding whether a document matches a filter before decoding all of it.
 */
export function readFields(r: ByteReader, names: ReadonlySet<string>): NormalizedDocument {
  const idLen = r.varint('the $id length');
  const doc: NormalizedDocument = {};
  if (idLen > 0) {
    if (names.has('$id')) setOwn(doc, '$id', r.wtf8(idLen - 1, 'the $id'));
    else r.take(idLen - 1, 'the $id');
    r.varint('the $id position');
  }
  const n = r.varint('the field count');
  for (let i = 0; i < n; i++) {
    const key = r.key('a field name');
    if (names.has(key)) setOwn(doc, key, readValue(r, 1));
    else skipValue(r, 1);
  }
  return doc;
}
