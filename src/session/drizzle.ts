import type { Logger } from 'drizzle-orm';
import { drizzle as drizzleDurableObject, type DrizzleSqliteDODatabase } from 'drizzle-orm/durable-sqlite';
import { createChangeLog, type ChangeLog } from '../cdc/change-log-api.js';
import { compileSchema, type CompiledSchema } from '../compile/compile-schema.js';
import type { CompiledRelations, CompiledTables } from '../compile/types.js';
import { DEFAULT_CONFIG } from '../config/presets.js';
import type { IceTypeConfig } from '../config/icetype-config.js';
import { assertValidConfig } from '../config/validate-config.js';
import type { IceTypeSchemaSet } from '../icetype/define-schema.js';
import type { SchemaSetDefinition } from '../icetype/static/schema-set.js';
import { SchemaRegistry } from '../registry/index.js';
import { DocumentStore } from '../store/document-store.js';
import { EdgeTable } from '../relations/index.js';
import { createDocumentSource, routeRelationalQueries, routeTransactions, type RoutingOptions } from '../query/index.js';
import { createRelationTraversal, type RelationTraversal } from '../relations/traversal/index.js';
import { createFuzzyRelations, resolveMatchers, type FuzzyMatchers, type FuzzyRelations } from '../relations/fuzzy/index.js';
import type { CostReport } from './cost-meter.js';
import { createSessionStorage } from './session-storage.js';
import { createChangeExporter, EXPORT_DEFAULTS, type ChangeExporter, type ExportOptions, type ExportResult } from '../iceberg/export/index.js';
import { createExportScheduler } from '../cdc/export-scheduler.js';

/**
 * `db.cdc`: the change log (`ChangeLog`), its export to Iceberg
 * (`exportNow`, `compactIceberg`) and the alarm handler that streams it.
 */
export type IceTypeChangeLog<Collection extends string = string> = ChangeLog &
  ChangeExporter<Collection> & {
    /**
     * Call from the Durable Object's `alarm()`: exports what is due and sets
     * the next alarm when more remains. Writes set the alarm themselves when
     * `drizzle()` has an `iceberg` target, from `config.cdc.export`
     * (`maxBacklogEntries`: export at once; `maxBacklogAgeMs`: at the latest).
     * @example
     * async alarm() { await this.db.cdc.alarm(); }
     */
    alarm(): Promise<ExportResult>;
  };
import { createStats, type DatabaseStats } from './stats.js';

/** Options of `drizzle()`. */
export interface DrizzleIceTypeConfig<D extends SchemaSetDefinition> {
  /** The app's collections, from `defineSchema`. */
  readonly schema: IceTypeSchemaSet<D>;
  /** From `createConfig(preset, overrides)`; default `DEFAULT_CONFIG` (the DOCUMENT_STORE preset). */
  readonly config?: IceTypeConfig;
  /** Drizzle's query logger: `true` for the console, or your own. */
  readonly logger?: boolean | Logger;
  /**
   * The matchers of fuzzy relation fields (`~> T`), by collection and field:
   * `{ Book: { similar: textMatcher({ fields: ['title', 'blurb'] }) } }`.
   * Checked against the schema (a `FuzzyError` otherwise). See `db.fuzzy`.
   */
  readonly matchers?: NoInfer<FuzzyMatchers<D>>;
  /**
   * Where `db.cdc.exportNow()` exports the change log: an object store
   * (`r2ObjectStore(env.BUCKET, 'warehouse/')`), the warehouse's URI as
   * readers see it, the namespace, and how parquet-wasm loads
   * (`workerdParquetWasm`). See docs/iceberg.md.
   */
  readonly iceberg?: Partial<ExportOptions>;
}

/** Drizzle's Durable Object database over the compiled schema, plus the document API, the change log and the cost meter. */
export type IceTypeDatabase<D extends SchemaSetDefinition> = DrizzleSqliteDODatabase<CompiledRelations<D>> & {
  readonly $client: DurableObjectStorage;
  /** The schema set this database was opened with. */
  readonly $schema: IceTypeSchemaSet<D>;
  /** The compiled tables, for Drizzle builders: `db.insert(db.$tables.User)`. */
  readonly $tables: CompiledTables<D>;
  /** The configuration in force. */
  readonly $config: IceTypeConfig;
  /** Rows billed: by the last operation and in total since the database was opened. */
  readonly $cost: CostReport;
  /** The document API: validated, transactional, change-captured writes and queries. */
  readonly store: DocumentStore<D>;
  /** Fluent relation traversal typed from the schema: `db.rel.User(id).posts.comments.where({ … }).all()`, one `_rels` statement per hop. */
  readonly rel: RelationTraversal<D>;
  /** Fuzzy relations (`~> T`): `db.fuzzy.match('Book', 'similar', ids?)` fills them with the configured `matchers` (text matchers also re-match on write). */
  readonly fuzzy: FuzzyRelations<D>;
  /** The change log: unsynced changes, acknowledgements, cursor, pruning. */
  readonly cdc: IceTypeChangeLog<keyof D & string>;
  /** Collection and shard statistics. */
  readonly stats: DatabaseStats;
  /** The schema registry: versions and Iceberg field ids of every collection, evolution checks, discovery. */
  readonly registry: SchemaRegistry;
  /** Runs a `db.store.query` and reports how it was served (batches pruned and read, or SQL and query plan) and what it cost: `db.store.explain`. */
  readonly explain: DocumentStore<D>['explain'];
};

/**
 * Opens a Durable Object's SQLite storage as a Drizzle database over an
 * IceType schema: every Drizzle builder works on the compiled tables,
 * `db.query.X.findMany({ where, with, orderBy, limit })` is typed from the
 * IceType strings, `db.store` is the document API and `db.cdc` the change
 * log. Every statement — Drizzle's, raw SQL, the store's — is metered in
 * `db.$cost`.
 *
 * @example
 * ```ts
 * export class MyDO extends DurableObject {
 *   db = drizzle(this.ctx.storage, { schema, config: createConfig('FINANCIAL') });
 *   constructor(ctx: DurableObjectState, env: Env) {
 *     super(ctx, env);
 *     ctx.blockConcurrencyWhile(() => migrate(this.db, migrations));
 *   }
 *   adults() {
 *     return this.db.query.User.findMany({ where: { age: { gte: 18 } }, with: { posts: true } });
 *   }
 * }
 * ```
 */
export function drizzle<D extends SchemaSetDefinition>(storage: DurableObjectStorage, options: DrizzleIceTypeConfig<D>): IceTypeDatabase<D> {
  const config = options.config ?? DEFAULT_CONFIG;
  assertValidConfig(config);
  const compiled: CompiledSchema<D> = compileSchema(options.schema);
  const matchers = resolveMatchers(options.schema.collections, options.matchers);
  // REPLACE deletes the old row without firing DELETE triggers unless this is on; with it, the
  // change log records the delete and the FTS index drops the old text (both are triggers).
  storage.sql.exec('PRAGMA recursive_triggers = ON');
  const session = createSessionStorage(storage);
  const db = drizzleDurableObject(session.storage, {
    relations: compiled.relations,
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  });
  const collections = options.schema.collections;
  const store = new DocumentStore<D>(session, collections, config);
  const edges = new EdgeTable(session.storage.sql);
  const fuzzy = createFuzzyRelations<D>({ collections, matchers, store: store as unknown as DocumentStore, edges, transaction: session.transaction });
  if (matchers.size > 0) store.setWriteListener(fuzzy.afterWrite);
  const cdcLog = createChangeLog(session.storage.sql, collections, session.operation);
  const registry = new SchemaRegistry(session.storage.sql, session.transaction);
  const exporter = createChangeExporter<keyof D & string>(
    {
      sql: session.storage.sql,
      transaction: session.transaction,
      collections,
      fieldIds: (name) => registry.getFieldIds(name) ?? undefined,
      unsynced: (limit) => cdcLog.getUnsyncedChanges(limit),
      markSynced: (seqs) => void cdcLog.markSynced(seqs),
    },
    options.iceberg,
  );
  // Streaming: with an export target, each committed write sets the alarm for when an export is due.
  const scheduler = createExportScheduler(session.storage, config.cdc.export, exporter, options.iceberg?.limit ?? EXPORT_DEFAULTS.limit);
  if (options.iceberg?.store !== undefined) session.onWriteCommitted(scheduler.afterWrite);
  const changeLog: IceTypeChangeLog<keyof D & string> = {
    ...cdcLog,
    exportNow: async (exportOptions) => {
      const result = await exporter.exportNow(exportOptions);
      scheduler.exported();
      return result;
    },
    compactIceberg: exporter.compactIceberg,
    alarm: scheduler.alarm,
  };
  const routing = {
    collections,
    isBatched: (name) => store.layoutOf(name as never) === 'batched',
    source: createDocumentSource(collections, store, edges),
    operation: session.operation,
  } satisfies RoutingOptions;
  return Object.defineProperties(db, {
    query: { value: routeRelationalQueries(db.query, routing), enumerable: true, configurable: true },
    transaction: { value: routeTransactions(db.transaction.bind(db), routing), enumerable: true, configurable: true },
    $schema: { value: options.schema, enumerable: true },
    $tables: { value: compiled.tables, enumerable: true },
    $config: { value: config, enumerable: true },
    $cost: { get: () => session.meter.report, enumerable: true },
    store: { value: store, enumerable: true },
    rel: { value: createRelationTraversal<D>({ collections, store, edges, operation: session.operation }), enumerable: true },
    fuzzy: { value: fuzzy.api, enumerable: true },
    explain: { value: store.explain.bind(store), enumerable: true },
    cdc: { value: changeLog, enumerable: true },
    stats: { value: createStats(session.storage.sql, collections, config, session.operation), enumerable: true },
    registry: { value: registry, enumerable: true },
  }) as unknown as IceTypeDatabase<D>;
}
