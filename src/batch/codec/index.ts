/**
 * The batch codec of the batched layout: one `_batches` row's `data` BLOB
 * holding up to 256 documents, each decodable on its own.
 */
export { BatchCodecError } from './batch-codec-error.js';
export type { BatchCodecErrorCode } from './batch-codec-error.js';
export {
  BATCH_FORMAT_VERSION,
  EMPTY_BATCH_SIZE,
  MAX_BATCH_DOCUMENTS,
  assembleBatch,
  batchDocumentCount,
  decodeBatch,
  decodeBatchEntries,
  decodeDocumentAt,
  decodeDocumentsAt,
  encodeBatch,
  encodedDocumentSize,
} from './batch-codec.js';
export { findDocumentIndex, findDocumentIndexes } from './find-documents.js';
export { projectBatch } from './project-batch.js';
export type { BatchBytes, BatchEntry } from './batch-codec.js';
export { spliceBatch, spliceEncoded } from './batch-splice.js';
export { encodeDocument } from './encode-document.js';
export { MAX_VALUE_DEPTH } from './value-codec.js';
