/**
 * The sort orders of a table (Iceberg spec "Sorting", Appendix C "Sort
 * Orders"). Pure.
 */
import type { IceTypeSchema } from '../../icetype/ast.js';
import { sourceField } from './partition-spec.js';
import type { IcebergSchema } from './iceberg-schema.js';

/** One sort field. */
export interface IcebergSortField {
  readonly transform: 'identity';
  readonly 'source-id': number;
  readonly direction: 'asc' | 'desc';
  readonly 'null-order': 'nulls-first' | 'nulls-last';
}

/** A sort order; order-id 0 with no fields is the reserved unsorted order. */
export interface IcebergSortOrder {
  readonly 'order-id': number;
  readonly fields: readonly IcebergSortField[];
}

/** Order 0: unsorted (reserved by the spec), for files written without sorting. */
export const UNSORTED_ORDER: IcebergSortOrder = { 'order-id': 0, fields: [] };

/**
 * The table's default sort order: order-id 1, `$id` ascending. `$id` is the
 * identifier field and, by default, a time-ordered UUIDv7, so this order
 * keeps rows written together close (what the published `$createdAt desc`
 * aimed at) and also gives each file a narrow `$id` range: lookups, upserts
 * and position deletes by `$id` — what the current-state mirror does —
 * prune by min/max. `$id` is never null, so the null order is moot;
 * `nulls-first` is the spec's (and Java's) companion of `asc`.
 *
 * @example
 * sortOrderOf(User, icebergSchema)
 * // { 'order-id': 1, fields: [{ transform: 'identity', 'source-id': 1, direction: 'asc', 'null-order': 'nulls-first' }] }
 */
export function sortOrderOf(schema: IceTypeSchema, icebergSchema: IcebergSchema): IcebergSortOrder {
  const id = sourceField(schema, icebergSchema, '$id');
  return { 'order-id': 1, fields: [{ transform: 'identity', 'source-id': id.id, direction: 'asc', 'null-order': 'nulls-first' }] };
}
