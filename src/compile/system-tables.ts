import { sql } from 'drizzle-orm';
import { binaryColumn } from './binary-columns.js';
import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The system tables every drizzle-icetype database has (DESIGN.md §2–§5).
 * They are ordinary Drizzle tables, so drizzle-kit migrates them like the
 * collections; later layers (batched storage, relations, CDC, the schema
 * registry) may add columns to them through migrations.
 */

/** Batched layout: up to B documents of one collection packed into one row. */
export const _batches = sqliteTable(
  '_batches',
  {
    id: integer().primaryKey(),
    collection: text().notNull(),
    count: integer().notNull(),
    bytes: integer().notNull(),
    minId: text('min_id').notNull(),
    maxId: text('max_id').notNull(),
    /**
     * A random 53-bit tag, new whenever the statistics are written: queries
     * read the tags and take statistics they parsed before from memory.
     */
    statsTag: integer('stats_tag'),
    /** The batch's zone map (`serializeZoneMap`): typed min/max, null count and count per field. */
    zoneMap: text('zone_map'),
    /** The batch's bloom filters (`$id` and `#` fields), serialized; read by the planner without `data`. */
    blooms: binaryColumn(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    /** The documents (`batch-codec.ts`), last: columns after tens of KB can only be read through SQLite's overflow pages. */
    data: binaryColumn().notNull(),
  },
  (t) => [index('_batches_collection_min_id_idx').on(t.collection, t.minId)],
);

/** The universal edge table: one row per relation edge, indexed both ways. */
export const _rels = sqliteTable(
  '_rels',
  {
    fromType: text('from_type').notNull(),
    fromId: text('from_id').notNull(),
    rel: text().notNull(),
    toType: text('to_type').notNull(),
    toId: text('to_id').notNull(),
    ordinal: integer().notNull().default(0),
    score: real(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.fromType, t.fromId, t.rel, t.toType, t.toId] }),
    index('_rels_to_idx').on(t.toType, t.toId, t.rel),
  ],
);

/**
 * The change log: ordered entries, written in the same transaction as the
 * change (by triggers on collection tables, or by the store for batched
 * collections). Deliberately without secondary indexes: every index entry is
 * a billed row written, while reads in `seq` order use the primary key.
 */
export const _cdc = sqliteTable('_cdc', {
    // No AUTOINCREMENT: it costs a billed write to sqlite_sequence per entry. Sequence numbers stay
    // monotonic because pruning never deletes the newest entry (see pruneSynced).
    seq: integer().primaryKey(),
    txId: text('tx_id').notNull(),
    collection: text().notNull(),
    docId: text('doc_id').notNull(),
    op: text({ enum: ['insert', 'update', 'delete'] }).notNull(),
    after: text({ mode: 'json' }),
    before: text({ mode: 'json' }),
    changed: text({ mode: 'json' }).$type<string[]>(),
    ts: integer({ mode: 'timestamp_ms' }).notNull(),
    shard: text(),
    synced: integer({ mode: 'boolean' }).notNull().default(false),
    /**
     * Changes this row holds. 1 for a trigger's entry. The store packs the
     * changes of one batch write of a batched collection into one row: then
     * `doc_id` is a JSON array of the ids, `after`/`before`/`changed` JSON
     * arrays with one member per change, and the row covers the sequence
     * numbers `seq - count + 1` to `seq` (the change log API flattens it).
     */
    count: integer().notNull().default(1),
    /**
     * The after images of the store's inserts, in the batch format
     * (`encodeBatch`) instead of JSON in `after`: exact values (Dates,
     * bytes), a fraction of the encoding time. One per change, in order.
     */
    images: binaryColumn(),
});

/**
 * One row of capture state read by the CDC triggers: the current transaction
 * number (bumped once per write transaction) and the shard id.
 */
export const _cdc_state = sqliteTable('_cdc_state', {
  id: integer().primaryKey(),
  tx: integer().notNull().default(0),
  shard: text().notNull().default('shard-0'),
});

/** The schema registry: every registered version of every collection's schema, with its field ids. */
export const _schemas = sqliteTable(
  '_schemas',
  {
    name: text().notNull(),
    version: integer().notNull(),
    definition: text({ mode: 'json' }).notNull(),
    fieldIds: text('field_ids', { mode: 'json' }).notNull().$type<Record<string, number>>(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' })
      .notNull()
      .default(sql`(unixepoch() * 1000)`),
  },
  (t) => [primaryKey({ columns: [t.name, t.version] })],
);

/**
 * Pruning statistics kept by the seed-compatible managers
 * (`createZoneMapManager`, `createBloomFilterManager`) for batches and
 * fields of the app's own choosing: `kind` `'zone'` holds a zone map (JSON)
 * under a batch key, `'bloom'` a serialized bloom filter under a field name.
 * The batched layout keeps its own statistics in `_batches`.
 */
export const _pruning_stats = sqliteTable(
  '_pruning_stats',
  {
    kind: text({ enum: ['zone', 'bloom'] }).notNull(),
    collection: text().notNull(),
    key: text().notNull(),
    zoneMap: text('zone_map'),
    bloom: binaryColumn(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.collection, t.key] })],
);

/**
 * The Iceberg tables this Durable Object writes (DESIGN.md §5), one row per
 * table: the committed state (metadata version, metadata, the current
 * manifest list and live files — so a commit never reads its own Avro back
 * — and the highest change-log `seq` the table holds) and, while a commit
 * is in flight, the prepared commit itself. An export records the prepared
 * commit before its create-only metadata put and takes the committed state
 * in one transaction; it marks the change log synced only once every table
 * of the collection holds the entries. A rerun after any failure finishes
 * or retries the recorded commit and skips what each table holds — so no
 * change is exported twice or lost.
 */
export const _iceberg_tables = sqliteTable('_iceberg_tables', {
  key: text().primaryKey(),
  collection: text().notNull(),
  kind: text({ enum: ['changelog', 'mirror'] }).notNull(),
  /** The committed `TableState` (JSON). */
  state: text().notNull(),
  /** The prepared commit in flight (JSON), or null. */
  pending: text(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

/**
 * Where each live row of a current-state mirror table is (DESIGN.md §5):
 * `$id` → the data file (its path below the table's location,
 * `data/<uuid>.parquet`) and the row's 0-based position in it, so the next
 * export can write position deletes for the documents it replaces or
 * deletes. Rows under `staged:<table key>` are a prepared commit's changes,
 * as runs: `doc_id` the run's number (`#` and 9 digits), `file` its JSON
 * `{"file", "start", "ids"}` (a null `file` inside removes its ids), `pos`
 * NULL. They take effect in the transaction that records the commit as
 * landed, so the index always describes the table's committed snapshot.
 */
export const _iceberg_positions = sqliteTable(
  '_iceberg_positions',
  {
    tableKey: text('table_key').notNull(),
    docId: text('doc_id').notNull(),
    file: text(),
    pos: integer(),
  },
  (t) => [primaryKey({ columns: [t.tableKey, t.docId] })],
);

/** All system tables by name. */
export const systemTables = { _batches, _rels, _cdc, _cdc_state, _schemas, _pruning_stats, _iceberg_tables, _iceberg_positions } as const;

export type SystemTables = typeof systemTables;
