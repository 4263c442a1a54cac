import type { IceTypeConfig } from '../config/icetype-config.js';
import type { IceTypeSchema } from '../icetype/ast.js';
import type { SchemaSetDefinition } from '../icetype/static/schema-set.js';
import type { InferInsert, InferSelect } from '../icetype/static/infer.js';
import type { SessionStorage } from '../session/session-storage.js';
import { encodeCursor, type Filter, type OrderBy, type QuerySpec } from './filter/index.js';
import { nearest, search, type NearestOptions, type SearchHit, type SearchOptions } from '../search/index.js';
import { RowsCollection } from './rows-collection.js';
import { BatchedCollection, BatchTable, batchSettings, type BatchedPlan, type CompactionResult } from '../batch/store/index.js';
import type { CollectionEngine, RowsPlan } from './collection-engine.js';
import { SCHEMALESS_NAME_PATTERN } from '../icetype/names.js';
import { schemalessSchema } from './schemaless.js';
import { StoreError } from './store-error.js';
import { EdgeTable, type StoredRelation } from '../relations/edge-table.js';
import { writeRelation, type RelationOptions } from '../relations/manual-relations.js';
import { RelationRules } from '../relations/relation-rules.js';
import { assertDocumentId, type NormalizedDocument } from './values/index.js';

/** Options of `db.store.query`. */
export interface QueryOptions<Doc = Record<string, unknown>> {
  /** Which documents: `{ age: { $gt: 30 }, $or: [...] }` (see `Filter`). */
  readonly where?: Filter;
  /** `{ age: 'desc' }` or `[{ age: 'desc' }, { name: 'asc' }]`; ties always break on `$id`. */
  readonly orderBy?: OrderBy;
  readonly limit?: number;
  readonly offset?: number;
  /** Fields to return (`$id` always is). */
  readonly select?: readonly (keyof Doc & string)[];
  /** Continue after the page that returned this cursor (keyset pagination; use with the same `where` and `orderBy`). */
  readonly after?: string;
}

/** A page of documents. */
export interface QueryResult<Doc> {
  readonly documents: Doc[];
  /** Pass as `after` for the next page; `null` when this page is the last. */
  readonly nextCursor: string | null;
}

/** How a query was served, from `db.store.explain` (and `db.explain`). */
export type QueryExplanation = (RowsPlan | BatchedPlan) & {
  readonly collection: string;
  /** Documents the query returned. */
  readonly documentsReturned: number;
  /** Rows the query read, as billed (the cursor counters of its statements). */
  readonly rowsRead: number;
  /** Statements it ran. */
  readonly statements: number;
};

/** A document of a schemaless collection: its fields as written, and the system fields. */
export type SchemalessDocument = Record<string, unknown> & {
  readonly $id: string;
  readonly $type: string;
  readonly $version: number;
  readonly $createdAt: Date;
  readonly $updatedAt: Date;
};

/** The document API of one schemaless collection (`db.store.schemaless(name)`): `db.store`'s methods without the collection argument, untyped. */
export interface SchemalessCollection {
  readonly name: string;
  create(document: Readonly<Record<string, unknown>>): SchemalessDocument;
  createMany(documents: readonly Readonly<Record<string, unknown>>[]): SchemalessDocument[];
  get(id: string): SchemalessDocument | null;
  getMany(ids: readonly string[]): (SchemalessDocument | null)[];
  update(id: string, patch: Readonly<Record<string, unknown>>, options?: WriteOptions): SchemalessDocument;
  upsert(document: Readonly<Record<string, unknown>>): SchemalessDocument;
  delete(id: string, options?: WriteOptions): boolean;
  deleteMany(where: Filter): number;
  query(options?: QueryOptions): QueryResult<SchemalessDocument>;
  count(where?: Filter): number;
  explain(options?: Omit<QueryOptions, 'select'>): QueryExplanation;
  compact(): CompactionResult;
}

/** Options of id-targeted writes. */
export interface WriteOptions {
  /** Optimistic concurrency: fail with `VERSION_CONFLICT` unless the stored `$version` is this. */
  readonly ifVersion?: number;
}

/**
 * @internal Told of documents `db.store` has just created or updated, inside
 * the writing transaction, after the write and its relation rules: `patch`
 * is the update's patch, `undefined` for created documents. A throw rolls
 * the write back. The fuzzy relations re-match documents with it.
 */
export type WriteListener = (collection: string, documents: readonly NormalizedDocument[], now: Date, patch?: Readonly<Record<string, unknown>>) => void;

type Collections<D> = keyof D & string;
type Doc<D extends SchemaSetDefinition, K extends keyof D> = InferSelect<D[K]>;
type NewDoc<D extends SchemaSetDefinition, K extends keyof D> = InferInsert<D[K]>;
type Patch<D extends SchemaSetDefinition, K extends keyof D> = Partial<Omit<InferInsert<D[K]>, '$id'>>;

function checkCount(collection: string, name: string, value: number | undefined): void {
  if (value !== undefined && (!Number.isSafeInteger(value) || value < 0)) {
    throw new StoreError('INVALID_OPTION', `expected ${name} to be a non-negative integer, found ${typeof value === 'number' ? value : typeof value}`, { collection });
  }
}

/**
 * The document API, `db.store`: create, read, update and delete documents
 * of the schema's collections, and query them. Every write runs in one
 * `transactionSync` — validate, write, capture the change — so a failure
 * anywhere leaves storage exactly as it was. Methods are synchronous (DO
 * SQLite is) and typed from the IceType strings.
 *
 * @example
 * ```ts
 * const ada = db.store.create('User', { tenantId: 't1', email: 'ada@t1.test', name: 'Ada' });
 * db.store.update('User', ada.$id, { age: 37 }, { ifVersion: ada.$version });
 * const { documents } = db.store.query('User', { where: { age: { $gt: 30 } }, orderBy: { age: 'desc' }, limit: 10 });
 * ```
 */
export class DocumentStore<D extends SchemaSetDefinition = SchemaSetDefinition> {
  readonly #session: SessionStorage;
  readonly #schemas: ReadonlyMap<string, IceTypeSchema>;
  readonly #config: IceTypeConfig;
  readonly #collections = new Map<string, RowsCollection | BatchedCollection>();
  /** Collections opened with `schemaless(name)`. */
  readonly #schemaless = new Set<string>();
  readonly #edges: EdgeTable;
  readonly #rules: RelationRules;
  /** The one write listener (`setWriteListener`), if any. */
  #afterWrite: WriteListener | undefined;

  constructor(session: SessionStorage, schemas: ReadonlyMap<string, IceTypeSchema>, config: IceTypeConfig) {
    this.#session = session;
    this.#schemas = schemas;
    this.#config = config;
    this.#edges = new EdgeTable(session.storage.sql);
    this.#rules = new RelationRules(schemas, this.#edges, (name) => this.#collection(name));
  }

  /**
   * @internal Sets the listener told of every create and update (`#insert`
   * and `#update`, the two places documents are written), or removes it with
   * `undefined`. `drizzle()` registers the fuzzy relations' re-matching here.
   */
  setWriteListener(listener: WriteListener | undefined): void {
    this.#afterWrite = listener;
  }

  #collection(name: string): RowsCollection | BatchedCollection {
    let collection = this.#collections.get(name);
    if (collection !== undefined) return collection;
    const schema = typeof name === 'string' ? this.#schemas.get(name) : undefined;
    if (schema === undefined && this.#schemaless.has(name)) {
      collection = this.#batched(schemalessSchema(name), true);
      this.#collections.set(name, collection);
      return collection;
    }
    if (schema === undefined) {
      const known = [...this.#schemas.keys()].join(', ');
      throw new StoreError('UNKNOWN_COLLECTION', `expected a collection of the schema (${known}), found ${typeof name === 'string' ? JSON.stringify(name) : typeof name}`, {
        collection: String(name),
      });
    }
    const layout = schema.directives.storage ?? this.#config.storage.defaultLayout;
    collection = layout === 'rows' ? new RowsCollection(schema, this.#session.storage.sql, this.#config.validation.strictByDefault) : this.#batched(schema, false);
    this.#collections.set(name, collection);
    return collection;
  }

  #batched(schema: IceTypeSchema, schemaless: boolean): BatchedCollection {
    const sql = this.#session.storage.sql;
    return new BatchedCollection(
      schema,
      new BatchTable(sql, schema.name),
      { sql, numberWrite: () => this.#session.numberWrite(), countDecoded: (n) => this.#session.meter.countDecoded(n) },
      batchSettings(this.#config),
      { enabled: schema.directives.cdc ?? this.#config.cdc.enabled, captureBefore: this.#config.cdc.captureBefore },
      this.#config.validation.strictByDefault,
      schemaless,
    );
  }

  /**
   * A collection without a schema, on the batched layout: documents are any
   * JSON objects (field names not starting with `$`), with the store's system
   * fields; filters, ordering, zone maps and the change log take values as
   * they come. `db.registry.discoverSchema(name)` infers a schema from them.
   * The name is letters, digits and `_`, starting with a letter
   * (`SCHEMALESS_NAME_PATTERN`), and must not be a collection of the schema set.
   *
   * @example
   * const logs = db.store.schemaless('Log');
   * logs.create({ level: 'warn', message: 'disk 91% full', host: { name: 'db-3' } });
   * logs.query({ where: { level: 'warn', 'host.name': 'db-3' }, limit: 20 });
   */
  schemaless(name: string): SchemalessCollection {
    if (typeof name !== 'string' || !SCHEMALESS_NAME_PATTERN.test(name)) {
      throw new StoreError('INVALID_OPTION', `expected a collection name matching ${String(SCHEMALESS_NAME_PATTERN)}, found ${typeof name === 'string' ? 'a name that does not' : typeof name}`, {
        collection: String(name),
      });
    }
    if (this.#schemas.has(name)) {
      throw new StoreError('INVALID_OPTION', 'expected a collection outside the schema set, found one of its collections (use the typed methods)', { collection: name });
    }
    this.#schemaless.add(name);
    const store = this as unknown as DocumentStore;
    const key = name as never;
    return {
      name,
      create: (document) => store.create(key, document as never) as SchemalessDocument,
      createMany: (documents) => store.createMany(key, documents as never[]) as SchemalessDocument[],
      get: (id) => store.get(key, id) as SchemalessDocument | null,
      getMany: (ids) => store.getMany(key, ids) as (SchemalessDocument | null)[],
      update: (id, patch, options) => store.update(key, id, patch as never, options) as SchemalessDocument,
      upsert: (document) => store.upsert(key, document as never) as SchemalessDocument,
      delete: (id, options) => store.delete(key, id, options),
      deleteMany: (where) => store.deleteMany(key, where),
      query: (options) => store.query(key, options as never) as QueryResult<SchemalessDocument>,
      count: (where) => store.count(key, where),
      explain: (options) => store.explain(key, options as never),
      compact: () => store.compact(key),
    };
  }

  #engine(name: string): CollectionEngine<RowsPlan | BatchedPlan> {
    return this.#collection(name);
  }

  /**
   * The layout a collection is stored in: `'rows'` or `'batched'` (from `$storage`, else the config's default).
   * @example db.store.layoutOf('Event') // 'batched'
   */
  layoutOf<K extends Collections<D>>(collection: K): 'rows' | 'batched' {
    return this.#collection(collection).layout;
  }

  /**
   * Creates a document; `$id` is a new UUIDv7 unless given. Fails with
   * `ALREADY_EXISTS`, `UNIQUE_VIOLATION`, `REFERENCE_NOT_FOUND` (a forward
   * relation naming no document) or a `DocumentError`.
   */
  create<K extends Collections<D>>(collection: K, document: NewDoc<D, K>): Doc<D, K> {
    const engine = this.#engine(collection);
    return this.#session.transaction(() => {
      const now = new Date();
      const doc = engine.prepareCreate(document, now);
      this.#insert(engine, [doc], now);
      return doc as Doc<D, K>;
    });
  }

  #insert(engine: CollectionEngine<RowsPlan | BatchedPlan>, docs: readonly NormalizedDocument[], now: Date): void {
    this.#rules.checkReferences(engine.name, docs);
    engine.insert(docs, now);
    this.#rules.afterInsert(engine, docs, now);
    this.#afterWrite?.(engine.name, docs, now);
  }

  #update(engine: CollectionEngine<RowsPlan | BatchedPlan>, id: string, patch: unknown, now: Date, ifVersion?: number): NormalizedDocument {
    const fields = this.#rules.forwardFieldsIn(engine.name, patch);
    const doc = engine.update(id, patch, now, ifVersion);
    if (fields.size > 0) {
      this.#rules.checkReferences(engine.name, [doc], fields);
      this.#rules.afterUpdate(engine, doc, fields, now);
    }
    this.#afterWrite?.(engine.name, [doc], now, patch as Readonly<Record<string, unknown>>);
    return doc;
  }

  #delete(engine: CollectionEngine<RowsPlan | BatchedPlan>, ids: readonly string[], now: Date, ifVersion?: number): number {
    if (!this.#rules.involves(engine)) return ids.length === 1 ? Number(engine.delete(ids[0]!, ifVersion, now)) : engine.deleteMany({ $id: { $in: ids } } as Filter, now);
    return this.#rules.deleteDocuments(engine.name, ids, now, new Set(), ifVersion).length;
  }

  /** Creates many documents in one transaction: all of them, or none. */
  createMany<K extends Collections<D>>(collection: K, documents: readonly NewDoc<D, K>[]): Doc<D, K>[] {
    const engine = this.#engine(collection);
    if (!Array.isArray(documents)) {
      throw new StoreError('INVALID_OPTION', `expected an array of documents, found ${typeof documents}`, { collection });
    }
    return this.#session.transaction(() => {
      const now = new Date();
      const docs = documents.map((document) => engine.prepareCreate(document, now));
      this.#insert(engine, docs, now);
      return docs as Doc<D, K>[];
    });
  }

  /** The document with this `$id`, or `null`. */
  get<K extends Collections<D>>(collection: K, id: string): Doc<D, K> | null {
    const engine = this.#engine(collection);
    assertDocumentId(collection, id);
    return this.#session.operation(() => engine.get(id)) as Doc<D, K> | null;
  }

  /** Documents by `$id`, in the order asked (`null` where none exists), in one statement whatever the count. */
  getMany<K extends Collections<D>>(collection: K, ids: readonly string[]): (Doc<D, K> | null)[] {
    const engine = this.#engine(collection);
    for (const id of ids) assertDocumentId(collection, id);
    return this.#session.operation(() => engine.getMany(ids)) as (Doc<D, K> | null)[];
  }

  /** Changes the given fields, bumps `$version`. Fails with `NOT_FOUND`, `VERSION_CONFLICT`, `UNIQUE_VIOLATION` or a `DocumentError`. */
  update<K extends Collections<D>>(collection: K, id: string, patch: Patch<D, K>, options: WriteOptions = {}): Doc<D, K> {
    const engine = this.#engine(collection);
    assertDocumentId(collection, id);
    checkVersion(collection, options.ifVersion);
    return this.#session.transaction(() => this.#update(engine, id, patch, new Date(), options.ifVersion)) as Doc<D, K>;
  }

  /**
   * Creates the document, or — when one with its `$id` exists — updates the
   * given fields of it (like `update`). Returns the stored document.
   */
  upsert<K extends Collections<D>>(collection: K, document: NewDoc<D, K>): Doc<D, K> {
    const engine = this.#engine(collection);
    const id = (document as { $id?: unknown }).$id;
    return this.#session.transaction(() => {
      const now = new Date();
      if (id !== undefined) {
        assertDocumentId(collection, id);
        if (engine.get(id) !== null) {
          const { $id: _ignored, ...patch } = document as Record<string, unknown>;
          return this.#update(engine, id, patch, now) as Doc<D, K>;
        }
      }
      const doc = engine.prepareCreate(document, now);
      this.#insert(engine, [doc], now);
      return doc as Doc<D, K>;
    });
  }

  /**
   * Deletes a document; `false` when none had that `$id`. With `ifVersion`,
   * fails with `VERSION_CONFLICT` on another version. Relations pointing at
   * it apply their `onDelete`: `DELETE_RESTRICTED` (the default, while any
   * document refers to it), `cascade` or `set null`; its edges go with it.
   */
  delete<K extends Collections<D>>(collection: K, id: string, options: WriteOptions = {}): boolean {
    const engine = this.#engine(collection);
    assertDocumentId(collection, id);
    checkVersion(collection, options.ifVersion);
    return this.#session.transaction(() => this.#delete(engine, [id], new Date(), options.ifVersion) > 0);
  }

  /** Deletes every document matching `where` (`{}` deletes all), with relations' `onDelete` as `delete`; returns how many. */
  deleteMany<K extends Collections<D>>(collection: K, where: Filter): number {
    const engine = this.#engine(collection);
    return this.#session.transaction(() => {
      const now = new Date();
      if (!this.#rules.involves(engine)) return engine.deleteMany(where, now);
      const ids = engine.query({ where }).documents.map((doc) => doc.$id as string);
      return this.#delete(engine, ids, now);
    });
  }

  /** A page of documents matching `where`, in `orderBy` order (then `$id`). */
  query<K extends Collections<D>>(collection: K, options: QueryOptions<Doc<D, K>> = {}): QueryResult<Doc<D, K>> {
    const engine = this.#engine(collection);
    const spec = querySpec(collection, options);
    const docs = this.#session.operation(() => engine.query(spec).documents);
    const last = docs[docs.length - 1];
    const nextCursor = options.limit !== undefined && docs.length === options.limit && last !== undefined ? encodeCursor(last, options.orderBy) : null;
    const documents = options.select === undefined ? docs : docs.map((doc) => project(doc, options.select as readonly string[]));
    return { documents: documents as Doc<D, K>[], nextCursor };
  }

  /**
   * Runs a query and reports how it was served: for a batched collection the
   * batches it has, those its zone maps and bloom filters ruled out and those
   * it read; for a rows collection the SQL and SQLite's query plan. Both with
   * the rows read, as billed.
   *
   * @example
   * db.store.explain('Event', { where: { at: { $gte: since } } })
   * // { layout: 'batched', batchesTotal: 782, prunedByZoneMap: 774, prunedByBloom: 0, batchesRead: 8, rowsRead: 790, … }
   */
  explain<K extends Collections<D>>(collection: K, options: Omit<QueryOptions<Doc<D, K>>, 'select'> = {}): QueryExplanation {
    const engine = this.#collection(collection);
    const spec = querySpec(collection, options);
    return this.#session.operation(() => {
      const { documents, plan } = engine.query(spec);
      const cost = this.#session.meter.report;
      const queryPlan = engine instanceof RowsCollection ? { queryPlan: engine.queryPlan(spec) } : {};
      return { ...plan, ...queryPlan, collection, documentsReturned: documents.length, rowsRead: cost.last.rowsRead, statements: cost.lastStatements };
    });
  }

  /**
   * Merges adjacent under-filled batches of a batched collection (compaction
   * also runs by itself after deletes, past `storage.compactionThreshold`).
   * Documents and the change log are unchanged. Fails with
   * `LAYOUT_NOT_AVAILABLE` on a rows collection.
   * @example
   * db.store.compact('Event') // { batchesBefore: 10, batchesAfter: 3 }
   */
  compact<K extends Collections<D>>(collection: K): CompactionResult {
    const engine = this.#collection(collection);
    if (!(engine instanceof BatchedCollection)) {
      throw new StoreError('LAYOUT_NOT_AVAILABLE', 'expected a batched collection to compact, found the rows layout', { collection });
    }
    return this.#session.transaction(() => engine.compact(new Date()));
  }

  /**
   * Full-text search over the collection's `$fts` fields, best match first
   * (bm25; `score` higher is better). The text is matched term by term, never
   * interpreted as FTS5 syntax. Fails with `NOT_SEARCHABLE` without `$fts`.
   * @example db.store.search('Post', 'analytical engine', { limit: 5, where: { published: true } })
   */
  search<K extends Collections<D>>(collection: K, text: string, options: SearchOptions = {}): SearchHit<Doc<D, K>>[] {
    const rows = this.#rowsOnly(collection, 'full-text search');
    return this.#session.operation(() => search(this.#session.storage.sql, rows.schema, text, options)) as SearchHit<Doc<D, K>>[];
  }

  /**
   * The `k` documents whose `vector(N)` field is nearest to `vector` by
   * cosine similarity (exact; `score` from -1 to 1, best first).
   * @example db.store.nearest('Post', 'embedding', queryVector, { k: 10, where: { published: true } })
   */
  nearest<K extends Collections<D>>(collection: K, field: string, vector: readonly number[] | Float32Array, options: NearestOptions = {}): SearchHit<Doc<D, K>>[] {
    const rows = this.#rowsOnly(collection, 'nearest-neighbour search');
    return this.#session.operation(() => nearest(this.#session.storage.sql, rows.schema, field, vector, options)) as SearchHit<Doc<D, K>>[];
  }

  #rowsOnly(collection: string, feature: string): RowsCollection {
    const engine = this.#collection(collection);
    if (engine instanceof RowsCollection) return engine;
    throw new StoreError('LAYOUT_NOT_AVAILABLE', `expected the rows layout for ${feature} ($storage: 'rows'), found a batched collection`, { collection });
  }

  /**
   * Adds an edge outside the schema from one document to another (the
   * original store's API): any relation name that is not a relation field of
   * `from`, between documents that exist (`REFERENCE_NOT_FOUND`). `ordinal`
   * defaults to after the last edge of that name; an existing edge gets the
   * new ordinal and score. Edges go when either document is deleted.
   * @example db.store.createRelation('User', ada.$id, 'follows', 'User', alan.$id)
   */
  createRelation<F extends Collections<D>, T extends Collections<D>>(from: F, fromId: string, rel: string, to: T, toId: string, options: RelationOptions = {}): StoredRelation {
    const source = this.#collection(from);
    const target = this.#collection(to);
    assertDocumentId(from, fromId);
    assertDocumentId(to, toId);
    return this.#session.transaction(() => writeRelation(this.#edges, source, fromId, rel, target, toId, options, new Date()));
  }

  /**
   * `createRelation` both ways in one transaction: `from.rel → to` and
   * `to.inverseRel → from`. Returns `[forward, backward]`.
   * @example db.store.createBidirectionalRelation('Post', post.$id, 'translationOf', 'Post', original.$id, 'translations')
   */
  createBidirectionalRelation<F extends Collections<D>, T extends Collections<D>>(
    from: F,
    fromId: string,
    rel: string,
    to: T,
    toId: string,
    inverseRel: string,
    options: RelationOptions = {},
  ): [StoredRelation, StoredRelation] {
    const source = this.#collection(from);
    const target = this.#collection(to);
    assertDocumentId(from, fromId);
    assertDocumentId(to, toId);
    return this.#session.transaction(() => {
      const now = new Date();
      const { ordinal: _forwardOnly, ...shared } = options;
      return [writeRelation(this.#edges, source, fromId, rel, target, toId, options, now), writeRelation(this.#edges, target, toId, inverseRel, source, fromId, shared, now)];
    });
  }

  /** Removes an edge made with `createRelation`; whether it existed. */
  deleteRelation<F extends Collections<D>, T extends Collections<D>>(from: F, fromId: string, rel: string, to: T, toId: string): boolean {
    const source = this.#collection(from);
    this.#collection(to);
    if (source.schema.fields.get(rel)?.relation !== undefined) {
      throw new StoreError('INVALID_OPTION', `expected a relation name outside the schema, found ${from}.${rel}, a relation field whose edges follow the documents`, { collection: from });
    }
    return this.#session.transaction(() => this.#edges.deleteOne(from, fromId, rel, to, toId));
  }

  /**
   * The edges leaving a document — its forward relation fields', fuzzy
   * matches and `createRelation` edges — by relation name, then `ordinal`.
   * With `rel`, only that relation's.
   * @example db.store.getOutgoingRelations('Post', post.$id, 'tags').map((edge) => edge.toId)
   */
  getOutgoingRelations<K extends Collections<D>>(collection: K, id: string, rel?: string): StoredRelation[] {
    this.#collection(collection);
    assertDocumentId(collection, id);
    return this.#session.operation(() => this.#edges.outgoing(collection, [id], rel));
  }

  /**
   * The edges arriving at a document, by `ordinal` then source id. With `rel`,
   * only edges of that name (`getIncomingRelations('User', id, 'author')`: the
   * documents whose `author` is this user).
   */
  getIncomingRelations<K extends Collections<D>>(collection: K, id: string, rel?: string): StoredRelation[] {
    this.#collection(collection);
    assertDocumentId(collection, id);
    return this.#session.operation(() => this.#edges.incoming(collection, [id], rel));
  }

  /** How many documents match `where` (all when omitted). */
  count<K extends Collections<D>>(collection: K, where?: Filter): number {
    const engine = this.#engine(collection);
    return this.#session.operation(() => engine.count(where));
  }
}

function querySpec(collection: string, options: Omit<QueryOptions, 'select'>): QuerySpec {
  checkCount(collection, 'limit', options.limit);
  checkCount(collection, 'offset', options.offset);
  return {
    ...(options.where === undefined ? {} : { where: options.where }),
    ...(options.orderBy === undefined ? {} : { orderBy: options.orderBy }),
    ...(options.after === undefined ? {} : { after: options.after }),
    ...(options.limit === undefined ? {} : { limit: options.limit }),
    ...(options.offset === undefined ? {} : { offset: options.offset }),
  };
}

function project(doc: NormalizedDocument, fields: readonly string[]): NormalizedDocument {
  const out: NormalizedDocument = { $id: doc.$id ?? null };
  for (const field of fields) if (Object.hasOwn(doc, field)) out[field] = doc[field]!;
  return out;
}

function checkVersion(collection: string, version: number | undefined): void {
  if (version !== undefined && (!Number.isSafeInteger(version) || version < 1)) {
    throw new StoreError('INVALID_OPTION', `expected ifVersion to be a positive integer, found ${typeof version === 'number' ? version : typeof version}`, { collection });
  }
}
