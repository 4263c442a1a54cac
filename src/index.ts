/**
 * drizzle-icetype — the public API. Everything not exported here is internal.
 */
export { IceTypeError } from './errors.js';
export { migrate, type MigrationConfig, type MigrationResult } from './session/migrate.js';
export { MigrationError, type MigrationErrorCode, type ForeignKeyViolation } from './session/migration-error.js';
