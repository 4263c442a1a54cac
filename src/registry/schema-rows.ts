/**
 * Rows of the `_schemas` system table (`compile/system-tables.ts`): one per
 * version of each collection's schema, with the printed object form as
 * `definition` and the path → id map as `field_ids`. `lastId` and `retired`
 * of a version are derived from the versions up to it: ids only ever come
 * from `lastId + 1`, so the highest id in any version is `lastId`, and an
 * id seen before but absent now is retired.
 */
import type { IceTypeSchema } from '../icetype/ast.js';
import { IceTypeParseError } from '../icetype/errors.js';
import { printSchema } from '../icetype/printer.js';
import { parseSchema } from '../icetype/schema.js';
import { SYSTEM_FIELDS } from '../icetype/names.js';
import type { FieldIdAssignment } from './field-ids.js';
import { SchemaRegistryError } from './registry-error.js';

/** One stored version, as read. */
export interface StoredVersion {
  readonly version: number;
  readonly definition: string;
  readonly fieldIds: Readonly<Record<string, number>>;
  readonly createdAt: number;
}

const SELECT_VERSIONS = 'SELECT version, definition, field_ids, created_at FROM _schemas WHERE name = ? AND version <= ? ORDER BY version';
const SELECT_NEWEST = 'SELECT version, definition, field_ids, created_at FROM _schemas WHERE name = ? ORDER BY version DESC LIMIT 1';
const INSERT_VERSION = 'INSERT INTO _schemas (name, version, definition, field_ids, created_at) VALUES (?, ?, ?, ?, ?)';
// SQLite's bare-column rule: with max(), the other columns come from the row holding the maximum.
const SELECT_LATEST = 'SELECT name, max(version) AS version, created_at FROM _schemas GROUP BY name ORDER BY name';

/** Runs a statement on `_schemas`, turning a missing table into a clear error. */
export function execRegistry<T extends Record<string, SqlStorageValue>>(
  sql: SqlStorage,
  query: string,
  ...bindings: SqlStorageValue[]
): T[] {
  try {
    return sql.exec<T>(query, ...bindings).toArray();
  } catch (error) {
    if (error instanceof Error && error.message.includes('no such table: _schemas')) {
      throw new SchemaRegistryError('REGISTRY_NOT_MIGRATED', 'expected the _schemas system table (run migrate first), found none', { cause: error });
    }
    throw error;
  }
}

function corrupt(name: string, version: unknown, what: string, cause?: unknown): SchemaRegistryError {
  return new SchemaRegistryError('CORRUPT_REGISTRY', `expected version ${String(version)} in _schemas to hold ${what}, found something else`, {
    collection: name,
    cause,
  });
}

function readFieldIds(name: string, version: unknown, text: unknown): Record<string, number> {
  let value: unknown;
  try {
    value = typeof text === 'string' ? JSON.parse(text) : undefined;
  } catch (error) {
    throw corrupt(name, version, 'field ids as JSON', error);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw corrupt(name, version, 'a JSON object of field ids');
  const ids = value as Record<string, unknown>;
  for (const id of Object.values(ids)) {
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 1) throw corrupt(name, version, 'positive integer field ids');
  }
  return ids as Record<string, number>;
}

/** The versions of `name` up to `upTo` (all by default), oldest first. */
export function readVersions(sql: SqlStorage, name: string, upTo = Number.MAX_SAFE_INTEGER): StoredVersion[] {
  return execRegistry(sql, SELECT_VERSIONS, name, upTo).map((row) => storedVersion(name, row));
}

/** The newest version of `name` alone (one row read), or undefined. */
export function readNewestVersion(sql: SqlStorage, name: string): StoredVersion | undefined {
  const [row] = execRegistry(sql, SELECT_NEWEST, name);
  return row === undefined ? undefined : storedVersion(name, row);
}

function storedVersion(name: string, row: Record<string, SqlStorageValue>): StoredVersion {
  const { version, definition, created_at: createdAt } = row;
  if (typeof version !== 'number' || typeof definition !== 'string' || typeof createdAt !== 'number') {
    throw corrupt(name, version, 'a version, a definition and a creation time');
  }
  return { version, definition, fieldIds: readFieldIds(name, version, row.field_ids), createdAt };
}

/** Writes one version. */
export function insertVersion(sql: SqlStorage, name: string, version: number, definition: string, fieldIds: FieldIdAssignment, now: number): void {
  execRegistry(sql, INSERT_VERSION, name, version, definition, JSON.stringify(fieldIds.fields), now);
}

/** The latest version of every collection. */
export function readLatest(sql: SqlStorage): { name: string; version: number; createdAt: number }[] {
  return execRegistry(sql, SELECT_LATEST).map((row) => {
    const { name, version, created_at: createdAt } = row;
    if (typeof name !== 'string' || typeof version !== 'number' || typeof createdAt !== 'number') {
      throw corrupt(String(name), version, 'a name, a version and a creation time');
    }
    return { name, version, createdAt };
  });
}

/** The field-id assignment of the last of `versions` (which must start at the first version). */
export function assignmentOf(versions: readonly StoredVersion[]): FieldIdAssignment {
  const last = versions[versions.length - 1];
  if (last === undefined) throw new TypeError('assignmentOf needs at least one version');
  let lastId = SYSTEM_FIELDS.length;
  const seen = new Set<number>();
  for (const v of versions) {
    for (const id of Object.values(v.fieldIds)) {
      seen.add(id);
      if (id > lastId) lastId = id;
    }
  }
  const current = new Set(Object.values(last.fieldIds));
  const retired = [...seen].filter((id) => !current.has(id)).sort((a, b) => a - b);
  return { fields: last.fieldIds, lastId, retired };
}

/** The object form as stored: `printSchema`, as JSON text. */
export function definitionText(schema: IceTypeSchema): string {
  return JSON.stringify(printSchema(schema));
}

/** A stored definition parsed back. */
export function parseStored(name: string, version: StoredVersion): IceTypeSchema {
  let value: unknown;
  try {
    value = JSON.parse(version.definition);
  } catch (error) {
    throw corrupt(name, version.version, 'a JSON definition', error);
  }
  let schema: IceTypeSchema;
  try {
    schema = parseSchema(value as object);
  } catch (error) {
    if (error instanceof IceTypeParseError) throw corrupt(name, version.version, 'a valid schema', error);
    throw error;
  }
  if (schema.name !== name) throw corrupt(name, version.version, `a schema of ${name}`);
  return schema;
}
