import { IceTypeError } from '../../errors.js';
import { describeFound } from '../../store/values/describe-found.js';

/** Why a relation traversal (`db.rel`) was rejected. Adding a code is compatible; renaming one is a breaking change. */
export type RelationErrorCode =
  /** A hop on a name that is not a relation field of the collection (unknown, or a plain field). */
  | 'UNKNOWN_RELATION'
  /** `db.rel.X` where `X` is not a collection of the schema set. */
  | 'UNKNOWN_COLLECTION'
  /** A malformed argument: a negative `limit`, `page()` after `limit()`. */
  | 'INVALID_OPTION';

/**
 * A traversal that cannot run: the message says what was expected and what
 * was found, and names the collection and the field involved — never ids or
 * document values.
 *
 * @example
 * try { db.rel.User(id).nickname } catch (e) {
 *   if (e instanceof RelationError) e.code // 'UNKNOWN_RELATION'
 *   // 'User: expected a relation field of User (posts, comments), found "nickname", a string field'
 * }
 */
export class RelationError extends IceTypeError {
  override readonly name = 'RelationError';
  constructor(
    override readonly code: RelationErrorCode,
    message: string,
    /** The collection the traversal was on. */
    readonly collection: string,
    /** The field or collection name that was asked for, where there is one. */
    readonly field?: string,
  ) {
    super(code, `${collection}: ${message}`);
  }
}

/** Throws `INVALID_OPTION` unless `value` is a non-negative safe integer (a `limit`). */
export function assertLimit(collection: string, name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new RelationError('INVALID_OPTION', `expected ${name} to be a non-negative integer, found ${describeFound(value)}`, collection);
  }
}
