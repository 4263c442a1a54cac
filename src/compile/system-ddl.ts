/**
 * DDL for the system tables, exactly as drizzle-kit generates it from
 * `system-tables.ts` but with `IF NOT EXISTS`: the tables as the first
 * migration created them (`SYSTEM_TABLES_DDL`), then the columns later
 * migrations added (`SYSTEM_COLUMN_ADDITIONS`). `migrate()` runs both through
 * `installSystemTables` after the user's migrations, so the system tables
 * exist — and are upgraded — even where the schema module does not export
 * them. A test checks the result against drizzle-kit's migrations.
 */
export const SYSTEM_TABLES_DDL: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS \`_batches\` (
	\`id\` integer PRIMARY KEY,
	\`collection\` text NOT NULL,
	\`count\` integer NOT NULL,
	\`bytes\` integer NOT NULL,
	\`min_id\` text NOT NULL,
	\`max_id\` text NOT NULL,
	\`data\` blob NOT NULL,
	\`zone_map\` text,
	\`blooms\` blob,
	\`created_at\` integer NOT NULL,
	\`updated_at\` integer NOT NULL
)`,
  `CREATE TABLE IF NOT EXISTS \`_cdc\` (
	\`seq\` integer PRIMARY KEY,
	\`tx_id\` text NOT NULL,
	\`collection\` text NOT NULL,
	\`doc_id\` text NOT NULL,
	\`op\` text NOT NULL,
	\`after\` text,
	\`before\` text,
	\`changed\` text,
	\`ts\` integer NOT NULL,
	\`shard\` text,
	\`synced\` integer DEFAULT false NOT NULL
)`,
  `CREATE TABLE IF NOT EXISTS \`_cdc_state\` (
	\`id\` integer PRIMARY KEY,
	\`tx\` integer DEFAULT 0 NOT NULL,
	\`shard\` text DEFAULT 'shard-0' NOT NULL
)`,
  `CREATE TABLE IF NOT EXISTS \`_rels\` (
	\`from_type\` text NOT NULL,
	\`from_id\` text NOT NULL,
	\`rel\` text NOT NULL,
	\`to_type\` text NOT NULL,
	\`to_id\` text NOT NULL,
	\`ordinal\` integer DEFAULT 0 NOT NULL,
	\`score\` real,
	\`created_at\` integer NOT NULL,
	CONSTRAINT \`_rels_pk\` PRIMARY KEY(\`from_type\`, \`from_id\`, \`rel\`, \`to_type\`, \`to_id\`)
)`,
  `CREATE TABLE IF NOT EXISTS \`_schemas\` (
	\`name\` text NOT NULL,
	\`version\` integer NOT NULL,
	\`definition\` text NOT NULL,
	\`field_ids\` text NOT NULL,
	\`created_at\` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	CONSTRAINT \`_schemas_pk\` PRIMARY KEY(\`name\`, \`version\`)
)`,
  `CREATE TABLE IF NOT EXISTS \`_pruning_stats\` (
	\`kind\` text NOT NULL,
	\`collection\` text NOT NULL,
	\`key\` text NOT NULL,
	\`zone_map\` text,
	\`bloom\` blob,
	\`updated_at\` integer NOT NULL,
	CONSTRAINT \`_pruning_stats_pk\` PRIMARY KEY(\`kind\`, \`collection\`, \`key\`)
)`,
  `CREATE TABLE IF NOT EXISTS \`_iceberg_tables\` (
	\`key\` text PRIMARY KEY,
	\`collection\` text NOT NULL,
	\`kind\` text NOT NULL,
	\`state\` text NOT NULL,
	\`pending\` text,
	\`updated_at\` integer NOT NULL
)`,
  `CREATE TABLE IF NOT EXISTS \`_iceberg_positions\` (
	\`table_key\` text NOT NULL,
	\`doc_id\` text NOT NULL,
	\`file\` text,
	\`pos\` integer,
	CONSTRAINT \`_iceberg_positions_pk\` PRIMARY KEY(\`table_key\`, \`doc_id\`)
)`,
  'CREATE INDEX IF NOT EXISTS `_batches_collection_min_id_idx` ON `_batches` (`collection`,`min_id`)',
  'CREATE INDEX IF NOT EXISTS `_rels_to_idx` ON `_rels` (`to_type`,`to_id`,`rel`)',
];

/** A column a later migration added to a system table, added by `installSystemTables` where missing. */
export interface SystemColumnAddition {
  readonly table: string;
  readonly column: string;
  readonly ddl: string;
}

/** In migration order; each is drizzle-kit's own `ALTER TABLE` for the column. */
export const SYSTEM_COLUMN_ADDITIONS: readonly SystemColumnAddition[] = [
  { table: '_cdc', column: 'count', ddl: 'ALTER TABLE `_cdc` ADD `count` integer DEFAULT 1 NOT NULL' },
  { table: '_cdc', column: 'images', ddl: 'ALTER TABLE `_cdc` ADD `images` blob' },
];

/** Creates missing system tables and adds missing system columns; writes nothing when all are there. */
export function installSystemTables(sql: SqlStorage): void {
  SYSTEM_TABLES_DDL.forEach((ddl) => sql.exec(ddl));
  const columnsOf = new Map<string, Set<string>>();
  for (const addition of SYSTEM_COLUMN_ADDITIONS) {
    let columns = columnsOf.get(addition.table);
    if (columns === undefined) {
      columns = new Set(sql.exec<{ name: string }>(`PRAGMA table_info(\`${addition.table}\`)`).toArray().map((c) => c.name));
      columnsOf.set(addition.table, columns);
    }
    if (!columns.has(addition.column)) {
      sql.exec(addition.ddl);
      columns.add(addition.column);
    }
  }
}

/** A system table or index created by `SYSTEM_TABLES_DDL`: its drizzle-kit statement (without `IF NOT EXISTS`) and name. */
const CREATED_OBJECTS = SYSTEM_TABLES_DDL.map((ddl) => ({
  statement: ddl.replace(' IF NOT EXISTS', ''),
  name: /`([^`]+)`/.exec(ddl)?.[1] ?? '',
}));

/**
 * Whether `statement` is one of drizzle-kit's statements for a system table,
 * index or column that the database has already — because
 * `installSystemTables` created it before the app's schema module exported
 * it and drizzle-kit generated the same statement. `migrate()` skips such a
 * statement instead of failing; only exact matches of this package's own
 * definitions are skipped.
 */
export function systemObjectPresent(sql: SqlStorage, statement: string): boolean {
  const text = statement.trim().replace(/;$/, '');
  const addition = SYSTEM_COLUMN_ADDITIONS.find((a) => a.ddl === text);
  if (addition !== undefined) {
    return sql.exec<{ name: string }>(`PRAGMA table_info(\`${addition.table}\`)`).toArray().some((c) => c.name === addition.column);
  }
  const created = CREATED_OBJECTS.find((o) => o.statement === text);
  if (created === undefined) return false;
  return sql.exec('SELECT 1 FROM sqlite_master WHERE name = ?', created.name).toArray().length > 0;
}
