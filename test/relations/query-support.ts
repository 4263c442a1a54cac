/**
 * Shared by the `db.query` relation tests (query-*.test.ts): the library of
 * support.ts with one field of every relation kind it lacks — `~> T`,
 * `<~ T.f[]` over `~> T` and over `~> T[]`, `<~ T.f`, `<- T.f` over a list,
 * `<- T.f` over a single field — on the rows, batched and mixed layouts,
 * seeded with `seedLibrary` plus fuzzy edges written as a matcher would.
 */
import { defineSchema, type IceTypeDatabase } from '../../src/index.js';
import { EdgeTable } from '../../src/relations/index.js';
import { createDocumentSource, type DocumentSource } from '../../src/query/index.js';
import { openRelations, rowsSchema, seedLibrary, type RelationsDb } from './support.js';

const base = rowsSchema.definition;

const definition = {
  Author: {
    ...base.Author,
    /** Fuzzy forward, one. */
    topGenre: '~> Genre',
  },
  Book: {
    ...base.Book,
    /** Fuzzy backward over `~> Book[]`. */
    similarTo: '<~ Book.similar[]',
    /** Backward one over a single forward field (a Drizzle relation). */
    firstReview: '<- Review.book',
  },
  Genre: {
    ...base.Genre,
    /** Backward one over a list (`-> Genre[]`). */
    firstBook: '<- Book.genres',
    /** Fuzzy backward many and one over `~> Genre`. */
    fans: '<~ Author.topGenre[]',
    topFan: '<~ Author.topGenre',
  },
  Review: base.Review,
} as const;

export const queryRowsSchema = defineSchema(definition);
export const queryBatchedSchema = defineSchema({
  Author: { ...definition.Author, $storage: 'batched' },
  Book: { ...definition.Book, $storage: 'batched' },
  Genre: { ...definition.Genre, $storage: 'batched' },
  Review: { ...definition.Review, $storage: 'batched' },
} as const);
/** Authors and reviews batched, books and genres on rows. */
export const queryMixedSchema = defineSchema({
  ...definition,
  Author: { ...definition.Author, $storage: 'batched' },
  Review: { ...definition.Review, $storage: 'batched' },
} as const);

export const QUERY_LAYOUTS = { rows: queryRowsSchema, batched: queryBatchedSchema, mixed: queryMixedSchema } as const;
export type QueryLayout = keyof typeof QUERY_LAYOUTS;
export type QueryDb = IceTypeDatabase<typeof definition>;

/** Fuzzy edges: `[from collection, from id, field, to collection, to id, score]`. */
export const FUZZY_EDGES = [
  ['Book', 'b1', 'similar', 'Book', 'b6', 0.95],
  ['Book', 'b1', 'similar', 'Book', 'b3', 0.9],
  ['Book', 'b3', 'similar', 'Book', 'b1', 0.8],
  ['Book', 'b5', 'similar', 'Book', 'b6', 0.85],
  ['Book', 'b6', 'similar', 'Book', 'b5', 0.6],
  ['Author', 'a1', 'topGenre', 'Genre', 'g2', 0.7],
  ['Author', 'a2', 'topGenre', 'Genre', 'g1', 0.9],
  ['Author', 'a3', 'topGenre', 'Genre', 'g1', 0.8],
] as const;

/** Writes fuzzy edges into `_rels` with raw SQL, as a matcher would. */
export function insertFuzzyEdges(storage: DurableObjectStorage, edges: readonly (readonly [string, string, string, string, string, number])[]): void {
  for (const [fromType, fromId, rel, toType, toId, score] of edges) {
    storage.sql.exec(
      'INSERT INTO _rels (from_type, from_id, rel, to_type, to_id, ordinal, score, created_at) VALUES (?, ?, ?, ?, ?, 0, ?, 0)',
      fromType,
      fromId,
      rel,
      toType,
      toId,
      score,
    );
  }
}

/** Opens `layout` in a fresh DO, empty. */
export async function openQueryDb(storage: DurableObjectStorage, layout: QueryLayout = 'rows'): Promise<QueryDb> {
  return (await openRelations(storage, QUERY_LAYOUTS[layout] as never)) as unknown as QueryDb;
}

/** Opens `layout` in a fresh DO, seeded with the library and its fuzzy edges. */
export async function openLibrary(storage: DurableObjectStorage, layout: QueryLayout = 'rows'): Promise<QueryDb> {
  const db = await openQueryDb(storage, layout);
  seedLibrary(db as unknown as RelationsDb);
  insertFuzzyEdges(storage, FUZZY_EDGES);
  return db;
}

/** The emulation's source over `db`, built as `drizzle()` builds it: runs queries through the store whatever Drizzle could do. */
export function emulationSource(db: QueryDb, storage: DurableObjectStorage): DocumentSource {
  return createDocumentSource(db.$schema.collections, db.store, new EdgeTable(storage.sql));
}

/** Results without the write timestamps, which differ between databases. */
export function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== '$createdAt' && k !== '$updatedAt').map(([k, v]) => [k, strip(v)]));
  }
  return value;
}

/** Ids of rows, recursively: `[{ $id: 'a1', books: [{ $id: 'b1' }] }]` → `[{ $id: 'a1', books: ['b1'] }]`-like shapes are left to each test; this one maps a list to its ids. */
export function ids(rows: readonly { readonly $id: string }[]): string[] {
  return rows.map((row) => row.$id);
}

/** Sizes of `seedLargeLibrary`. */
export interface LibrarySize {
  readonly authors: number;
  readonly books: number;
  readonly reviews: number;
}

/**
 * A larger deterministic library (same collections): `authors` authors,
 * 8 genres, `books` books with genre lists (some empty or null), `reviews`
 * reviews (some without reviewer), fuzzy `similar` and `topGenre` edges.
 * Ids sort in creation order.
 */
export function seedLargeLibrary(db: QueryDb, storage: DurableObjectStorage, size: LibrarySize = { authors: 30, books: 120, reviews: 300 }): void {
  let s = 20261126;
  const next = () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const id = (prefix: string, i: number) => `${prefix}${String(i).padStart(4, '0')}`;
  const genres = ['science fiction', 'fantasy', 'poetry', 'horror', 'crime', 'drama', 'essay', 'comics'];
  db.store.createMany(
    'Author',
    Array.from({ length: size.authors }, (_, i) => ({ $id: id('a', i), name: `${pick(['Ada', 'Bo', 'Cy', 'Di'])} ${i % 7}`, country: pick(['US', 'PL', 'FR', null]) })),
  );
  db.store.createMany('Genre', genres.map((name, i) => ({ $id: id('g', i), name })));
  db.store.createMany(
    'Book',
    Array.from({ length: size.books }, (_, i) => ({
      $id: id('b', i),
      title: `${pick(['Solaris', 'Kindred', 'The ', 'A '])}${i % 11}`,
      year: next() < 0.1 ? null : 1950 + Math.floor(next() * 60),
      author: id('a', Math.floor(next() * size.authors)),
      genres: next() < 0.15 ? null : [...new Set(Array.from({ length: Math.floor(next() * 4) }, () => id('g', Math.floor(next() * genres.length))))],
    })),
  );
  db.store.createMany(
    'Review',
    Array.from({ length: size.reviews }, (_, i) => ({
      $id: id('r', i),
      stars: 1 + Math.floor(next() * 5),
      text: pick(['good', 'bad', null, 'Great']),
      book: id('b', Math.floor(next() * size.books)),
      reviewer: next() < 0.2 ? null : id('a', Math.floor(next() * size.authors)),
    })),
  );
  const edges: [string, string, string, string, string, number][] = [];
  for (let i = 0; i < size.books; i += 3) {
    for (const j of new Set([Math.floor(next() * size.books), Math.floor(next() * size.books)])) edges.push(['Book', id('b', i), 'similar', 'Book', id('b', j), Math.round(next() * 100) / 100]);
  }
  for (let i = 0; i < size.authors; i += 2) edges.push(['Author', id('a', i), 'topGenre', 'Genre', id('g', Math.floor(next() * genres.length)), Math.round(next() * 100) / 100]);
  insertFuzzyEdges(storage, edges);
}
