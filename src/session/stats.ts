import type { IceTypeConfig } from '../config/icetype-config.js';
import type { IceTypeSchema, StorageLayout } from '../icetype/ast.js';
import { isStoredField } from '../icetype/schema-checks.js';
import { quoteIdentifier } from '../cdc/row-json.js';
import { readChangeCursor } from '../cdc/change-log.js';
import type { ChangeCursor } from '../cdc/change-entry.js';
import { StoreError } from '../store/store-error.js';

/** `getCollectionStats`: one collection's size and shape. */
export interface CollectionStats {
  readonly collection: string;
  readonly layout: StorageLayout;
  readonly documentCount: number;
  /**
   * The newest `$updatedAt`, or null when the collection is empty. On the
   * batched layout: the newest write to any of its batches (deletes and
   * compaction included).
   */
  readonly lastUpdatedAt: Date | null;
  /** Batched layout: the `_batches` rows holding the documents (0 on the rows layout). */
  readonly batches: number;
  /** SQLite indexes on the collection's table. */
  readonly indexes: readonly string[];
  /** How many fields have a column (backward and fuzzy relations store nothing). */
  readonly storedFields: number;
}

/** `getShardStats`: this Durable Object as a whole. */
export interface ShardStats {
  readonly shardId: string;
  /** Bytes of the SQLite database (`ctx.storage.sql.databaseSize`). */
  readonly databaseSize: number;
  readonly collections: Readonly<Record<string, number>>;
  readonly documentCount: number;
  readonly cdc: ChangeCursor;
}

/** Statistics of a database (all reads; counts cost one row read per row of the counted index). */
export interface DatabaseStats {
  collection(name: string): CollectionStats;
  shard(): ShardStats;
}

export function createStats(sql: SqlStorage, schemas: ReadonlyMap<string, IceTypeSchema>, config: IceTypeConfig, operation: <T>(fn: () => T) => T): DatabaseStats {
  const collectionStats = (name: string): CollectionStats => {
    const schema = schemas.get(name);
    if (schema === undefined) {
      throw new StoreError('UNKNOWN_COLLECTION', `expected a collection of the schema (${[...schemas.keys()].join(', ')}), found ${JSON.stringify(name)}`, { collection: String(name) });
    }
    const layout = schema.directives.storage ?? config.storage.defaultLayout;
    const row =
      layout === 'batched'
        ? sql.exec<{ n: number; last: number | null; batches: number }>('SELECT coalesce(sum(count), 0) AS n, max(updated_at) AS last, count(*) AS batches FROM _batches WHERE collection = ?', name).one()
        : sql.exec<{ n: number; last: number | null; batches: number }>(`SELECT count(*) AS n, max("$updatedAt") AS last, 0 AS batches FROM ${quoteIdentifier(name)}`).one();
    const indexes = sql
      .exec<{ name: string }>(`SELECT name FROM pragma_index_list(?) WHERE origin = 'c' ORDER BY name`, name)
      .toArray()
      .map((r) => r.name);
    return {
      collection: name,
      layout,
      documentCount: row.n,
      lastUpdatedAt: row.last === null ? null : new Date(row.last),
      batches: row.batches,
      indexes,
      storedFields: [...schema.fields.values()].filter(isStoredField).length,
    };
  };
  return {
    collection: (name) => operation(() => collectionStats(name)),
    shard: () =>
      operation(() => {
        const collections: Record<string, number> = {};
        let documentCount = 0;
        for (const [name, schema] of schemas) {
          const batched = (schema.directives.storage ?? config.storage.defaultLayout) === 'batched';
          const n = batched
            ? sql.exec<{ n: number }>('SELECT coalesce(sum(count), 0) AS n FROM _batches WHERE collection = ?', name).one().n
            : sql.exec<{ n: number }>(`SELECT count(*) AS n FROM ${quoteIdentifier(name)}`).one().n;
          collections[name] = n;
          documentCount += n;
        }
        return { shardId: config.shardId, databaseSize: sql.databaseSize, collections, documentCount, cdc: readChangeCursor(sql) };
      }),
  };
}
