/**
 * The baselines' tables, written by hand as a Drizzle user would: the
 * example schema's User (same columns, types, defaults, indexes and unique
 * constraint as the compiled table); the change log shaped like `_cdc` is
 * bench/support/worker/change-log.ts. `PLAIN_DDL` is what drizzle-kit
 * generates for them (compare migrations/20261125215904_init/migration.sql);
 * both baselines run it.
 */
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { CHANGE_LOG_DDL } from '../../support/worker/change-log.js';

export const users = sqliteTable(
  'User',
  {
    $id: text('$id').primaryKey(),
    $type: text('$type').notNull().default('User'),
    $version: integer('$version').notNull().default(1),
    $createdAt: integer('$createdAt', { mode: 'timestamp_ms' }).notNull(),
    $updatedAt: integer('$updatedAt', { mode: 'timestamp_ms' }).notNull(),
    tenantId: text().notNull(),
    email: text(),
    name: text().notNull(),
    age: integer(),
    status: text({ enum: ['active', 'suspended'] }).default('active'),
    createdAt: integer({ mode: 'timestamp_ms' }),
    score: text(),
    tags: text({ mode: 'json' }).$type<string[]>(),
  },
  (t) => [
    index('User_email_idx').on(t.email),
    index('User_tenantId_createdAt_idx').on(t.tenantId, t.createdAt),
    uniqueIndex('User_tenantId_email_unique').on(t.tenantId, t.email),
  ],
);

export const PLAIN_DDL: readonly string[] = [
  `CREATE TABLE \`User\` (
	\`$id\` text PRIMARY KEY,
	\`$type\` text DEFAULT 'User' NOT NULL,
	\`$version\` integer DEFAULT 1 NOT NULL,
	\`$createdAt\` integer NOT NULL,
	\`$updatedAt\` integer NOT NULL,
	\`tenantId\` text NOT NULL,
	\`email\` text,
	\`name\` text NOT NULL,
	\`age\` integer,
	\`status\` text DEFAULT 'active',
	\`createdAt\` integer,
	\`score\` text,
	\`tags\` text
)`,
  CHANGE_LOG_DDL,
  'CREATE INDEX `User_email_idx` ON `User` (`email`)',
  'CREATE INDEX `User_tenantId_createdAt_idx` ON `User` (`tenantId`,`createdAt`)',
  'CREATE UNIQUE INDEX `User_tenantId_email_unique` ON `User` (`tenantId`,`email`)',
];
