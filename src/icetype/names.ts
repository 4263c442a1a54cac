/**
 * Name rules of ICETYPE.md §3: field names, collection names, reserved
 * prefixes and system fields, and the column budget of a collection.
 */
import type { IssueCode } from './ast.js';

/** Field names: `^[a-z_][A-Za-z0-9_]*$`. */
export const FIELD_NAME_PATTERN = /^[a-z_][A-Za-z0-9_]*$/;

/** Collection names (`$type`, relation targets): `^[A-Z][A-Za-z0-9_]*$`. */
export const COLLECTION_NAME_PATTERN = /^[A-Z][A-Za-z0-9_]*$/;

/**
 * Names of schemaless collections (`db.store.schemaless(name)`): letters,
 * digits and `_`, starting with a letter of either case — the original
 * store's collections were named like `users` — at most 64 characters.
 */
export const SCHEMALESS_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/** Fields every stored document has; schemas may not declare them (ICETYPE.md §1). */
export const SYSTEM_FIELDS: readonly string[] = ['$id', '$type', '$version', '$createdAt', '$updatedAt'];

/** Name prefixes reserved for the system, SQLite, Cloudflare and Drizzle. */
export const RESERVED_PREFIXES: readonly string[] = ['$', '_cf_', 'sqlite_', '__drizzle'];

/** Columns a DO SQLite table may have here, minus the system columns. */
export const MAX_USER_COLUMNS = 100 - SYSTEM_FIELDS.length;

/**
 * What is wrong with a field name, or undefined when it is fine.
 *
 * @example
 * checkFieldName('sqlite_x') // { code: 'RESERVED_NAME', message: 'expected a name not starting with "sqlite_" (reserved), found "sqlite_x"' }
 */
export function checkFieldName(name: string): { code: IssueCode; message: string } | undefined {
  const first = name.charCodeAt(0);
  // Only "$", "_" and "s"/"S" can start a reserved prefix; skip the scan otherwise.
  if (first === 36 || first === 95 || first === 115 || first === 83) {
    const lower = name.toLowerCase();
    for (const prefix of RESERVED_PREFIXES) {
      if (lower.startsWith(prefix)) {
        const what = SYSTEM_FIELDS.includes(name) ? 'a system field every document has' : 'reserved';
        return {
          code: 'RESERVED_NAME',
          message: `expected a name not starting with "${prefix}" (${what}), found ${JSON.stringify(name)}`,
        };
      }
    }
  }
  if (!FIELD_NAME_PATTERN.test(name)) {
    return {
      code: 'INVALID_NAME',
      message: `expected a field name matching ^[a-z_][A-Za-z0-9_]*$ (e.g. "createdAt"), found ${JSON.stringify(name)}`,
    };
  }
  return undefined;
}

/**
 * What is wrong with a collection name, or undefined when it is fine.
 *
 * @example
 * checkCollectionName('user')?.code // 'INVALID_NAME'
 */
export function checkCollectionName(name: string): { code: IssueCode; message: string } | undefined {
  if (COLLECTION_NAME_PATTERN.test(name)) return undefined;
  return {
    code: 'INVALID_NAME',
    message: `expected a collection name matching ^[A-Z][A-Za-z0-9_]*$ (e.g. "User"), found ${JSON.stringify(name)}`,
  };
}
