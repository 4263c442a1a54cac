/**
 * `db.query.X.findMany/findFirst({ with })` over every relation kind
 * (DESIGN.md §4, ICETYPE.md §1.3) on the rows, batched and mixed layouts:
 * forward one and many, backward over a single field and over a list (many
 * and one), fuzzy forward and backward (many and one), nested three and four
 * levels, with per-parent where/orderBy/limit/offset and columns. Expected
 * results are written from the fixture (support.ts `seedLibrary` and
 * query-support.ts `FUZZY_EDGES`), not computed.
 */
import { describe, expect, it } from 'vitest';
import { inDurableObject } from '../support/do.js';
import { openLibrary, QUERY_LAYOUTS, type QueryDb, type QueryLayout } from './query-support.js';

const LAYOUTS = Object.keys(QUERY_LAYOUTS) as QueryLayout[];

/** Runs `fn` over the seeded library on `layout`. */
function withLibrary<R>(layout: QueryLayout, fn: (db: QueryDb, storage: DurableObjectStorage) => R): Promise<R> {
  return inDurableObject(async (storage) => fn(await openLibrary(storage, layout), storage));
}

const TITLES: Record<string, string> = {
  b1: 'The Dispossessed',
  b2: 'A Wizard of Earthsea',
  b3: 'Solaris',
  b4: 'The Cyberiad',
  b5: 'Kindred',
  b6: 'Parable of the Sower',
};

describe.each(LAYOUTS)('with, on the %s layout', (layout) => {
  it('forward one (-> T, -> T?): the row or null', async () => {
    const rows = await withLibrary(layout, (db) =>
      db.query.Review.findMany({ orderBy: { $id: 'asc' }, columns: { $id: true }, with: { book: { columns: { title: true } }, reviewer: { columns: { name: true } } } }).sync(),
    );
    expect(rows.map((r) => [r.$id, r.book.title, r.reviewer?.name ?? null])).toEqual([
      ['r1', 'The Dispossessed', 'Stanisław'],
      ['r2', 'A Wizard of Earthsea', 'Octavia'],
      ['r3', 'Solaris', null],
      ['r4', 'The Cyberiad', 'Ursula'],
      ['r5', 'Solaris', 'Ursula'],
      ['r6', 'Kindred', 'Stanisław'],
      ['r7', 'Parable of the Sower', null],
      ['r8', 'The Dispossessed', 'Nobody'],
    ]);
  });

  it('forward many (-> T[]): list order, [] for an empty or null list; orderBy and where per parent', async () => {
    const { plain, ordered, filtered } = await withLibrary(layout, (db) => ({
      plain: db.query.Book.findMany({ orderBy: { $id: 'asc' }, columns: { $id: true }, with: { genres: { columns: { name: true } } } }).sync(),
      ordered: db.query.Book.findMany({ orderBy: { $id: 'asc' }, columns: { $id: true }, with: { genres: { columns: { name: true }, orderBy: { name: 'asc' } } } }).sync(),
      filtered: db.query.Book.findMany({ orderBy: { $id: 'asc' }, columns: { $id: true }, with: { genres: { columns: { $id: true }, where: { name: { like: 'p%' } } } } }).sync(),
    }));
    const names = (rows: typeof plain) => Object.fromEntries(rows.map((b) => [b.$id, b.genres.map((g) => g.name)]));
    expect(names(plain)).toEqual({ b1: ['science fiction'], b2: ['fantasy', 'science fiction'], b3: ['science fiction'], b4: [], b5: [], b6: ['science fiction', 'poetry'] });
    expect(names(ordered)).toMatchObject({ b2: ['fantasy', 'science fiction'], b6: ['poetry', 'science fiction'] });
    expect(Object.fromEntries(filtered.map((b) => [b.$id, b.genres]))).toEqual({ b1: [], b2: [], b3: [], b4: [], b5: [], b6: [{ $id: 'g3' }] });
  });

  it('backward over a single forward field (<- T.f[]): $id order, per parent', async () => {
    const { authors, books } = await withLibrary(layout, (db) => ({
      authors: db.query.Author.findMany({ orderBy: { $id: 'asc' }, columns: { $id: true }, with: { books: { columns: { $id: true } }, reviews: { columns: { $id: true } } } }).sync(),
      books: db.query.Book.findMany({ orderBy: { $id: 'asc' }, columns: { $id: true }, with: { reviews: { columns: { $id: true } } } }).sync(),
    }));
    expect(authors.map((a) => [a.$id, a.books.map((b) => b.$id), a.reviews.map((r) => r.$id)])).toEqual([
      ['a1', ['b1', 'b2'], ['r4', 'r5']],
      ['a2', ['b3', 'b4'], ['r1', 'r6']],
      ['a3', ['b5', 'b6'], ['r2']],
      ['a4', [], ['r8']],
    ]);
    expect(books.map((b) => b.reviews.map((r) => r.$id))).toEqual([['r1', 'r8'], ['r2'], ['r3', 'r5'], ['r4'], ['r6'], ['r7']]);
  });

  it('backward one over a single forward field (<- T.f): the first by orderBy, or null', async () => {
    const rows = await withLibrary(layout, (db) =>
      db.query.Book.findMany({ orderBy: { $id: 'asc' }, columns: { $id: true }, with: { firstReview: { columns: { $id: true }, orderBy: { stars: 'asc' } } } }).sync(),
    );
    expect(rows.map((b) => b.firstReview?.$id ?? null)).toEqual(['r8', 'r2', 'r5', 'r4', 'r6', 'r7']);
  });

  it('backward over a list (<- T.f[] and <- T.f where T.f is -> Self[])', async () => {
    const rows = await withLibrary(layout, (db) =>
      db.query.Genre.findMany({ orderBy: { $id: 'asc' }, columns: { $id: true }, with: { books: { columns: { $id: true } }, firstBook: { columns: { title: true } } } }).sync(),
    );
    expect(rows.map((g) => [g.$id, g.books.map((b) => b.$id), g.firstBook?.title])).toEqual([
      ['g1', ['b1', 'b2', 'b3', 'b6'], TITLES.b1],
      ['g2', ['b2'], TITLES.b2],
      ['g3', ['b6'], TITLES.b6],
    ]);
  });

  it('fuzzy forward (~> T[] best score first, ~> T the best or null)', async () => {
    const { books, authors } = await withLibrary(layout, (db) => ({
      books: db.query.Book.findMany({ orderBy: { $id: 'asc' }, columns: { $id: true }, with: { similar: { columns: { $id: true } } } }).sync(),
      authors: db.query.Author.findMany({ orderBy: { $id: 'asc' }, columns: { $id: true }, with: { topGenre: { columns: { name: true } } } }).sync(),
    }));
    expect(Object.fromEntries(books.map((b) => [b.$id, b.similar.map((s) => s.$id)]))).toEqual({ b1: ['b6', 'b3'], b2: [], b3: ['b1'], b4: [], b5: ['b6'], b6: ['b5'] });
    expect(authors.map((a) => a.topGenre?.name ?? null)).toEqual(['fantasy', 'science fiction', 'science fiction', null]);
  });

  it('fuzzy backward (<~ T.f[] best score first, <~ T.f the best or null), over ~> T and ~> T[]', async () => {
    const { books, genres } = await withLibrary(layout, (db) => ({
      books: db.query.Book.findMany({ orderBy: { $id: 'asc' }, columns: { $id: true }, with: { similarTo: { columns: { $id: true } } } }).sync(),
      genres: db.query.Genre.findMany({ orderBy: { $id: 'asc' }, columns: { $id: true }, with: { fans: { columns: { $id: true } }, topFan: { columns: { name: true } } } }).sync(),
    }));
    expect(Object.fromEntries(books.map((b) => [b.$id, b.similarTo.map((s) => s.$id)]))).toEqual({ b1: ['b3'], b2: [], b3: ['b1'], b4: [], b5: ['b6'], b6: ['b1', 'b5'] });
    expect(genres.map((g) => [g.$id, g.fans.map((a) => a.$id), g.topFan?.name ?? null])).toEqual([
      ['g1', ['a2', 'a3'], 'Stanisław'],
      ['g2', ['a1'], 'Ursula'],
      ['g3', [], null],
    ]);
  });

  it('limit, offset and orderBy apply per parent', async () => {
    const { top2, skip1, best } = await withLibrary(layout, (db) => ({
      top2: db.query.Genre.findMany({ orderBy: { $id: 'asc' }, columns: { $id: true }, with: { books: { orderBy: { year: 'desc' }, limit: 2, columns: { title: true } } } }).sync(),
      skip1: db.query.Genre.findMany({ orderBy: { $id: 'asc' }, columns: { $id: true }, with: { books: { orderBy: { year: 'desc' }, offset: 1, limit: 2, columns: { title: true } } } }).sync(),
      best: db.query.Book.findMany({ where: { $id: { in: ['b1', 'b5'] } }, orderBy: { $id: 'asc' }, columns: { $id: true }, with: { similar: { limit: 1, columns: { $id: true } } } }).sync(),
    }));
    expect(top2.map((g) => g.books.map((b) => b.title))).toEqual([[TITLES.b6, TITLES.b1], [TITLES.b2], [TITLES.b6]]);
    expect(skip1.map((g) => g.books.map((b) => b.title))).toEqual([[TITLES.b1, TITLES.b2], [], []]);
    expect(best.map((b) => b.similar.map((s) => s.$id))).toEqual([['b6'], ['b6']]);
  });

  it('where on a relation level: a one relation that fails it is null, a many one keeps the matching rows', async () => {
    const { authors, similar } = await withLibrary(layout, (db) => ({
      authors: db.query.Book.findMany({ orderBy: { $id: 'asc' }, columns: { $id: true }, with: { author: { where: { country: 'US' }, columns: { name: true } } } }).sync(),
      similar: db.query.Book.findMany({ orderBy: { $id: 'asc' }, columns: { $id: true }, with: { similar: { where: { year: { lt: 1970 } }, columns: { $id: true } } } }).sync(),
    }));
    expect(authors.map((b) => b.author?.name ?? null)).toEqual(['Ursula', 'Ursula', null, null, 'Octavia', 'Octavia']);
    expect(similar.map((b) => b.similar.map((s) => s.$id))).toEqual([['b3'], [], [], [], [], []]);
  });

  it('nests three levels across every kind (-> T[] then <- T.f[] over a list; ~> T[] then -> T)', async () => {
    const rows = await withLibrary(layout, (db) =>
      db.query.Author.findMany({
        where: { $id: { in: ['a1', 'a3'] } },
        orderBy: { $id: 'asc' },
        columns: { name: true },
        with: {
          books: {
            columns: { title: true },
            with: {
              genres: { columns: { name: true }, with: { books: { columns: { $id: true } } } },
              similar: { columns: { $id: true }, with: { author: { columns: { name: true } } } },
            },
          },
        },
      }).sync(),
    );
    const sf = { name: 'science fiction', books: [{ $id: 'b1' }, { $id: 'b2' }, { $id: 'b3' }, { $id: 'b6' }] };
    expect(rows).toEqual([
      {
        name: 'Ursula',
        books: [
          { title: TITLES.b1, genres: [sf], similar: [{ $id: 'b6', author: { name: 'Octavia' } }, { $id: 'b3', author: { name: 'Stanisław' } }] },
          { title: TITLES.b2, genres: [{ name: 'fantasy', books: [{ $id: 'b2' }] }, sf], similar: [] },
        ],
      },
      {
        name: 'Octavia',
        books: [
          { title: TITLES.b5, genres: [], similar: [{ $id: 'b6', author: { name: 'Octavia' } }] },
          { title: TITLES.b6, genres: [sf, { name: 'poetry', books: [{ $id: 'b6' }] }], similar: [{ $id: 'b5', author: { name: 'Octavia' } }] },
        ],
      },
    ]);
    // A row related to several parents is a row of its own under each.
    const [ursula] = rows;
    expect(ursula?.books[0]?.genres[0]).not.toBe(ursula?.books[1]?.genres[1]);
  });

  it('nests four levels through fuzzy backward, backward and forward relations (findFirst)', async () => {
    const genre = await withLibrary(layout, (db) =>
      db.query.Genre.findFirst({
        where: { name: 'science fiction' },
        columns: { $id: true },
        with: { fans: { columns: { $id: true }, with: { books: { columns: { $id: true }, with: { reviews: { columns: { stars: true }, with: { reviewer: { columns: { name: true } } } } } } } } },
      }).sync(),
    );
    expect(genre).toEqual({
      $id: 'g1',
      fans: [
        {
          $id: 'a2',
          books: [
            { $id: 'b3', reviews: [{ stars: 3, reviewer: null }, { stars: 2, reviewer: { name: 'Ursula' } }] },
            { $id: 'b4', reviews: [{ stars: 5, reviewer: { name: 'Ursula' } }] },
          ],
        },
        {
          $id: 'a3',
          books: [
            { $id: 'b5', reviews: [{ stars: 5, reviewer: { name: 'Stanisław' } }] },
            { $id: 'b6', reviews: [{ stars: 4, reviewer: null }] },
          ],
        },
      ],
    });
  });

  it('selects columns on every level, including none beside a relation', async () => {
    const book = await withLibrary(layout, (db) =>
      db.query.Book.findFirst({ where: { $id: 'b2' }, columns: { title: true, genresIds: true }, with: { genres: { columns: {}, with: { firstBook: { columns: { year: true } } } }, author: { columns: { country: false, name: false } } } }).sync(),
    );
    expect(book).toMatchObject({ title: TITLES.b2, genresIds: ['g2', 'g1'], genres: [{ firstBook: { year: 1968 } }, { firstBook: { year: 1974 } }] });
    expect(Object.keys(book?.author ?? {}).sort()).toEqual(['$createdAt', '$id', '$type', '$updatedAt', '$version']);
  });
});

describe('routing', () => {
  const sqlOf = (query: unknown) => (query as { toSQL(): { sql: string } }).toSQL().sql;

  it('runs Drizzle relations on rows collections as Drizzle SQL, and the rest through the store', async () => {
    await withLibrary('rows', (db) => {
      // Drizzle relations: `-> T`, `<- T.f` over a single field, and filters on them.
      expect(sqlOf(db.query.Book.findMany({ with: { author: true, reviews: { where: { reviewer: { name: 'x' } } } } }))).toContain('from "Book"');
      expect(sqlOf(db.query.Author.findMany({ where: { books: { reviews: true } } }))).toContain('exists');
      expect(sqlOf(db.query.Genre.findMany())).toContain('from "Genre"');
      // Any other relation, in `with` or `where`, at any depth: the store (no SQL).
      for (const query of [
        db.query.Book.findMany({ with: { genres: true } }),
        db.query.Book.findMany({ where: { genres: { name: 'x' } } }),
        db.query.Book.findMany({ where: { NOT: { OR: [{ similar: true }] } } }),
        db.query.Author.findMany({ with: { books: { with: { reviews: { with: { book: { with: { similarTo: true } } } } } } } }),
        db.query.Author.findMany({ with: { books: { where: { genres: true } } } }),
        db.query.Review.findFirst({ where: { book: { author: { topGenre: { name: 'x' } } } } }),
      ]) {
        expect(() => sqlOf(query)).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_QUERY' }));
      }
    });
  });

  it('sends a query reaching a batched collection through a Drizzle relation to the store, in with or where', async () => {
    await withLibrary('mixed', (db) => {
      expect(sqlOf(db.query.Genre.findMany({ columns: { name: true } }))).toContain('from "Genre"');
      expect(sqlOf(db.query.Book.findMany({ columns: { title: true } }))).toContain('from "Book"');
      expect(() => sqlOf(db.query.Book.findMany({ where: { author: { name: 'x' } } }))).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_QUERY' }));
      expect(() => sqlOf(db.query.Book.findMany({ with: { author: true } }))).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_QUERY' }));
      expect(db.query.Book.findMany({ where: { author: { name: 'Ursula' } }, columns: { $id: true }, orderBy: { $id: 'asc' } }).sync()).toEqual([{ $id: 'b1' }, { $id: 'b2' }]);
    });
  });
});
