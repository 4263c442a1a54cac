import { IceTypeError } from '../../errors.js';

/** Why an Iceberg export or commit failed. */
export type IcebergErrorCode =
  /** Another writer committed the table's next metadata version first. */
  | 'COMMIT_CONFLICT'
  /** The Durable Object's record of a table is unreadable. */
  | 'CORRUPT_TABLE_STATE'
  /** An export option is malformed (namespace, limit, location…). */
  | 'INVALID_OPTION';

/** A failed Iceberg export or commit. Nothing is marked synced unless its commit landed. */
export class IcebergError extends IceTypeError {
  override readonly name = 'IcebergError';
  constructor(
    override readonly code: IcebergErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
  }
}
