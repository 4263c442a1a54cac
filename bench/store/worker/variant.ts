/**
 * What each contender implements: the same six workloads over the same
 * Users, each returning how many documents it produced and a checksum of
 * their ages, so the runner can check that every variant did the same work.
 */
import type { RowCost } from '../../support/worker/cursor-meter.js';
import type { NewBenchUser } from './users.js';

export const VARIANTS = ['drizzle-icetype', 'plain drizzle', 'raw sql.exec'] as const;
export type VariantName = (typeof VARIANTS)[number];

/** Documents produced by a workload and the sum of their ages. */
export interface Outcome {
  count: number;
  checksum: number;
}

export interface Variant {
  /** Creates the User table, its indexes and the change log (untimed). */
  setup(): Promise<void>;
  /** One `transactionSync` per document: the row and its change-log entry. */
  create(docs: readonly NewBenchUser[]): Outcome;
  /** All documents in one transaction, in multi-row INSERTs under the 100-parameter limit. */
  createMany(docs: readonly NewBenchUser[]): Outcome;
  get(ids: readonly string[]): Outcome;
  /** Sets `age` of each document (bumping `$version`), one transaction each, with its change-log entry. */
  update(ids: readonly string[], ages: readonly number[]): Outcome;
  /** One query per email (indexed), results ordered by `$id`. */
  queryByEmail(emails: readonly string[]): Outcome;
  /** One query per inclusive age range (not indexed: a scan), results ordered by `$id`. */
  queryByAge(ranges: readonly (readonly [number, number])[]): Outcome;
  /** Rows billed since the variant was opened. */
  cost(): RowCost;
}

/** Counts the documents a workload produced and sums their ages. */
export class Tally {
  count = 0;
  checksum = 0;

  add(doc: { readonly age: number | null } | null | undefined): void {
    if (doc === null || doc === undefined) return;
    this.count++;
    this.checksum += doc.age ?? 0;
  }

  get outcome(): Outcome {
    return { count: this.count, checksum: this.checksum };
  }
}
