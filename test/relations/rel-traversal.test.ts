// db.rel, the fluent relation traversal (DESIGN.md §4, issue 5 §2): every
// relation kind on the rows, batched and mixed layouts, chained hops, `where`
// at each hop, the reads (all, ids, count, first, get, page), several start
// ids, errors, and a statement count per hop that does not grow with the
// number of documents. Expected results are written from the fixture of
// rel-support.ts / support.ts.
import { describe, expect, it } from 'vitest';
import { DocumentError, RelationError } from '../../src/index.js';
import { thrown } from '../search/support.js';
import { inDurableObject } from '../support/do.js';
import { LAYOUT_NAMES, openLibrary, type RelDb } from './rel-support.js';

/** Statements the last operation ran. */
const statements = (db: RelDb) => db.$cost.lastStatements;

describe.each(LAYOUT_NAMES)('db.rel on the %s layout', (layout) => {
  const withLibrary = (fn: (db: RelDb, storage: DurableObjectStorage) => void) => () => inDurableObject(async (storage) => fn(await openLibrary(storage, layout), storage));

  it(
    'follows a forward one-relation (-> T!, -> T) to its document, or null',
    withLibrary((db) => {
      const author = db.rel.Book('b3').author.get();
      expect(author?.$id).toBe('a2');
      expect(author?.name).toBe('Stanisław');
      expect(db.rel.Review('r2').reviewer.get()?.name).toBe('Octavia');
      expect(db.rel.Review('r3').reviewer.get()).toBeNull();
      expect(db.rel.Review('r3').reviewer.all()).toEqual([]);
    }),
  );

  it(
    'follows a forward many-relation (-> T[]) in list order',
    withLibrary((db) => {
      expect(db.rel.Book('b2').genres.ids()).toEqual(['g2', 'g1']);
      expect(db.rel.Book('b2').genres.all().map((genre) => genre.name)).toEqual(['fantasy', 'science fiction']);
      expect(db.rel.Book('b4').genres.all()).toEqual([]);
      expect(db.rel.Book('b5').genres.get()).toBeNull();
    }),
  );

  it(
    'follows backward relations (<- T.f over -> T and over -> T[]) in edge order',
    withLibrary((db) => {
      expect(db.rel.Author('a1').books.ids()).toEqual(['b1', 'b2']);
      expect(db.rel.Author('a4').books.ids()).toEqual([]);
      expect(db.rel.Author('a1').reviews.ids()).toEqual(['r4', 'r5']);
      expect(db.rel.Book('b3').reviews.ids()).toEqual(['r3', 'r5']);
      // `_rels` order for incoming edges: ordinal, then the source id (b2 lists g1 second).
      expect(db.rel.Genre('g1').books.ids()).toEqual(['b1', 'b3', 'b6', 'b2']);
      expect(db.rel.Genre('g3').books.all().map((book) => book.title)).toEqual(['Parable of the Sower']);
    }),
  );

  it(
    'follows fuzzy relations (~> T, <~ T.f) best score first',
    withLibrary((db) => {
      expect(db.rel.Book('b1').similar.ids()).toEqual(['b2', 'b3', 'b6']);
      expect(db.rel.Book('b3').similarTo.ids()).toEqual(['b4', 'b1']);
      expect(db.rel.Book('b1').similar.get()?.title).toBe('A Wizard of Earthsea');
      expect(db.rel.Book('b2').similar.all()).toEqual([]);
    }),
  );

  it(
    'returns the store documents, equal to db.store.get',
    withLibrary((db) => {
      expect(db.rel.Review('r5').book.get()).toEqual(db.store.get('Book', 'b3'));
      expect(db.rel.Author('a3').books.all()).toEqual(db.store.getMany('Book', ['b5', 'b6']));
    }),
  );

  it(
    'chains hops: three hops, forward and backward mixed',
    withLibrary((db) => {
      // a1's books b1, b2 → their reviews r1, r8, r2 → reviewers a2, a4, a3.
      expect(db.rel.Author('a1').books.reviews.reviewer.ids()).toEqual(['a2', 'a4', 'a3']);
      // g2 → b2 → a1 → b1, b2.
      expect(db.rel.Genre('g2').books.author.books.ids()).toEqual(['b1', 'b2']);
      // b4 ~> b3 → b3's reviews r3, r5 → r5's reviewer a1 (r3 has none).
      expect(db.rel.Book('b4').similar.reviews.reviewer.all().map((author) => author.name)).toEqual(['Ursula']);
      // The explicit form of a hop is the same traversal.
      expect(db.rel.Author('a1').hop('books').hop('reviews').hop('reviewer').ids()).toEqual(['a2', 'a4', 'a3']);
    }),
  );

  it(
    'filters with where at every hop, each before the next hop',
    withLibrary((db) => {
      const authors = () => db.rel.Author(['a1', 'a2', 'a3']);
      const us = { country: 'US' };
      const early = { year: { $lt: 1975 } };
      const good = { stars: { $gte: 4 } };
      expect(authors().where(us).books.where(early).reviews.where(good).ids()).toEqual(['r1', 'r2']);
      // Each filter removes something the others keep.
      expect(authors().books.where(early).reviews.where(good).ids()).toEqual(['r1', 'r2', 'r4']);
      expect(authors().where(us).books.reviews.where(good).ids()).toEqual(['r1', 'r2', 'r6', 'r7']);
      expect(authors().where(us).books.where(early).reviews.ids()).toEqual(['r1', 'r8', 'r2']);
      // Several where calls must all hold.
      expect(db.rel.Genre('g1').books.where(early).where({ year: { $gt: 1965 } }).ids()).toEqual(['b1', 'b2']);
    }),
  );

  it(
    'counts, lists ids, reads the first, orders and limits',
    withLibrary((db) => {
      const sf = () => db.rel.Genre('g1').books;
      expect(sf().count()).toBe(4);
      expect(sf().where({ year: { $gt: 1970 } }).count()).toBe(2);
      expect(sf().limit(3).count()).toBe(3);
      expect(db.rel.Author('a4').books.count()).toBe(0);
      expect(sf().first()?.$id).toBe('b1');
      expect(sf().get()?.$id).toBe('b1');
      expect(sf().orderBy({ year: 'desc' }).ids()).toEqual(['b6', 'b1', 'b2', 'b3']);
      expect(sf().orderBy({ year: 'desc' }).first()?.$id).toBe('b6');
      expect(sf().orderBy({ year: 'asc' }).limit(2).ids()).toEqual(['b3', 'b2']);
      expect(sf().limit(2).ids()).toEqual(['b1', 'b3']);
      expect(sf().limit(0).all()).toEqual([]);
      expect(sf().where({ year: { $gt: 2000 } }).first()).toBeNull();
      // A limited step limits where the next hop starts: the two latest sf books' authors.
      expect(sf().orderBy({ year: 'desc' }).limit(2).author.ids()).toEqual(['a3', 'a1']);
    }),
  );

  it(
    'pages with a keyset cursor, in orderBy order then $id',
    withLibrary((db) => {
      const sf = () => db.rel.Genre('g1').books.orderBy({ year: 'asc' });
      const first = sf().page({ limit: 3 });
      expect(first.documents.map((book) => book.$id)).toEqual(['b3', 'b2', 'b1']);
      expect(first.nextCursor).not.toBeNull();
      const second = sf().page({ limit: 3, after: first.nextCursor! });
      expect(second.documents.map((book) => book.$id)).toEqual(['b6']);
      expect(second.nextCursor).toBeNull();

      // Without orderBy: $id order; with where.
      const byId = db.rel.Genre('g1').books.where({ year: { $gt: 1962 } });
      const p1 = byId.page({ limit: 2 });
      expect(p1.documents.map((book) => book.$id)).toEqual(['b1', 'b2']);
      const p2 = byId.page({ limit: 2, after: p1.nextCursor! });
      expect(p2.documents.map((book) => book.$id)).toEqual(['b6']);
      expect(p2.nextCursor).toBeNull();
      expect(db.rel.Author('a4').books.page({ limit: 2 })).toEqual({ documents: [], nextCursor: null });
    }),
  );

  it(
    'starts from several ids: their union, de-duplicated, in the order given',
    withLibrary((db) => {
      expect(db.rel.Author(['a2', 'a1']).books.ids()).toEqual(['b3', 'b4', 'b1', 'b2']);
      expect(db.rel.Author(['a2', 'a1', 'a2']).books.count()).toBe(4);
      expect(db.rel.Genre(['g1', 'g2']).books.ids()).toEqual(['b1', 'b3', 'b6', 'b2']);
      expect(db.rel.Author(['a1', 'missing']).all().map((author) => author.$id)).toEqual(['a1']);
      expect(db.rel.Author([]).books.all()).toEqual([]);
      expect(statements(db)).toBe(0);
    }),
  );

  it(
    'rejects unknown relations, non-relation fields, unknown collections and bad ids with typed errors',
    withLibrary((db) => {
      // As an untyped caller sees it: any name, any argument.
      type Loose = { readonly [name: string]: Loose } & { hop(name: unknown): unknown };
      const untyped = db.rel as unknown as Record<string, (ids: unknown) => Loose>;
      const unknown = thrown(() => untyped.Author!('a1').nonsense);
      expect(unknown).toBeInstanceOf(RelationError);
      expect(unknown).toMatchObject({
        code: 'UNKNOWN_RELATION',
        collection: 'Author',
        field: 'nonsense',
        message: 'Author: expected a relation field of Author (books, reviews), found "nonsense", which is no field of Author',
      });
      expect(thrown(() => untyped.Book!('b1').title)).toMatchObject({
        code: 'UNKNOWN_RELATION',
        message: 'Book: expected a relation field of Book (author, genres, reviews, similar, similarTo), found "title", a field that is not a relation',
      });
      expect(thrown(() => untyped.Book!('b1').hop('year'))).toMatchObject({ code: 'UNKNOWN_RELATION', field: 'year' });
      expect(thrown(() => untyped.Author!('a1').books!.reviews!.nope)).toMatchObject({ code: 'UNKNOWN_RELATION', collection: 'Review' });
      expect(thrown(() => untyped.Nope!('x'))).toMatchObject({ code: 'UNKNOWN_COLLECTION', message: 'Nope: expected a collection of the schema (Author, Book, Genre, Review), found "Nope"' });

      const badId = thrown(() => untyped.Author!(''));
      expect(badId).toBeInstanceOf(DocumentError);
      expect(badId).toMatchObject({ code: 'INVALID_ID' });
      expect(thrown(() => untyped.Author!(['a1', 5]))).toMatchObject({ code: 'INVALID_ID' });

      expect(thrown(() => db.rel.Author('a1').books.limit(-1))).toMatchObject({ code: 'INVALID_OPTION' });
      expect(thrown(() => db.rel.Author('a1').books.limit(2).page({ limit: 2 }))).toMatchObject({ code: 'INVALID_OPTION' });
      expect(thrown(() => db.rel.Author('a1').books.page({ limit: 1.5 }))).toMatchObject({ code: 'INVALID_OPTION' });
      // What runtimes probe for is simply absent: a traversal is not a thenable.
      expect(untyped.Author!('a1').then).toBeUndefined();
    }),
  );
});

describe('db.rel cost', () => {
  /** Adds `n` books by `author`, each with one review, by a3 and a1 in turn. */
  function addBooks(db: RelDb, author: string, n: number): void {
    const books = Array.from({ length: n }, (_, i) => ({ $id: `x-${author}-${i}`, title: `extra ${i}`, year: 2000 + i, author, genres: ['g1'] }));
    db.store.createMany('Book', books);
    db.store.createMany(
      'Review',
      books.map((book, i) => ({ $id: `xr-${author}-${i}`, stars: 1 + (i % 5), book: book.$id, reviewer: i % 2 === 0 ? 'a3' : 'a1' })),
    );
  }

  it.each(LAYOUT_NAMES)('costs the same statements for 1 author as for 4, and for 2 books as for 40 (%s)', (layout) =>
    inDurableObject(async (storage) => {
      const db = await openLibrary(storage, layout);
      const cost = (run: () => unknown) => {
        run();
        return statements(db);
      };
      const threeHops = (ids: string[]) => () => db.rel.Author(ids).books.reviews.reviewer.all();
      const filtered = (ids: string[]) => () => db.rel.Author(ids).books.where({ year: { $gt: 1900 } }).reviews.where({ stars: { $gte: 1 } }).reviewer.all();
      const one = { plain: cost(threeHops(['a1'])), filtered: cost(filtered(['a1'])), count: cost(() => db.rel.Author('a1').books.count()) };
      const four = { plain: cost(threeHops(['a1', 'a2', 'a3', 'a4'])), filtered: cost(filtered(['a1', 'a2', 'a3', 'a4'])), count: cost(() => db.rel.Author(['a1', 'a2', 'a3', 'a4']).books.count()) };
      expect(four).toEqual(one);

      // Three hops: one `_rels` statement each, and one read of the final documents.
      const getMany = layout === 'rows' ? 1 : cost(() => db.store.getMany('Author', ['a1', 'a2']));
      expect(one.plain).toBe(3 + getMany);
      // Each where adds one store query over that hop's documents (rows: one statement).
      const bookQuery = cost(() => db.store.query('Book', { where: { $id: { $in: ['b1'] }, year: { $gt: 1900 } } }));
      const reviewQuery = cost(() => db.store.query('Review', { where: { $id: { $in: ['r1'] }, stars: { $gte: 1 } } }));
      expect(one.filtered).toBe(3 + bookQuery + reviewQuery + getMany);
      if (layout === 'rows') expect(one.filtered).toBe(6);

      addBooks(db, 'a2', 38); // a2 now has 40 books, each with a review
      const many = { plain: cost(threeHops(['a2'])), filtered: cost(filtered(['a2'])), count: cost(() => db.rel.Author('a2').books.count()) };
      expect(db.rel.Author('a2').books.count()).toBe(40);
      expect(db.rel.Author('a2').books.reviews.reviewer.ids()).toEqual(['a1', 'a3']); // r5, r4, then the new reviews
      expect(many).toEqual(one);
    }),
  );

  it('runs each read as one metered operation and reads nothing while building', () =>
    inDurableObject(async (storage) => {
      const db = await openLibrary(storage, 'rows');
      db.store.get('Author', 'a1');
      const before = db.$cost.total.rowsRead;
      const chain = db.rel.Author(['a1', 'a2']).books.where({ year: { $lt: 1970 } }).reviews.orderBy({ stars: 'desc' }).limit(2);
      expect(db.$cost.total.rowsRead).toBe(before);
      expect(chain.ids()).toEqual(['r4', 'r2']);
      expect(statements(db)).toBe(4); // two hops, one where, one ordered read
      expect(db.$cost.last.rowsRead).toBeGreaterThan(0);
    }),
  );
});
