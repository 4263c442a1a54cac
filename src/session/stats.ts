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
  /** The newest `$updatedAt`, or null when the collection is empty. */
  readonly lastUpdatedAt: Date | null;
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
    const table = quoteIdentifier(name);
    const row = sql.exec<{ n: number; last: number | null }>(`SELECT count(*) AS n, max("$updatedAt") AS last FROM ${table}`).one();
    const indexes = sql
      .exec<{ name: string }>(`SELECT name FROM pragma_index_list(?) WHERE origin = 'c' ORDER BY name`, name)
      .toArray()
      .map((r) => r.name);
    return {
      collection: name,
      layout: schema.directives.storage ?? config.storage.defaultLayout,
      documentCount: row.n,
      lastUpdatedAt: row.last === null ? null : new Date(row.last),
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
        for (const name of schemas.keys()) {
          const n = sql.exec<{ n: number }>(`SELECT count(*) AS n FROM ${quoteIdentifier(name)}`).one().n;
          collections[name] = n;
          documentCount += n;
        }
        return { shardId: config.shardId, databaseSize: sql.databaseSize, collections, documentCount, cdc: readChangeCursor(sql) };
      }),
  };
}
