import { IceTypeError } from '../errors.js';

/** Why a relational query config was rejected. Adding a code is compatible; renaming one is a breaking change. */
export type RelationalQueryErrorCode =
  /** A construct the store's emulation cannot evaluate (`RAW`, orders by a relation, `extras`, `orderBy` callbacks, placeholders, a relation filter planned without the schema set) or that DO SQLite itself rejects (`ilike`, `arrayContains`). */
  | 'UNSUPPORTED_QUERY'
  /** A key in `where`, `orderBy` or `columns` that is neither a column key nor a relation of the table. */
  | 'UNKNOWN_COLUMN'
  /** A `with` key that is not a relation field. */
  | 'UNKNOWN_RELATION'
  /** A malformed config Drizzle would also reject: `undefined` filter values, empty `OR`/`AND`, `offset` without `limit`, nothing selected. */
  | 'INVALID_QUERY'
  /** An operand whose type does not fit the column (`gt: 'x'` on an int column). */
  | 'INVALID_OPERAND'
  /** A LIKE pattern over the 50 bytes DO SQLite allows (`SQLITE_LIMIT_LIKE_PATTERN_LENGTH`). */
  | 'PATTERN_TOO_LONG';

/**
 * A relational query (`findMany`/`findFirst` config) the batched layout cannot
 * serve exactly as Drizzle would. `path` locates the problem in the config
 * (`['where', 'OR', '1', 'age', 'gt']`); messages name types, never operand values.
 *
 * @example
 * try { planRelationalQuery(User, { where: { RAW: sql`1` } }, 'many') } catch (e) {
 *   if (e instanceof RelationalQueryError) e.code // 'UNSUPPORTED_QUERY'
 * }
 */
export class RelationalQueryError extends IceTypeError {
  override readonly name = 'RelationalQueryError';
  constructor(
    override readonly code: RelationalQueryErrorCode,
    message: string,
    /** Where in the config the problem is. */
    readonly path: readonly string[] = [],
    /** The collection queried. */
    readonly collection?: string,
  ) {
    super(code, `${collection === undefined ? '' : `${collection}: `}${path.length > 0 ? `${path.join('.')}: ` : ''}${message}`);
  }
}
