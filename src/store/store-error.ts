import { IceTypeError } from '../errors.js';

/** Why a document operation failed (validation failures are `DocumentError`s, filter mistakes `FilterError`s). */
export type StoreErrorCode =
  /** The collection is not in the schema. */
  | 'UNKNOWN_COLLECTION'
  /** No document has that `$id`. */
  | 'NOT_FOUND'
  /** `create` with a `$id` that is taken. */
  | 'ALREADY_EXISTS'
  /** `ifVersion` did not match the stored `$version`. */
  | 'VERSION_CONFLICT'
  /** A `$unique` constraint (or `unique: true` field) would be violated. */
  | 'UNIQUE_VIOLATION'
  /** The collection's layout is not served by this version of the store. */
  | 'LAYOUT_NOT_AVAILABLE'
  /** An option of the call is malformed (limit, offset, select…). */
  | 'INVALID_OPTION'
  /** A forward relation (`-> T`) names a `T` that does not exist. */
  | 'REFERENCE_NOT_FOUND'
  /** A delete would leave documents referring to the deleted one, and their relation says `onDelete: 'restrict'` (the default). */
  | 'DELETE_RESTRICTED';

/**
 * A failed document operation. Carries the collection, the `$id` where there
 * is one and, for unique violations, the fields involved — never field
 * values. The storage is left exactly as it was before the call.
 */
export class StoreError extends IceTypeError {
  override readonly name = 'StoreError';
  constructor(
    override readonly code: StoreErrorCode,
    message: string,
    readonly details: {
      readonly collection: string;
      readonly id?: string;
      readonly fields?: readonly string[];
      /** For relation errors: the collection on the other end (`REFERENCE_NOT_FOUND`: the missing target's; `DELETE_RESTRICTED`: the referring documents'). */
      readonly related?: string;
      readonly expectedVersion?: number;
      readonly actualVersion?: number;
      readonly cause?: unknown;
    },
  ) {
    super(code, `${details.collection}: ${message}`, details.cause === undefined ? undefined : { cause: details.cause });
  }
}
