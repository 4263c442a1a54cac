/** Bin-packing of documents into batches (issue 4 §1). Explicit exports only. */
export { DocumentTooLargeForBatchError, planPacking, type OpenBatch, type PackingLimits, type PackingPlan } from './plan-packing.js';
