/**
 * Plain Drizzle: the hand-written tables and RQB v2 relations of
 * plain-tables.ts on `drizzle-orm/durable-sqlite` — `db.query` for the
 * `with` queries (one SQL statement each, relations as JSON subqueries), and
 * for the traversals what a Drizzle user writes by hand: the author's posts
 * by `author = ?`, then their comments by `post IN (…)`.
 */
import { eq, getTableColumns, inArray } from 'drizzle-orm';
import type { DrizzleSqliteDODatabase } from 'drizzle-orm/durable-sqlite';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { CursorMeter } from '../../support/worker/cursor-meter.js';
import { meteredDrizzle } from '../../support/worker/metered-drizzle.js';
import type { CollectionName, NewDocuments } from './data.js';
import { authors, comments, posts, postTags, relations, tags } from './plain-tables.js';
import plainDdl from './plain-tables.sql';
import type { Cost, FindManyBuilder, FindQuery, Variant } from './variant.js';

/** DO SQLite binds at most 100 parameters per statement. */
const PARAMETERS = 100;

export class DrizzleVariant implements Variant {
  readonly #storage: DurableObjectStorage;
  readonly #meter = new CursorMeter();
  readonly #db: DrizzleSqliteDODatabase<typeof relations>;

  constructor(storage: DurableObjectStorage) {
    this.#storage = storage;
    this.#db = meteredDrizzle(storage, this.#meter, relations);
  }

  async setup(): Promise<void> {
    const statements = plainDdl.split('--> statement-breakpoint').map((ddl) => ddl.trim());
    this.#storage.transactionSync(() => statements.forEach((ddl) => this.#storage.sql.exec(ddl)));
  }

  load<C extends CollectionName>(collection: C, docs: readonly NewDocuments[C][]): number {
    const now = new Date();
    const stamped = <T extends object>(doc: T) => ({ ...doc, $createdAt: now, $updatedAt: now });
    const all = <K extends CollectionName>() => docs as unknown as readonly NewDocuments[K][];
    this.#storage.transactionSync(() => {
      switch (collection) {
        case 'Author':
          return this.#insert(authors, all<'Author'>().map(stamped));
        case 'Tag':
          return this.#insert(tags, all<'Tag'>().map(stamped));
        case 'Post':
          this.#insert(posts, all<'Post'>().map(({ author, tags: _, ...post }) => stamped({ ...post, authorId: author })));
          return this.#insert(postTags, all<'Post'>().flatMap((post) => post.tags.map((tagId, ordinal) => ({ postId: post.$id, ordinal, tagId }))));
        case 'Comment':
          return this.#insert(comments, all<'Comment'>().map(({ post, ...comment }) => stamped({ ...comment, postId: post })));
      }
    });
    return docs.length;
  }

  /** Multi-row INSERTs of as many rows as the parameter limit allows. */
  #insert(table: SQLiteTable, rows: readonly object[]): void {
    const perInsert = Math.floor(PARAMETERS / Object.keys(getTableColumns(table)).length);
    for (let i = 0; i < rows.length; i += perInsert) this.#db.insert(table).values(rows.slice(i, i + perInsert) as never).run();
  }

  findMany(query: FindQuery): unknown[] {
    return (this.#db.query[query.collection] as unknown as FindManyBuilder).findMany(query.config).sync();
  }

  posts(authorId: string): unknown[] {
    return this.#db.select().from(posts).where(eq(posts.authorId, authorId)).all();
  }

  comments(authorId: string): unknown[] {
    const postIds = this.#db.select({ $id: posts.$id }).from(posts).where(eq(posts.authorId, authorId)).all().map((post) => post.$id);
    return this.#db.select().from(comments).where(inArray(comments.postId, postIds)).all();
  }

  cost(): Cost {
    return { ...this.#meter.total, statements: this.#meter.statements };
  }
}
