import type { ChangeCursor, ChangeEntry } from '../cdc/change-entry.js';
import { createConfig } from '../config/create-config.js';
import type { IceTypeConfig } from '../config/icetype-config.js';
import type { PresetName } from '../config/presets.js';
import type { IceTypeSchemaSet } from '../icetype/define-schema.js';
import type { InferInsert, InferSelect } from '../icetype/static/infer.js';
import type { SchemaSetDefinition } from '../icetype/static/schema-set.js';
import type { DiscoveredSchema, RegisteredSchema, Registration, SchemaSummary } from '../registry/index.js';
import type { RelationOptions } from '../relations/manual-relations.js';
import type { FuzzyMatchers } from '../relations/fuzzy/index.js';
import type { StoredRelation } from '../relations/edge-table.js';
import { DocumentStore, type QueryOptions, type QueryResult, type SchemalessCollection, type SchemalessDocument, type WriteOptions } from '../store/document-store.js';
import { drizzle, type IceTypeDatabase } from './drizzle.js';
import { migrate, type MigrationConfig, type MigrationResult } from './migrate.js';
import type { CollectionStats, ShardStats } from './stats.js';

/** Options of `createIceTypeDO`, with the original API's names. */
export interface IceTypeDOOptions<D extends SchemaSetDefinition> {
  /** The app's collections, from `defineSchema`. */
  readonly schema: IceTypeSchemaSet<D>;
  /** Stamped on every change (`config.shardId`). */
  readonly shardId?: string;
  /** Capture changes into the change log (`config.cdc.enabled`; default true). */
  readonly enableCDC?: boolean;
  /** A preset name (default `'DOCUMENT_STORE'`). */
  readonly preset?: PresetName;
  /** A full configuration instead of `preset` (then `shardId` and `enableCDC` override it). */
  readonly config?: IceTypeConfig;
  /** Matchers of fuzzy relation fields (`~> T`), as `drizzle()` takes them; `store.db.fuzzy.match` refreshes embedding ones. */
  readonly matchers?: NoInfer<FuzzyMatchers<D>>;
}

type Keys<D> = keyof D & string;

/**
 * The original IceType store's API (the method names of the `@db4/icetype`
 * README), over this package's engine: every call is `db.store`, `db.cdc`,
 * `db.registry` or `db.stats` underneath, and the Drizzle database is there
 * as `db`. Methods return promises, as the original's did.
 */
export interface IceTypeDO<D extends SchemaSetDefinition> {
  /** The engine: Drizzle's database with `store`, `cdc`, `registry`, `stats`, `$cost`. */
  readonly db: IceTypeDatabase<D>;
  /** Applies drizzle-kit migrations (call first, in `blockConcurrencyWhile`). */
  initialize(migrations: MigrationConfig): Promise<MigrationResult>;
  /** A collection of the schema (typed), or any other name: a schemaless collection (`db.store.schemaless`), as in the original store. */
  create<K extends Keys<D>>(collection: K, document: InferInsert<D[K]>): Promise<InferSelect<D[K]>>;
  create(collection: string, document: Readonly<Record<string, unknown>>): Promise<SchemalessDocument>;
  get<K extends Keys<D>>(collection: K, id: string): Promise<InferSelect<D[K]> | null>;
  get(collection: string, id: string): Promise<SchemalessDocument | null>;
  update<K extends Keys<D>>(collection: K, id: string, updates: Partial<Omit<InferInsert<D[K]>, '$id'>>, options?: WriteOptions): Promise<InferSelect<D[K]>>;
  update(collection: string, id: string, updates: Readonly<Record<string, unknown>>, options?: WriteOptions): Promise<SchemalessDocument>;
  delete(collection: string, id: string, options?: WriteOptions): Promise<boolean>;
  query<K extends Keys<D>>(collection: K, options?: QueryOptions<InferSelect<D[K]>>): Promise<QueryResult<InferSelect<D[K]>>>;
  query(collection: string, options?: QueryOptions): Promise<QueryResult<SchemalessDocument>>;
  registerSchema(definition: object | string, options?: { name?: string }): Registration;
  getSchema(name: string, version?: number): RegisteredSchema | null;
  listSchemas(): SchemaSummary[];
  discoverSchema(collection: string): DiscoveredSchema | null;
  getUnsyncedChanges(limit?: number): ChangeEntry[];
  markSynced(sequenceIds: Iterable<number>): void;
  getCDCCursor(): ChangeCursor;
  getCollectionStats(collection: Keys<D>): CollectionStats;
  getShardStats(): ShardStats;
  /** An edge outside the schema between two existing documents (`db.store.createRelation`); collections outside the schema are schemaless ones. */
  createRelation(from: string, fromId: string, relName: string, to: string, toId: string, options?: RelationOptions): StoredRelation;
  /** Both edges at once, atomically: `[forward, backward]`. */
  createBidirectionalRelation(from: string, fromId: string, relName: string, to: string, toId: string, inverseName: string, options?: RelationOptions): [StoredRelation, StoredRelation];
  /** Edges leaving a document (schema relations included), by relation name then `ordinal`. */
  getOutgoingRelations(collection: string, docId: string, relName?: string): StoredRelation[];
  /** Edges arriving at a document, by `ordinal`. */
  getIncomingRelations(collection: string, docId: string, relName?: string): StoredRelation[];
}

function configOf<D extends SchemaSetDefinition>(options: IceTypeDOOptions<D>): IceTypeConfig {
  const overrides = {
    ...(options.shardId === undefined ? {} : { shardId: options.shardId }),
    ...(options.enableCDC === undefined ? {} : { cdc: { enabled: options.enableCDC } }),
  };
  if (options.config === undefined) return createConfig(options.preset ?? 'DOCUMENT_STORE', overrides);
  return createConfig('DOCUMENT_STORE', { ...options.config, ...overrides, cdc: { ...options.config.cdc, ...overrides.cdc } });
}

/**
 * Creates the store with the original API over a Durable Object's storage.
 *
 * @example
 * ```ts
 * export class MyDO extends DurableObject {
 *   store = createIceTypeDO(this.ctx.storage, { schema, shardId: 'shard-1', enableCDC: true });
 *   constructor(ctx: DurableObjectState, env: Env) {
 *     super(ctx, env);
 *     ctx.blockConcurrencyWhile(() => this.store.initialize(migrations));
 *   }
 *   createUser(email: string, name: string) {
 *     return this.store.create('User', { email, name });
 *   }
 * }
 * ```
 */
export function createIceTypeDO<D extends SchemaSetDefinition>(storage: DurableObjectStorage, options: IceTypeDOOptions<D>): IceTypeDO<D> {
  const db = drizzle(storage, { schema: options.schema, config: configOf(options), ...(options.matchers === undefined ? {} : { matchers: options.matchers }) });
  const run = async <T>(fn: () => T): Promise<T> => fn();
  // Names outside the schema set are schemaless collections; the schema's own go through the typed API.
  const on = <T>(collection: string, typed: (store: DocumentStore) => T, open: (schemaless: SchemalessCollection) => T): Promise<T> =>
    run(() => (db.$schema.collections.has(collection) ? typed(db.store as unknown as DocumentStore) : open(db.store.schemaless(collection))));
  /** The untyped store, with the names outside the schema opened as schemaless collections. */
  const store = (...collections: string[]): DocumentStore => {
    for (const name of collections) if (!db.$schema.collections.has(name)) db.store.schemaless(name);
    return db.store as unknown as DocumentStore;
  };
  const facade = {
    db,
    initialize: (migrations: MigrationConfig) => migrate(db, migrations),
    create: (collection: string, document: Readonly<Record<string, unknown>>) =>
      on(collection, (s) => s.create(collection as never, document as never), (c) => c.create(document)),
    get: (collection: string, id: string) => on(collection, (s) => s.get(collection as never, id), (c) => c.get(id)),
    update: (collection: string, id: string, updates: Readonly<Record<string, unknown>>, options?: WriteOptions) =>
      on(collection, (s) => s.update(collection as never, id, updates as never, options), (c) => c.update(id, updates, options)),
    delete: (collection: string, id: string, options?: WriteOptions) => on(collection, (s) => s.delete(collection as never, id, options), (c) => c.delete(id, options)),
    query: (collection: string, options?: QueryOptions) => on(collection, (s) => s.query(collection as never, options as never), (c) => c.query(options)),
    registerSchema: (definition, registerOptions) => db.registry.registerSchema(definition, registerOptions),
    getSchema: (name, version) => db.registry.getSchema(name, version),
    listSchemas: () => db.registry.listSchemas(),
    discoverSchema: (collection) => db.registry.discoverSchema(collection),
    getUnsyncedChanges: (limit) => db.cdc.getUnsyncedChanges(limit),
    markSynced: (sequenceIds) => void db.cdc.markSynced(sequenceIds),
    getCDCCursor: () => db.cdc.getCDCCursor(),
    getCollectionStats: (collection) => db.stats.collection(collection),
    getShardStats: () => db.stats.shard(),
    createRelation: (from, fromId, relName, to, toId, relationOptions) => store(from, to).createRelation(from, fromId, relName, to, toId, relationOptions),
    createBidirectionalRelation: (from, fromId, relName, to, toId, inverseName, relationOptions) =>
      store(from, to).createBidirectionalRelation(from, fromId, relName, to, toId, inverseName, relationOptions),
    getOutgoingRelations: (collection, docId, relName) => store(collection).getOutgoingRelations(collection, docId, relName),
    getIncomingRelations: (collection, docId, relName) => store(collection).getIncomingRelations(collection, docId, relName),
  } as IceTypeDO<D>;
  return facade;
}
