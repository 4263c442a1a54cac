import { TransactionRollbackError } from 'drizzle-orm';
import { drizzle as drizzleDurableObject } from 'drizzle-orm/durable-sqlite';
import { migrate as drizzleMigrate } from 'drizzle-orm/durable-sqlite/migrator';
import { dropCdcTriggers, installCdcTriggers } from '../cdc/triggers.js';
import { dropSearchTriggers, installSearchIndexes } from '../search/index.js';
import { installSystemTables, systemObjectPresent } from '../compile/system-ddl.js';
import type { IceTypeConfig } from '../config/icetype-config.js';
import { DEFAULT_CONFIG } from '../config/presets.js';
import type { IceTypeSchemaSet } from '../icetype/define-schema.js';
import { printSchema } from '../icetype/printer.js';
import { SchemaRegistry, SchemaRegistryError } from '../registry/index.js';
import { readForeignKeys, setForeignKeys } from './foreign-keys.js';
import { MigrationError, type ForeignKeyViolation } from './migration-error.js';

/** What drizzle-kit's generated `migrations.js` exports (`driver: 'durable-sqlite'`). */
export interface MigrationConfig {
  /** Migration name (`YYYYMMDDHHmmss_name`) → SQL, statements separated by `--> statement-breakpoint`. */
  readonly migrations: Readonly<Record<string, string>>;
}

export interface MigrationResult {
  /** The migrations applied by this run, in order; empty when the database was up to date. */
  readonly applied: readonly string[];
}

const MIGRATIONS_TABLE = '__drizzle_migrations';
const BREAKPOINT = '--> statement-breakpoint';
/** Statements after which rows can be lost or rejected unless foreign keys are off: table rebuilds. */
const NEEDS_FOREIGN_KEYS_OFF = /\bDROP\s+TABLE\b|\bPRAGMA\s+foreign_keys\s*=\s*(OFF|0|false)\b/i;

function validateConfig(config: MigrationConfig): void {
  const migrations: unknown = config?.migrations;
  if (typeof migrations !== 'object' || migrations === null) {
    throw new MigrationError('INVALID_MIGRATIONS', `migrate: expected { migrations: Record<name, sql> } as drizzle-kit generates it, found ${migrations === null ? 'null' : typeof migrations}`);
  }
  for (const [name, sql] of Object.entries(migrations)) {
    if (typeof sql !== 'string') {
      throw new MigrationError('INVALID_MIGRATIONS', `migrate: expected the SQL text of migration "${name}", found ${typeof sql} (is a Text rule for **/*.sql configured?)`, { migration: name });
    }
  }
}

/** Names recorded by Drizzle's migrator; undefined when its table predates names (Drizzle upgrades it). */
function appliedMigrationNames(storage: DurableObjectStorage): Set<string> | undefined {
  const sql = storage.sql;
  if (sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", MIGRATIONS_TABLE).toArray().length === 0) {
    return new Set();
  }
  const columns = sql.exec<{ name: string }>(`PRAGMA table_info("${MIGRATIONS_TABLE}")`).toArray();
  if (!columns.some((column) => column.name === 'name')) return undefined;
  const rows = sql.exec<{ name: string | null }>(`SELECT name FROM "${MIGRATIONS_TABLE}"`).toArray();
  return new Set(rows.flatMap((row) => (row.name === null ? [] : [row.name])));
}

/** Where a failing statement sits: the migration and the statement's 1-based index. */
function locateStatement(migrations: Readonly<Record<string, string>>, names: readonly string[], failing: string) {
  for (const name of names) {
    const index = (migrations[name] ?? '').split(BREAKPOINT).indexOf(failing);
    if (index >= 0) return { migration: name, statement: index + 1 };
  }
  return {};
}

function foreignKeyViolations(storage: DurableObjectStorage): ForeignKeyViolation[] {
  return storage.sql
    .exec<{ table: string; rowid: number | null; parent: string }>('PRAGMA foreign_key_check')
    .toArray()
    .map(({ table, rowid, parent }) => ({ table, rowid, parent }));
}

/** Runs Drizzle's migrator over a storage view that remembers the last SQLite error (Drizzle replaces it with "Rollback"). */
function runDrizzleMigrator(storage: DurableObjectStorage, config: MigrationConfig, pending: readonly string[]): void {
  let failure: { sql: string; error: unknown } | undefined;
  const recording = {
    sql: {
      exec(query: string, ...bindings: unknown[]) {
        // A system table, index or column this package created already (migrate() creates missing ones itself) is skipped.
        if (systemObjectPresent(storage.sql, query)) return storage.sql.exec('SELECT 1 WHERE 0');
        try {
          return storage.sql.exec(query, ...bindings);
        } catch (error) {
          failure = { sql: query, error };
          throw error;
        }
      },
    },
    transactionSync: <T>(fn: () => T): T => storage.transactionSync(fn),
  } as unknown as DurableObjectStorage;
  try {
    drizzleMigrate(drizzleDurableObject(recording), { migrations: { ...config.migrations } });
  } catch (error) {
    if (!(error instanceof TransactionRollbackError) || failure === undefined) throw error;
    const where = locateStatement(config.migrations, pending, failure.sql);
    const cause = failure.error instanceof Error ? failure.error.message : String(failure.error);
    const place = where.migration === undefined ? 'bookkeeping' : `migration "${where.migration}", statement ${where.statement}`;
    throw new MigrationError('MIGRATION_FAILED', `migrate: ${place} failed: ${cause}`, { ...where, cause: failure.error });
  }
}

/** What `migrate` reads of the database: its storage and, for databases opened with drizzle-icetype's `drizzle()`, the schema and config. */
export interface MigratableDatabase {
  readonly $client: DurableObjectStorage;
  readonly $schema?: IceTypeSchemaSet;
  readonly $config?: IceTypeConfig;
}

/** The system tables, then the CDC triggers of the database's collections (when it has a schema). */
function installSystemObjects(storage: DurableObjectStorage, db: MigratableDatabase): void {
  installSystemTables(storage.sql);
  if (db.$schema === undefined) return;
  const config = db.$config ?? DEFAULT_CONFIG;
  installCdcTriggers(storage, db.$schema.collections.values(), {
    captureBefore: config.cdc.captureBefore,
    enabledByDefault: config.cdc.enabled,
    shardId: config.shardId,
    defaultLayout: config.storage.defaultLayout,
  });
  registerCollections(storage, db.$schema);
  // Last: workerd cannot roll back a transaction that created an FTS5 table and then wrote to it,
  // so nothing that may throw runs after it (it checks everything before its first write).
  installSearchIndexes(storage, db.$schema.collections.values());
}

/** The triggers the package owns, dropped while migrations run (see `dropCdcTriggers`), reinstalled after. */
function dropOwnTriggers(storage: DurableObjectStorage, db: MigratableDatabase): void {
  if (db.$schema === undefined) return;
  dropCdcTriggers(storage);
  dropSearchTriggers(storage);
}

/**
 * Registers every collection's schema (a no-op read when unchanged), so the
 * registry always holds the deployed schemas and their field ids.
 */
function registerCollections(storage: DurableObjectStorage, schema: IceTypeSchemaSet): void {
  const registry = new SchemaRegistry(storage.sql, (fn) => fn());
  for (const collection of schema.collections.values()) {
    try {
      registry.registerSchema(printSchema(collection), { name: collection.name });
    } catch (error) {
      if (!(error instanceof SchemaRegistryError)) throw error;
      throw new MigrationError('INCOMPATIBLE_SCHEMA', `migrate: ${error.message}; nothing was applied`, { cause: error });
    }
  }
}

/**
 * Applies drizzle-kit migrations to a Durable Object's SQLite database, then
 * creates any missing system tables and (for a database opened with this
 * package's `drizzle()`) brings the change-capture triggers in line with the
 * schema and registers each collection's schema in the registry (refusing an
 * incompatible change: `INCOMPATIBLE_SCHEMA`) — all in one `transactionSync`,
 * so a failure leaves the database exactly as it was.
 *
 * Wraps Drizzle's DO migrator (same `__drizzle_migrations` table, same
 * ordering) and fixes two of its hazards:
 * - errors name the migration, the statement and the real SQLite message
 *   (`MigrationError`, code `MIGRATION_FAILED`) instead of "Rollback";
 * - table rebuilds are safe: foreign keys are switched off *outside* the
 *   transaction (inside it `PRAGMA foreign_keys=OFF` does nothing, so
 *   dropping a parent table would cascade-delete its children), and
 *   `PRAGMA foreign_key_check` must come back clean before commit
 *   (`FOREIGN_KEY_VIOLATION`). Foreign keys are restored afterwards.
 *
 * Call it first thing, inside `blockConcurrencyWhile`:
 * @example
 * ```ts
 * import migrations from '../migrations/migrations.js';
 * export class MyDO extends DurableObject {
 *   db = drizzle(this.ctx.storage, { schema });
 *   constructor(ctx: DurableObjectState, env: Env) {
 *     super(ctx, env);
 *     ctx.blockConcurrencyWhile(() => migrate(this.db, migrations));
 *   }
 * }
 * ```
 */
export async function migrate(db: MigratableDatabase, config: MigrationConfig): Promise<MigrationResult> {
  validateConfig(config);
  const storage = db.$client;
  const applied = appliedMigrationNames(storage);
  const local = Object.keys(config.migrations).sort();
  const pending = applied === undefined ? local : local.filter((name) => !applied.has(name));
  if (pending.length === 0) {
    storage.transactionSync(() => installSystemObjects(storage, db));
    return { applied: [] };
  }

  const foreignKeysWereOn = readForeignKeys(storage);
  const needsForeignKeysOff = pending.some((name) => NEEDS_FOREIGN_KEYS_OFF.test(config.migrations[name] ?? ''));
  const foreignKeysOff = foreignKeysWereOn ? await setForeignKeys(storage, false) : true;
  if (!foreignKeysOff && needsForeignKeysOff) {
    throw new MigrationError('FOREIGN_KEYS_LOCKED', 'migrate: expected to switch foreign keys off for a table rebuild, found them locked on by an open transaction');
  }
  try {
    storage.transactionSync(() => {
      dropOwnTriggers(storage, db);
      runDrizzleMigrator(storage, config, pending);
      const violations = foreignKeyViolations(storage);
      if (violations.length > 0) {
        const tables = [...new Set(violations.map((v) => `${v.table} → ${v.parent}`))].join(', ');
        throw new MigrationError('FOREIGN_KEY_VIOLATION', `migrate: expected no foreign-key violations after migrating, found ${violations.length} (${tables}); nothing was applied`, { violations });
      }
      installSystemObjects(storage, db);
    });
  } finally {
    if (foreignKeysWereOn && !(await setForeignKeys(storage, true))) {
      // Unreachable in workerd once the implicit transaction has been flushed; never leave FKs off silently.
      throw new MigrationError('FOREIGN_KEYS_LOCKED', 'migrate: expected to switch foreign keys back on, found them still off');
    }
  }
  const recorded = appliedMigrationNames(storage);
  return { applied: recorded === undefined ? pending : pending.filter((name) => recorded.has(name)) };
}
