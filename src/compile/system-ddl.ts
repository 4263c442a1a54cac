/**
 * DDL for the system tables, exactly as drizzle-kit generates it from
 * `system-tables.ts` but with `IF NOT EXISTS`: the tables as the first
 * migration created them (`SYSTEM_TABLES_DDL`), then the columns later
 * migrations added (`SYSTEM_COLUMN_ADDITIONS`). `migrate()` runs both through
 * `installSystemTables` after the user's migrations, so the system tables
 * exist — and are upgraded — even where the schema module does not export
 * them. A test checks the result against drizzle-kit's migrations.
 * `_batches` changed layout once, which SQLite cannot do in place: it is
 * rebuilt (`BATCHES_REBUILD`).
 */
/**
 * `_batches` as it is now: the head, the statistics tag and the statistics
 * before `data`. SQLite keeps the start of a row on its B-tree page and the
 * rest in a chain of overflow pages; a column after a batch's documents
 * (tens of KB) can only be reached by walking that chain, which every
 * query's statistics scan did for every batch when `data` came first.
 */
const BATCHES_COLUMNS = ['id', 'collection', 'count', 'bytes', 'min_id', 'max_id', 'stats_tag', 'zone_map', 'blooms', 'created_at', 'updated_at', 'data'] as const;

/** Each `_batches` column as drizzle-kit declares it. */
const BATCHES_COLUMN_TYPES: Readonly<Record<(typeof BATCHES_COLUMNS)[number], string>> = {
  id: 'integer PRIMARY KEY',
  collection: 'text NOT NULL',
  count: 'integer NOT NULL',
  bytes: 'integer NOT NULL',
  min_id: 'text NOT NULL',
  max_id: 'text NOT NULL',
  stats_tag: 'integer',
  zone_map: 'text',
  blooms: 'blob',
  created_at: 'integer NOT NULL',
  updated_at: 'integer NOT NULL',
  data: 'blob NOT NULL',
};

/** drizzle-kit's `CREATE TABLE` for `_batches` with these columns, in this order. */
function batchesTable(columns: readonly (typeof BATCHES_COLUMNS)[number][]): string {
  return `CREATE TABLE \`_batches\` (\n${columns.map((c) => `\t\`${c}\` ${BATCHES_COLUMN_TYPES[c]}`).join(',\n')}\n)`;
}

const BATCHES_DDL = batchesTable(BATCHES_COLUMNS);

/**
 * @internal `_batches` as the first migrations created it (`data` before
 * the statistics, no `stats_tag`), in drizzle-kit's text.
 */
export const LEGACY_BATCHES_DDL = batchesTable(['id', 'collection', 'count', 'bytes', 'min_id', 'max_id', 'data', 'zone_map', 'blooms', 'created_at', 'updated_at']);

/** drizzle-kit's statement for `stats_tag` in an app's own migrations (at the end of a legacy table, which `installSystemTables` then rebuilds). */
const STATS_TAG_ADDITION = 'ALTER TABLE `_batches` ADD `stats_tag` integer';

/** A random tag in SQL: 53 bits, an exact JavaScript number (see `newStatsTag`). */
const SQL_STATS_TAG = 'random() & 9007199254740991';

/**
 * The statements that rebuild a `_batches` of another layout (the legacy
 * one, or one with `stats_tag` appended) into the current one, keeping every
 * row and giving each a new statistics tag. `installSystemTables` runs them
 * when the layout differs; the `batches_stats_first` migrations hold the
 * same text, which `migrate()` skips where the layout is current already.
 */
export const BATCHES_REBUILD: readonly string[] = [
  'ALTER TABLE `_batches` RENAME TO `_batches_legacy`',
  BATCHES_DDL,
  `INSERT INTO \`_batches\` (${BATCHES_COLUMNS.map((c) => `\`${c}\``).join(', ')}) SELECT ${BATCHES_COLUMNS.map((c) => (c === 'stats_tag' ? SQL_STATS_TAG : `\`${c}\``)).join(', ')} FROM \`_batches_legacy\``,
  'DROP TABLE `_batches_legacy`',
  'CREATE INDEX `_batches_collection_min_id_idx` ON `_batches` (`collection`,`min_id`)',
];

/** Whether `_batches` has exactly the current columns in the current order (true when it does not exist: it will be created so). */
function batchesLayoutCurrent(sql: SqlStorage): boolean {
  const columns = sql.exec<{ name: string }>('PRAGMA table_info(`_batches`)').toArray().map((c) => c.name);
  return columns.length === 0 || (columns.length === BATCHES_COLUMNS.length && columns.every((name, i) => name === BATCHES_COLUMNS[i]));
}

function tableExists(sql: SqlStorage, name: string): boolean {
  return sql.exec('SELECT 1 FROM sqlite_master WHERE type = ? AND name = ?', 'table', name).toArray().length > 0;
}

export const SYSTEM_TABLES_DDL: readonly string[] = [
  BATCHES_DDL.replace('CREATE TABLE', 'CREATE TABLE IF NOT EXISTS'),
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
  if (!batchesLayoutCurrent(sql)) BATCHES_REBUILD.forEach((statement) => sql.exec(statement));
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
  if (text === LEGACY_BATCHES_DDL) return tableExists(sql, '_batches');
  if (text === STATS_TAG_ADDITION) return sql.exec<{ name: string }>('PRAGMA table_info(`_batches`)').toArray().some((c) => c.name === 'stats_tag');
  if (text === BATCHES_REBUILD[0]) return batchesLayoutCurrent(sql);
  if (text === BATCHES_REBUILD[2] || text === BATCHES_REBUILD[3]) return !tableExists(sql, '_batches_legacy');
  const created = CREATED_OBJECTS.find((o) => o.statement === text);
  if (created === undefined) return false;
  return sql.exec('SELECT 1 FROM sqlite_master WHERE name = ?', created.name).toArray().length > 0;
}
