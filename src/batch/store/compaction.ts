import { compareText } from '../../store/filter/text-order.js';
import { EMPTY_BATCH_SIZE } from '../codec/index.js';
import { batchBytes, fits, type SizedDocument } from './batch-layout.js';
import type { BatchHead } from './batch-table.js';
import type { BatchWriter } from './batch-writer.js';

/**
 * Compaction of the batched layout (issue 4 §1): adjacent batches (in `$id`
 * order, so ranges stay disjoint) that fit in one are merged into the lower
 * one and the upper row is deleted. Automatic after deletes when a batch
 * falls below `storage.compactionThreshold` of the batch size; callable as
 * `db.store.compact(collection)` for a full pass.
 */

/** What a compaction pass did. */
export interface CompactionResult {
  readonly batchesBefore: number;
  readonly batchesAfter: number;
}

/** After a delete left `docs` (sorted) in the batch `head`: merges it with a neighbour when it is under-filled and they fit together. */
export function compactAround(writer: BatchWriter, head: BatchHead, docs: readonly SizedDocument[], now: Date): void {
  const { settings, table } = writer;
  if (docs.length >= settings.compactBelow) return;
  const neighbour = table.next(head.minId) ?? table.previous(head.minId);
  if (neighbour === undefined || !fits(settings, docs.length + neighbour.count, batchBytes(docs) + neighbour.bytes - EMPTY_BATCH_SIZE)) return;
  const [stored] = table.read([neighbour.id]);
  const theirs = writer.decode(stored!);
  const lowerIsOurs = compareText(head.minId, neighbour.minId) < 0;
  const combined = lowerIsOurs ? [...docs, ...theirs] : [...theirs, ...docs];
  writer.rewrite(lowerIsOurs ? head : neighbour, combined, now);
  table.delete(lowerIsOurs ? neighbour.id : head.id);
}

/**
 * One pass over the collection's batches in `$id` order, merging runs of
 * adjacent batches whose documents fit in one batch. With `onlyUnderFilled`,
 * only runs that contain a batch below the threshold are merged.
 */
export function compactCollection(writer: BatchWriter, now: Date, options: { readonly onlyUnderFilled: boolean }): CompactionResult {
  const { settings, table } = writer;
  const heads = table.heads();
  let after = heads.length;
  const flush = (run: readonly BatchHead[]): void => {
    if (run.length < 2) return;
    if (options.onlyUnderFilled && !run.some((h) => h.count < settings.compactBelow)) return;
    const batches = table.read(run.map((h) => h.id));
    const docs = batches.flatMap((batch) => writer.decode(batch));
    writer.rewrite(run[0]!, docs, now);
    for (const h of run.slice(1)) table.delete(h.id);
    after -= run.length - 1;
  };
  let run: BatchHead[] = [];
  let count = 0;
  let bytes = EMPTY_BATCH_SIZE;
  for (const head of heads) {
    if (run.length > 0 && fits(settings, count + head.count, bytes + head.bytes - EMPTY_BATCH_SIZE)) {
      run.push(head);
      count += head.count;
      bytes += head.bytes - EMPTY_BATCH_SIZE;
      continue;
    }
    flush(run);
    run = [head];
    count = head.count;
    bytes = head.bytes;
  }
  flush(run);
  return { batchesBefore: heads.length, batchesAfter: after };
}

