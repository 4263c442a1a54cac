/**
 * The plain Drizzle baseline's tables, written by hand as a Drizzle user
 * would: the Event table with the same columns and indexes as the rows
 * variant's compiled table; the change log is bench/support/worker/change-log.ts.
 * Its DDL is the rows variant's drizzle-kit migration, statement for statement,
 * then the change log's.
 */
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { CHANGE_LOG_DDL } from '../../support/worker/change-log.js';
import eventMigration from '../migrations/20261125233642_event/migration.sql';

export const events = sqliteTable(
  'Event',
  {
    $id: text('$id').primaryKey(),
    $type: text('$type').notNull().default('Event'),
    $version: integer('$version').notNull().default(1),
    $createdAt: integer('$createdAt', { mode: 'timestamp_ms' }).notNull(),
    $updatedAt: integer('$updatedAt', { mode: 'timestamp_ms' }).notNull(),
    at: integer({ mode: 'timestamp_ms' }),
    kind: text(),
    userId: text(),
    amount: integer(),
    note: text(),
  },
  (t) => [index('Event_at_idx').on(t.at), index('Event_kind_idx').on(t.kind)],
);

export const PLAIN_DDL_EVENTS: readonly string[] = [...eventMigration.split('--> statement-breakpoint').map((ddl) => ddl.trim()), CHANGE_LOG_DDL];
