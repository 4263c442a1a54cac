/**
 * The Worker behind test-node/iceberg/export-readers.test.ts, in local
 * workerd: one `ShopDatabase` Durable Object writes documents of two
 * collections (Order on the rows layout, Click batched), evolves its
 * schema, and exports its change log (`db.cdc.exportNow`) into the
 * `WAREHOUSE` R2 bucket; the test then copies the bucket out and reads it
 * with other readers.
 *
 * Routes (JSON in and out):
 * - `POST /db/write` `WriteOp[]`, `POST /db/evolve`, `POST /db/export` `{ location }`, `POST /db/changes`;
 * - `GET /objects`: every key in the bucket; `GET /objects/<key>`: its bytes.
 */
import { DurableObject } from 'cloudflare:workers';
import { defineSchema, drizzle, migrate, r2ObjectStore, type ChangeEntry, type ExportResult } from '../../../src/index.js';
import { workerdParquetWasm } from '../../../src/workerd.js';
import { createTablesSql } from '../../../test/search/support.js';
import type { WriteOp } from './write-op.js';

interface Env {
  SHOP: DurableObjectNamespace<ShopDatabase>;
  WAREHOUSE: R2Bucket;
}

/** One list element per Order (`tags`), a decimal, an int, a bool; Click partitioned by a timestamp (`day`). */
const V1 = defineSchema({
  Order: { $partitionBy: ['region'], region: 'string!', amount: 'decimal(10,2)', qty: 'int', paid: 'bool', placedAt: 'timestamp!', note: 'string?', tags: 'string[]' },
  Click: { $storage: 'batched', $partitionBy: ['at'], at: 'timestamp!', page: 'string!' },
} as const);

/** The schema change: Click gains a field (batched, so no DDL). */
const V2 = defineSchema({ ...V1.definition, Click: { ...V1.definition.Click, referrer: 'string?' } } as const);

type Database = ReturnType<typeof drizzle<typeof V2.definition>>;

/** Few manifests per manifest list, so that the exports merge them and the readers see manifests of EXISTING entries. */
const MAX_MANIFESTS = 2;

export class ShopDatabase extends DurableObject<Env> {
  #db: Database | undefined;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    void ctx.blockConcurrencyWhile(async () => {
      if (ctx.storage.sql.exec(`SELECT 1 FROM sqlite_master WHERE name = 'Order'`).toArray().length === 0) {
        for (const ddl of createTablesSql(V1)) if (ddl.includes('"Order"')) ctx.storage.sql.exec(ddl);
      }
      this.#db = await this.#open(V1);
    });
  }

  async #open(schema: typeof V1 | typeof V2): Promise<Database> {
    const db = drizzle(this.ctx.storage, { schema }) as unknown as Database;
    await migrate(db, { migrations: {} });
    return db;
  }

  get #database(): Database {
    if (this.#db === undefined) throw new Error('export-readers worker: the database is not open yet');
    return this.#db;
  }

  write(ops: readonly WriteOp[]): void {
    const store = this.#database.store as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const op of ops) {
      if (op.op === 'createMany') store['createMany']!(op.collection, op.docs);
      else if (op.op === 'update') store['update']!(op.collection, op.id, op.patch);
      else store['delete']!(op.collection, op.id);
    }
  }

  async evolve(): Promise<void> {
    this.#db = await this.#open(V2);
  }

  exportTo(location: string): Promise<ExportResult> {
    return this.#database.cdc.exportNow({ store: r2ObjectStore(this.env.WAREHOUSE, ''), location, namespace: 'shop', wasm: workerdParquetWasm, maxManifests: MAX_MANIFESTS });
  }

  /** `compactIceberg` of one collection's tables, into the same warehouse. */
  compact(collection: 'Order' | 'Click', location: string): Promise<{ key: string; snapshotId: number | null; changelog: { key: string; snapshotId: number | null } }> {
    return this.#database.cdc.compactIceberg(collection, { store: r2ObjectStore(this.env.WAREHOUSE, ''), location, namespace: 'shop', wasm: workerdParquetWasm, maxManifests: MAX_MANIFESTS });
  }

  changes(): ChangeEntry[] {
    return this.#database.cdc.getChangesAfter(0, 10_000);
  }
}

async function call(env: Env, method: string, request: Request): Promise<unknown> {
  const db = env.SHOP.getByName('shop');
  switch (method) {
    case 'write':
      return db.write((await request.json()) as WriteOp[]);
    case 'evolve':
      return db.evolve();
    case 'export':
      return db.exportTo(((await request.json()) as { location: string }).location);
    case 'changes':
      return db.changes();
    case 'compact': {
      const { collection, location } = (await request.json()) as { collection: 'Order' | 'Click'; location: string };
      return db.compact(collection, location);
    }
    default:
      throw new Error(`export-readers worker: no method ${method}`);
  }
}

export default {
  async fetch(request, env) {
    const path = new URL(request.url).pathname;
    try {
      if (path.startsWith('/db/')) return Response.json((await call(env, path.slice('/db/'.length), request)) ?? null);
      const warehouse = r2ObjectStore(env.WAREHOUSE);
      if (path === '/objects') return Response.json(await warehouse.list(''));
      if (path.startsWith('/objects/')) {
        const bytes = await warehouse.get(decodeURIComponent(path.slice('/objects/'.length)));
        return bytes === null ? new Response('no such object', { status: 404 }) : new Response(bytes);
      }
      return new Response('not found', { status: 404 });
    } catch (error) {
      return new Response(error instanceof Error ? (error.stack ?? error.message) : String(error), { status: 500 });
    }
  },
} satisfies ExportedHandler<Env>;
