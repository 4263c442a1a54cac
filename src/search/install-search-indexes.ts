import { quoteIdentifier } from '../cdc/row-json.js';
import type { IceTypeSchema } from '../icetype/ast.js';
import { FTS_TRIGGER_PREFIX, ftsDefinition, isOwnFtsTable, type FtsDefinition } from './fts-objects.js';
import { SearchError } from './search-error.js';

interface MasterRow extends Record<string, SqlStorageValue> {
  type: string;
  name: string;
  sql: string | null;
}

const INSTALLED = `SELECT type, name, sql FROM sqlite_master WHERE (type = 'trigger' AND name LIKE '\\_fts\\_%' ESCAPE '\\') OR (type = 'table' AND name LIKE '%\\_fts' ESCAPE '\\')`;

/**
 * Makes the full-text indexes of `schemas` exactly the installed ones, the
 * way `installCdcTriggers` does for change capture: for every collection
 * with `$fts` fields (and a table) an FTS5 table `"<Collection>_fts"` with
 * its three sync triggers (`fts-objects.ts`). Reads `sqlite_master` once and
 * writes only what differs:
 * - a missing or changed FTS5 table (other `$fts` fields) is (re)created;
 * - missing or changed triggers are (re)created;
 * - objects of collections whose `$fts` was removed are dropped (FTS5 drops
 *   its shadow tables with the table).
 * Whenever a table or a trigger had to be created the index is rebuilt from
 * the collection table, so rows written before — or while a migration had
 * dropped the triggers, e.g. by rebuilding the table, which also renumbers
 * rowids — are indexed. A rebuild reads every row and rewrites the index
 * (billed); a call with nothing to change writes nothing.
 *
 * Runs in one `transactionSync` (joining the caller's, e.g. `migrate`'s);
 * call it last in that transaction — workerd cannot roll back a
 * transaction that created an FTS5 table and wrote to it.
 * It owns every trigger named `_fts_…` and every FTS5 table `"<X>_fts"`
 * with `content='<X>'`; other FTS5 tables are left alone.
 *
 * @throws SearchError `NOT_SEARCHABLE` when a `$fts` field is named `rank` or
 * `rowid` (FTS5 reserves them), or another table already has the name `"<X>_fts"`.
 * @example
 * ```ts
 * installSearchIndexes(ctx.storage, schema.collections.values());
 * ```
 */
export function installSearchIndexes(storage: DurableObjectStorage, schemas: Iterable<IceTypeSchema>): void {
  storage.transactionSync(() => {
    // Everything that can throw is checked before the first write: workerd cannot roll back
    // a transaction that created an FTS5 table and wrote to it (the request fails with an internal error).
    const sql = storage.sql;
    const wanted = new Map<string, FtsDefinition>();
    for (const schema of schemas) {
      if (schema.directives.fts.length === 0) continue;
      // Indexes follow the table as it is: a collection without a table (yet) gets none.
      const columns = new Set(sql.exec<{ name: string }>(`PRAGMA table_info(${quoteIdentifier(schema.name)})`).toArray().map((c) => c.name));
      if (columns.size === 0) continue;
      const definition = ftsDefinition(schema, columns);
      if (definition !== undefined) wanted.set(definition.table, definition);
    }

    const triggers = new Map<string, string | null>();
    const tables = new Map<string, string | null>();
    for (const row of sql.exec<MasterRow>(INSTALLED)) {
      if (row.type === 'trigger') triggers.set(row.name, row.sql);
      else if (isOwnFtsTable(row.name, row.sql)) tables.set(row.name, row.sql);
      else if (wanted.has(row.name)) {
        const collection = wanted.get(row.name)!.collection;
        throw new SearchError('NOT_SEARCHABLE', `expected the name "${row.name}" free for the full-text index, found another table with it`, { collection });
      }
    }
    const wantedTriggers = new Map([...wanted.values()].flatMap((d) => d.triggers.map((t) => [t.name, t.sql] as const)));

    for (const [name, definition] of triggers) {
      if (name.startsWith(FTS_TRIGGER_PREFIX) && wantedTriggers.get(name) !== definition) sql.exec(`DROP TRIGGER ${quoteIdentifier(name)}`);
    }
    for (const [name, definition] of tables) {
      if (wanted.get(name)?.sql !== definition) sql.exec(`DROP TABLE ${quoteIdentifier(name)}`);
    }
    for (const definition of wanted.values()) {
      let stale = false;
      if (tables.get(definition.table) !== definition.sql) {
        sql.exec(definition.sql);
        stale = true;
      }
      for (const trigger of definition.triggers) {
        if (triggers.get(trigger.name) !== trigger.sql) {
          sql.exec(trigger.sql);
          stale = true;
        }
      }
      const fts = quoteIdentifier(definition.table);
      if (stale) sql.exec(`INSERT INTO ${fts} (${fts}) VALUES ('rebuild')`);
    }
  });
}

/**
 * Drops every search trigger (`_fts_…`), leaving the FTS5 tables. For
 * migrations: SQLite refuses `ALTER TABLE … DROP COLUMN` on a column a
 * trigger names, so drop the triggers before applying migrations and call
 * `installSearchIndexes` after — it recreates them and, since they were
 * missing, rebuilds the indexes from the rows.
 */
export function dropSearchTriggers(storage: DurableObjectStorage): void {
  const triggers = storage.sql
    .exec<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '\\_fts\\_%' ESCAPE '\\'`)
    .toArray()
    .filter((row) => row.name.startsWith(FTS_TRIGGER_PREFIX));
  for (const { name } of triggers) storage.sql.exec(`DROP TRIGGER ${quoteIdentifier(name)}`);
}
