// The text matcher on the write path (issue 5 §3), on the rows, batched and
// mixed layouts: created documents get their `similar` edges in the same
// write, with scores and ranks; an update that sets a matched field
// re-matches (old edges gone), one that does not leaves the edges alone;
// deletes take the edges; db.rel reads them best first, both ways; targets
// are not watched until `db.fuzzy.match`. Expected scores are written from
// the word counts of the titles in support.ts (see `S` in fuzzy-support.ts).
import { describe, expect, it } from 'vitest';
import { drizzle, textMatcher } from '../../src/index.js';
import { inDurableObject } from '../support/do.js';
import { edgesTouching, expectSimilar, FUZZY_LAYOUT_NAMES, FUZZY_LAYOUTS, fuzzyEdges, openFuzzy, S, SEEDED, seedFuzzyLibrary, type FuzzyDb } from './fuzzy-support.js';

const MATCHERS = {
  Book: { similar: textMatcher({ fields: ['title', 'blurb'], threshold: 0.2, topK: 3 }) },
  Review: { mentions: textMatcher({ fields: ['text'], targetFields: ['title', 'blurb'], threshold: 0.3, topK: 2 }) },
};

describe.each(FUZZY_LAYOUT_NAMES)('the text matcher on the %s layout', (layout) => {
  const withLibrary = (fn: (db: FuzzyDb, storage: DurableObjectStorage) => void | Promise<void>) => () =>
    inDurableObject(async (storage) => {
      const db = await openFuzzy(storage, layout, MATCHERS);
      seedFuzzyLibrary(db);
      await fn(db, storage);
    });

  it(
    'writes the edges of created documents with their scores, ranks as ordinals',
    withLibrary((_db, storage) => {
      for (const [from, expected] of Object.entries(SEEDED)) expectSimilar(storage, from, expected);
      const edges = fuzzyEdges(storage, 'similar');
      expect(edges).toHaveLength(8);
      for (const from of Object.keys(SEEDED)) {
        expect(fuzzyEdges(storage, 'similar', from).map((edge) => edge.ordinal)).toEqual(SEEDED[from]!.map((_, i) => i));
      }
      expect(storage.sql.exec("SELECT DISTINCT from_type, to_type FROM _rels WHERE rel = 'similar'").toArray()).toEqual([{ from_type: 'Book', to_type: 'Book' }]);
      // No review text shares a word with a title.
      expect(fuzzyEdges(storage, 'mentions')).toEqual([]);
    }),
  );

  it(
    'is read by db.rel best first, forward (~>) and backward (<~)',
    withLibrary((db) => {
      expect(db.rel.Book('b6').similar.ids()).toEqual(['b1', 'b4', 'b2']);
      expect(db.rel.Book('b1').similar.all().map((book) => book.title)).toEqual(['The Cyberiad', 'Parable of the Sower']);
      expect(db.rel.Book('b3').similar.all()).toEqual([]);
      // The books whose matches include b6: b1 and b4 (tied), then b2.
      expect(db.rel.Book('b6').similarTo.ids()).toEqual(['b1', 'b4', 'b2']);
      expect(db.rel.Book('b1').similarTo.ids()).toEqual(['b4', 'b6']);
      expect(db.rel.Book('b1').similar.similar.ids()).toEqual(['b1', 'b6', 'b4', 'b2']);
    }),
  );

  it(
    'matches across collections, reading the target fields of the target',
    withLibrary((db, storage) => {
      // {a, wizard, and, dragons} · {a, wizard, of, earthsea}: 2 / (2 · 2).
      const review = db.store.create('Review', { stars: 4, text: 'a wizard and dragons', book: 'b2' });
      expect(db.rel.Review(review.$id).mentions.ids()).toEqual(['b2']);
      expect(fuzzyEdges(storage, 'mentions').map((edge) => [edge.from, edge.to, edge.score])).toEqual([[review.$id, 'b2', 0.5]]);
      // A blurb is a target field too: {robots} · {the, cyberiad, robots} = 1 / √3 ≥ 0.3.
      db.store.update('Book', 'b4', { blurb: 'robots' });
      db.store.update('Review', 'r4', { text: 'robots' });
      expect(db.rel.Review('r4').mentions.ids()).toEqual(['b4']);
      expect(fuzzyEdges(storage, 'mentions', 'r4')[0]!.score).toBeCloseTo(1 / Math.sqrt(3), 12);
    }),
  );

  it(
    're-matches a document when an update sets a matched field; its old edges go',
    withLibrary((db, storage) => {
      // {kindred, robots, and, the, cyberiad}: b4 2/√10, b1 1/√10, b6 1/(√5 · 2).
      db.store.update('Book', 'b5', { blurb: 'robots and the cyberiad' });
      expectSimilar(storage, 'b5', [['b4', 2 / Math.sqrt(10)], ['b1', 1 / Math.sqrt(10)], ['b6', 1 / (2 * Math.sqrt(5))]]);
      db.store.update('Book', 'b5', { blurb: null });
      expectSimilar(storage, 'b5', []);
      // b1 loses its only shared word: no matches left.
      db.store.update('Book', 'b1', { title: 'Dispossessed' });
      expectSimilar(storage, 'b1', []);
      // Through upsert's update path: {solaris, sower} · b6 = 1 / (√2 · 2).
      db.store.upsert('Book', { $id: 'b3', title: 'Solaris Sower', author: 'a2' });
      expectSimilar(storage, 'b3', [['b6', S.twoFourOne]]);
      // Sources are not re-matched when a target changes: b4 still lists b1 as it was.
      expectSimilar(storage, 'b4', SEEDED.b4!);
      expectSimilar(storage, 'b6', SEEDED.b6!);
    }),
  );

  it(
    'leaves the edges alone when an update sets no matched field',
    withLibrary((db, storage) => {
      storage.sql.exec("UPDATE _rels SET created_at = 0 WHERE rel = 'similar'");
      db.store.update('Book', 'b1', { year: 1975 });
      db.store.update('Book', 'b4', { genres: ['g1'], year: 1966 });
      expect(fuzzyEdges(storage, 'similar').every((edge) => edge.createdAt === 0)).toBe(true);
      expect(fuzzyEdges(storage, 'similar')).toHaveLength(8);
      // The control: setting a matched field re-writes that book's edges (same matches, new rows).
      db.store.update('Book', 'b4', { title: 'The Cyberiad' });
      expect(fuzzyEdges(storage, 'similar', 'b4').map((edge) => edge.createdAt > 0)).toEqual([true, true]);
      expect(fuzzyEdges(storage, 'similar').filter((edge) => edge.from !== 'b4').every((edge) => edge.createdAt === 0)).toBe(true);
      expectSimilar(storage, 'b4', SEEDED.b4!);
    }),
  );

  it(
    'costs nothing on an update that sets no matched field, and three statements on a re-match',
    withLibrary((db, storage) => {
      // The same storage without matchers: what the writes cost without fuzzy relations.
      const plain = drizzle(storage, { schema: FUZZY_LAYOUTS[layout] as (typeof FUZZY_LAYOUTS)['rows'] });
      const cost = (run: (d: FuzzyDb) => unknown, d: FuzzyDb) => {
        run(d);
        return { ...d.$cost.last, statements: d.$cost.lastStatements };
      };
      const year = (d: FuzzyDb) => d.store.update('Book', 'b1', { year: 1975 });
      expect(cost(year, db)).toEqual(cost(year, plain));
      // Re-matching b4 (same title): one read of the books, one delete and one insert of its 2 edges.
      const title = (d: FuzzyDb) => d.store.update('Book', 'b4', { title: 'The Cyberiad' });
      const [fuzzy, without] = [cost(title, db), cost(title, plain)];
      expect(fuzzy.statements).toBe(without.statements + 3);
      expect(fuzzy.rowsWritten).toBeGreaterThan(without.rowsWritten);
      expectSimilar(storage, 'b4', SEEDED.b4!);
    }),
  );

  it(
    'removes the edges of a deleted document, both ways',
    withLibrary((db, storage) => {
      expect(edgesTouching(storage, 'b6')).toBeGreaterThan(0);
      db.store.delete('Review', 'r7');
      db.store.delete('Book', 'b6');
      expect(edgesTouching(storage, 'b6')).toBe(0);
      expectSimilar(storage, 'b1', [['b4', S.half]]);
      expectSimilar(storage, 'b2', []);
      expect(db.rel.Book('b4').similar.ids()).toEqual(['b1']);
      expect(fuzzyEdges(storage, 'similar')).toHaveLength(2);
    }),
  );

  it(
    'shows a new target in earlier documents only once db.fuzzy.match re-matches them',
    withLibrary(async (db, storage) => {
      // b7 {the, sower}: b6 2 / (√2 · 2), then b1 and b4 at 1 / (√2 · √2).
      db.store.create('Book', { $id: 'b7', title: 'The Sower', author: 'a3' });
      expectSimilar(storage, 'b7', [['b6', 1 / Math.SQRT2], ['b1', S.half], ['b4', S.half]]);
      expectSimilar(storage, 'b1', SEEDED.b1!);
      expect(await db.fuzzy.match('Book', 'similar', ['b2', 'b1', 'b2', 'gone'])).toEqual({ documents: 2, edges: 4 });
      expectSimilar(storage, 'b1', [['b4', S.half], ['b7', S.half], ['b6', S.twoFourOne]]);
      expectSimilar(storage, 'b6', SEEDED.b6!);
      // Every book: b1 3, b2 1, b4 3, b6 3 (b2 drops out of its top 3), b7 3.
      expect(await db.fuzzy.match('Book', 'similar')).toEqual({ documents: 7, edges: 13 });
      expectSimilar(storage, 'b6', [['b7', 1 / Math.SQRT2], ['b1', S.twoFourOne], ['b4', S.twoFourOne]]);
      expect(db.rel.Book('b7').similarTo.ids()).toEqual(['b6', 'b1', 'b4']);
      expect(await db.fuzzy.match('Book', 'similar', [])).toEqual({ documents: 0, edges: 0 });
      expect(fuzzyEdges(storage, 'similar')).toHaveLength(13);
    }),
  );
});
