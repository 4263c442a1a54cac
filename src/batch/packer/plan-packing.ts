import { IceTypeError } from '../../errors.js';
import { EMPTY_BATCH_SIZE } from '../codec/index.js';

/**
 * Bin-packing of new documents into batches (DESIGN.md §2, issue 4 §1): fill
 * the open batch first, then new batches, each holding at most `batchSize`
 * documents and at most `maxBatchBytes` encoded bytes (sizes from
 * `encodedDocumentSize`, which counts a document's offset-table entry, so a
 * batch's size is `EMPTY_BATCH_SIZE` plus its documents' sizes). Documents
 * keep their order, so time-ordered ids keep batches' id ranges tight. Pure.
 */

/** The batch new documents may be appended to. */
export interface OpenBatch {
  readonly id: number;
  readonly count: number;
  /** Its encoded size now, header included. */
  readonly bytes: number;
}

export interface PackingLimits {
  /** Most documents per batch (64, 128 or 256). */
  readonly batchSize: number;
  /** Most encoded bytes per batch, header included. */
  readonly maxBatchBytes: number;
}

/** Where each new document goes: the open batch (by id), or the n-th new batch. */
export interface PackingPlan {
  /** Indexes of documents appended to the open batch. */
  readonly appendToOpen: readonly number[];
  /** New batches, each a list of document indexes in order. */
  readonly newBatches: readonly (readonly number[])[];
}

/** A document too large for any batch. */
export class DocumentTooLargeForBatchError extends IceTypeError {
  override readonly name = 'DocumentTooLargeForBatchError';
  constructor(
    readonly index: number,
    readonly size: number,
    readonly limit: number,
  ) {
    super('DOCUMENT_TOO_LARGE', `packer: need at most ${limit - EMPTY_BATCH_SIZE} encoded bytes per document, have ${size} (document ${index})`);
  }
}

/**
 * Plans where `sizes` (encoded sizes of new documents, in order) go.
 *
 * @example
 * planPacking([300, 300, 300], { id: 7, count: 127, bytes: 40_000 }, { batchSize: 128, maxBatchBytes: 1 << 20 })
 * // { appendToOpen: [0], newBatches: [[1, 2]] }
 */
export function planPacking(sizes: readonly number[], open: OpenBatch | undefined, limits: PackingLimits): PackingPlan {
  const capacity = limits.maxBatchBytes;
  sizes.forEach((size, index) => {
    if (EMPTY_BATCH_SIZE + size > capacity) throw new DocumentTooLargeForBatchError(index, size, capacity);
  });
  const appendToOpen: number[] = [];
  const newBatches: number[][] = [];
  let count = open?.count ?? limits.batchSize;
  let bytes = open?.bytes ?? capacity;
  let current: number[] = appendToOpen;
  sizes.forEach((size, index) => {
    if (count + 1 > limits.batchSize || bytes + size > capacity) {
      current = [];
      newBatches.push(current);
      count = 0;
      bytes = EMPTY_BATCH_SIZE;
    }
    current.push(index);
    count++;
    bytes += size;
  });
  return { appendToOpen, newBatches };
}
