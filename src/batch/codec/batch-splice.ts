/**
 * Rewriting a batch BLOB in place of another: documents replaced, removed
 * or appended while the others' bytes are copied, never decoded.
 */
import type { NormalizedDocument } from '../../store/values/normalized-document.js';
import { BatchCodecError } from './batch-codec-error.js';
import { HEADER_SIZE, MAX_BATCH_DOCUMENTS, OFFSET_SIZE, readTable, writeHeader, type BatchBytes } from './batch-codec.js';
import { ByteWriter } from './bytes.js';
import { encodeDocument } from './encode-document.js';

/**
 * A new batch BLOB: `bytes` with `removeCount` documents at `at` replaced by
 * the already encoded documents `insert` (`encodeDocument`) — the others'
 * bytes are copied, not decoded.
 *
 * @throws BatchCodecError `INVALID_BATCH` for malformed bytes, `INVALID_ARGUMENT` for a range outside the batch or more than 256 documents.
 * @example
 * const next = spliceEncoded(blob, 3, 1, [encodeDocument(updated)]) // document 3 replaced
 */
export function spliceEncoded(bytes: BatchBytes, at: number, removeCount: number, insert: readonly Uint8Array[]): Uint8Array {
  const table = readTable(bytes);
  const count = table.offsets.length - 1;
  if (!Number.isInteger(at) || !Number.isInteger(removeCount) || at < 0 || removeCount < 0 || at + removeCount > count) {
    throw new BatchCodecError('INVALID_ARGUMENT', `documents ${at}..${at + removeCount - 1} are outside a batch of ${count}`);
  }
  const next = count - removeCount + insert.length;
  if (next > MAX_BATCH_DOCUMENTS) throw new BatchCodecError('INVALID_ARGUMENT', `a batch holds at most ${MAX_BATCH_DOCUMENTS} documents, found ${next}`);
  const offsets = table.offsets;
  const before = offsets[at]! - offsets[0]!;
  const after = offsets[count]! - offsets[at + removeCount]!;
  const tableEnd = HEADER_SIZE + OFFSET_SIZE * (next + 1);
  let inserted = 0;
  for (const part of insert) inserted += part.length;
  const w = new ByteWriter(new Uint8Array(tableEnd + before + inserted + after));
  writeHeader(w, next);
  const shiftBefore = tableEnd - offsets[0]!;
  for (let i = 0; i < at; i++) w.u32(offsets[i]! + shiftBefore);
  let offset = tableEnd + before;
  for (const part of insert) {
    w.u32(offset);
    offset += part.length;
  }
  const shiftAfter = offset - offsets[at + removeCount]!;
  for (let i = at + removeCount; i <= count; i++) w.u32(offsets[i]! + shiftAfter);
  w.raw(table.bytes.subarray(offsets[0]!, offsets[at]!));
  for (const part of insert) w.raw(part);
  w.raw(table.bytes.subarray(offsets[at + removeCount]!, offsets[count]!));
  return w.bytes;
}

/**
 * A new batch BLOB: `bytes` with `removeCount` documents at `at` replaced by
 * `insert` — without decoding or re-encoding the others (their bytes are
 * copied). An update is `spliceBatch(b, i, 1, [doc])`, a delete
 * `spliceBatch(b, i, 1, [])`, an append `spliceBatch(b, count, 0, docs)`.
 *
 * @throws BatchCodecError `INVALID_BATCH` for malformed bytes, `INVALID_ARGUMENT` for a range outside the batch or more than 256 documents, `UNENCODABLE_VALUE` for a value that is not a `NormalizedValue`.
 * @example
 * const next = spliceBatch(blob, 3, 1, [updated]) // document 3 replaced
 */
export function spliceBatch(bytes: BatchBytes, at: number, removeCount: number, insert: readonly NormalizedDocument[]): Uint8Array {
  return spliceEncoded(bytes, at, removeCount, insert.map((doc, document) => encodeDocument(doc, { document })));
}
