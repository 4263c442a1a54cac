// The static compiler (src/compile/types.ts, ICETYPE.md §4, §6): the Drizzle
// tables of a schema set carry exactly the row types `InferRow`/`InferNewRow`
// (the document types the static parser infers, with forward relations keyed
// `<field>Id`/`<field>Ids`), and Drizzle's builders accept and return those.
// Type-only: `schema` and `db` are declared, never built, so nothing here runs
// the parser or opens a database; every `it` body is type assertions (no-ops
// at run time) and the builder calls sit in functions that are never called.
import { eq } from 'drizzle-orm';
import { describe, expectTypeOf, it } from 'vitest';
import type { CompiledTables, InferNewRow, InferRow } from '../../src/compile/types.js';
import type { _batches, _cdc, _rels, _schemas } from '../../src/compile/system-tables.js';
import type { IceTypeSchemaSet, InferDocument, InferNewDocument } from '../../src/icetype/define-schema.js';
import type { InferInsert, InferSelect, Simplify, SystemFields, ValidateSchemaSet } from '../../src/icetype/static/index.js';
import type { IceTypeDatabase } from '../../src/session/drizzle.js';

// A blog: every primitive (and alias), `!` / `?` / neither, literal and
// function defaults, a field object, arrays, vector, enums, decimals, and
// every relation form: `-> T!`, `-> T`, `-> T[]`, `<- T.f[]`, `<- T.f`, `~>`, `<~`.
const definition = {
  User: {
    $index: [['name', 'createdAt']],
    $unique: [['email']],
    $vector: { embedding: 3 },
    email: 'string!#',
    name: 'string!',
    displayName: { type: 'string', required: true, default: 'anonymous', doc: 'Shown in bylines' },
    bio: 'text',
    handle: 'varchar(32)?',
    age: 'int?',
    followers: 'long! = 0',
    karma: 'bigint',
    height: 'float',
    balance: 'double!',
    active: 'bool! = true',
    verified: 'boolean',
    apiKey: 'uuid = uuid()',
    createdAt: 'timestamp! = now()',
    lastSeen: 'timestamp',
    birthday: 'date',
    wakeUp: 'time',
    settings: 'json',
    avatar: 'binary',
    balanceExact: 'decimal(10,2)',
    rank: 'decimal(3)',
    role: '"admin" | "member"! = "member"',
    tags: 'string[]!',
    luckyNumbers: 'int[]',
    embedding: 'vector(3)',
    posts: '<- Post.author[]',
    edits: '<- Post.editor[]',
    comments: '<- Comment.author[]',
    profile: '<- Profile.user',
    lookalikes: '~> User[]',
  },
  Profile: {
    user: '-> User!',
    website: 'string',
  },
  Post: {
    title: 'string!',
    body: 'text',
    status: "'draft' | 'published' = 'draft'",
    publishedAt: 'timestamp',
    author: '-> User.posts!',
    editor: '-> User.edits',
    tags: '-> Tag[]',
    comments: '<- Comment.post[]',
    topics: '~> Tag[]',
  },
  Comment: {
    body: 'string!',
    post: '-> Post!',
    author: '-> User',
    replyTo: '-> Comment',
    replies: '<- Comment.replyTo[]',
  },
  Tag: {
    name: 'string!#',
    posts: '<- Post.tags[]',
    fuzzyPosts: '<~ Post.topics[]',
  },
} as const;

type D = typeof definition;
type Tables = CompiledTables<D>;
declare const schema: IceTypeSchemaSet<D>;
declare const db: IceTypeDatabase<D>;

/** Keys a value of `T` must have. */
type RequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];

/** The system columns Drizzle's insert model lets a caller set (all have defaults). */
type SettableSystemFields = Partial<Pick<SystemFields, '$type' | '$version' | '$createdAt' | '$updatedAt'>>;

describe('the fixture', () => {
  it('is a valid schema set (else the assertions below would test error types)', () => {
    expectTypeOf<D>().toExtend<ValidateSchemaSet<D>>();
  });
});

describe('CompiledTables: collections', () => {
  it('has one table per collection, named after it', () => {
    expectTypeOf<Tables['User']['_']['name']>().toEqualTypeOf<'User'>();
    expectTypeOf<Tables['Comment']['_']['name']>().toEqualTypeOf<'Comment'>();
  });

  it('$inferSelect equals InferRow, for every collection', () => {
    expectTypeOf<Tables['User']['$inferSelect']>().toEqualTypeOf<InferRow<D['User']>>();
    expectTypeOf<Tables['Profile']['$inferSelect']>().toEqualTypeOf<InferRow<D['Profile']>>();
    expectTypeOf<Tables['Post']['$inferSelect']>().toEqualTypeOf<InferRow<D['Post']>>();
    expectTypeOf<Tables['Comment']['$inferSelect']>().toEqualTypeOf<InferRow<D['Comment']>>();
    expectTypeOf<Tables['Tag']['$inferSelect']>().toEqualTypeOf<InferRow<D['Tag']>>();
  });

  it('differs from the document type InferSelect only by the forward-relation keys', () => {
    // Without forward relations, rows are documents.
    expectTypeOf<Tables['User']['$inferSelect']>().toEqualTypeOf<InferSelect<D['User']>>();
    expectTypeOf<Tables['Tag']['$inferSelect']>().toEqualTypeOf<InferSelect<D['Tag']>>();
    // With them, the row has `<field>Id`/`<field>Ids` where the document has `<field>`.
    expectTypeOf<Tables['Post']['$inferSelect']>().not.toEqualTypeOf<InferSelect<D['Post']>>();
    expectTypeOf<Tables['Post']['$inferSelect']>().toHaveProperty('authorId').toEqualTypeOf<string>();
    expectTypeOf<Tables['Post']['$inferSelect']>().toHaveProperty('editorId').toEqualTypeOf<string | null>();
    expectTypeOf<Tables['Post']['$inferSelect']>().toHaveProperty('tagsIds').toEqualTypeOf<string[] | null>();
    expectTypeOf<Tables['Post']['$inferSelect']>().not.toHaveProperty('author');
    expectTypeOf<Tables['Post']['$inferSelect']>().not.toHaveProperty('editor');
    expectTypeOf<Tables['Post']['$inferSelect']>().not.toHaveProperty('tags');
    expectTypeOf<Tables['Profile']['$inferSelect']>().toHaveProperty('userId').toEqualTypeOf<string>();
    expectTypeOf<Tables['Profile']['$inferSelect']>().not.toHaveProperty('user');
    expectTypeOf<InferSelect<D['Post']>>().toHaveProperty('author').toEqualTypeOf<string>();
    expectTypeOf<InferSelect<D['Post']>>().not.toHaveProperty('authorId');
    expectTypeOf<Omit<InferRow<D['Post']>, 'authorId' | 'editorId' | 'tagsIds'>>().toEqualTypeOf<
      Omit<InferSelect<D['Post']>, 'author' | 'editor' | 'tags'>
    >();
  });

  it('maps every IceType type as ICETYPE.md §4 says', () => {
    // Spelled out, so that a shared mistake in both layers still fails here.
    expectTypeOf<Tables['User']['$inferSelect']>().toEqualTypeOf<{
      $id: string;
      $type: string;
      $version: number;
      $createdAt: Date;
      $updatedAt: Date;
      email: string;
      name: string;
      displayName: string;
      bio: string | null;
      handle: string | null;
      age: number | null;
      followers: number;
      karma: number | null;
      height: number | null;
      balance: number;
      active: boolean;
      verified: boolean | null;
      apiKey: string | null;
      createdAt: Date;
      lastSeen: Date | null;
      birthday: string | null;
      wakeUp: string | null;
      settings: unknown;
      avatar: Uint8Array | null;
      balanceExact: string | null;
      rank: string | null;
      role: 'admin' | 'member';
      tags: string[];
      luckyNumbers: number[] | null;
      embedding: number[] | null;
    }>();
  });

  it('stores forward relations as <field>Id / <field>Ids columns and nothing for the others', () => {
    expectTypeOf<Tables['Post']['$inferSelect']>().toEqualTypeOf<{
      $id: string;
      $type: string;
      $version: number;
      $createdAt: Date;
      $updatedAt: Date;
      title: string;
      body: string | null;
      status: 'draft' | 'published' | null;
      publishedAt: Date | null;
      authorId: string;
      editorId: string | null;
      tagsIds: string[] | null;
    }>();
    expectTypeOf<Tables['Comment']['$inferSelect']>().toEqualTypeOf<{
      $id: string;
      $type: string;
      $version: number;
      $createdAt: Date;
      $updatedAt: Date;
      body: string;
      postId: string;
      authorId: string | null;
      replyToId: string | null;
    }>();
    expectTypeOf<Tables['Post']>().toHaveProperty('authorId');
    expectTypeOf<Tables['Post']>().not.toHaveProperty('author');
    expectTypeOf<Tables['Post']>().not.toHaveProperty('editor');
    expectTypeOf<Tables['Post']>().not.toHaveProperty('tags');
    expectTypeOf<Tables['Post']>().not.toHaveProperty('comments');
    expectTypeOf<Tables['Post']>().not.toHaveProperty('topics');
    expectTypeOf<Tables['Tag']>().not.toHaveProperty('posts');
    expectTypeOf<Tables['User']>().not.toHaveProperty('profile');
  });

  it('exposes typed columns for builders', () => {
    expectTypeOf<Tables['User']['$id']['_']['isPrimaryKey']>().toEqualTypeOf<true>();
    expectTypeOf<Tables['User']['age']['_']['data']>().toEqualTypeOf<number>();
    expectTypeOf<Tables['User']['age']['_']['notNull']>().toEqualTypeOf<false>();
    expectTypeOf<Tables['User']['role']['_']['hasDefault']>().toEqualTypeOf<true>();
    expectTypeOf<Tables['User']['email']['_']['notNull']>().toEqualTypeOf<true>();
    expectTypeOf<Tables['Post']['authorId']['_']['tableName']>().toEqualTypeOf<'Post'>();
    expectTypeOf<Tables['Post']['authorId']['_']['notNull']>().toEqualTypeOf<true>();
    expectTypeOf<Tables['Post']['editorId']['_']['notNull']>().toEqualTypeOf<false>();
  });

  it("tags each column with the dataType of columnFor's runtime column", () => {
    type DataType<C extends keyof Tables['User']> = Tables['User'][C] extends { _: { dataType: infer T } } ? T : never;
    expectTypeOf<DataType<'email' | 'bio' | 'handle' | 'apiKey' | 'birthday' | 'wakeUp' | 'balanceExact'>>().toEqualTypeOf<'string'>();
    expectTypeOf<DataType<'role'>>().toEqualTypeOf<'string enum'>();
    expectTypeOf<DataType<'age' | 'followers' | 'karma'>>().toEqualTypeOf<'number int53'>();
    expectTypeOf<DataType<'height' | 'balance'>>().toEqualTypeOf<'number double'>();
    expectTypeOf<DataType<'active' | 'verified'>>().toEqualTypeOf<'boolean'>();
    expectTypeOf<DataType<'createdAt' | 'lastSeen'>>().toEqualTypeOf<'object date'>();
    expectTypeOf<DataType<'settings' | 'tags' | 'luckyNumbers'>>().toEqualTypeOf<'object json'>();
    expectTypeOf<DataType<'avatar' | 'embedding'>>().toEqualTypeOf<'custom'>();
    expectTypeOf<Tables['Post']['tagsIds']['_']['dataType']>().toEqualTypeOf<'object json'>();
    expectTypeOf<Tables['Post']['authorId']['_']['dataType']>().toEqualTypeOf<'string'>();
  });
});

describe('CompiledTables: insert model', () => {
  type UserInsert = Tables['User']['$inferInsert'];

  it('requires exactly the keys InferNewRow requires', () => {
    expectTypeOf<RequiredKeys<UserInsert>>().toEqualTypeOf<RequiredKeys<InferNewRow<D['User']>>>();
    expectTypeOf<RequiredKeys<UserInsert>>().toEqualTypeOf<RequiredKeys<InferInsert<D['User']>>>();
    expectTypeOf<RequiredKeys<UserInsert>>().toEqualTypeOf<'email' | 'name' | 'balance' | 'tags'>();
    expectTypeOf<RequiredKeys<Tables['Post']['$inferInsert']>>().toEqualTypeOf<RequiredKeys<InferNewRow<D['Post']>>>();
    expectTypeOf<RequiredKeys<Tables['Post']['$inferInsert']>>().toEqualTypeOf<'title' | 'authorId'>();
    expectTypeOf<RequiredKeys<Tables['Comment']['$inferInsert']>>().toEqualTypeOf<RequiredKeys<InferNewRow<D['Comment']>>>();
    expectTypeOf<RequiredKeys<Tables['Comment']['$inferInsert']>>().toEqualTypeOf<'body' | 'postId'>();
  });

  it('keys forward relations <field>Id / <field>Ids, like the rows', () => {
    expectTypeOf<InferNewRow<D['Post']>>().toEqualTypeOf<{
      $id?: string;
      title: string;
      body?: string | null;
      status?: 'draft' | 'published' | null;
      publishedAt?: Date | null;
      authorId: string;
      editorId?: string | null;
      tagsIds?: string[] | null;
    }>();
    expectTypeOf<Tables['Post']['$inferInsert']>().not.toHaveProperty('author');
    expectTypeOf<Tables['Comment']['$inferInsert']>().not.toHaveProperty('post');
  });

  it('makes $id optional (a UUIDv7 is generated)', () => {
    expectTypeOf<{}>().toExtend<Pick<UserInsert, '$id'>>();
    expectTypeOf<UserInsert['$id']>().toEqualTypeOf<string | undefined>();
  });

  // Decision: Drizzle's insert model also accepts `$type`, `$version`,
  // `$createdAt`, `$updatedAt` (optional; each has a default), while
  // InferInsert (the document API) accepts only `$id`. That is acceptable:
  // `db.insert(table)` is the raw Drizzle escape hatch (imports and restores
  // must keep original timestamps and versions), and hiding columns the
  // runtime table really has would make the static tables lie. So the insert
  // model is InferNewRow plus those four, optional — and nothing else.
  it('is InferNewRow plus the settable system columns, optional', () => {
    expectTypeOf<UserInsert>().toEqualTypeOf<Simplify<InferNewRow<D['User']> & SettableSystemFields>>();
    expectTypeOf<UserInsert>().toEqualTypeOf<Simplify<InferInsert<D['User']> & SettableSystemFields>>();
    expectTypeOf<Tables['Post']['$inferInsert']>().toEqualTypeOf<Simplify<InferNewRow<D['Post']> & SettableSystemFields>>();
    expectTypeOf<Tables['Comment']['$inferInsert']>().toEqualTypeOf<Simplify<InferNewRow<D['Comment']> & SettableSystemFields>>();
    expectTypeOf<InferInsert<D['User']>>().toExtend<UserInsert>();
    expectTypeOf<InferNewRow<D['Post']>>().toExtend<Tables['Post']['$inferInsert']>();
  });
});

describe('CompiledTables: system tables', () => {
  it('includes _batches, _rels, _cdc and _schemas next to the collections', () => {
    expectTypeOf<keyof Tables>().toEqualTypeOf<
      'User' | 'Profile' | 'Post' | 'Comment' | 'Tag' | '_batches' | '_rels' | '_cdc' | '_cdc_state' | '_schemas' | '_pruning_stats' | '_iceberg_tables' | '_iceberg_positions'
    >();
    expectTypeOf<Tables['_batches']>().toEqualTypeOf<typeof _batches>();
    expectTypeOf<Tables['_rels']>().toEqualTypeOf<typeof _rels>();
    expectTypeOf<Tables['_cdc']>().toEqualTypeOf<typeof _cdc>();
    expectTypeOf<Tables['_schemas']>().toEqualTypeOf<typeof _schemas>();
    expectTypeOf<Tables['_rels']['$inferSelect']['score']>().toEqualTypeOf<number | null>();
    expectTypeOf<Tables['_cdc']['$inferSelect']['op']>().toEqualTypeOf<'insert' | 'update' | 'delete'>();
  });
});

// Never called: `db` exists only for the checker.
function userRows() {
  return db.select().from(db.$tables.User).all();
}
function postRows() {
  return db.select().from(db.$tables.Post).all();
}
function postAuthors() {
  const Post = db.$tables.Post;
  return db.select({ title: Post.title, authorId: Post.authorId }).from(Post).where(eq(Post.authorId, 'u1')).all();
}
function postTitles() {
  return db.select({ id: db.$tables.Post.$id, title: db.$tables.Post.title }).from(db.$tables.Post).all();
}
function insertUsers() {
  const User = db.$tables.User;
  db.insert(User).values({ email: 'ada@example.com', name: 'Ada', balance: 10.5, tags: [] }).run();
  db.insert(User)
    .values({
      $id: '0191c8a4-0000-7000-8000-000000000000',
      email: 'alan@example.com',
      name: 'Alan',
      balance: 0,
      tags: ['math'],
      age: null,
      createdAt: new Date(),
      role: 'admin',
      avatar: new Uint8Array([1, 2]),
      embedding: [0.1, 0.2, 0.3],
      settings: { theme: 'dark' },
      balanceExact: '12.50',
    })
    .run();
  db.insert(db.$tables.Post).values({ title: 'Hello', authorId: 'u1', tagsIds: ['t1'] }).run();
  db.insert(db.$tables.Comment).values({ body: 'Hi', postId: 'p1', authorId: null, replyToId: 'c1' }).run();
  // @ts-expect-error -- `name` is `string!` without a default
  db.insert(User).values({ email: 'ada@example.com', balance: 1, tags: [] }).run();
  // @ts-expect-error -- `age` is an int
  db.insert(User).values({ email: 'a@b.c', name: 'A', balance: 1, tags: [], age: 'forty' }).run();
  // @ts-expect-error -- `role` is 'admin' | 'member'
  db.insert(User).values({ email: 'a@b.c', name: 'A', balance: 1, tags: [], role: 'owner' }).run();
  // @ts-expect-error -- `name` is required, so not nullable
  db.insert(User).values({ email: 'a@b.c', name: null, balance: 1, tags: [] }).run();
  // @ts-expect-error -- `posts` is a backward relation: no column
  db.insert(User).values({ email: 'a@b.c', name: 'A', balance: 1, tags: [], posts: [] }).run();
  // @ts-expect-error -- `authorId` (`-> User!`) is required on Post
  db.insert(db.$tables.Post).values({ title: 'Orphan' }).run();
  // @ts-expect-error -- the column is keyed `authorId`: no column `author` (that is the relation's name)
  db.insert(db.$tables.Post).values({ title: 'Hello', authorId: 'u1', author: 'u1' }).run();
  // @ts-expect-error -- `-> Tag[]` is keyed `tagsIds`: no column `tags` on Post
  db.insert(db.$tables.Post).values({ title: 'Hello', authorId: 'u1', tags: ['t1'] }).run();
  return db.update(User).set({ age: 42 }).returning().all();
}

describe('Drizzle builders over db.$tables', () => {
  it('select().from(table) rows are InferRow', () => {
    expectTypeOf<ReturnType<typeof userRows>>().toEqualTypeOf<InferRow<D['User']>[]>();
    expectTypeOf<ReturnType<typeof userRows>>().toEqualTypeOf<InferSelect<D['User']>[]>();
    expectTypeOf<ReturnType<typeof postRows>>().toEqualTypeOf<InferRow<D['Post']>[]>();
    expectTypeOf<ReturnType<typeof postRows>[number]>().toHaveProperty('authorId').toEqualTypeOf<string>();
    expectTypeOf<ReturnType<typeof postRows>[number]>().not.toHaveProperty('author');
    expectTypeOf<ReturnType<typeof postAuthors>>().toEqualTypeOf<{ title: string; authorId: string }[]>();
    expectTypeOf<ReturnType<typeof postTitles>>().toEqualTypeOf<{ id: string; title: string }[]>();
  });

  it('insert(table).values() takes rows with every required field, correctly typed', () => {
    // The accepted and rejected calls are in `insertUsers`; its return is update().returning().
    expectTypeOf<ReturnType<typeof insertUsers>>().toEqualTypeOf<InferRow<D['User']>[]>();
  });

  it('$tables is CompiledTables', () => {
    expectTypeOf<(typeof db)['$tables']>().toEqualTypeOf<Tables>();
    expectTypeOf<(typeof db)['$schema']>().toEqualTypeOf<IceTypeSchemaSet<D>>();
  });
});

describe('InferDocument / InferNewDocument', () => {
  it('equal the static InferSelect / InferInsert', () => {
    expectTypeOf<InferDocument<typeof schema, 'User'>>().toEqualTypeOf<InferSelect<D['User']>>();
    expectTypeOf<InferDocument<typeof schema, 'Post'>>().toEqualTypeOf<InferSelect<D['Post']>>();
    expectTypeOf<InferNewDocument<typeof schema, 'User'>>().toEqualTypeOf<InferInsert<D['User']>>();
    expectTypeOf<InferNewDocument<typeof schema, 'Comment'>>().toEqualTypeOf<InferInsert<D['Comment']>>();
  });

  it('agree with the compiled tables where there are no forward relations', () => {
    expectTypeOf<InferDocument<typeof schema, 'User'>>().toEqualTypeOf<Tables['User']['$inferSelect']>();
    expectTypeOf<InferNewDocument<typeof schema, 'User'>>().toExtend<Tables['User']['$inferInsert']>();
  });

  it('keep forward relations under the field name, unlike the rows', () => {
    expectTypeOf<InferDocument<typeof schema, 'Post'>>().toHaveProperty('author').toEqualTypeOf<string>();
    expectTypeOf<InferDocument<typeof schema, 'Post'>>().not.toHaveProperty('authorId');
    expectTypeOf<InferNewDocument<typeof schema, 'Comment'>>().toHaveProperty('post').toEqualTypeOf<string>();
    expectTypeOf<InferDocument<typeof schema, 'Post'>>().not.toEqualTypeOf<Tables['Post']['$inferSelect']>();
  });

  it('reject unknown collections', () => {
    // @ts-expect-error -- no collection 'Nope'
    type Nope = InferDocument<typeof schema, 'Nope'>;
  });
});
