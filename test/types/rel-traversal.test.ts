// db.rel, the fluent relation traversal (src/relations/traversal, DESIGN.md
// §4): a function per collection, a property per relation field (all four
// operators), each hop typed as its target's documents. Over the library
// fixture of the runtime tests (test/relations/rel-support.ts). Type-only:
// `db` is declared, never opened, and the functions below are never called.
import { describe, expectTypeOf, it } from 'vitest';
import type { InferSelect } from '../../src/icetype/static/index.js';
import type { IceTypeDatabase } from '../../src/session/drizzle.js';
import type { QueryResult } from '../../src/store/document-store.js';
import type { Traversal } from '../../src/relations/traversal/index.js';
import type { RelDb } from '../relations/rel-support.js';

type D = RelDb['$schema']['definition'];
declare const db: RelDb;

type Author = InferSelect<D['Author']>;
type Book = InferSelect<D['Book']>;
type Genre = InferSelect<D['Genre']>;
type Review = InferSelect<D['Review']>;

/** A relation named like a method: reached with `hop('count')` only. */
type Counted = { Counter: { count: '-> Counter' } };
declare const counted: IceTypeDatabase<Counted>;

// Never called: `db` exists only for the checker.
const hops = () => ({
  forwardRequired: db.rel.Book('b').author, // -> T!
  forwardOptional: db.rel.Review('r').reviewer, // -> T
  forwardMany: db.rel.Book('b').genres, // -> T[]
  backward: db.rel.Author('a').books, // <- T.f[]
  fuzzy: db.rel.Book('b').similar, // ~> T[]
  fuzzyBackward: db.rel.Book('b').similarTo, // <~ T.f[]
  explicit: db.rel.Author('a').hop('reviews'),
  methodNamed: counted.rel.Counter('c').hop('count'),
});
const reads = () => ({
  all: db.rel.Author('a').books.all(),
  get: db.rel.Book('b').author.get(),
  first: db.rel.Author('a').books.first(),
  filtered: db.rel.Author(['a', 'b']).books.reviews.where({ stars: { $gte: 4 } }).all(),
  fourHops: db.rel.Author('a').books.reviews.book.genres.orderBy({ name: 'asc' }).limit(3).all(),
  count: db.rel.Author('a').books.count(),
  ids: db.rel.Author('a').books.ids(),
  page: db.rel.Author('a').books.page({ limit: 10, after: 'cursor' }),
  countMethod: counted.rel.Counter('c').count,
});

describe('db.rel', () => {
  it('has one start function per collection, taking one id or several', () => {
    type Rel = RelDb['rel'];
    expectTypeOf<keyof Rel>().toEqualTypeOf<'Author' | 'Book' | 'Genre' | 'Review'>();
    expectTypeOf<Rel['Author']>().toEqualTypeOf<(ids: string | readonly string[]) => Traversal<D, 'Author'>>();
  });

  it('types each hop as its target collection, for all four relation operators', () => {
    type Hops = ReturnType<typeof hops>;
    expectTypeOf<Hops['forwardRequired']>().toEqualTypeOf<Traversal<D, 'Author'>>();
    expectTypeOf<Hops['forwardOptional']>().toEqualTypeOf<Traversal<D, 'Author'>>();
    expectTypeOf<Hops['forwardMany']>().toEqualTypeOf<Traversal<D, 'Genre'>>();
    expectTypeOf<Hops['backward']>().toEqualTypeOf<Traversal<D, 'Book'>>();
    expectTypeOf<Hops['fuzzy']>().toEqualTypeOf<Traversal<D, 'Book'>>();
    expectTypeOf<Hops['fuzzyBackward']>().toEqualTypeOf<Traversal<D, 'Book'>>();
    expectTypeOf<Hops['explicit']>().toEqualTypeOf<Traversal<D, 'Review'>>();
  });

  it('reads documents as the store returns them', () => {
    type Reads = ReturnType<typeof reads>;
    expectTypeOf<Reads['all']>().toEqualTypeOf<Book[]>();
    expectTypeOf<Reads['get']>().toEqualTypeOf<Author | null>();
    expectTypeOf<Reads['get']>().not.toEqualTypeOf<Book | null>();
    expectTypeOf<Reads['first']>().toEqualTypeOf<Book | null>();
    expectTypeOf<Reads['filtered']>().toEqualTypeOf<Review[]>();
    expectTypeOf<Reads['fourHops']>().toEqualTypeOf<Genre[]>();
    expectTypeOf<Reads['count']>().toEqualTypeOf<number>();
    expectTypeOf<Reads['ids']>().toEqualTypeOf<string[]>();
    expectTypeOf<Reads['page']>().toEqualTypeOf<QueryResult<Book>>();
  });

  it('keeps the methods where a relation has a method name, and reaches that relation by hop', () => {
    expectTypeOf<ReturnType<typeof reads>['countMethod']>().toEqualTypeOf<() => number>();
    expectTypeOf<ReturnType<typeof hops>['methodNamed']>().toEqualTypeOf<Traversal<Counted, 'Counter'>>();
  });
});

// Never called: each line must fail to type-check.
function rejected() {
  // @ts-expect-error -- no collection `Nope`
  db.rel.Nope('x');
  // @ts-expect-error -- ids are strings
  db.rel.Author(5);
  // @ts-expect-error -- no relation `nonsense` on Author
  db.rel.Author('a').nonsense;
  // @ts-expect-error -- `name` is a field, not a relation
  db.rel.Author('a').name;
  // @ts-expect-error -- `year` is a field of Book, not a relation
  db.rel.Author('a').books.year;
  // @ts-expect-error -- hop takes relation names only
  db.rel.Book('b').hop('title');
  // @ts-expect-error -- a Book has no `name` (the documents are Books)
  db.rel.Author('a').books.get()?.name;
  // @ts-expect-error -- `get` may find nothing
  const author: Author = db.rel.Book('b').author.get();
  // @ts-expect-error -- page needs a limit
  db.rel.Author('a').books.page({});
  return author;
}
void [hops, reads, rejected];
