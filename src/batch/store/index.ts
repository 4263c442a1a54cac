/** The batched layout's document store (issue 4 §1): explicit exports only. */
export { BatchedCollection, type BatchedHooks, type CaptureSettings } from './batched-collection.js';
export type { BatchedPlan } from './batch-reader.js';
export { BatchTable } from './batch-table.js';
export { batchSettings, type BatchSettings } from './batch-layout.js';
export type { CompactionResult } from './compaction.js';
