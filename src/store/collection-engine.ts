import type { IceTypeSchema } from '../icetype/ast.js';
import type { Filter, QuerySpec } from './filter/index.js';
import type { NormalizedDocument } from './values/index.js';

/** How the rows layout served a query (`db.explain`). */
export interface RowsPlan {
  readonly layout: 'rows';
  /** The SELECT that ran (parameters bound separately). */
  readonly sql: string;
  /** SQLite's `EXPLAIN QUERY PLAN` for it, one line per step. */
  readonly queryPlan: readonly string[];
}

/**
 * The operations every layout implements for `db.store` (DESIGN.md §2:
 * one API, two layouts). Methods run inside the caller's transaction.
 */
export interface CollectionEngine<Plan> {
  readonly schema: IceTypeSchema;
  readonly name: string;
  readonly layout: 'rows' | 'batched';
  prepareCreate(input: unknown, now: Date): NormalizedDocument;
  insert(docs: readonly NormalizedDocument[], now: Date): void;
  get(id: string): NormalizedDocument | null;
  getMany(ids: readonly string[]): (NormalizedDocument | null)[];
  update(id: string, input: unknown, now: Date, ifVersion?: number): NormalizedDocument;
  delete(id: string, ifVersion: number | undefined, now: Date): boolean;
  deleteMany(where: Filter, now: Date): number;
  query(spec: QuerySpec): { readonly documents: NormalizedDocument[]; readonly plan: Plan };
  count(where?: Filter): number;
}
