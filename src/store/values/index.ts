/**
 * Document values (ICETYPE.md §1, §4; issue 3 §2): validation of documents
 * against their schema, their canonical in-memory form, and the codec
 * between that form and DO SQLite column values. Pure: no storage access.
 */
export {
  DocumentError,
  formatDocumentIssue,
  type DocumentErrorCode,
  type DocumentIssue,
} from './document-error.js';
export type { NormalizedDocument, NormalizedValue } from './normalized-document.js';
export { validateDocument, type ValidateDocumentOptions } from './validate-document.js';
export { assertDocumentId, MAX_ID_LENGTH } from './document-id.js';
export { documentByteSize, documentSizeIssue, MAX_DOCUMENT_BYTES } from './document-size.js';
export { toRowValues, fromRow, rowDecoder, type RowDecoder, type RowValues } from './row-codec.js';
export type { SqlValue } from './column-codec.js';
export { normalizeDecimalValue, type DecimalResult } from './decimal-value.js';
