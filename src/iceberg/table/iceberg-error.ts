import { IceTypeError } from '../../errors.js';

/** Why an Iceberg export, compaction or commit failed. */
export type IcebergErrorCode =
  /** Another writer committed the table's next metadata version first. */
  | 'COMMIT_CONFLICT'
  /** The Durable Object's record of a table is unreadable or contradicts itself. */
  | 'CORRUPT_TABLE_STATE'
  /** An export option is malformed (namespace, limit, location…). */
  | 'INVALID_OPTION'
  /** A live data file the table's record lists is not in the object store. */
  | 'MISSING_DATA_FILE'
  /** Two collections' tables would share a key (`<namespace>/<Collection>` and `<namespace>/<Collection>_changelog`). */
  | 'TABLE_KEY_CONFLICT'
  /** The collection is not in the database's schema. */
  | 'UNKNOWN_COLLECTION';

/** A failed Iceberg export, compaction or commit. Nothing is marked synced unless every table of its collection committed it. */
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
