/**
 * One document encoded on its own, in the batch format's document encoding
 * (`value-codec.ts`), ready to be copied into batches and change-log rows
 * by `assembleBatch` and `spliceEncoded`.
 */
import type { NormalizedDocument } from '../../store/values/normalized-document.js';
import { BatchCodecError } from './batch-codec-error.js';
import { ByteWriter } from './bytes.js';
import { documentSize, writeDocument, type EncodeContext } from './value-codec.js';

/** Documents are written into shared chunks of this size: one allocation per many documents, not one each. */
const CHUNK_BYTES = 64 * 1024;

/** The current chunk, its writer, and where the next document goes in it. */
let chunk = new Uint8Array(CHUNK_BYTES);
let writer = new ByteWriter(chunk);
let next = 0;

function newChunk(size: number): void {
  chunk = new Uint8Array(Math.max(CHUNK_BYTES, size));
  writer = new ByteWriter(chunk);
  next = 0;
}

/** Writes `doc` at `next` in the current chunk; returns its end, or -1 when it ran past the chunk. */
function write(doc: NormalizedDocument, ctx: EncodeContext): number {
  writer.pos = next;
  try {
    writeDocument(writer, doc, ctx);
  } catch (error) {
    // Typed-array stores past the end are dropped; DataView stores and `set` throw RangeError.
    if (error instanceof RangeError) return -1;
    throw error;
  }
  return writer.pos > chunk.length ? -1 : writer.pos;
}

/**
 * The bytes of one document as a batch holds it (without its offset-table
 * entry, so a batch's size is `EMPTY_BATCH_SIZE` plus 4 + `length` per
 * document), written in one pass. The result is a view of a buffer shared
 * with other documents: read it, copy it, never write to it.
 *
 * @throws BatchCodecError `UNENCODABLE_VALUE` for a value that is not a `NormalizedValue`.
 * @example
 * assembleBatch([encodeDocument(a), encodeDocument(b)]) // equals encodeBatch([a, b])
 */
export function encodeDocument(doc: NormalizedDocument, ctx: EncodeContext = {}): Uint8Array {
  let end = write(doc, ctx);
  if (end < 0) {
    // It did not fit in what is left of the chunk: measure it (which also rejects what cannot be encoded) and start a new one.
    const size = documentSize(doc, ctx);
    newChunk(size);
    end = write(doc, ctx);
    // Only a document that changed between sizing and writing (a getter) gets here.
    if (end !== size) throw new BatchCodecError('UNENCODABLE_VALUE', `${ctx.document === undefined ? 'the document' : `document ${ctx.document}`}: changed while being encoded`);
  }
  const start = next;
  next = end;
  return chunk.subarray(start, end);
}
