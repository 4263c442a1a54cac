/**
 * `db.query` over batched collections (issue 4 §1): findMany/findFirst with
 * where, orderBy, limit, offset, columns and nested `with` return what
 * Drizzle's own SQL returns for the same documents on the rows layout — here
 * with User and Comment batched and Post on rows, so every relation crosses
 * layouts — and load each relation level in a bounded number of statements.
 */
import { describe, expect, it } from 'vitest';
import migrations from '../../migrations/migrations.js';
import { schema } from '../../examples/schema.js';
import { defineSchema, drizzle, migrate } from '../../src/index.js';
import { inDurableObject } from '../support/do.js';

const mixed = defineSchema({
  ...schema.definition,
  User: { ...schema.definition.User, $storage: 'batched' },
  Comment: { ...schema.definition.Comment, $storage: 'batched' },
} as const);

const T0 = Date.UTC(2026, 0, 1);
const users = Array.from({ length: 40 }, (_, i) => ({
  $id: `u${String(i).padStart(2, '0')}`,
  tenantId: `t${i % 3}`,
  email: `user${i}@example.test`,
  name: `${['Ada', 'alan', 'Grace', 'édith'][i % 4]} ${i}`,
  age: i % 5 === 0 ? null : 20 + ((i * 7) % 50),
  createdAt: new Date(T0 + i * 1000),
  tags: i % 2 === 0 ? ['a', `t${i % 4}`] : null,
}));
const posts = Array.from({ length: 90 }, (_, i) => ({ $id: `p${String(i).padStart(2, '0')}`, title: `Post ${(i * 37) % 90} ${i % 3 === 0 ? 'good' : 'plain'}`, published: i % 4 !== 0, author: `u${String((i * 11) % 37).padStart(2, '0')}` }));
const comments = Array.from({ length: 200 }, (_, i) => ({ $id: `c${String(i).padStart(3, '0')}`, text: `${i % 6 === 0 ? 'good' : 'fine'} comment ${(i * 13) % 200}`, post: `p${String((i * 7) % 85).padStart(2, '0')}`, author: i % 3 === 0 ? null : `u${String(i % 40).padStart(2, '0')}` }));

/** Results without the write timestamps, which differ between the two databases. */
function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== '$createdAt' && k !== '$updatedAt').map(([k, v]) => [k, strip(v)]));
  }
  return value;
}

async function seed<S extends typeof schema | typeof mixed>(storage: DurableObjectStorage, set: S) {
  const db = drizzle(storage, { schema: set as typeof schema });
  await migrate(db, migrations);
  db.store.createMany('User', users);
  db.store.createMany('Post', posts);
  db.store.createMany('Comment', comments);
  return db;
}

type Db = Awaited<ReturnType<typeof seed>>;

const QUERIES: [string, (db: Db) => unknown][] = [
  ['three levels of with, across layouts', (db) => db.query.User.findMany({ orderBy: { name: 'asc' }, with: { posts: { orderBy: { title: 'asc' }, with: { comments: { orderBy: { text: 'asc' } } } } } }).sync()],
  ['a forward relation from rows to batched', (db) => db.query.Post.findMany({ where: { published: true }, orderBy: { title: 'desc' }, with: { author: { columns: { name: true, age: true } } } }).sync()],
  ['findFirst through two forward hops', (db) => db.query.Comment.findFirst({ where: { text: { like: '%good%' } }, orderBy: { text: 'asc' }, with: { post: { with: { author: true } } } }).sync()],
  ['where, orderBy, limit, offset and columns', (db) => db.query.User.findMany({ where: { age: { gt: 30 }, OR: [{ name: { like: 'a%' } }, { tenantId: 't1' }] }, orderBy: { age: 'desc', $id: 'asc' }, limit: 5, offset: 2, columns: { name: true, age: true } }).sync()],
  ['a limit applies per parent', (db) => db.query.User.findMany({ orderBy: { $id: 'asc' }, with: { posts: { orderBy: { title: 'asc' }, limit: 1, columns: { title: true } } } }).sync()],
  ['nested where and a nullable forward relation', (db) => db.query.Comment.findMany({ where: { authorId: { isNull: true } }, orderBy: { $id: 'asc' }, limit: 10, with: { post: { columns: { title: true } }, author: true } }).sync()],
  ['findFirst with nothing found', (db) => db.query.User.findFirst({ where: { name: 'nobody' } }).sync() ?? 'undefined'],
];

describe('db.query on batched collections', () => {
  it.each(QUERIES)('%s: the same rows as Drizzle on the rows layout', async (_, run) => {
    const truth = await inDurableObject(async (storage) => strip(run(await seed(storage, schema))));
    const served = await inDurableObject(async (storage) => {
      const db = await seed(storage, mixed);
      expect([db.store.layoutOf('User'), db.store.layoutOf('Post'), db.store.layoutOf('Comment')]).toEqual(['batched', 'rows', 'batched']);
      return strip(run(db));
    });
    expect(served).toEqual(truth);
  });

  it('is awaitable like Drizzle queries, and rows-only queries still run as Drizzle SQL', async () => {
    await inDurableObject(async (storage) => {
      const db = await seed(storage, mixed);
      const rows = await db.query.User.findMany({ where: { tenantId: 't0' }, columns: { $id: true } });
      expect(rows.length).toBe(14);
      // Post without `with` touches no batched collection: Drizzle's own query (it has SQL).
      expect(db.query.Post.findMany({ limit: 1 }).toSQL().sql).toContain('from "Post"');
      expect(() => (db.query.User.findMany() as unknown as { toSQL(): unknown }).toSQL()).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_QUERY' }));
    });
  });

  it('inside db.transaction (nested too), tx.query sees batched documents, including ones written in the transaction', async () => {
    await inDurableObject(async (storage) => {
      const db = await seed(storage, mixed);
      const seen = db.transaction((tx) => {
        db.store.create('User', { $id: 'u-new', tenantId: 't9', email: 'new@example.test', name: 'New' });
        const outer = tx.query.User.findMany({ where: { tenantId: 't9' }, columns: { $id: true } }).sync();
        const inner = tx.transaction((nested) => nested.query.User.findFirst({ where: { $id: 'u00' }, with: { posts: { columns: { $id: true }, orderBy: { $id: 'asc' } } } }).sync());
        return { outer, inner };
      });
      expect(seen.outer).toEqual([{ $id: 'u-new' }]);
      expect(seen.inner?.posts.map((p) => p.$id)).toEqual(posts.filter((p) => p.author === 'u00').map((p) => p.$id).sort());
      // A failing transaction rolls the store's write back with it.
      expect(() =>
        db.transaction(() => {
          db.store.create('User', { $id: 'u-gone', tenantId: 't9', email: 'gone@example.test', name: 'Gone' });
          throw new Error('abort');
        }),
      ).toThrow('abort');
      expect(db.store.get('User', 'u-gone')).toBeNull();
    });
  });

  it('loads a relation for N parents in statements independent of N', async () => {
    await inDurableObject(async (storage) => {
      const db = await seed(storage, mixed);
      const cost = (limit: number) => {
        db.query.User.findMany({ orderBy: { $id: 'asc' }, limit, with: { posts: { with: { comments: true } } } }).sync();
        return db.$cost.lastStatements;
      };
      expect(cost(40)).toBe(cost(5));
      // Users, then per backward level the `_rels` edges and the documents: 1 + 2 + 2.
      expect(cost(40)).toBeLessThanOrEqual(5);
    });
  });
});
