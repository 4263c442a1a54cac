import type { IceTypeSchema } from '../../icetype/ast.js';
import { planContext } from '../../store/filter/context.js';
import { compareComparable } from '../../store/filter/document-value.js';
import type { Comparable } from '../../store/filter/operand.js';
import { resolveOrder, type ResolvedOrderKey } from '../../store/filter/order-by.js';
import type { FilterOptions, OrderBy } from '../../store/filter/types.js';
import type { NormalizedDocument } from '../../store/values/index.js';
import type { FieldZone } from '../zone-map/index.js';
import type { BatchSummaryRow } from './batch-table.js';

/**
 * The first `need` documents of a query ordered by one field, reading
 * batches best-first by their zone maps and stopping as soon as no unread
 * batch can hold a document that sorts before the `need`-th found — the
 * latest 20 events of a time-ordered collection read one batch, not all of
 * them. Pure: reading is the caller's `read`.
 *
 * Soundness: every document of a batch sorts at or after the batch's bound
 * (`sortBound`: its least value ascending, null when it holds a null, which
 * sorts first; its greatest value descending, where nulls sort last). The
 * batches are read in bound order, so once the next bound sorts strictly
 * after the `need`-th document's value, so does every unread document —
 * whatever its `$id`, which only breaks ties. Zone maps that were widened by
 * edits still bound their batches, only less tightly.
 */

/** A batch that may hold matches, with its bound on the sort key. */
export interface BoundedBatch {
  readonly id: number;
  /** Documents in the batch. */
  readonly count: number;
  /** `sortBound` of its zone for the sort key; null sorts least. */
  readonly bound: Comparable | null;
}

export interface TopKScan {
  readonly batches: readonly BoundedBatch[];
  readonly direction: 'asc' | 'desc';
  /** How many documents in order are enough (offset + limit). */
  readonly need: number;
  /** The sort key's value of a document, null when it has none. */
  readonly keyOf: (doc: NormalizedDocument) => Comparable | null;
  /** Orders documents as the query does (the key, then `$id`). */
  readonly compare: (a: NormalizedDocument, b: NormalizedDocument) => number;
  /** The documents of these batches that match, and how many documents were looked at. */
  readonly read: (ids: readonly number[]) => { readonly docs: NormalizedDocument[]; readonly scanned: number };
}

/**
 * Batches read per statement: first as many as hold enough documents, then
 * twice as many each time (a filter may match few), up to this.
 */
const MAX_CHUNK = 32;

/**
 * The bound of a batch on a sort key from its zone: what no document of the
 * batch sorts before.
 *
 * @example
 * sortBound({ kind: 'timestamp', min: 10, max: 99, nullCount: 0, count: 128 }, 'desc') // 99
 */
export function sortBound(zone: FieldZone, direction: 'asc' | 'desc'): Comparable | null {
  if (direction === 'asc') return zone.nullCount > 0 ? null : (zone.min as Comparable | null);
  return zone.max as Comparable | null;
}

/**
 * The one sort key of an ordering `scanTopK` can serve — a declared number,
 * timestamp or text field (then the `$id` tiebreak) — or undefined.
 */
export function topKKey(schema: IceTypeSchema | undefined, options: FilterOptions, orderBy: OrderBy | undefined): ResolvedOrderKey | undefined {
  if (schema === undefined) return undefined;
  const keys = resolveOrder(planContext(schema, options), orderBy);
  const key = keys[0]!;
  const type = key.target.kind.type;
  const zoned = type === 'number' || type === 'timestamp' || type === 'text';
  return keys.length === 2 && key.target.access === 'column' && key.target.path.length === 0 && zoned ? key : undefined;
}

/** The batches with their bounds on `key`, or undefined when one has no zone of the key's kind for it. */
export function boundedBatches(key: ResolvedOrderKey, summaries: readonly BatchSummaryRow[]): BoundedBatch[] | undefined {
  const batches: BoundedBatch[] = [];
  for (const summary of summaries) {
    const zone = summary.stats.zoneMap?.fields[key.field];
    if (zone === undefined || zone.kind !== key.target.kind.type) return undefined;
    batches.push({ id: summary.id, count: summary.count, bound: sortBound(zone, key.direction) });
  }
  return batches;
}

/** Values with null least; values of one zone kind always compare. */
function compareValues(a: Comparable | null, b: Comparable | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  return compareComparable(a, b) ?? 0;
}

/**
 * The first `scan.need` documents in `scan.compare` order among the
 * batches' matches, with how many batches and documents it read.
 *
 * @example
 * scanTopK({ batches, direction: 'desc', need: 20, keyOf, compare, read }) // { docs: the 20 latest, batchesRead: 1, scanned: 128 }
 */
export function scanTopK(scan: TopKScan): { docs: NormalizedDocument[]; batchesRead: number; scanned: number } {
  const sign = scan.direction === 'asc' ? 1 : -1;
  const ordered = [...scan.batches].sort((a, b) => sign * compareValues(a.bound, b.bound));
  let best: NormalizedDocument[] = [];
  let batchesRead = 0;
  let scanned = 0;
  let chunk = 1;
  let next = 0;
  // Whether batch i can hold no document that sorts before the need-th found (then neither can any after it).
  const exhausted = (i: number): boolean => best.length >= scan.need && sign * compareValues(ordered[i]!.bound, scan.keyOf(best[scan.need - 1]!)) > 0;
  if (scan.need <= 0) return { docs: [], batchesRead, scanned };
  while (next < ordered.length && !exhausted(next)) {
    const ids: number[] = [];
    let documents = 0;
    // At least `chunk` batches, and enough of them to hold the documents still missing (when all match).
    while (next < ordered.length && (ids.length < chunk || best.length + documents < scan.need) && ids.length < MAX_CHUNK && !exhausted(next)) {
      documents += ordered[next]!.count;
      ids.push(ordered[next++]!.id);
    }
    const read = scan.read(ids);
    batchesRead += ids.length;
    scanned += read.scanned;
    best = [...best, ...read.docs].sort(scan.compare).slice(0, scan.need);
    chunk = Math.min(chunk * 2, MAX_CHUNK);
  }
  return { docs: best, batchesRead, scanned };
}
