/**
 * Relation filters in `where` (Drizzle RQB v2 `relationsFilterToSQL`):
 * `{ rel: {…} }` is EXISTS of a related row matching, `{ rel: true }` EXISTS,
 * `{ rel: false }` NOT EXISTS, and a filter adding no condition (`{}`) drops
 * the relation filter — on every relation kind, under NOT/OR/AND, nested, and
 * on `with` levels, on the rows, batched and mixed layouts. On the rows
 * layout Drizzle's own SQL answers the Drizzle relations, so these expected
 * results hold for it too. Expected results are written from the fixture.
 */
import { describe, expect, it } from 'vitest';
import { RelationalQueryError } from '../../src/query/index.js';
import { inDurableObject } from '../support/do.js';
import { openLibrary, QUERY_LAYOUTS, type QueryDb, type QueryLayout } from './query-support.js';

const LAYOUTS = Object.keys(QUERY_LAYOUTS) as QueryLayout[];

type Finder = (db: QueryDb) => { sync(): readonly { readonly $id: string }[] };

/** Each case: a query selecting `$id`s (ordered by `$id`), and the ids it must return. */
const CASES: [string, Finder, string[]][] = [
  // Backward over a single field (a Drizzle relation).
  ['some related row matches', (db) => db.query.Author.findMany({ where: { books: { title: { like: 'S%' } } }, columns: { $id: true }, orderBy: { $id: 'asc' } }), ['a2']],
  ['true: some related row', (db) => db.query.Author.findMany({ where: { books: true }, columns: { $id: true }, orderBy: { $id: 'asc' } }), ['a1', 'a2', 'a3']],
  ['false: no related row', (db) => db.query.Author.findMany({ where: { books: false }, columns: { $id: true }, orderBy: { $id: 'asc' } }), ['a4']],
  ['NOT of a relation filter', (db) => db.query.Author.findMany({ where: { NOT: { books: { year: { lt: 1970 } } } }, columns: { $id: true }, orderBy: { $id: 'asc' } }), ['a3', 'a4']],
  [
    'OR of a relation filter and a column',
    (db) => db.query.Author.findMany({ where: { OR: [{ books: { title: { like: 'K%' } } }, { country: 'PL' }] }, columns: { $id: true }, orderBy: { $id: 'asc' } }),
    ['a2', 'a3'],
  ],
  [
    'AND of two relation filters on the same relation (two rows may match each)',
    (db) => db.query.Author.findMany({ where: { AND: [{ books: { year: { lt: 1965 } } }, { books: { year: { gt: 1964 } } }] }, columns: { $id: true }, orderBy: { $id: 'asc' } }),
    ['a2'],
  ],
  ['a filter adding no condition drops the relation filter', (db) => db.query.Author.findMany({ where: { books: {}, reviews: { NOT: {} } }, columns: { $id: true }, orderBy: { $id: 'asc' } }), ['a1', 'a2', 'a3', 'a4']],
  ['nested two levels', (db) => db.query.Author.findMany({ where: { books: { reviews: { stars: 1 } } }, columns: { $id: true }, orderBy: { $id: 'asc' } }), ['a1']],
  [
    'nested three levels',
    (db) => db.query.Genre.findMany({ where: { books: { author: { reviews: { stars: 2 } } } }, columns: { $id: true }, orderBy: { $id: 'asc' } }),
    ['g1', 'g2'],
  ],
  ['NOT inside a relation filter', (db) => db.query.Book.findMany({ where: { reviews: { NOT: { stars: { gte: 3 } } } }, columns: { $id: true }, orderBy: { $id: 'asc' } }), ['b1', 'b3']],
  ['NOT around a relation filter', (db) => db.query.Book.findMany({ where: { NOT: { reviews: { stars: { lt: 3 } } } }, columns: { $id: true }, orderBy: { $id: 'asc' } }), ['b2', 'b4', 'b5', 'b6']],
  // Forward one: UNKNOWN inside is not TRUE; EXISTS itself is never UNKNOWN.
  ['ne inside a forward relation filter does not match NULL', (db) => db.query.Review.findMany({ where: { reviewer: { country: { ne: 'US' } } }, columns: { $id: true }, orderBy: { $id: 'asc' } }), ['r1', 'r6']],
  ['NOT EXISTS matches a null reference', (db) => db.query.Review.findMany({ where: { NOT: { reviewer: { country: 'US' } } }, columns: { $id: true }, orderBy: { $id: 'asc' } }), ['r1', 'r3', 'r6', 'r7', 'r8']],
  ['false on a forward one: a null reference', (db) => db.query.Review.findMany({ where: { reviewer: false }, columns: { $id: true }, orderBy: { $id: 'asc' } }), ['r3', 'r7']],
  // Relations Drizzle does not have: served by the store on every layout.
  ['-> T[]', (db) => db.query.Book.findMany({ where: { genres: { name: 'poetry' } }, columns: { $id: true }, orderBy: { $id: 'asc' } }), ['b6']],
  ['-> T[] false: an empty or null list', (db) => db.query.Book.findMany({ where: { genres: false }, columns: { $id: true }, orderBy: { $id: 'asc' } }), ['b4', 'b5']],
  ['<- T.f[] over a list', (db) => db.query.Genre.findMany({ where: { books: { year: { lt: 1965 } } }, columns: { $id: true }, orderBy: { $id: 'asc' } }), ['g1']],
  ['<- T.f over a list (one): any related row, not just the first', (db) => db.query.Genre.findMany({ where: { firstBook: { year: { gt: 1970 } } }, columns: { $id: true }, orderBy: { $id: 'asc' } }), ['g1', 'g3']],
  ['~> T[]', (db) => db.query.Book.findMany({ where: { similar: { year: { gt: 1990 } } }, columns: { $id: true }, orderBy: { $id: 'asc' } }), ['b1', 'b5']],
  ['<~ T.f[] true', (db) => db.query.Book.findMany({ where: { similarTo: true }, columns: { $id: true }, orderBy: { $id: 'asc' } }), ['b1', 'b3', 'b5', 'b6']],
  ['~> T', (db) => db.query.Author.findMany({ where: { topGenre: { name: 'fantasy' } }, columns: { $id: true }, orderBy: { $id: 'asc' } }), ['a1']],
  ['<~ T.f[] over ~> T', (db) => db.query.Genre.findMany({ where: { fans: { country: 'US' } }, columns: { $id: true }, orderBy: { $id: 'asc' } }), ['g1', 'g2']],
  ['<~ T.f (one)', (db) => db.query.Genre.findMany({ where: { topFan: { country: 'PL' } }, columns: { $id: true }, orderBy: { $id: 'asc' } }), ['g1']],
  [
    'mixed kinds nested under OR and NOT',
    (db) =>
      db.query.Book.findMany({
        where: { OR: [{ genres: { fans: { name: 'Ursula' } } }, { NOT: { reviews: { stars: 5 } }, author: { books: { genres: { name: 'poetry' } } } }] },
        columns: { $id: true },
        orderBy: { $id: 'asc' },
      }),
    ['b2', 'b6'],
  ],
  ['with findFirst, limit and columns', (db) => ({ sync: () => [db.query.Book.findFirst({ where: { genres: true, reviews: { stars: 5 } }, columns: { $id: true }, orderBy: { year: 'desc' } }).sync()!] }), ['b1']],
];

describe.each(LAYOUTS)('relation filters on the %s layout', (layout) => {
  it.each(CASES)('%s', async (_, find, expected) => {
    const found = await inDurableObject(async (storage) => find(await openLibrary(storage, layout)).sync());
    expect(found.map((row) => row.$id)).toEqual(expected);
  });

  it('filter relation levels of `with`, per level', async () => {
    const rows = await inDurableObject(async (storage) => {
      const db = await openLibrary(storage, layout);
      return db.query.Author.findMany({
        orderBy: { $id: 'asc' },
        columns: { $id: true },
        with: {
          books: { where: { reviews: { stars: { gte: 5 } } }, columns: { $id: true } },
          topGenre: { where: { books: { similar: true } }, columns: { $id: true }, with: { fans: { where: { NOT: { reviews: true } }, columns: { $id: true } } } },
        },
      }).sync();
    });
    expect(rows).toEqual([
      { $id: 'a1', books: [{ $id: 'b1' }], topGenre: null },
      { $id: 'a2', books: [{ $id: 'b4' }], topGenre: { $id: 'g1', fans: [] } },
      { $id: 'a3', books: [{ $id: 'b5' }], topGenre: { $id: 'g1', fans: [] } },
      { $id: 'a4', books: [], topGenre: null },
    ]);
  });
});

describe('relation filters that cannot be served', () => {
  it('throw typed errors saying expected vs found', async () => {
    await inDurableObject(async (storage) => {
      const db = await openLibrary(storage, 'batched');
      const error = (where: unknown) => {
        try {
          db.query.Author.findMany({ where: where as never }).sync();
        } catch (e) {
          expect(e).toBeInstanceOf(RelationalQueryError);
          expect((e as Error).message).toMatch(/expected .* found/);
          return e as RelationalQueryError;
        }
        throw new Error('expected an error, found none');
      };
      expect(error({ books: null })).toMatchObject({ code: 'INVALID_QUERY', path: ['where', 'books'] });
      expect(error({ books: 'x' })).toMatchObject({ code: 'INVALID_QUERY' });
      expect(error({ books: [{ title: 'x' }] })).toMatchObject({ code: 'INVALID_QUERY' });
      expect(error({ books: { nope: 1 } })).toMatchObject({ code: 'UNKNOWN_COLUMN', collection: 'Book', path: ['where', 'books', 'nope'] });
      expect(error({ books: { reviews: { stars: { gt: 'x' } } } })).toMatchObject({ code: 'INVALID_OPERAND', collection: 'Review' });
      expect(error({ NOT: { books: { RAW: () => 'x' } } })).toMatchObject({ code: 'UNSUPPORTED_QUERY' });
    });
  });

  it('an order by a relation the store serves is UNSUPPORTED_QUERY, not a silent misorder', async () => {
    await inDurableObject(async (storage) => {
      const db = await openLibrary(storage, 'rows');
      for (const orderBy of [{ genres: 'asc(count)' }, { author: { name: 'asc' }, genres: 'desc(count)' }]) {
        expect(() => db.query.Book.findMany({ orderBy: orderBy as never }).sync()).toThrow(
          expect.objectContaining({ code: 'UNSUPPORTED_QUERY', message: expect.stringMatching(/expected a column key, found the relation/) }),
        );
      }
    });
  });
});
