import { sql } from 'drizzle-orm';
import { integer, text } from 'drizzle-orm/sqlite-core';
import { newDocumentId } from '../util/id.js';

/** The system fields every document has (ICETYPE.md §1), in field-id order 1–5. */
export const SYSTEM_FIELD_NAMES = ['$id', '$type', '$version', '$createdAt', '$updatedAt'] as const;

export type SystemFieldName = (typeof SYSTEM_FIELD_NAMES)[number];

const now = (): Date => new Date();

/**
 * The system columns of a collection's table: `$id` (primary key, UUIDv7 when
 * absent), `$type` (the collection), `$version` (1 on insert, +1 on every
 * Drizzle `update`), `$createdAt`, `$updatedAt` (ms timestamps).
 */
export function systemColumns(collection: string) {
  return {
    $id: text().primaryKey().$defaultFn(newDocumentId),
    $type: text().notNull().default(collection),
    $version: integer({ mode: 'number' })
      .notNull()
      .default(1)
      .$onUpdateFn(() => sql`"$version" + 1`),
    $createdAt: integer({ mode: 'timestamp_ms' }).notNull().$defaultFn(now),
    $updatedAt: integer({ mode: 'timestamp_ms' }).notNull().$defaultFn(now).$onUpdateFn(now),
  };
}
