// The embedding matcher (issue 5 §3) with a deterministic local embedding —
// bag of words over a fixed vocabulary, so its cosine is the text matcher's
// score and the expected edges are the same (SEEDED): `db.fuzzy.match`
// embeds only what is not cached (per database, by $id and $version) in one
// `embed` call; writes never embed; topK and threshold hold; documents
// deleted while `embed` runs get no edges; a misbehaving `embed` is a typed
// error that writes nothing and caches nothing.
import { describe, expect, it } from 'vitest';
import { drizzle, embeddingMatcher, FuzzyError, type FuzzyMatcher } from '../../src/index.js';
import { dataSnapshot, inDurableObject } from '../support/do.js';
import {
  bagOfWords,
  edgesTouching,
  expectSimilar,
  FUZZY_LAYOUT_NAMES,
  FUZZY_LAYOUTS,
  fuzzyEdges,
  openFuzzy,
  S,
  SEEDED,
  seedFuzzyLibrary,
  VOCABULARY,
  type FuzzyDb,
} from './fuzzy-support.js';

const words = bagOfWords(VOCABULARY);
const TITLES = ['The Dispossessed', 'A Wizard of Earthsea', 'Solaris', 'The Cyberiad', 'Kindred', 'Parable of the Sower'];

/** An `embed` that records the texts of every call. */
function recordingEmbed(answer: (texts: string[]) => number[][] | Promise<number[][]> = words) {
  const calls: string[][] = [];
  const embed = (texts: string[]) => {
    calls.push([...texts]);
    return answer(texts);
  };
  return { calls, embed };
}

type Options = { threshold?: number; topK?: number };

describe.each(FUZZY_LAYOUT_NAMES)('the embedding matcher on the %s layout', (layout) => {
  const withLibrary = (fn: (db: FuzzyDb, storage: DurableObjectStorage, matcher: FuzzyMatcher<'title' | 'blurb'>) => Promise<void>, embed: (texts: string[]) => unknown, options: Options = {}) => () =>
    inDurableObject(async (storage) => {
      const matcher = embeddingMatcher({ embed: embed as (texts: string[]) => number[][], fields: ['title', 'blurb'], threshold: 0.2, topK: 3, ...options });
      const db = await openFuzzy(storage, layout, { Book: { similar: matcher } });
      seedFuzzyLibrary(db);
      await fn(db, storage, matcher);
    });

  {
    const { calls, embed } = recordingEmbed(async (texts) => words(texts));
    it(
      'embeds nothing on write; a match embeds every document once, in one call, with the scores of the text matcher',
      withLibrary(async (db, storage) => {
        expect(calls).toEqual([]);
        expect(fuzzyEdges(storage, 'similar')).toEqual([]);
        expect(await db.fuzzy.match('Book', 'similar')).toEqual({ documents: 6, edges: 8 });
        // Each book is a source and a target, and is embedded once.
        expect(calls).toHaveLength(1);
        expect([...calls[0]!].sort()).toEqual([...TITLES].sort());
        for (const [from, expected] of Object.entries(SEEDED)) expectSimilar(storage, from, expected);
        expect(db.rel.Book('b6').similar.ids()).toEqual(['b1', 'b4', 'b2']);
        expect(db.rel.Book('b6').similarTo.ids()).toEqual(['b1', 'b4', 'b2']);
      }, embed),
    );
  }

  {
    const { calls, embed } = recordingEmbed();
    it(
      'embeds only uncached documents: none on a second match, an updated one again, a new target once',
      withLibrary(async (db, storage) => {
        await db.fuzzy.match('Book', 'similar');
        expect(await db.fuzzy.match('Book', 'similar')).toEqual({ documents: 6, edges: 8 });
        expect(calls).toHaveLength(1);
        // The update bumps b5's $version; the write itself neither embeds nor re-matches.
        db.store.update('Book', 'b5', { blurb: 'robots and the cyberiad' });
        expect(calls).toHaveLength(1);
        expectSimilar(storage, 'b5', []);
        expect(await db.fuzzy.match('Book', 'similar', ['b5'])).toEqual({ documents: 1, edges: 3 });
        expect(calls[1]).toEqual(['Kindred\nrobots and the cyberiad']);
        expectSimilar(storage, 'b5', [['b4', 2 / Math.sqrt(10)], ['b1', 1 / Math.sqrt(10)], ['b6', 1 / (2 * Math.sqrt(5))]]);
        // A new book is embedded the first time a match reads it, as a target of b1.
        db.store.create('Book', { $id: 'b7', title: 'The Sower', author: 'a3' });
        await db.fuzzy.match('Book', 'similar', ['b1']);
        expect(calls[2]).toEqual(['The Sower']);
        expectSimilar(storage, 'b1', [['b4', S.half], ['b7', S.half], ['b6', S.twoFourOne]]);
        expect(calls).toHaveLength(3);
      }, embed),
    );
  }

  {
    const { calls, embed } = recordingEmbed();
    it(
      'caches per database: another database over the same storage embeds again',
      withLibrary(async (db, storage, matcher) => {
        await db.fuzzy.match('Book', 'similar');
        const again = drizzle(storage, { schema: FUZZY_LAYOUTS[layout] as (typeof FUZZY_LAYOUTS)['rows'], matchers: { Book: { similar: matcher } } });
        expect(await again.fuzzy.match('Book', 'similar', ['b1'])).toEqual({ documents: 1, edges: 2 });
        expect(calls).toHaveLength(2);
        expect([...calls[1]!].sort()).toEqual([...TITLES].sort());
      }, embed),
    );
  }

  it(
    'keeps topK matches at or above the threshold',
    withLibrary(
      async (db, storage) => {
        // Above 0.3: b1 ~ b4 (0.5), b1 ~ b6 and b4 ~ b6 (0.354); b2 ~ b6 (0.25) is not.
        expect(await db.fuzzy.match('Book', 'similar')).toEqual({ documents: 6, edges: 3 });
        expectSimilar(storage, 'b1', [['b4', S.half]]);
        expectSimilar(storage, 'b2', []);
        expectSimilar(storage, 'b4', [['b1', S.half]]);
        expectSimilar(storage, 'b6', [['b1', S.twoFourOne]]);
      },
      words,
      { threshold: 0.3, topK: 1 },
    ),
  );

  {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    it(
      'writes no edge from or to a document deleted while embed ran',
      withLibrary(
        async (db, storage) => {
          const pending = db.fuzzy.match('Book', 'similar');
          db.store.delete('Review', 'r7');
          db.store.delete('Book', 'b6');
          release();
          expect(await pending).toEqual({ documents: 5, edges: 2 });
          expect(edgesTouching(storage, 'b6')).toBe(0);
          expectSimilar(storage, 'b1', [['b4', S.half]]);
          expectSimilar(storage, 'b4', [['b1', S.half]]);
          expectSimilar(storage, 'b2', []);
        },
        async (texts: string[]) => {
          await gate;
          return words(texts);
        },
      ),
    );
  }
});

describe('a misbehaving embed', () => {
  const cases: [string, (texts: string[]) => unknown, string][] = [
    ['one vector too few', (texts) => words(texts).slice(1), 'EMBEDDING_COUNT'],
    ['ragged vectors', (texts) => words(texts).map((vector, i) => (i === 2 ? vector.slice(1) : vector)), 'EMBEDDING_SHAPE'],
    ['a NaN component', (texts) => words(texts).map((vector, i) => (i === 1 ? [NaN, ...vector.slice(1)] : vector)), 'EMBEDDING_SHAPE'],
    ['a vector that is not an array', (texts) => words(texts).map((vector, i) => (i === 0 ? { length: vector.length } : vector)), 'EMBEDDING_SHAPE'],
    ['empty vectors', (texts) => texts.map(() => []), 'EMBEDDING_SHAPE'],
    ['no array at all', () => ({ data: [] }), 'EMBEDDING_SHAPE'],
    [
      'a throw',
      () => {
        throw new Error('quota');
      },
      'EMBEDDING_FAILED',
    ],
    ['a rejection', () => Promise.reject(new Error('quota')), 'EMBEDDING_FAILED'],
  ];

  it.each(cases)('%s is a FuzzyError that writes and caches nothing', (_name, bad, code) =>
    inDurableObject(async (storage) => {
      let answer: (texts: string[]) => unknown = bad;
      const { calls, embed } = recordingEmbed((texts) => answer(texts) as number[][]);
      const db = await openFuzzy(storage, 'rows', { Book: { similar: embeddingMatcher({ embed, fields: ['title'], threshold: 0.2 }) } });
      seedFuzzyLibrary(db);
      const before = dataSnapshot(storage);
      const error = await db.fuzzy.match('Book', 'similar').then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(FuzzyError);
      expect((error as FuzzyError).code).toBe(code);
      expect((error as FuzzyError).message).toMatch(/^Book\.similar: expected /);
      expect((error as FuzzyError).details).toMatchObject({ collection: 'Book', field: 'similar' });
      if (code === 'EMBEDDING_FAILED') expect((error as FuzzyError).cause).toEqual(new Error('quota'));
      expect(dataSnapshot(storage)).toEqual(before);
      // Nothing was cached: the next match embeds every book.
      answer = words;
      expect(await db.fuzzy.match('Book', 'similar')).toEqual({ documents: 6, edges: 8 });
      expect(calls.at(-1)).toHaveLength(6);
    }),
  );

  it('rejects vectors of another length than it returned before', () =>
    inDurableObject(async (storage) => {
      let dimensions = VOCABULARY.length;
      const embed = (texts: string[]) => words(texts).map((vector) => [...vector, 0].slice(0, dimensions));
      const db = await openFuzzy(storage, 'batched', { Book: { similar: embeddingMatcher({ embed, fields: ['title', 'blurb'] }) } });
      seedFuzzyLibrary(db);
      await db.fuzzy.match('Book', 'similar');
      db.store.update('Book', 'b5', { blurb: 'robots' });
      const before = dataSnapshot(storage);
      dimensions += 1;
      const error = await db.fuzzy.match('Book', 'similar', ['b5']).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FuzzyError);
      expect((error as FuzzyError).code).toBe('EMBEDDING_SHAPE');
      expect((error as FuzzyError).message).toContain(`expected every vector to have ${VOCABULARY.length} numbers (as embed returned before), found vector 0 with ${VOCABULARY.length + 1}`);
      expect(dataSnapshot(storage)).toEqual(before);
    }),
  );
});
