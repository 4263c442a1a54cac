import { DurableObject } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import migrations from '../migrations/migrations.js';
import {
  defineSchema,
  drizzle,
  IceTypeError,
  IceTypeParseError,
  migrate,
  parseSchemas,
  r2ObjectStore,
  type ExportResult,
  type MigrationResult,
  type SchemaSetDefinition,
} from '../src/index.js';
import { workerdParquetWasm } from '../src/workerd.js';
import { Post, schema, User } from './schema.js';

/** What the Durable Object needs of the Worker's bindings (examples/wrangler.jsonc). */
export interface AppEnv {
  /** The R2 bucket the change log is exported to, as Iceberg tables. */
  WAREHOUSE: R2Bucket;
}

/** What one demo run did, step by step, for the demo script to print. */
export interface DemoReport {
  readonly migrated: MigrationResult;
  readonly steps: readonly DemoStep[];
}

export interface DemoStep {
  readonly title: string;
  /** Rows billed for the step, from the cursors (db.$cost.total before and after). */
  readonly rowsRead: number;
  readonly rowsWritten: number;
  readonly result: unknown;
}

/** An error as the demo shows it: its stable code and message (which never contains document values). */
function describeError(run: () => unknown): string[] {
  try {
    run();
    return ['(no error)'];
  } catch (error) {
    if (error instanceof IceTypeParseError) {
      return error.issues.map((i) => `${i.code} ${i.path.join('.')}${i.line === undefined ? '' : ` (${i.line}:${i.column})`}: ${i.message}`);
    }
    if (error instanceof IceTypeError) return [`${error.code}: ${error.message}`];
    throw error;
  }
}

/**
 * The example app's database: one Durable Object with its own SQLite,
 * migrated on start, written and queried with Drizzle and with the
 * document API over the IceType schema.
 */
export class AppDatabase extends DurableObject<AppEnv> {
  readonly db = drizzle(this.ctx.storage, { schema });
  #migrated: MigrationResult = { applied: [] };

  constructor(ctx: DurableObjectState, env: AppEnv) {
    super(ctx, env);
    void ctx.blockConcurrencyWhile(async () => {
      this.#migrated = await migrate(this.db, migrations);
    });
  }

  /** Runs every step of the demo and reports what each did and cost. */
  demo(): DemoReport {
    const db = this.db;
    const steps: DemoStep[] = [];
    const step = (title: string, run: () => unknown) => {
      const before = db.$cost.total;
      const result = run();
      const after = db.$cost.total;
      steps.push({ title, rowsRead: after.rowsRead - before.rowsRead, rowsWritten: after.rowsWritten - before.rowsWritten, result });
    };

    step('Drizzle insert builder: 3 users (typed from the IceType strings)', () => {
      db.insert(User)
        .values([
          { $id: 'ada', tenantId: 'acme', email: 'ada@acme.test', name: 'Ada Lovelace', age: 36, score: '99.50', tags: ['math', 'poetry'] },
          { $id: 'alan', tenantId: 'acme', email: 'alan@acme.test', name: 'Alan Turing', age: 41, tags: ['logic'] },
          { $id: 'grace', tenantId: 'acme', email: 'grace@acme.test', name: 'Grace Hopper', age: 29 },
        ])
        .run();
      return '3 users (each: row, primary key, 3 indexes, change-log entry)';
    });
    step('Drizzle insert builder: 4 posts (forward relation column keyed authorId)', () => {
      db.insert(Post)
        .values([
          { $id: 'engine', title: 'Notes on the Analytical Engine', authorId: 'ada', published: true },
          { $id: 'computable', title: 'On Computable Numbers', authorId: 'alan', published: true },
          { $id: 'think', title: 'Can machines think?', authorId: 'alan' },
          { $id: 'compiler', title: 'The first compiler', authorId: 'grace', published: true },
        ])
        .run();
      return '4 posts';
    });
    step('db.query.User.findMany({ where: { age: { gt: 30 } }, with: { posts }, orderBy, limit })', () =>
      db.query.User.findMany({
        columns: { name: true, age: true, tags: true },
        where: { age: { gt: 30 } },
        with: { posts: { columns: { title: true }, orderBy: { title: 'asc' } } },
        orderBy: { age: 'desc' },
        limit: 10,
      }).sync(),
    );
    step('db.query.Post.findFirst({ with: { author } }) — a forward relation', () =>
      db.query.Post.findFirst({ columns: { title: true }, where: { title: { like: 'On %' } }, with: { author: { columns: { name: true } } } }).sync(),
    );
    step('Relations: tags (-> Tag[]) and comments through db.store; every edge lands in _rels', () => {
      db.store.createMany('Tag', [
        { $id: 'math', name: 'mathematics' },
        { $id: 'ai', name: 'artificial intelligence' },
        { $id: 'history', name: 'history of computing' },
      ]);
      db.store.update('Post', 'engine', { tags: ['math', 'history'] });
      db.store.update('Post', 'computable', { tags: ['math'] });
      db.store.update('Post', 'think', { tags: ['ai', 'history'] });
      db.store.createMany('Comment', [
        { $id: 'c1', text: 'A program before computers', post: 'engine', author: 'alan' },
        { $id: 'c2', text: 'The imitation game!', post: 'think', author: 'grace' },
        { $id: 'c3', text: 'Halting problem, nice', post: 'computable', author: 'ada' },
      ]);
      const edges = db.$client.sql.exec<{ n: number }>('SELECT count(*) AS n FROM _rels').one().n;
      return `${edges} edges: 4 post authors, 5 post tags, 3 comment posts, 3 comment authors`;
    });
    step("db.query.Tag.findMany({ with: { posts: { with: { author } } } }) — many-to-many, backward over a list", () =>
      db.query.Tag.findMany({
        columns: { name: true },
        orderBy: { name: 'asc' },
        with: { posts: { columns: { title: true }, orderBy: { title: 'asc' }, with: { author: { columns: { name: true } } } } },
      }).sync(),
    );
    step("db.query.User.findMany({ where: { posts: { tags: { name: 'history of computing' } } } }) — a relation filter", () =>
      db.query.User.findMany({ columns: { name: true }, where: { posts: { tags: { name: 'history of computing' } } }, orderBy: { name: 'asc' } }).sync(),
    );
    step("db.rel.User('alan').posts.tags / .comments.author: typed traversal, one _rels read per hop", () => [
      `tags of Alan's posts: ${db.rel.User('alan').posts.tags.orderBy({ name: 'asc' }).all().map((t) => t.name).join(', ')}`,
      `commenters on Alan's posts: ${db.rel.User('alan').posts.comments.author.all().map((u) => u.name).join(', ')}`,
      `Ada's post's tags count: ${db.rel.User('ada').posts.tags.count()}`,
    ]);
    step('onDelete: restrict (a user with posts), cascade (a post takes its comments), set null (a tag leaves every list)', () => [
      ...describeError(() => db.store.delete('User', 'alan')),
      `delete post "think": ${db.store.delete('Post', 'think')}; comments left: ${db.store.count('Comment')}`,
      `delete tag "history": ${db.store.delete('Tag', 'history')}; engine's tags now ${JSON.stringify(db.store.get('Post', 'engine')?.tags)}`,
    ]);
    step("db.store.createRelation('User', 'ada', 'mentored', 'User', 'grace'): an edge outside the schema", () => {
      db.store.createRelation('User', 'ada', 'mentored', 'User', 'grace');
      return db.store.getOutgoingRelations('User', 'ada').map((edge) => `${edge.fromType}:${edge.fromId} -${edge.rel}-> ${edge.toType}:${edge.toId}`);
    });
    step('Drizzle update builder bumps $version', () => {
      db.update(User).set({ age: 42 }).where(eq(User.$id, 'alan')).run();
      return db.query.User.findFirst({ columns: { name: true, age: true, $version: true }, where: { $id: 'alan' } }).sync();
    });
    step('db.store.create: validated, one transaction with its change-log entry', () =>
      db.store.create('User', { tenantId: 'acme', email: 'barbara@acme.test', name: 'Barbara Liskov', age: 86, score: '100' }),
    );
    step('db.store.create rejects bad documents with stable codes — and never echoes their values', () =>
      describeError(() => db.store.create('User', { tenantId: 'acme', name: 'Bad', age: 'forty' as unknown as number, score: '1.234' })),
    );
    step('db.store.create: a $unique violation (tenantId, email) writes nothing', () =>
      describeError(() => db.store.create('User', { tenantId: 'acme', email: 'ada@acme.test', name: 'Ada again' })),
    );
    step('db.store.update with ifVersion: optimistic concurrency', () => {
      const updated = db.store.update('User', 'grace', { age: 30 }, { ifVersion: 1 });
      return [`updated to $version ${updated.$version}`, ...describeError(() => db.store.update('User', 'grace', { age: 31 }, { ifVersion: 1 }))];
    });
    step('db.store.query: numbers compare as numbers, pages by cursor', () => {
      const first = db.store.query('User', { where: { age: { $gte: 30 } }, orderBy: { age: 'desc' }, select: ['name', 'age'], limit: 2 });
      const next = db.store.query('User', { where: { age: { $gte: 30 } }, orderBy: { age: 'desc' }, select: ['name', 'age'], limit: 2, after: first.nextCursor! });
      return [...first.documents, '— next page —', ...next.documents];
    });
    step("db.store.search('Post', 'computable numbers'): full-text, ranked by bm25", () =>
      db.store.search('Post', 'computable numbers').map((hit) => ({ title: hit.document.title, score: Number(hit.score.toFixed(3)) })),
    );
    step('db.cdc: every write above, from builders and the store alike, in the change log', () => {
      const changes = db.cdc.getUnsyncedChanges(100).map((c) => `#${c.seq} tx ${c.txId} ${c.op} ${c.collection} ${c.id}${c.changed ? ` changed ${c.changed.join(',')}` : ''}`);
      return [...changes, JSON.stringify(db.cdc.getCDCCursor())];
    });
    const T0 = Date.UTC(2026, 0, 1);
    let sample = '';
    step("db.store.createMany('Event', 5,000 events): the batched layout packs them 128 to a row", () => {
      const kinds = ['login', 'post', 'signup'] as const;
      const created = db.store.createMany(
        'Event',
        Array.from({ length: 5_000 }, (_, i) => ({ kind: kinds[i % 3]!, actor: `user-${(i * 7_919) % 5_000}`, at: new Date(T0 + i * 60_000) })),
      );
      sample = created[2_500]!.$id;
      const batches = db.$client.sql.exec<{ n: number }>("SELECT count(*) AS n FROM _batches WHERE collection = 'Event'").one().n;
      return `${created.length} events in ${batches} rows of _batches, change log included in the rows written`;
    });
    step("db.explain('Event', { where: { at: one hour } }): zone maps rule out batches before any is read", () =>
      db.explain('Event', { where: { at: { $gte: new Date(T0 + 2_500 * 60_000), $lt: new Date(T0 + 2_560 * 60_000) } } }),
    );
    step("db.explain('Event', { where: { actor: 'user-4711' } }): bloom filters rule out what zone maps cannot", () => db.explain('Event', { where: { actor: 'user-4711' } }));
    step("db.store.get('Event', id): one row read, one batch decoded", () => {
      const event = db.store.get('Event', sample);
      return { actor: event?.actor, at: event?.at, batchesDecoded: db.$cost.lastBatchesDecoded };
    });
    step("db.query.Event.findMany({ where, orderBy, limit }): Drizzle's query API over batched documents", () =>
      db.query.Event.findMany({
        columns: { kind: true, actor: true, at: true },
        where: { kind: 'signup', at: { gte: new Date(T0 + 4_000 * 60_000) } },
        orderBy: { at: 'desc' },
        limit: 3,
      }).sync(),
    );
    step('IceType rejects schema mistakes with stable codes (object form, then text form with line:column)', () => [
      ...describeError(() => defineSchema({ Order: { total: 'decimal(40,2)', status: 'string!?' } } as SchemaSetDefinition as never)),
      ...describeError(() => parseSchemas('Order {\n  total: decimal(10,2)!\n  placedAt: timestmp\n}')),
    ]);
    return { migrated: this.#migrated, steps };
  }

  /**
   * Exports the change log to Iceberg in the `WAREHOUSE` bucket: per
   * collection a changelog table (`app/<Collection>_changelog/`) and a
   * current-state mirror (`app/<Collection>/`), one snapshot each per call.
   * `location` is where readers find the bucket's objects (`s3://bucket`,
   * `file:///srv/warehouse`), as the table metadata records it.
   */
  exportTo(location: string): Promise<ExportResult> {
    return this.db.cdc.exportNow({ store: r2ObjectStore(this.env.WAREHOUSE, ''), location, namespace: 'app', wasm: workerdParquetWasm });
  }
}
