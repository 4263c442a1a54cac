/**
 * What each contender implements: the same workloads over the same Events,
 * each reporting, per query (or per call for gets and updates), how many
 * documents it produced, a checksum of their amounts and a digest of their
 * ids in order — the runner checks that every variant returned the same.
 */
import type { RowCost } from '../../support/worker/cursor-meter.js';
import type { NewBenchEvent } from './events.js';

export const VARIANTS = ['batched', 'batched, zone maps off', 'rows', 'plain drizzle'] as const;
export type VariantName = (typeof VARIANTS)[number];

/** Documents produced, the sum of their amounts, and an FNV-1a digest of their ids in order. */
export interface Outcome {
  count: number;
  checksum: number;
  digest: number;
}

/** How a query was served, from `db.explain` (the plain Drizzle variant has none). */
export type Explanation = Record<string, unknown>;

export interface Variant {
  /** Creates the tables (untimed). */
  setup(): Promise<void>;
  /** All documents in one transaction. */
  createMany(docs: readonly NewBenchEvent[]): Tally[];
  /** One query per inclusive `at` range, results ordered by `$id`. */
  queryByAt(ranges: readonly (readonly [Date, Date])[]): Tally[];
  /** One query per kind (equality), results ordered by `$id`. */
  queryByKind(kinds: readonly string[]): Tally[];
  /** One query per time: the `limit` latest events before it, newest first (ties by `$id`). */
  latestBefore(times: readonly Date[], limit: number): Tally[];
  get(ids: readonly string[]): Tally[];
  /** Sets `amount` of each document (bumping `$version`), one transaction each. */
  update(ids: readonly string[], amounts: readonly number[]): Tally[];
  /** `db.explain` of a query on `at` bounds, of `kind =`, or of the latest `limit` before a time. */
  explain(where: { at: readonly [Date, Date] } | { kind: string } | { before: Date; limit: number }): Explanation | null;
  /** Rows billed since the variant was opened. */
  cost(): RowCost;
  /** Batches decoded since the variant was opened (0 off the batched layout). */
  decoded(): number;
}

/**
 * The documents one operation produced, kept by reference while the runner
 * times the call; `outcome` counts them, sums their amounts and digests their
 * ids in order afterwards, in an untimed call, so the check costs no variant
 * time.
 */
export class Tally {
  readonly #docs: { readonly $id: string; readonly amount: number | null }[] = [];

  add(doc: { readonly $id: string; readonly amount: number | null } | null | undefined): void {
    if (doc !== null && doc !== undefined) this.#docs.push(doc);
  }

  get outcome(): Outcome {
    let checksum = 0;
    let digest = 0x811c9dc5;
    for (const doc of this.#docs) {
      checksum += doc.amount ?? 0;
      for (let i = 0; i < doc.$id.length; i++) digest = Math.imul(digest ^ doc.$id.charCodeAt(i), 0x01000193) >>> 0;
    }
    return { count: this.#docs.length, checksum, digest };
  }
}
