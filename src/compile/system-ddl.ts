/**
 * DDL for the system tables, exactly as drizzle-kit generates it from
 * `system-tables.ts` but with `IF NOT EXISTS`. `migrate()` runs it after the
 * user's migrations, so the system tables exist even where the schema module
 * does not export them. A test checks this against drizzle-kit's output.
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
  'CREATE INDEX IF NOT EXISTS `_batches_collection_min_id_idx` ON `_batches` (`collection`,`min_id`)',
  'CREATE INDEX IF NOT EXISTS `_rels_to_idx` ON `_rels` (`to_type`,`to_id`,`rel`)',
];
