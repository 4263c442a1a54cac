/**
 * Differential tests of the relational-query emulation (src/query):
 * 1. On the rows layout, for the relations Drizzle runs natively (Book.author,
 *    Author.books, Book.reviews, Review.book, …), Drizzle's own SQL is the
 *    truth: the emulation, forced through `runRelationalQuery`, must return
 *    exactly the same rows — nested `with`, per-parent limits and offsets,
 *    columns and relation filters included — for generated queries.
 * 2. Over every relation kind, the rows layout and the batched layout must
 *    return the same rows for the same generated queries.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runRelationalQuery, type RelationalFindConfig } from '../../src/query/index.js';
import { inDurableObject } from '../support/do.js';
import { emulationSource, openQueryDb, seedLargeLibrary, strip, type QueryDb, type QueryLayout } from './query-support.js';

type Collection = 'Author' | 'Book' | 'Genre' | 'Review';
type Arb<T> = fc.Arbitrary<T>;

interface RelationSpec {
  readonly target: Collection;
  readonly many: boolean;
  /** A relation Drizzle runs natively (single `-> T`, `<- T.f` over a single field). */
  readonly native: boolean;
}

const RELATIONS: Record<Collection, Record<string, RelationSpec>> = {
  Author: {
    books: { target: 'Book', many: true, native: true },
    reviews: { target: 'Review', many: true, native: true },
    topGenre: { target: 'Genre', many: false, native: false },
  },
  Book: {
    author: { target: 'Author', many: false, native: true },
    reviews: { target: 'Review', many: true, native: true },
    firstReview: { target: 'Review', many: false, native: true },
    genres: { target: 'Genre', many: true, native: false },
    similar: { target: 'Book', many: true, native: false },
    similarTo: { target: 'Book', many: true, native: false },
  },
  Genre: {
    books: { target: 'Book', many: true, native: false },
    firstBook: { target: 'Book', many: false, native: false },
    fans: { target: 'Author', many: true, native: false },
    topFan: { target: 'Author', many: false, native: false },
  },
  Review: {
    book: { target: 'Book', many: false, native: true },
    reviewer: { target: 'Author', many: false, native: true },
  },
};

const text = (values: readonly string[]) =>
  fc.oneof(
    fc.constantFrom(...values),
    fc.record({ op: fc.constantFrom('eq', 'ne', 'gt', 'lt'), v: fc.constantFrom(...values) }).map(({ op, v }) => ({ [op]: v })),
    fc.constantFrom({ like: 'S%' }, { like: '%a%' }, { notLike: 'T%' }, { isNull: true }, { isNotNull: true }, { in: values.slice(0, 2) }),
  );
const number = (lo: number, hi: number) =>
  fc.oneof(
    fc.integer({ min: lo, max: hi }),
    fc.record({ op: fc.constantFrom('eq', 'ne', 'gt', 'gte', 'lt', 'lte'), v: fc.integer({ min: lo, max: hi }) }).map(({ op, v }) => ({ [op]: v })),
    fc.constantFrom({ isNull: true }, { isNotNull: true }),
  );

const COLUMNS: Record<Collection, Record<string, Arb<unknown>>> = {
  Author: { name: text(['Ada 1', 'Bo 3', 'Cy', 'D']), country: text(['US', 'PL', 'FR']) },
  Book: { title: text(['Solaris 3', 'Kindred 5', 'T', 'A 1']), year: number(1950, 2010) },
  Genre: { name: text(['poetry', 'fantasy', 'drama', 'e']) },
  Review: { stars: number(1, 5), text: text(['good', 'bad', 'Great']) },
};
const KEYS: Record<Collection, readonly string[]> = {
  Author: ['$id', 'name', 'country'],
  Book: ['$id', 'title', 'year', 'authorId', 'genresIds'],
  Genre: ['$id', 'name'],
  Review: ['$id', 'stars', 'text', 'bookId', 'reviewerId'],
};

function relationsOf(collection: Collection, nativeOnly: boolean): [string, RelationSpec][] {
  return Object.entries(RELATIONS[collection]).filter(([, spec]) => spec.native || !nativeOnly);
}

/** A `where` of `collection`: column filters, relation filters (true, false, nested) and NOT/OR/AND. */
function where(collection: Collection, nativeOnly: boolean, depth: number): Arb<Record<string, unknown>> {
  const columns = Object.entries(COLUMNS[collection]).map(([key, arb]) => arb.map((v) => ({ [key]: v })));
  const relations =
    depth >= 2
      ? []
      : relationsOf(collection, nativeOnly).map(([name, spec]) =>
          fc.oneof(fc.boolean(), fc.constant({}), where(spec.target, nativeOnly, depth + 1)).map((v) => ({ [name]: v })),
        );
  const leaf = fc.oneof(...columns, ...relations);
  const node = fc.oneof(
    { weight: 4, arbitrary: leaf },
    { weight: 1, arbitrary: fc.tuple(leaf, leaf).map(([a, b]) => ({ ...a, ...b })) },
    { weight: 1, arbitrary: leaf.map((x) => ({ NOT: x })) },
    { weight: 1, arbitrary: fc.array(leaf, { minLength: 1, maxLength: 3 }).map((xs) => ({ OR: xs })) },
  );
  return node;
}

/** orderBy ending with `$id`, so both sides pick the same rows. */
function orderBy(collection: Collection): Arb<Record<string, 'asc' | 'desc'>> {
  const sortable = Object.keys(COLUMNS[collection]);
  return fc
    .option(fc.tuple(fc.constantFrom(...sortable), fc.constantFrom('asc' as const, 'desc' as const)), { nil: undefined })
    .chain((first) => fc.constantFrom('asc' as const, 'desc' as const).map((dir) => ({ ...(first === undefined ? {} : { [first[0]]: first[1] }), $id: dir })));
}

/** A `findMany` (top level) or relation config of `collection`. */
function config(collection: Collection, nativeOnly: boolean, depth: number, many: boolean): Arb<RelationalFindConfig> {
  const withArb =
    depth >= 3
      ? fc.constant(undefined)
      : fc
          .subarray(relationsOf(collection, nativeOnly), { maxLength: 2 })
          .chain((picked) =>
            picked.length === 0
              ? fc.constant(undefined)
              : fc.tuple(...picked.map(([name, spec]) => fc.oneof(fc.constant(true as const), config(spec.target, nativeOnly, depth + 1, spec.many)).map((v) => [name, v] as const))).map(Object.fromEntries),
          );
  return fc
    .record(
      {
        where: where(collection, nativeOnly, 0),
        orderBy: orderBy(collection),
        page: fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 2 })),
        columns: fc.subarray([...KEYS[collection]], { minLength: 1 }),
        with: withArb,
      },
      { requiredKeys: ['orderBy'] },
    )
    .map(({ where: w, orderBy: o, page, columns, with: wi }) => {
      const out: Record<string, unknown> = { orderBy: o };
      if (w !== undefined) out.where = w;
      if (page !== undefined) {
        if (many) out.limit = page[0] + 1;
        out.offset = page[1];
      }
      if (columns !== undefined) out.columns = Object.fromEntries(columns.map((k) => [k, true]));
      if (wi !== undefined) out.with = wi;
      return out as RelationalFindConfig;
    });
}

const TOP: Collection[] = ['Author', 'Book', 'Genre', 'Review'];
const query = (nativeOnly: boolean) =>
  fc.constantFrom(...TOP.filter((c) => !nativeOnly || relationsOf(c, true).length > 0)).chain((collection) => config(collection, nativeOnly, 0, true).map((c) => ({ collection, config: c })));

type Finder = { findMany(config: unknown): { sync(): unknown } };
const native = (db: QueryDb, collection: Collection, c: RelationalFindConfig) => (db.query as unknown as Record<Collection, Finder>)[collection].findMany(c).sync();

async function library(storage: DurableObjectStorage, layout: QueryLayout) {
  const db = await openQueryDb(storage, layout);
  seedLargeLibrary(db, storage);
  return db;
}

describe('the emulation against Drizzle on the rows layout (Drizzle relations)', () => {
  it('returns exactly what Drizzle returns for generated queries', async () => {
    await inDurableObject(async (storage) => {
      const db = await library(storage, 'rows');
      const source = emulationSource(db, storage);
      let nonEmpty = 0;
      fc.assert(
        fc.property(query(true), ({ collection, config: c }) => {
          const truth = native(db, collection, c);
          if ((truth as unknown[]).length > 0) nonEmpty++;
          expect(runRelationalQuery(source, collection, c, 'many')).toEqual(truth);
        }),
        { numRuns: 300, seed: 5 },
      );
      // The generated queries are not vacuous.
      expect(nonEmpty).toBeGreaterThan(150);
    });
  });

  it('agrees on relation filters over every Drizzle relation, findFirst included', async () => {
    await inDurableObject(async (storage) => {
      const db = await library(storage, 'rows');
      const source = emulationSource(db, storage);
      const cases: [Collection, RelationalFindConfig][] = [
        ['Author', { where: { books: { reviews: { stars: { gte: 4 }, reviewer: { country: 'PL' } } } }, orderBy: { $id: 'asc' } }],
        ['Author', { where: { NOT: { reviews: { stars: 5 } }, books: true }, orderBy: { name: 'desc', $id: 'asc' } }],
        ['Book', { where: { OR: [{ author: { country: { isNull: true } } }, { firstReview: { stars: 1 } }] }, orderBy: { $id: 'asc' }, with: { firstReview: { orderBy: { stars: 'desc', $id: 'asc' } } } }],
        ['Review', { where: { book: { author: { books: { year: { lt: 1955 } } } } }, orderBy: { $id: 'desc' }, with: { reviewer: { with: { books: { orderBy: { $id: 'asc' }, limit: 1 } } } } }],
        ['Review', { where: { reviewer: false, book: { reviews: { reviewer: { name: { like: 'A%' } } } } }, orderBy: { $id: 'asc' } }],
      ];
      for (const [collection, c] of cases) {
        const truth = native(db, collection, c) as unknown[];
        expect(truth.length).toBeGreaterThan(0);
        expect(runRelationalQuery(source, collection, c, 'many')).toEqual(truth);
        const first = (db.query as unknown as Record<Collection, { findFirst(config: unknown): { sync(): unknown } }>)[collection].findFirst(c).sync();
        expect(runRelationalQuery(source, collection, c, 'first')[0]).toEqual(first);
      }
    });
  });
});

describe('the rows layout against the batched layout (every relation kind)', () => {
  it('return the same rows for generated queries', async () => {
    const configs = fc.sample(query(false), { numRuns: 200, seed: 11 });
    const run = (layout: QueryLayout) =>
      inDurableObject(async (storage) => {
        const db = await library(storage, layout);
        return configs.map(({ collection, config: c }) => strip(native(db, collection, c)));
      });
    const [rows, batched] = [await run('rows'), await run('batched')];
    expect(rows.filter((r) => (r as unknown[]).length > 0).length).toBeGreaterThan(100);
    for (let i = 0; i < configs.length; i++) expect({ query: configs[i], rows: batched[i] }).toEqual({ query: configs[i], rows: rows[i] });
  });
});
