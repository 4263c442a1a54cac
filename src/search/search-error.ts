import { IceTypeError } from '../errors.js';

/** Why a search or a nearest-neighbour query was rejected. Adding a code is compatible; renaming one is a breaking change. */
export type SearchErrorCode =
  /** The collection has no `$fts` fields, or its full-text index is not installed (run `migrate`). */
  | 'NOT_SEARCHABLE'
  /** The search text is not a string, or too long (`MAX_QUERY_LENGTH`, `MAX_QUERY_TERMS`); a zero query vector. */
  | 'INVALID_QUERY'
  /** An option is malformed or unknown: `limit`, `offset`, `k`, `minScore`, `fields`, `prefix`. */
  | 'INVALID_OPTION'
  /** `nearest` on a field that is not a `vector(N)` field of the collection. */
  | 'NOT_A_VECTOR_FIELD'
  /** The query vector's length is not the field's N. */
  | 'VECTOR_DIMENSIONS'
  /** A query vector component that is NaN, ±Infinity or beyond the float32 range. */
  | 'NOT_FINITE';

/**
 * A rejected full-text search or vector query. Carries the collection and,
 * where one is involved, the field — never the search text or vector
 * values. Searches only read, so storage is untouched.
 *
 * @example
 * try { search(sql, Post, 'hello', { limit: -1 }) } catch (e) {
 *   if (e instanceof SearchError) e.code // 'INVALID_OPTION'
 * }
 */
export class SearchError extends IceTypeError {
  override readonly name = 'SearchError';
  constructor(
    override readonly code: SearchErrorCode,
    message: string,
    readonly details: { readonly collection: string; readonly field?: string; readonly cause?: unknown },
  ) {
    super(code, `${details.collection}: ${message}`, details.cause === undefined ? undefined : { cause: details.cause });
  }
}
