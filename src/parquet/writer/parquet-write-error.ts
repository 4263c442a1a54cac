/**
 * The error of the Arrow/Parquet writer (issue 6 §2): a stable `code`, a
 * message that starts with `parquet writer` and says what a column expected
 * and what a row held, and where (collection, column, row index). Messages
 * name the kind of value found, never the value itself (STYLE.md habit 4).
 */
import { IceTypeError } from '../../errors.js';

/** Why a table or file was refused. Adding a code is compatible; renaming one is a breaking change. */
export type ParquetWriteErrorCode =
  /** A value of the wrong kind for its column: a string in an `int` column, a number in a `long` column (`bigint` expected). */
  | 'TYPE_MISMATCH'
  /** No value (null or missing) in a required column, a list element or a changelog column. */
  | 'NULL_NOT_ALLOWED'
  /** The right kind but outside the column's range: an int beyond 32 bits, a decimal with more than P digits, a time past midnight. */
  | 'OUT_OF_RANGE'
  /** A changelog column (`_op`, …) has the name of a schema field, or registry ids have reached the reserved changelog range. */
  | 'COLUMN_COLLISION'
  /** A bad option: an unknown compression, a row group size that is not a positive whole number. */
  | 'INVALID_OPTION'
  /** parquet-wasm refused the table (the cause is attached); its wasm instance may be unusable afterwards. */
  | 'WRITE_FAILED';

/** Where a problem is: the collection (or file kind), the column and the row, when known. */
export interface ParquetWriteErrorContext {
  readonly collection?: string;
  readonly column?: string;
  /** Index of the row in the rows given. */
  readonly row?: number;
  readonly cause?: unknown;
}

/**
 * An Arrow table or Parquet file was refused; nothing was produced.
 *
 * @example
 * try { arrowTableFor(User, [{ ...row, age: '42' }]) } catch (e) {
 *   if (e instanceof ParquetWriteError) [e.code, e.column, e.row] // ['TYPE_MISMATCH', 'age', 0]
 * }
 */
export class ParquetWriteError extends IceTypeError {
  override readonly name = 'ParquetWriteError';
  declare readonly code: ParquetWriteErrorCode;
  readonly collection: string | undefined;
  readonly column: string | undefined;
  readonly row: number | undefined;

  constructor(code: ParquetWriteErrorCode, message: string, context: ParquetWriteErrorContext = {}) {
    const column = context.column === undefined ? '' : `.${context.column}`;
    const subject = context.collection === undefined ? '' : ` ${context.collection}${column}`;
    const row = context.row === undefined ? '' : ` (row ${context.row})`;
    super(code, `parquet writer${subject}${row}: ${message}`, context.cause === undefined ? undefined : { cause: context.cause });
    this.collection = context.collection;
    this.column = context.column;
    this.row = context.row;
  }
}
