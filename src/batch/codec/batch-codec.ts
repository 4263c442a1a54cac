/**
 * The `data` BLOB of one `_batches` row (DESIGN.md §2, issue 4 §1): up to
 * `MAX_BATCH_DOCUMENTS` documents, each addressable on its own. All integers
 * little-endian; offsets are from the start of the BLOB.
 *
 *   offset     size       field
 *   0          4          magic "ICB1"
 *   4          1          format version = 1
 *   5          1          reserved = 0
 *   6          2          n, document count (u16, ≤ 256)
 *   8          4(n+1)     offsets: u32 start of document i, then the end (= BLOB length)
 *   8+4(n+1)   …          documents, each as in `value-codec.ts` (`$id` first)
 *
 * So `decodeDocumentAt` reads the table and one document, and
 * `findDocumentIndex` reads only each document's leading `$id`.
 */
import type { NormalizedDocument } from '../../store/values/normalized-document.js';
import { BatchCodecError } from './batch-codec-error.js';
import { ByteReader, ByteWriter } from './bytes.js';
import { documentSize, readDocument, writeDocument } from './value-codec.js';

/** The most documents one batch holds. */
export const MAX_BATCH_DOCUMENTS = 256;

/** Format version written by `encodeBatch`; the only one `decodeBatch` reads. */
export const BATCH_FORMAT_VERSION = 1;

const MAGIC = [0x49, 0x43, 0x42, 0x31] as const; // "ICB1"
/** @internal Bytes before the offset table. */
export const HEADER_SIZE = 8;
/** @internal Bytes of one offset-table entry. */
export const OFFSET_SIZE = 4;

/**
 * Bytes of a batch with no documents: the header and the end offset. A
 * batch's size is exactly `EMPTY_BATCH_SIZE` plus `encodedDocumentSize` of
 * each of its documents.
 */
export const EMPTY_BATCH_SIZE = HEADER_SIZE + OFFSET_SIZE;

/** Bytes a batch BLOB arrives as: a `Uint8Array`, or the `ArrayBuffer` DO SQLite returns for a BLOB. */
export type BatchBytes = Uint8Array | ArrayBuffer;

/**
 * Exactly how many bytes `doc` adds to a batch (its encoding plus its
 * offset-table entry), without encoding it, so a packer can respect a byte
 * cap. Throws `UNENCODABLE_VALUE` where `encodeBatch` would.
 *
 * @example
 * const size = EMPTY_BATCH_SIZE + docs.reduce((n, d) => n + encodedDocumentSize(d), 0)
 * size === encodeBatch(docs).length // true
 */
export function encodedDocumentSize(doc: NormalizedDocument): number {
  return documentSize(doc, {}) + OFFSET_SIZE;
}

/**
 * Encodes up to 256 documents into one batch BLOB (with `encodedSizes`, their
 * `encodedDocumentSize`s when already known, to skip sizing them again).
 * Lossless: key order,
 * `-0`, NaN, invalid Dates, lone surrogates (as WTF-8) and keys of any name
 * (`$`-prefixed, `__proto__`) all survive `decodeBatch`.
 *
 * @throws BatchCodecError `INVALID_ARGUMENT` for more than 256 documents,
 *   `UNENCODABLE_VALUE` for a value that is not a `NormalizedValue`.
 * @example
 * const blob = encodeBatch([{ $id: '0190a…', name: 'Ada', born: new Date(0) }])
 * decodeBatch(blob) // [{ $id: '0190a…', name: 'Ada', born: new Date(0) }]
 */
export function encodeBatch(docs: readonly NormalizedDocument[], encodedSizes?: readonly number[]): Uint8Array {
  if (docs.length > MAX_BATCH_DOCUMENTS) {
    throw new BatchCodecError('INVALID_ARGUMENT', `a batch holds at most ${MAX_BATCH_DOCUMENTS} documents, found ${docs.length}`);
  }
  // Sizes the caller already has (`encodedDocumentSize`) are trusted for the layout and checked as each document is written.
  const sizes =
    encodedSizes !== undefined && encodedSizes.length === docs.length
      ? encodedSizes.map((size) => size - OFFSET_SIZE)
      : docs.map((doc, document) => documentSize(doc, { document }));
  const w = startBatch(sizes);
  for (let i = 0; i < docs.length; i++) {
    const start = w.pos;
    try {
      writeDocument(w, docs[i]!, { document: i });
    } catch (error) {
      // A given size smaller than the document runs the writer past the buffer.
      if (error instanceof RangeError) throw new BatchCodecError('UNENCODABLE_VALUE', `document ${i}: larger than the size given for it`);
      throw error;
    }
    if (w.pos - start !== sizes[i]) {
      // Only a document mutated between sizing and writing (a getter) gets here.
      throw new BatchCodecError('UNENCODABLE_VALUE', `document ${i}: changed while being encoded`);
    }
  }
  return w.bytes;
}

/** @internal Writes the header of a batch of `count` documents. */
export function writeHeader(w: ByteWriter, count: number): void {
  for (const b of MAGIC) w.u8(b);
  w.u8(BATCH_FORMAT_VERSION);
  w.u8(0);
  w.u16(count);
}

/**
 * A batch BLOB from documents already encoded (`encodeDocument`), in
 * order: the header, the offset table, then each document's bytes copied.
 * The result equals `encodeBatch` of the documents; nothing is re-encoded,
 * so the batched layout encodes each new document once and copies it into
 * its batch and its change-log row.
 *
 * @throws BatchCodecError `INVALID_ARGUMENT` for more than 256 documents.
 * @example
 * assembleBatch(docs.map((d) => encodeDocument(d))) // same bytes as encodeBatch(docs)
 */
export function assembleBatch(parts: readonly Uint8Array[]): Uint8Array {
  const w = startBatch(parts.map((part) => part.length));
  for (const part of parts) w.raw(part);
  return w.bytes;
}

/**
 * A writer over a new batch of documents of these encoded sizes (without
 * their offset entries), its header and offset table written: the
 * documents' bytes go next, in order.
 */
function startBatch(sizes: readonly number[]): ByteWriter {
  if (sizes.length > MAX_BATCH_DOCUMENTS) {
    throw new BatchCodecError('INVALID_ARGUMENT', `a batch holds at most ${MAX_BATCH_DOCUMENTS} documents, found ${sizes.length}`);
  }
  const tableEnd = HEADER_SIZE + OFFSET_SIZE * (sizes.length + 1);
  let total = tableEnd;
  for (const size of sizes) total += size;
  if (total > 0xffff_ffff) throw new BatchCodecError('INVALID_ARGUMENT', `a batch is at most 4 GiB, these documents need ${total} bytes`);
  const w = new ByteWriter(new Uint8Array(total));
  writeHeader(w, sizes.length);
  let offset = tableEnd;
  for (const size of sizes) {
    w.u32(offset);
    offset += size;
  }
  w.u32(offset);
  return w;
}

/** @internal The validated offset table of a batch. */
export interface BatchTable {
  readonly bytes: Uint8Array;
  /** `count + 1` offsets; document i is `[offsets[i], offsets[i + 1])`. */
  readonly offsets: Uint32Array;
  /** A reader over `bytes`, moved to each document in turn (`range`). */
  readonly reader: ByteReader;
}

/** @internal Reads and validates a batch's header and offset table. */
export function readTable(input: BatchBytes): BatchTable {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  const r = new ByteReader(bytes, 0, bytes.length);
  r.need(HEADER_SIZE, 'the batch header');
  for (const b of MAGIC) if (r.u8('the magic') !== b) r.fail('bad magic, expected "ICB1"');
  const version = r.u8('the version');
  if (version !== BATCH_FORMAT_VERSION) r.fail(`unsupported batch format version ${version}, expected ${BATCH_FORMAT_VERSION}`);
  if (r.u8('the reserved byte') !== 0) r.fail('reserved byte is not 0');
  const count = bytes[6]! | (bytes[7]! << 8);
  r.pos = HEADER_SIZE;
  if (count > MAX_BATCH_DOCUMENTS) r.fail(`document count ${count} is above ${MAX_BATCH_DOCUMENTS}`);
  const tableEnd = HEADER_SIZE + OFFSET_SIZE * (count + 1);
  r.need(tableEnd - HEADER_SIZE, `the offset table of ${count} documents`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const offsets = new Uint32Array(count + 1);
  let previous = tableEnd;
  for (let i = 0; i <= count; i++) {
    const o = view.getUint32(HEADER_SIZE + OFFSET_SIZE * i, true);
    // Each document is at least 2 bytes (the $id slot and the field count).
    const min = i === 0 ? tableEnd : previous + 2;
    if (i === 0 ? o !== tableEnd : o < min) {
      throw new BatchCodecError('INVALID_BATCH', `offset ${i} is ${o}, need ${i === 0 ? '' : 'at least '}${min}`);
    }
    offsets[i] = previous = o;
  }
  if (previous !== bytes.length) {
    throw new BatchCodecError('INVALID_BATCH', `need ${previous} bytes for ${count} documents, have ${bytes.length}`);
  }
  return { bytes, offsets, reader: r };
}

/** @internal Document `index` of a batch whose table was read, decoded whole. */
export function decodeOne(table: BatchTable, index: number): NormalizedDocument {
  const end = table.offsets[index + 1]!;
  const r = table.reader.range(table.offsets[index]!, end);
  const doc = readDocument(r);
  if (r.pos !== end) r.fail(`document ${index} ends ${end - r.pos} bytes before its next offset`);
  return doc;
}

/**
 * How many documents a batch holds; reads only the header.
 *
 * @throws BatchCodecError `INVALID_BATCH` when the header or offset table is malformed.
 * @example
 * batchDocumentCount(encodeBatch([{ $id: 'a' }, { $id: 'b' }])) // 2
 */
export function batchDocumentCount(bytes: BatchBytes): number {
  return readTable(bytes).offsets.length - 1;
}

/**
 * Every document of a batch, in order; fresh objects (binary values are
 * copies, not views of `bytes`).
 *
 * @throws BatchCodecError `INVALID_BATCH` for malformed bytes.
 * @example
 * decodeBatch(encodeBatch(docs)) // deep-equal to docs, same key order
 */
export function decodeBatch(bytes: BatchBytes): NormalizedDocument[] {
  const table = readTable(bytes);
  const docs: NormalizedDocument[] = [];
  for (let i = 0; i + 1 < table.offsets.length; i++) docs.push(decodeOne(table, i));
  return docs;
}

/** A decoded document and its encoded bytes. */
export interface BatchEntry {
  readonly doc: NormalizedDocument;
  /** The document's bytes in the batch: a view of the batch BLOB, not a copy (`assembleBatch` copies them as they are). */
  readonly bytes: Uint8Array;
}

/**
 * Every document of a batch with its encoded bytes, so a writer can put an
 * unchanged document into another batch without encoding it again.
 *
 * @throws BatchCodecError `INVALID_BATCH` for malformed bytes.
 * @example
 * assembleBatch(decodeBatchEntries(blob).map((e) => e.bytes)) // the same bytes as blob
 */
export function decodeBatchEntries(bytes: BatchBytes): BatchEntry[] {
  const table = readTable(bytes);
  const entries: BatchEntry[] = [];
  for (let i = 0; i + 1 < table.offsets.length; i++) {
    entries.push({ doc: decodeOne(table, i), bytes: table.bytes.subarray(table.offsets[i]!, table.offsets[i + 1]!) });
  }
  return entries;
}

/**
 * Document `index` of a batch, decoding only that document.
 *
 * @throws BatchCodecError `INVALID_ARGUMENT` for an index outside the batch,
 *   `INVALID_BATCH` for malformed bytes.
 * @example
 * const i = findDocumentIndex(blob, id)
 * const doc = i < 0 ? undefined : decodeDocumentAt(blob, i)
 */
export function decodeDocumentAt(bytes: BatchBytes, index: number): NormalizedDocument {
  const table = readTable(bytes);
  const count = table.offsets.length - 1;
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw new BatchCodecError('INVALID_ARGUMENT', `document index ${index} is outside a batch of ${count}`);
  }
  return decodeOne(table, index);
}

/**
 * Documents `indexes` of a batch, reading its offset table once.
 *
 * @throws BatchCodecError as `decodeDocumentAt`.
 */
export function decodeDocumentsAt(bytes: BatchBytes, indexes: readonly number[]): NormalizedDocument[] {
  const table = readTable(bytes);
  const count = table.offsets.length - 1;
  return indexes.map((index) => {
    if (!Number.isInteger(index) || index < 0 || index >= count) {
      throw new BatchCodecError('INVALID_ARGUMENT', `document index ${index} is outside a batch of ${count}`);
    }
    return decodeOne(table, index);
  });
}
