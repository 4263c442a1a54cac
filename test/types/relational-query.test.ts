// Relational queries over a compiled schema set (src/compile/types.ts
// `CompiledRelations`, ICETYPE.md §1.3, DESIGN.md §4): `db.query.X.findMany`
// and `findFirst` take `with`/`where`/`orderBy` typed from the IceType strings.
// Type-only: `db` is declared, never opened; every query below sits in a
// function that is never called, and the `it` bodies are type assertions.
import { describe, expectTypeOf, it } from 'vitest';
import type { Many, One } from 'drizzle-orm';
import type { CompiledRelations, InferRow } from '../../src/compile/types.js';
import type { InferSelect, Simplify } from '../../src/icetype/static/index.js';
import type { IceTypeDatabase } from '../../src/session/drizzle.js';

// The blog of compiled-tables.test.ts: every relation form. All are typed as
// Drizzle relations; `-> T!`, `-> T`, `<- T.f[]`, `<- T.f` over a single field
// are also Drizzle relations at run time, and queries using `-> T[]`, its
// inverse, `~>` or `<~` are served by the store's emulation (route-queries.ts).
const definition = {
  User: {
    email: 'string!#',
    name: 'string!',
    age: 'int?',
    createdAt: 'timestamp! = now()',
    role: '"admin" | "member"! = "member"',
    tags: 'string[]!',
    embedding: 'vector(3)',
    avatar: 'binary',
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
    score: 'decimal(10,2)',
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
declare const db: IceTypeDatabase<D>;

// Rows, not documents: forward relations are keyed `<field>Id`/`<field>Ids`,
// and `with: { author: true }` adds the relation under the field's name.
type User = InferRow<D['User']>;
type Profile = InferRow<D['Profile']>;
type Post = InferRow<D['Post']>;
type Comment = InferRow<D['Comment']>;

/** `T` with the keys of `With` replaced: what a row with loaded relations looks like. */
type Loaded<T, With> = Simplify<Omit<T, keyof With> & With>;

describe('CompiledRelations', () => {
  type Relations = CompiledRelations<D>;

  it('types every relation field as a Drizzle relation', () => {
    expectTypeOf<keyof Relations['User']['relations']>().toEqualTypeOf<'posts' | 'edits' | 'comments' | 'profile' | 'lookalikes'>();
    expectTypeOf<keyof Relations['Post']['relations']>().toEqualTypeOf<'author' | 'editor' | 'comments' | 'tags' | 'topics'>();
    expectTypeOf<keyof Relations['Comment']['relations']>().toEqualTypeOf<'post' | 'author' | 'replyTo' | 'replies'>();
    expectTypeOf<keyof Relations['Profile']['relations']>().toEqualTypeOf<'user'>();
  });

  it('makes -> T! a required one(), -> T and <- T.f optional one()s, <- T.f[] a many()', () => {
    expectTypeOf<Relations['Post']['relations']['author']>().toEqualTypeOf<One<'User', false>>();
    expectTypeOf<Relations['Post']['relations']['editor']>().toEqualTypeOf<One<'User', true>>();
    expectTypeOf<Relations['Comment']['relations']['replyTo']>().toEqualTypeOf<One<'Comment', true>>();
    expectTypeOf<Relations['User']['relations']['profile']>().toEqualTypeOf<One<'Profile', true>>();
    expectTypeOf<Relations['User']['relations']['posts']>().toEqualTypeOf<Many<'Post'>>();
    expectTypeOf<Relations['Comment']['relations']['replies']>().toEqualTypeOf<Many<'Comment'>>();
  });

  it('makes -> T[], ~> T[], <- T.f[] over a list and <~ T.f[] many()s (served through _rels)', () => {
    expectTypeOf<Relations['Post']['relations']['tags']>().toEqualTypeOf<Many<'Tag'>>();
    expectTypeOf<Relations['Post']['relations']['topics']>().toEqualTypeOf<Many<'Tag'>>();
    expectTypeOf<Relations['User']['relations']['lookalikes']>().toEqualTypeOf<Many<'User'>>();
    expectTypeOf<Relations['Tag']['relations']['posts']>().toEqualTypeOf<Many<'Post'>>();
    expectTypeOf<Relations['Tag']['relations']['fuzzyPosts']>().toEqualTypeOf<Many<'Post'>>();
  });

  it('covers the system tables too, without relations', () => {
    expectTypeOf<keyof Relations>().toEqualTypeOf<
      'User' | 'Profile' | 'Post' | 'Comment' | 'Tag' | '_batches' | '_rels' | '_cdc' | '_cdc_state' | '_schemas' | '_pruning_stats' | '_iceberg_tables' | '_iceberg_positions'
    >();
    expectTypeOf<keyof Relations['_rels']['relations']>().toBeNever();
  });
});

// Never called: `db` exists only for the checker.
const usersWithPosts = () => db.query.User.findMany({ with: { posts: true } }).sync();
const userWithProfile = () => db.query.User.findFirst({ with: { profile: true, edits: true } }).sync();
const postWithAuthor = () => db.query.Post.findFirst({ with: { author: true, editor: true } }).sync();
const threeLevels = () =>
  db.query.User.findMany({ with: { posts: { with: { comments: { with: { replies: true } } } } } }).sync();
const filtered = () =>
  db.query.User.findMany({
    columns: { name: true, age: true },
    where: { age: { gt: 30 }, role: 'admin', posts: { title: { like: 'On %' } } },
    orderBy: { age: 'desc' },
    limit: 10,
    with: { posts: { columns: { title: true }, orderBy: { title: 'asc' }, limit: 3 } },
  }).sync();
const asynchronous = () => db.query.Post.findMany({ with: { comments: true } });
const plainPosts = () => db.query.Post.findMany().sync();
const commentsWithPost = () => db.query.Comment.findMany({ with: { post: { with: { author: true } }, author: true } }).sync();
const byAuthor = () =>
  db.query.Post.findMany({
    columns: { title: true, authorId: true },
    where: { authorId: 'u1', author: { name: 'Ada' } },
    orderBy: { authorId: 'asc' },
  }).sync();

const postTags = () => db.query.Post.findMany({ with: { tags: true, topics: true } }).sync();
const tagPosts = () => db.query.Tag.findFirst({ with: { posts: true, fuzzyPosts: { columns: { title: true }, limit: 2 } } }).sync();
const lookalikes = () =>
  db.query.User.findMany({ columns: { name: true }, with: { lookalikes: { with: { posts: { with: { tags: true } } } } } }).sync();
const relationFilters = () =>
  db.query.Post.findMany({
    columns: { title: true },
    where: {
      tags: { name: { like: 'S%' } },
      NOT: { topics: true },
      OR: [{ author: { lookalikes: { age: { gt: 3 } } } }, { comments: { replies: false } }],
    },
  }).sync();

function rejected() {
  // @ts-expect-error -- `age` is an int: `gt` takes a number
  db.query.User.findMany({ where: { age: { gt: 'x' } } });
  // @ts-expect-error -- `age` is not a string column
  db.query.User.findMany({ where: { age: 'thirty' } });
  // @ts-expect-error -- `role` is 'admin' | 'member'
  db.query.User.findMany({ where: { role: 'owner' } });
  // @ts-expect-error -- no column `nope` to order by
  db.query.User.findMany({ orderBy: { nope: 'desc' } });
  // @ts-expect-error -- an order is 'asc' or 'desc'
  db.query.User.findMany({ orderBy: { age: 'down' } });
  // @ts-expect-error -- `tagsIds` is the id column of `-> Tag[]`, not a relation
  db.query.Post.findMany({ with: { tagsIds: true } });
  // @ts-expect-error -- a relation filter on `-> Tag[]` takes Tag's columns
  db.query.Post.findMany({ where: { tags: { title: 'x' } } });
  // @ts-expect-error -- a many relation takes `limit`, a one relation does not
  db.query.Post.findMany({ with: { author: { limit: 1 } } });
  // @ts-expect-error -- no relation `nope`
  db.query.Post.findMany({ with: { nope: true } });
  // @ts-expect-error -- `authorId` is a column, not a relation
  db.query.Post.findMany({ with: { authorId: true } });
  // @ts-expect-error -- `author` is a relation, not a column: `columns` takes `authorId`
  db.query.Post.findMany({ columns: { author: true } });
  // @ts-expect-error -- `author` is a relation: its filter is an object of User's columns, not an id
  db.query.Post.findMany({ where: { author: 'u1' } });
}

describe('db.query results', () => {
  it('loads a backward relation <- T.f[] as T[]', () => {
    expectTypeOf<ReturnType<typeof usersWithPosts>>().toEqualTypeOf<Loaded<User, { posts: Post[] }>[]>();
    expectTypeOf<Awaited<ReturnType<typeof asynchronous>>>().toEqualTypeOf<Loaded<Post, { comments: Comment[] }>[]>();
  });

  it('loads a single backward relation <- T.f as T | null', () => {
    expectTypeOf<ReturnType<typeof userWithProfile>>().toEqualTypeOf<
      Loaded<User, { profile: Profile | null; edits: Post[] }> | undefined
    >();
  });

  // A forward relation is named after its field and its id column is keyed
  // `<field>Id`, so a loaded row carries both: `authorId: string` and `author: User`.
  it('loads -> T! as T and -> T as T | null, next to the id columns', () => {
    type Row = NonNullable<ReturnType<typeof postWithAuthor>>;
    expectTypeOf<Row['author']>().toEqualTypeOf<User>();
    expectTypeOf<Row['editor']>().toEqualTypeOf<User | null>();
    expectTypeOf<Row['authorId']>().toEqualTypeOf<string>();
    expectTypeOf<Row['editorId']>().toEqualTypeOf<string | null>();
    expectTypeOf<Row['author']>().toExtend<User>();
    expectTypeOf<NonNullable<Row['editor']>>().toExtend<User>();
    expectTypeOf<null>().toExtend<Row['editor']>();
    expectTypeOf<null>().not.toExtend<Row['author']>();
    expectTypeOf<Row>().toEqualTypeOf<Loaded<Post, { author: User; editor: User | null }>>();
    expectTypeOf<ReturnType<typeof postWithAuthor>>().toEqualTypeOf<Loaded<Post, { author: User; editor: User | null }> | undefined>();
  });

  it('loads forward relations inside nested `with`', () => {
    expectTypeOf<ReturnType<typeof commentsWithPost>>().toEqualTypeOf<
      Loaded<Comment, { post: Loaded<Post, { author: User }>; author: User | null }>[]
    >();
  });

  it('returns rows (id columns, no relation keys) without `with`', () => {
    expectTypeOf<ReturnType<typeof plainPosts>>().toEqualTypeOf<Post[]>();
    expectTypeOf<ReturnType<typeof plainPosts>[number]>().toHaveProperty('authorId').toEqualTypeOf<string>();
    expectTypeOf<ReturnType<typeof plainPosts>[number]>().not.toHaveProperty('author');
    expectTypeOf<ReturnType<typeof plainPosts>[number]>().not.toHaveProperty('editor');
    expectTypeOf<ReturnType<typeof plainPosts>>().not.toEqualTypeOf<InferSelect<D['Post']>[]>();
  });

  it('selects, filters and orders by the id column, and filters through the relation', () => {
    expectTypeOf<ReturnType<typeof byAuthor>>().toEqualTypeOf<{ title: string; authorId: string }[]>();
  });

  it('types nested `with` three levels deep', () => {
    expectTypeOf<ReturnType<typeof threeLevels>>().toEqualTypeOf<
      Loaded<User, { posts: Loaded<Post, { comments: Loaded<Comment, { replies: Comment[] }>[] }>[] }>[]
    >();
  });

  it('narrows to `columns` and takes where/orderBy/limit', () => {
    expectTypeOf<ReturnType<typeof filtered>>().toEqualTypeOf<
      { name: string; age: number | null; posts: { title: string }[] }[]
    >();
  });

  it('loads -> T[], ~> T[], their inverses and <~ as arrays of rows', () => {
    type Tag = InferRow<D['Tag']>;
    expectTypeOf<ReturnType<typeof postTags>>().toEqualTypeOf<Loaded<Post, { tags: Tag[]; topics: Tag[] }>[]>();
    expectTypeOf<ReturnType<typeof tagPosts>>().toEqualTypeOf<Loaded<Tag, { posts: Post[]; fuzzyPosts: { title: string }[] }> | undefined>();
    expectTypeOf<ReturnType<typeof lookalikes>>().toEqualTypeOf<{ name: string; lookalikes: Loaded<User, { posts: Loaded<Post, { tags: Tag[] }>[] }>[] }[]>();
  });

  it('takes relation filters on every relation kind, under NOT/OR and nested', () => {
    expectTypeOf<ReturnType<typeof relationFilters>>().toEqualTypeOf<{ title: string }[]>();
  });

  it('rejects bad filters, orders and non-Drizzle relations', () => {
    // The rejected calls are in `rejected`, each under @ts-expect-error.
    expectTypeOf(rejected).returns.toBeVoid();
  });
});

// The library of test/relations/query-support.ts: one field of every relation kind.
type LibraryDb = import('../relations/query-support.js').QueryDb;
type Library = LibraryDb['$schema']['definition'];
declare const library: LibraryDb;
type Author = InferRow<Library['Author']>;
type Book = InferRow<Library['Book']>;
type Genre = InferRow<Library['Genre']>;

const libraryQueries = () => ({
  genres: library.query.Book.findMany({ with: { genres: true, similar: true, similarTo: true, firstReview: true } }).sync(),
  books: library.query.Genre.findMany({ with: { books: true, firstBook: true, fans: true, topFan: true } }).sync(),
  topGenre: library.query.Author.findFirst({ with: { topGenre: { with: { books: { columns: { title: true } } } } } }).sync(),
  filtered: library.query.Author.findMany({ columns: { name: true }, where: { books: { genres: { name: 'poetry' } }, topGenre: true } }).sync(),
});

describe('db.query over every relation kind (the library)', () => {
  type Results = ReturnType<typeof libraryQueries>;
  type Review = InferRow<Library['Review']>;

  it('types -> T[] and ~> T[] as arrays, <- T.f over one as T | null', () => {
    expectTypeOf<Results['genres']>().toEqualTypeOf<Loaded<Book, { genres: Genre[]; similar: Book[]; similarTo: Book[]; firstReview: Review | null }>[]>();
  });

  it('types backward and fuzzy backward relations: [] as arrays, without as T | null', () => {
    expectTypeOf<Results['books']>().toEqualTypeOf<Loaded<Genre, { books: Book[]; firstBook: Book | null; fans: Author[]; topFan: Author | null }>[]>();
  });

  it('types ~> T as T | null, nested', () => {
    expectTypeOf<Results['topGenre']>().toEqualTypeOf<Loaded<Author, { topGenre: Loaded<Genre, { books: { title: string }[] }> | null }> | undefined>();
    expectTypeOf<Results['filtered']>().toEqualTypeOf<{ name: string }[]>();
  });
});
