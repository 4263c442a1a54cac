import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import migrations from '../../migrations/migrations.js';
import { Comment, Post, schema, User } from '../../examples/schema.js';
import { drizzle, migrate } from '../../src/index.js';
import { inDurableObject } from '../support/do.js';

function captureError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, found none');
}

async function openExampleDatabase(storage: DurableObjectStorage) {
  const db = drizzle(storage, { schema });
  await migrate(db, migrations);
  return db;
}

type ExampleDb = Awaited<ReturnType<typeof openExampleDatabase>>;

function seed(db: ExampleDb): void {
  db.insert(User)
    .values([
      { $id: 'u-ada', tenantId: 't1', email: 'ada@t1.test', name: 'Ada', age: 36, score: '99.50', tags: ['math'] },
      { $id: 'u-alan', tenantId: 't1', email: 'alan@t1.test', name: 'Alan', age: 41 },
      { $id: 'u-grace', tenantId: 't1', email: 'grace@t1.test', name: 'Grace', age: 29 },
      { $id: 'u-kurt', tenantId: 't2', email: 'kurt@t2.test', name: 'Kurt', age: 100 },
    ])
    .run();
  db.insert(Post)
    .values([
      { $id: 'p1', title: 'Engines', authorId: 'u-ada', published: true },
      { $id: 'p2', title: 'Computable numbers', authorId: 'u-alan', published: true },
      { $id: 'p3', title: 'Thinking machines', authorId: 'u-alan' },
      { $id: 'p4', title: 'Compilers', authorId: 'u-grace' },
    ])
    .run();
  db.insert(Comment)
    .values([
      { $id: 'c1', text: 'Brilliant', postId: 'p2', authorId: 'u-ada' },
      { $id: 'c2', text: 'Agreed', postId: 'p2' },
    ])
    .run();
}

describe('drizzle() over the compiled example schema, in a Durable Object', () => {
  it('reads with db.query.User.findMany({ where, with, orderBy, limit })', async () => {
    await inDurableObject(async (storage) => {
      const db = await openExampleDatabase(storage);
      seed(db);
      const users = db.query.User.findMany({
        columns: { name: true, age: true },
        where: { age: { gt: 30 } },
        with: { posts: { columns: { title: true }, orderBy: { title: 'asc' } } },
        orderBy: { age: 'desc' },
        limit: 2,
      }).sync();
      // Numbers compare as numbers (100 > 41 > 36), not as text.
      expect(users).toEqual([
        { name: 'Kurt', age: 100, posts: [] },
        { name: 'Alan', age: 41, posts: [{ title: 'Computable numbers' }, { title: 'Thinking machines' }] },
      ]);
    });
  });

  it('loads forward relations by the field name and nests three levels', async () => {
    await inDurableObject(async (storage) => {
      const db = await openExampleDatabase(storage);
      seed(db);
      const comment = db.query.Comment.findFirst({
        where: { $id: 'c1' },
        columns: { text: true },
        with: { post: { columns: { title: true }, with: { author: { columns: { name: true }, with: { posts: { columns: { $id: true }, orderBy: { $id: 'asc' } } } } } } },
      }).sync();
      expect(comment).toEqual({ text: 'Brilliant', post: { title: 'Computable numbers', author: { name: 'Alan', posts: [{ $id: 'p2' }, { $id: 'p3' }] } } });
      const anonymous = db.query.Comment.findFirst({ where: { $id: 'c2' }, columns: { text: true }, with: { author: true } }).sync();
      expect(anonymous).toEqual({ text: 'Agreed', author: null });
    });
  });

  it('filters by a relation (EXISTS) like Drizzle RQB v2', async () => {
    await inDurableObject(async (storage) => {
      const db = await openExampleDatabase(storage);
      seed(db);
      const authors = db.query.User.findMany({ columns: { name: true }, where: { posts: { published: true } }, orderBy: { name: 'asc' } }).sync();
      expect(authors.map((u) => u.name)).toEqual(['Ada', 'Alan']);
    });
  });

  it('fills system columns and defaults, and bumps $version on Drizzle updates', async () => {
    await inDurableObject(async (storage) => {
      const db = await openExampleDatabase(storage);
      const before = Date.now();
      const created = db.insert(User).values({ tenantId: 't1', name: 'Barbara' }).returning().get();
      expect(created.$id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(created.$type).toBe('User');
      expect(created.$version).toBe(1);
      expect(created.status).toBe('active');
      expect(created.$createdAt.getTime()).toBeGreaterThanOrEqual(before);
      expect(created.createdAt?.getTime()).toBeGreaterThanOrEqual(before);
      const updated = db.update(User).set({ age: 80 }).where(eq(User.$id, created.$id)).returning().get();
      expect(updated?.$version).toBe(2);
      expect(updated?.age).toBe(80);
      expect(updated?.$updatedAt.getTime()).toBeGreaterThanOrEqual(created.$updatedAt.getTime());
    });
  });

  it('reports billed rows through the cursor that .run() returns', async () => {
    await inDurableObject(async (storage) => {
      const db = await openExampleDatabase(storage);
      const cursor = db.insert(Post).values({ title: 'x', authorId: 'u-1' }).run();
      // The table row, its text primary key's index, Post_author_idx (index updates are billed as rows written),
      // the change-log entry, the full-text index entry and the author edge in _rels with its primary-key and
      // _rels_to_idx entries (all written by triggers). The transaction counter is a separate statement.
      expect(cursor.rowsWritten).toBe(8);
      expect(db.$cost.last).toEqual({ rowsRead: expect.any(Number), rowsWritten: 9 });
      expect(storage.sql.exec('SELECT from_type, rel, to_type, to_id, ordinal FROM _rels').toArray()).toEqual([{ from_type: 'Post', rel: 'author', to_type: 'User', to_id: 'u-1', ordinal: 0 }]);
      const read = db.select().from(Post).where(eq(Post.$id, 'nope')).run();
      expect(read.rowsRead).toBe(0);
    });
  });

  it('enforces $unique and required fields with SQLite constraints', async () => {
    await inDurableObject(async (storage) => {
      const db = await openExampleDatabase(storage);
      db.insert(User).values({ tenantId: 't1', email: 'same@t1.test', name: 'One' }).run();
      const duplicate = captureError(() => db.insert(User).values({ tenantId: 't1', email: 'same@t1.test', name: 'Two' }).run());
      expect(String((duplicate as Error).cause)).toMatch(/UNIQUE constraint failed: User\.tenantId, User\.email/);
      // Same email in another tenant is fine; `!` is not unique (two users named the same).
      db.insert(User).values({ tenantId: 't2', email: 'same@t1.test', name: 'One' }).run();
      const missing = captureError(() => db.run(sql`INSERT INTO "User" ("$id", "$createdAt", "$updatedAt", "tenantId") VALUES ('x', 0, 0, 't1')`));
      expect(String((missing as Error).cause)).toMatch(/NOT NULL constraint failed: User\.name/);
      expect(db.select().from(User).all()).toHaveLength(2);
    });
  });
});
