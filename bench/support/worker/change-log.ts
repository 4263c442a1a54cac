/**
 * The plain baselines' change log, written by hand as a Drizzle user would:
 * a table shaped like the store's `_cdc`, its DDL as drizzle-kit generates
 * it, and the entry each write adds in the same transaction.
 */
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** The change log: one row per written document, like `_cdc`. */
export const changes = sqliteTable('_cdc', {
  seq: integer().primaryKey(),
  tx_id: text().notNull(),
  collection: text().notNull(),
  doc_id: text().notNull(),
  op: text().notNull(),
  after: text(),
  before: text(),
  changed: text(),
  ts: integer().notNull(),
  shard: text(),
  synced: integer({ mode: 'boolean' }).notNull().default(false),
});

/** What drizzle-kit generates for `changes`. */
export const CHANGE_LOG_DDL = `CREATE TABLE \`_cdc\` (
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
)`;

/** The shard every change-log entry names (the triggers' default). */
export const SHARD = 'shard-0';

/** Entries per multi-row INSERT: DO SQLite binds at most 100 parameters per statement, an entry binds eight. */
export const CHANGES_PER_INSERT = Math.floor(100 / 8);

/** A row to insert into `changes`. */
export type NewChange = typeof changes.$inferInsert;

/**
 * The change-log entry for writing `doc` in transaction `tx`: `after` is its
 * after image as JSON, `changed` the JSON list of changed fields (updates).
 * Eight bound parameters (`changed` only when there is one).
 *
 * @example
 * db.insert(changes).values(changeEntry('User', user, afterImage(user), 'update', 7, '["age"]')).run();
 */
export function changeEntry(
  collection: string,
  doc: { readonly $id: string; readonly $updatedAt: Date },
  after: string,
  op: 'insert' | 'update',
  tx: number,
  changed: string | null,
): NewChange {
  return {
    tx_id: String(tx),
    collection,
    doc_id: doc.$id,
    op,
    after,
    ...(changed === null ? {} : { changed }),
    ts: doc.$updatedAt.getTime(),
    shard: SHARD,
  };
}
