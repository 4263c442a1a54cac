import type { IceTypeSchema } from '../icetype/ast.js';
import { edgeTriggers } from '../relations/edge-triggers.js';
import { changedFieldsSql, quoteIdentifier, rowImageSql } from './row-json.js';

/**
 * Change capture for tables of the rows layout (DESIGN.md §3): three
 * permanent triggers per collection table write every insert, update and
 * delete into `_cdc`, in the same transaction as the change — whatever wrote
 * it: `db.store`, a Drizzle builder, or raw SQL. The transaction number and
 * shard come from `_cdc_state`, which the session bumps once per write
 * transaction.
 */

export interface CdcTriggerOptions {
  /** Also record the row as it was before updates and deletes. */
  readonly captureBefore: boolean;
  /** Capture collections whose schema has no `$cdc` directive (default true). */
  readonly enabledByDefault?: boolean;
  /** Stamped on every entry (default `'shard-0'`). */
  readonly shardId?: string;
  /** The layout of collections whose schema has no `$storage` (the config's `storage.defaultLayout`; default `'rows'`). */
  readonly defaultLayout?: 'rows' | 'batched';
}

export interface TriggerDefinition {
  readonly name: string;
  readonly table: string;
  readonly sql: string;
}

/** Trigger names start with this; `installCdcTriggers` owns every trigger so named. */
export const CDC_TRIGGER_PREFIX = '_cdc_';

const NOW_MS = "CAST(unixepoch('subsec') * 1000 AS INTEGER)";
/** One read of the capture state per entry (a LEFT JOIN, so an entry is written even if the state row were missing). */
const STATE = "FROM (SELECT 1) LEFT JOIN _cdc_state AS state ON state.id = 1";

/** The triggers capturing one collection's changes (over the table's `columns` when given). */
export function cdcTriggers(schema: IceTypeSchema, options: CdcTriggerOptions, columns?: ReadonlySet<string>): TriggerDefinition[] {
  const table = quoteIdentifier(schema.name);
  const collection = `'${schema.name.replaceAll("'", "''")}'`;
  const entry = (op: string, docId: string, after: string, before: string, changed: string) =>
    `INSERT INTO _cdc (tx_id, collection, doc_id, op, after, before, changed, ts, shard) SELECT COALESCE(state.tx, 0), ${collection}, ${docId}, '${op}', ${after}, ${before}, ${changed}, ${NOW_MS}, COALESCE(state.shard, 'shard-0') ${STATE};`;
  const before = options.captureBefore ? rowImageSql(schema, 'OLD', columns) : 'NULL';
  const after = rowImageSql(schema, 'NEW', columns);
  const triggers = [
    ['insert', `AFTER INSERT ON ${table}`, entry('insert', 'NEW."$id"', after, 'NULL', 'NULL')],
    ['update', `AFTER UPDATE ON ${table}`, entry('update', 'NEW."$id"', after, before, changedFieldsSql(schema, columns))],
    ['delete', `AFTER DELETE ON ${table}`, entry('delete', 'OLD."$id"', 'NULL', before, 'NULL')],
  ] as const;
  return triggers.map(([op, when, body]) => {
    const name = `${CDC_TRIGGER_PREFIX}${schema.name}_${op}`;
    return { name, table: schema.name, sql: `CREATE TRIGGER ${quoteIdentifier(name)} ${when} FOR EACH ROW BEGIN ${body} END` };
  });
}

/**
 * The guards of a batched collection's table: its documents live in
 * `_batches` and its table stays empty (it exists so Drizzle's types and
 * `db.query` know the collection), so a write into the table — a Drizzle
 * builder, raw SQL — is refused instead of storing rows the store never reads.
 */
export function batchedTableGuards(schema: IceTypeSchema): TriggerDefinition[] {
  const table = quoteIdentifier(schema.name);
  const message = `${schema.name} is stored on the batched layout: write it with db.store (its table stays empty)`.replaceAll("'", "''");
  return (['insert', 'update'] as const).map((op) => {
    const name = `${CDC_TRIGGER_PREFIX}${schema.name}_guard_${op}`;
    return { name, table: schema.name, sql: `CREATE TRIGGER ${quoteIdentifier(name)} BEFORE ${op.toUpperCase()} ON ${table} FOR EACH ROW BEGIN SELECT RAISE(ABORT, '${message}'); END` };
  });
}

/**
 * Makes the package's triggers on collection tables exactly the installed
 * ones — change capture and `_rels` maintenance (`edgeTriggers`) on
 * rows-layout tables, guards on the empty tables of batched collections
 * (`batchedTableGuards`): creates missing ones, replaces
 * those whose SQL changed (a migration added a column), drops those of
 * collections no longer captured. Each trigger captures the columns its
 * table has now. Reads `sqlite_master` once and writes only what differs.
 */
export function installCdcTriggers(storage: DurableObjectStorage, schemas: Iterable<IceTypeSchema>, options: CdcTriggerOptions): void {
  const wanted = new Map<string, TriggerDefinition>();
  const all = [...schemas];
  for (const schema of all) {
    const batched = (schema.directives.storage ?? options.defaultLayout ?? 'rows') === 'batched';
    // Triggers follow the table as it is: a collection without a table (yet) gets none.
    const columns = new Set(storage.sql.exec<{ name: string }>(`PRAGMA table_info(${quoteIdentifier(schema.name)})`).toArray().map((c) => c.name));
    if (columns.size === 0) continue;
    // A batched collection's changes and edges are written by the store; its table only gets guards.
    const captured = batched || (schema.directives.cdc ?? options.enabledByDefault ?? true);
    const triggers = batched ? batchedTableGuards(schema) : [...(captured ? cdcTriggers(schema, options, columns) : []), ...edgeTriggers(schema, all)];
    for (const trigger of triggers) wanted.set(trigger.name, trigger);
  }
  const installed = new Map(
    storage.sql
      .exec<{ name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '\\_cdc\\_%' ESCAPE '\\'")
      .toArray()
      .map((row) => [row.name, row.sql]),
  );
  for (const [name, sql] of installed) {
    if (wanted.get(name)?.sql !== sql) storage.sql.exec(`DROP TRIGGER ${quoteIdentifier(name)}`);
  }
  for (const [name, trigger] of wanted) {
    if (installed.get(name) !== trigger.sql) storage.sql.exec(trigger.sql);
  }
  const shard = options.shardId ?? 'shard-0';
  storage.sql.exec('INSERT INTO _cdc_state (id, tx, shard) VALUES (1, 0, ?) ON CONFLICT (id) DO UPDATE SET shard = excluded.shard WHERE shard IS NOT excluded.shard', shard);
}

/**
 * Drops every CDC trigger. Migrations run without them (SQLite refuses
 * `ALTER TABLE … DROP COLUMN` on a column a trigger names);
 * `installCdcTriggers` puts them back over the migrated tables.
 */
export function dropCdcTriggers(storage: DurableObjectStorage): void {
  const names = storage.sql
    .exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '\\_cdc\\_%' ESCAPE '\\'")
    .toArray()
    .map((row) => row.name);
  for (const name of names) storage.sql.exec(`DROP TRIGGER ${quoteIdentifier(name)}`);
}
