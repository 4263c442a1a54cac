/**
 * drizzle-icetype — the public API. Everything not exported here is internal.
 */

// The IceType language
export * from './icetype/index.js';
export { defineSchema, type IceTypeSchemaSet, type InferDocument, type InferNewDocument } from './icetype/define-schema.js';
export type * from './icetype/static/index.js';

// IceType → Drizzle
export { compileSchema, type CompiledSchema } from './compile/compile-schema.js';
export type { CollectionTable, ColumnKey, CompiledRelations, CompiledTables, InferNewRow, InferRow } from './compile/types.js';
export { _batches, _cdc, _cdc_state, _rels, _schemas, systemTables, type SystemTables } from './compile/system-tables.js';
export { SYSTEM_FIELD_NAMES, type SystemFieldName } from './compile/system-columns.js';
export { decodeVector, encodeVector } from './compile/binary-columns.js';

// Durable Object session
export { drizzle, type DrizzleIceTypeConfig, type IceTypeDatabase } from './session/drizzle.js';
export { migrate, type MigrationConfig, type MigrationResult } from './session/migrate.js';
export { MigrationError, type ForeignKeyViolation, type MigrationErrorCode } from './session/migration-error.js';

// Errors
export { IceTypeError } from './errors.js';
