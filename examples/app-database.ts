import { DurableObject } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { defineSchema, drizzle, IceTypeParseError, migrate, parseSchemas, type MigrationResult, type SchemaSetDefinition } from '../src/index.js';
import migrations from '../migrations/migrations.js';
import { Post, schema, User } from './schema.js';

/** What one demo run did, step by step, for the demo script to print. */
export interface DemoReport {
  readonly migrated: MigrationResult;
  readonly steps: readonly { readonly title: string; readonly rowsRead: number; readonly rowsWritten: number; readonly result: unknown }[];
}

/** The issues of a schema error, as `CODE path (line:column): message`. */
function issuesOf(define: () => unknown): string[] {
  try {
    define();
    return [];
  } catch (error) {
    if (!(error instanceof IceTypeParseError)) throw error;
    return error.issues.map((i) => `${i.code} ${i.path.join('.')}${i.line === undefined ? '' : ` (${i.line}:${i.column})`}: ${i.message}`);
  }
}

/**
 * The example app's database: one Durable Object with its own SQLite,
 * migrated on start, queried with Drizzle over the IceType schema.
 */
export class AppDatabase extends DurableObject {
  readonly db = drizzle(this.ctx.storage, { schema });
  #migrated: MigrationResult = { applied: [] };

  constructor(ctx: DurableObjectState, env: Cloudflare.Env) {
    super(ctx, env);
    void ctx.blockConcurrencyWhile(async () => {
      this.#migrated = await migrate(this.db, migrations);
    });
  }

  /** Writes a few users and posts with Drizzle builders, then reads them back with relational queries. */
  demo(): DemoReport {
    const steps: DemoReport['steps'][number][] = [];
    const step = (title: string, run: () => { cursor?: SqlStorageCursor<Record<string, SqlStorageValue>>; result: unknown }) => {
      const { cursor, result } = run();
      steps.push({ title, rowsRead: cursor?.rowsRead ?? 0, rowsWritten: cursor?.rowsWritten ?? 0, result });
    };
    const db = this.db;

    db.delete(Post).run();
    db.delete(User).run();
    const [ada, alan, grace] = ['Ada Lovelace', 'Alan Turing', 'Grace Hopper'].map((name) => `user-${name.split(' ')[0]!.toLowerCase()}`);
    step('insert 3 users (Drizzle insert builder)', () => ({
      cursor: db
        .insert(User)
        .values([
          { $id: ada, tenantId: 'acme', email: 'ada@acme.test', name: 'Ada Lovelace', age: 36, score: '99.50', tags: ['math', 'poetry'] },
          { $id: alan, tenantId: 'acme', email: 'alan@acme.test', name: 'Alan Turing', age: 41, tags: ['logic'] },
          { $id: grace, tenantId: 'acme', email: 'grace@acme.test', name: 'Grace Hopper', age: 29, status: 'active' },
        ])
        .run(),
      result: '3 users',
    }));
    step('insert 4 posts', () => ({
      cursor: db
        .insert(Post)
        .values([
          { title: 'Notes on the Analytical Engine', authorId: ada!, published: true },
          { title: 'On Computable Numbers', authorId: alan!, published: true },
          { title: 'Can machines think?', authorId: alan! },
          { title: 'The first compiler', authorId: grace!, published: true },
        ])
        .run(),
      result: '4 posts',
    }));
    step('users older than 30 with their posts: db.query.User.findMany({ where, with, orderBy, limit })', () => ({
      result: db.query.User.findMany({
        columns: { name: true, age: true, status: true, tags: true },
        where: { age: { gt: 30 } },
        with: { posts: { columns: { title: true, published: true }, orderBy: { title: 'asc' } } },
        orderBy: { age: 'desc' },
        limit: 10,
      }).sync(),
    }));
    step('a post with its author (forward relation)', () => ({
      result: db.query.Post.findFirst({
        columns: { title: true },
        where: { published: true, title: { like: 'On %' } },
        with: { author: { columns: { name: true, email: true } } },
      }).sync(),
    }));
    step('update with a Drizzle builder bumps $version', () => {
      const cursor = db.update(User).set({ age: 42 }).where(eq(User.$id, alan!)).run();
      const row = db.query.User.findFirst({ columns: { name: true, age: true, $version: true }, where: { $id: alan! } }).sync();
      return { cursor, result: row };
    });
    step('IceType rejects mistakes with stable codes (object form, then text form with line:column)', () => ({
      result: [
        issuesOf(() => defineSchema({ Order: { total: 'decimal(40,2)', status: 'string!?' } } as SchemaSetDefinition as never)),
        issuesOf(() => parseSchemas('Order {\n  total: decimal(10,2)!\n  placedAt: timestmp\n}')),
      ].flat(),
    }));
    return { migrated: this.#migrated, steps };
  }
}
