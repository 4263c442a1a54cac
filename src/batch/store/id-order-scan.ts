import { compareText } from '../../store/filter/text-order.js';
import type { NormalizedDocument } from '../../store/values/index.js';
import type { BatchHead } from './batch-table.js';

/**
 * Paging in `$id` order without reading every batch: batches hold disjoint,
 * sorted id ranges, so the first `limit` matches (after a cursor) are in the
 * first batches past the cursor that hold enough matches. Reads candidate
 * batches a few at a time, in order, and stops once `need` documents match
 * beyond the cursor — a page of a large collection reads about one batch,
 * not all of them. Documents come back in storage order; the caller sorts
 * and slices them (`queryDocuments`).
 */

/** Batches read per statement while scanning. */
const CHUNK = 4;

export interface IdOrderScan {
  /** The batches that may match, in `$id` order. */
  readonly heads: readonly BatchHead[];
  readonly direction: 'asc' | 'desc';
  /** The cursor's last `$id`: only documents beyond it count. */
  readonly afterId?: string;
  /** How many matches beyond the cursor are enough (offset + limit). */
  readonly need: number;
  readonly matches: (doc: NormalizedDocument) => boolean;
  /** The documents of the given batches. */
  readonly read: (ids: readonly number[]) => NormalizedDocument[];
}

export function scanInIdOrder(scan: IdOrderScan): { docs: NormalizedDocument[]; batchesRead: number } {
  const asc = scan.direction === 'asc';
  const after = scan.afterId;
  const beyond = (id: string): boolean => after === undefined || (asc ? compareText(id, after) > 0 : compareText(id, after) < 0);
  const candidates = scan.heads.filter((h) => after === undefined || (asc ? compareText(h.maxId, after) > 0 : compareText(h.minId, after) < 0));
  if (!asc) candidates.reverse();
  const docs: NormalizedDocument[] = [];
  let found = 0;
  let read = 0;
  while (found < scan.need && read < candidates.length) {
    const chunk = candidates.slice(read, read + CHUNK);
    read += chunk.length;
    for (const doc of scan.read(chunk.map((h) => h.id))) {
      docs.push(doc);
      if (beyond(doc.$id as string) && scan.matches(doc)) found++;
    }
  }
  return { docs, batchesRead: read };
}
