import { IceTypeError } from '../errors.js';

/** Why a migration run failed. */
export type MigrationErrorCode =
  /** A statement of a migration failed; `migration`, `statement` and `cause` say which and why. */
  | 'MIGRATION_FAILED'
  /** After the migrations ran, rows violated foreign keys; nothing was applied. */
  | 'FOREIGN_KEY_VIOLATION'
  /** Foreign keys could not be switched off around a migration that rebuilds tables. */
  | 'FOREIGN_KEYS_LOCKED'
  /** The `migrations` argument is not what drizzle-kit generates. */
  | 'INVALID_MIGRATIONS'
  /** A collection's schema changed in a way the schema registry refuses (its `cause` lists the problems). */
  | 'INCOMPATIBLE_SCHEMA';

/** One row of `PRAGMA foreign_key_check`. */
export interface ForeignKeyViolation {
  readonly table: string;
  readonly rowid: number | null;
  readonly parent: string;
}

/**
 * A failed `migrate()`. Drizzle's own DO migrator reports every failure as
 * "Rollback"; this one names the migration, the statement and the real
 * SQLite error (as `cause`). Storage is left as it was before the run.
 */
export class MigrationError extends IceTypeError {
  override readonly name = 'MigrationError';
  constructor(
    override readonly code: MigrationErrorCode,
    message: string,
    readonly details: {
      readonly migration?: string;
      /** 1-based index of the failing statement within the migration. */
      readonly statement?: number;
      readonly violations?: readonly ForeignKeyViolation[];
      readonly cause?: unknown;
    } = {},
  ) {
    super(code, message, details.cause === undefined ? undefined : { cause: details.cause });
  }
}
