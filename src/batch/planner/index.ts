/**
 * The batch read planner of the batched layout (issue 4 §2): zone maps and
 * bloom filters in, the batches to read out. Pure. Explicit exports only.
 */
export { planBatchReads, type BatchReadPlan, type BatchSummary } from './plan-batch-reads.js';
