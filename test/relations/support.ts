/**
 * Shared by the relation tests: a schema set with every relation kind —
 * forward one (`-> T`) and many (`-> T[]`), backward over both, fuzzy
 * forward and backward — opened in a real DO with every collection on the
 * rows layout, or every collection batched, or mixed. Tables are created from
 * the compiled Drizzle tables, then `migrate` installs the system tables and
 * triggers. The fixtures' documents refer only to documents created before them.
 */
import { defineSchema, drizzle, migrate, type IceTypeSchemaSet } from '../../src/index.js';
import { createTablesSql } from '../search/support.js';

const definition = {
  Author: {
    name: 'string!',
    country: 'string?',
    books: '<- Book.author[]',
    reviews: '<- Review.reviewer[]',
  },
  Book: {
    title: 'string!',
    year: 'int',
    author: '-> Author!',
    genres: '-> Genre[]',
    reviews: '<- Review.book[]',
    similar: '~> Book[]',
  },
  Genre: {
    name: 'string!',
    books: '<- Book.genres[]',
  },
  Review: {
    stars: 'int!',
    text: 'string?',
    book: '-> Book!',
    reviewer: '-> Author',
  },
} as const;

/** Every collection on the rows layout. */
export const rowsSchema = defineSchema(definition);

/** Every collection batched. */
export const batchedSchema = defineSchema({
  Author: { ...definition.Author, $storage: 'batched' },
  Book: { ...definition.Book, $storage: 'batched' },
  Genre: { ...definition.Genre, $storage: 'batched' },
  Review: { ...definition.Review, $storage: 'batched' },
} as const);

/** Authors and reviews batched, books and genres on rows: every relation crosses layouts. */
export const mixedSchema = defineSchema({
  ...definition,
  Author: { ...definition.Author, $storage: 'batched' },
  Review: { ...definition.Review, $storage: 'batched' },
} as const);

export const LAYOUTS = { rows: rowsSchema, batched: batchedSchema, mixed: mixedSchema } as const;
export type LayoutName = keyof typeof LAYOUTS;

/** Opens `set` in a fresh DO: collection tables, system tables, triggers. */
export async function openRelations(storage: DurableObjectStorage, set: IceTypeSchemaSet<typeof definition> = rowsSchema) {
  for (const ddl of createTablesSql(set)) storage.sql.exec(ddl);
  const db = drizzle(storage, { schema: set as typeof rowsSchema });
  await migrate(db, { migrations: {} });
  return db;
}

export type RelationsDb = Awaited<ReturnType<typeof openRelations>>;

/**
 * A small library: 4 authors, 3 genres, 6 books (with genre lists, some
 * empty), 8 reviews (two without reviewer). Ids are readable and sort in
 * creation order.
 */
export function seedLibrary(db: RelationsDb) {
  db.store.createMany('Author', [
    { $id: 'a1', name: 'Ursula', country: 'US' },
    { $id: 'a2', name: 'Stanisław', country: 'PL' },
    { $id: 'a3', name: 'Octavia', country: 'US' },
    { $id: 'a4', name: 'Nobody', country: null },
  ]);
  db.store.createMany('Genre', [
    { $id: 'g1', name: 'science fiction' },
    { $id: 'g2', name: 'fantasy' },
    { $id: 'g3', name: 'poetry' },
  ]);
  db.store.createMany('Book', [
    { $id: 'b1', title: 'The Dispossessed', year: 1974, author: 'a1', genres: ['g1'] },
    { $id: 'b2', title: 'A Wizard of Earthsea', year: 1968, author: 'a1', genres: ['g2', 'g1'] },
    { $id: 'b3', title: 'Solaris', year: 1961, author: 'a2', genres: ['g1'] },
    { $id: 'b4', title: 'The Cyberiad', year: 1965, author: 'a2', genres: [] },
    { $id: 'b5', title: 'Kindred', year: 1979, author: 'a3', genres: null },
    { $id: 'b6', title: 'Parable of the Sower', year: 1993, author: 'a3', genres: ['g1', 'g3'] },
  ]);
  db.store.createMany('Review', [
    { $id: 'r1', stars: 5, text: 'anarchist utopia', book: 'b1', reviewer: 'a2' },
    { $id: 'r2', stars: 4, text: 'dragons', book: 'b2', reviewer: 'a3' },
    { $id: 'r3', stars: 3, text: 'ocean', book: 'b3', reviewer: null },
    { $id: 'r4', stars: 5, text: 'robots', book: 'b4', reviewer: 'a1' },
    { $id: 'r5', stars: 2, text: null, book: 'b3', reviewer: 'a1' },
    { $id: 'r6', stars: 5, text: 'time travel', book: 'b5', reviewer: 'a2' },
    { $id: 'r7', stars: 4, text: 'seeds', book: 'b6', reviewer: null },
    { $id: 'r8', stars: 1, text: 'meh', book: 'b1', reviewer: 'a4' },
  ]);
}
