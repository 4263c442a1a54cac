import { IceTypeError } from '../../errors.js';

/** Why a filter, ordering or cursor was rejected. Adding a code is compatible; renaming one is a breaking change. */
export type FilterErrorCode =
  /** A field that is not in the schema (strict schemas), has no column (`<-`, `~>` relations) or cannot take a dot path. */
  | 'UNKNOWN_FIELD'
  /** A `$`-key that is not an operator: `{ age: { $gtt: 3 } }`. */
  | 'UNKNOWN_OPERATOR'
  /** An operand whose type does not fit the field or operator: `$gt` with a string on an `int`, `$startsWith` on a number. */
  | 'INVALID_OPERAND'
  /** An `after` cursor that is malformed, or was made for a different ordering. */
  | 'INVALID_CURSOR'
  /** `$and`/`$or`/`$not` nested beyond `MAX_FILTER_NESTING`, or a filter whose SQL would exceed SQLite's expression depth. */
  | 'FILTER_TOO_DEEP'
  /** A filter or query needing more bound parameters or statement bytes than DO SQLite allows. */
  | 'FILTER_TOO_LARGE'
  /** An `orderBy` that is malformed, names too many fields or a field that cannot be ordered (arrays, json, vectors). */
  | 'INVALID_ORDER';

/**
 * A rejected filter, ordering or cursor. `path` locates the problem inside the
 * filter (`['$or', '1', 'age', '$gt']`); the message says what was expected and
 * what was found, naming types, never operand values or document contents.
 *
 * @example
 * try { compileFilter(User, { age: { $gt: 'x' } }) } catch (e) {
 *   if (e instanceof FilterError) e.code // 'INVALID_OPERAND'
 * }
 */
export class FilterError extends IceTypeError {
  override readonly name = 'FilterError';
  constructor(
    override readonly code: FilterErrorCode,
    message: string,
    /** Where in the filter (or query) the problem is. */
    readonly path: readonly string[] = [],
    /** The collection the filter was compiled for, when known. */
    readonly collection?: string,
  ) {
    super(code, `${collection === undefined ? '' : `${collection}: `}${path.length > 0 ? `${path.join('.')}: ` : ''}${message}`);
  }
}

/** A short type description of a value for messages: never the value itself. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return Number.isFinite(value) ? 'a number' : 'a non-finite number';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'boolean') return 'a boolean';
  if (typeof value === 'bigint') return 'a bigint';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid Date' : 'a Date';
  if (value instanceof Uint8Array || value instanceof ArrayBuffer) return 'bytes';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
