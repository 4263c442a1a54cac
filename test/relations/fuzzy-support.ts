/**
 * Shared by the fuzzy-relation tests: the relation fixture of support.ts
 * with what matching needs — `Book.blurb` (a second text field),
 * `Book.similarTo: '<~ Book.similar[]'` (fuzzy backward) and
 * `Review.mentions: '~> Book[]'` (fuzzy across collections) — on the rows,
 * batched and mixed layouts, opened with `drizzle()`'s `matchers` option;
 * plus readers of the `_rels` rows matching writes, and a deterministic
 * local embedding.
 */
import { expect } from 'vitest';
import { defineSchema, drizzle, migrate, wordTokens, type FuzzyMatchers, type IceTypeDatabase } from '../../src/index.js';
import { createTablesSql } from '../search/support.js';
import { batchedSchema, mixedSchema, rowsSchema, seedLibrary, type LayoutName, type RelationsDb } from './support.js';

const extend = <S extends typeof rowsSchema | typeof batchedSchema | typeof mixedSchema>(set: S) =>
  defineSchema({
    ...set.definition,
    Book: { ...set.definition.Book, blurb: 'text?', similarTo: '<~ Book.similar[]' },
    Review: { ...set.definition.Review, mentions: '~> Book[]' },
  } as const);

export const FUZZY_LAYOUTS = { rows: extend(rowsSchema), batched: extend(batchedSchema), mixed: extend(mixedSchema) };
export const FUZZY_LAYOUT_NAMES = Object.keys(FUZZY_LAYOUTS) as LayoutName[];

export type FuzzyDefinition = (typeof FUZZY_LAYOUTS)['rows']['definition'];
export type FuzzyDb = IceTypeDatabase<FuzzyDefinition>;

/** Opens `layout` in a fresh DO with `matchers`: collection tables, `drizzle()`, then `migrate` (system tables, triggers). */
export async function openFuzzy(storage: DurableObjectStorage, layout: LayoutName, matchers: FuzzyMatchers<FuzzyDefinition>): Promise<FuzzyDb> {
  const set = FUZZY_LAYOUTS[layout];
  for (const ddl of createTablesSql(set)) storage.sql.exec(ddl);
  const db = drizzle(storage, { schema: set as (typeof FUZZY_LAYOUTS)['rows'], matchers });
  await migrate(db, { migrations: {} });
  return db;
}

/** The library of support.ts: 4 authors, 3 genres, 6 books (no blurbs), 8 reviews. */
export function seedFuzzyLibrary(db: FuzzyDb): void {
  seedLibrary(db as unknown as RelationsDb);
}

/** One `_rels` row of a fuzzy field, as the tests compare them. */
export interface FuzzyEdge {
  readonly from: string;
  readonly to: string;
  readonly ordinal: number;
  readonly score: number;
  readonly createdAt: number;
}

/** The `rel` edges leaving `from` (every source when omitted), by source then ordinal. */
export function fuzzyEdges(storage: DurableObjectStorage, rel: string, from?: string): FuzzyEdge[] {
  return storage.sql
    .exec<{ from_id: string; to_id: string; ordinal: number; score: number; created_at: number }>(
      'SELECT from_id, to_id, ordinal, score, created_at FROM _rels WHERE rel = ?1 AND (?2 IS NULL OR from_id = ?2) ORDER BY from_id, ordinal',
      rel,
      from ?? null,
    )
    .toArray()
    .map((row) => ({ from: row.from_id, to: row.to_id, ordinal: row.ordinal, score: row.score, createdAt: row.created_at }));
}

/** `[to, score]` of the `similar` edges leaving `from`, in ordinal order. */
export function similarOf(storage: DurableObjectStorage, from: string): [string, number][] {
  return fuzzyEdges(storage, 'similar', from).map((edge) => [edge.to, edge.score]);
}

/** Every edge touching a book, whatever its relation. */
export function edgesTouching(storage: DurableObjectStorage, id: string): number {
  return storage.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM _rels WHERE (from_type = ?1 AND from_id = ?2) OR (to_type = ?1 AND to_id = ?2)', 'Book', id).one().n;
}

/**
 * A deterministic local embedding: bag of words over a fixed vocabulary
 * (one dimension per word, `wordTokens` as the text matcher uses), so its
 * cosine equals `textSimilarity` on texts within the vocabulary. A word
 * outside the vocabulary fails the test rather than vanish silently.
 */
export function bagOfWords(vocabulary: readonly string[]): (texts: string[]) => number[][] {
  const index = new Map(vocabulary.map((word, i) => [word, i]));
  return (texts) =>
    texts.map((text) => {
      const vector = new Array<number>(vocabulary.length).fill(0);
      for (const token of wordTokens(text)) {
        const i = index.get(token);
        if (i === undefined) throw new Error(`bagOfWords: need ${JSON.stringify(token)} in the vocabulary`);
        vector[i]! += 1;
      }
      return vector;
    });
}

/** Every word the fuzzy tests write, titles and blurbs. */
export const VOCABULARY = [
  ...'the dispossessed a wizard of earthsea solaris cyberiad kindred parable sower'.split(' '),
  ...'robots and time travel ocean planet dragons anarchist utopia'.split(' '),
];

/** Scores as the tests expect them, written from the word counts (see each test). */
export const S = {
  /** Two words each, one shared: 1 / (√2 · √2). */
  half: 0.5,
  /** Two words against four, one shared: 1 / (√2 · 2). */
  twoFourOne: 1 / (2 * Math.SQRT2),
  /** Four words against four, one shared: 1 / (2 · 2). */
  quarter: 0.25,
};

/** The library's matches by title alone (threshold 0.2, top 3): b1 "The Dispossessed", b2 "A Wizard of Earthsea", b4 "The Cyberiad", b6 "Parable of the Sower". */
export const SEEDED: Record<string, [string, number][]> = {
  b1: [['b4', S.half], ['b6', S.twoFourOne]],
  b2: [['b6', S.quarter]],
  b3: [],
  b4: [['b1', S.half], ['b6', S.twoFourOne]],
  b5: [],
  // b1 and b4 tie; the smaller $id ranks first.
  b6: [['b1', S.twoFourOne], ['b4', S.twoFourOne], ['b2', S.quarter]],
};

/** Asserts the `similar` edges leaving `from`: targets in rank order, scores to 12 digits. */
export function expectSimilar(storage: DurableObjectStorage, from: string, expected: readonly [string, number][]): void {
  const actual = similarOf(storage, from);
  expect(actual.map(([to]) => to)).toEqual(expected.map(([to]) => to));
  actual.forEach(([, score], i) => expect(score).toBeCloseTo(expected[i]![1], 12));
}
