import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FilterError } from '../../src/index.js';
import { MAX_QUERY_TERMS, search, SearchError, type SearchHit } from '../../src/search/index.js';
import { createTablesSql, checkFtsIntegrity, ftsIndexImage, open, Plain, Post, schema, thrown } from './support.js';
import { inDurableObject } from '../support/do.js';

const filler = (n: number) => Array.from({ length: n }, (_, i) => `filler${i % 7}`).join(' ');

/** A small corpus: "durable" in half of it, so its BM25 weight is positive. */
const corpus = [
  { $id: 'often', title: 'Notes', body: 'durable objects durable storage durable', category: 'guide', views: 10 },
  { $id: 'once', title: 'Notes', body: `durable objects are ${filler(8)}`, category: 'guide', views: 20 },
  { $id: 'long', title: 'Notes', body: `durable ${filler(60)}`, category: 'blog', views: 30 },
  { $id: 'x1', title: 'Cooking', body: 'pasta with tomatoes', category: 'blog', views: 1 },
  { $id: 'x2', title: 'Travel', body: 'trains across europe', category: 'blog', views: 2 },
  { $id: 'x3', title: 'Music', body: 'a near durable', category: 'misc', views: 3 },
  { $id: 'x4', title: 'Garden', body: 'roses and tulips', category: 'misc', views: 4 },
  { $id: 'x5', title: 'Café crème', body: 'a cup of coffee', category: 'misc', views: 5 },
];

const ids = (hits: SearchHit[]) => hits.map((hit) => hit.document.$id);

async function withCorpus<R>(fn: (storage: DurableObjectStorage, db: Awaited<ReturnType<typeof open>>) => R): Promise<R> {
  return inDurableObject(async (storage) => {
    const db = await open(storage);
    db.store.createMany('Post', corpus);
    return fn(storage, db);
  });
}

describe('search: ranking', () => {
  it('ranks by BM25: more occurrences first, then the shorter field; scores are -bm25, higher is better', async () => {
    await withCorpus((storage) => {
      const hits = search(storage.sql, Post, 'durable');
      expect(ids(hits)).toEqual(['often', 'x3', 'once', 'long']);
      const scores = hits.map((hit) => hit.score);
      for (let i = 1; i < scores.length; i++) expect(scores[i - 1]!).toBeGreaterThan(scores[i]!);
      expect(scores.every((score) => score > 0)).toBe(true);
      const bm25 = storage.sql.exec<{ id: string; s: number }>(`SELECT "Post"."$id" AS id, bm25("Post_fts") AS s FROM "Post_fts" JOIN "Post" ON "Post".rowid = "Post_fts".rowid WHERE "Post_fts" MATCH 'durable'`).toArray();
      for (const hit of hits) expect(hit.score).toBe(-bm25.find((row) => row.id === hit.document.$id)!.s);
    });
  });

  it('returns whole documents and pages with limit and offset', async () => {
    await withCorpus((storage, db) => {
      const [first] = search(storage.sql, Post, 'durable', { limit: 1 });
      expect(first!.document).toEqual(db.store.get('Post', 'often'));
      const all = ids(search(storage.sql, Post, 'durable'));
      const pages = [0, 2].flatMap((offset) => ids(search(storage.sql, Post, 'durable', { limit: 2, offset })));
      expect(pages).toEqual(all);
      expect(search(storage.sql, Post, 'durable', { limit: 0 })).toEqual([]);
    });
  });

  it('requires every term, in any searched field, and can search only some fields', async () => {
    await withCorpus((storage) => {
      expect(ids(search(storage.sql, Post, 'notes durable storage'))).toEqual(['often']);
      expect(ids(search(storage.sql, Post, 'notes', { fields: ['body'] }))).toEqual([]);
      expect(ids(search(storage.sql, Post, 'notes', { fields: ['title'] })).sort()).toEqual(['long', 'often', 'once']);
    });
  });
});

describe('search: text handling', () => {
  it('ignores case and diacritics, both ways', async () => {
    await withCorpus((storage, db) => {
      expect(ids(search(storage.sql, Post, 'cafe creme'))).toEqual(['x5']);
      expect(ids(search(storage.sql, Post, 'CAFÉ'))).toEqual(['x5']);
      db.store.create('Post', { $id: 'plain', title: 'cafe', body: 'resume' });
      expect(ids(search(storage.sql, Post, 'café')).sort()).toEqual(['plain', 'x5']);
      expect(ids(search(storage.sql, Post, 'résumé'))).toEqual(['plain']);
    });
  });

  it('matches the last term as a prefix with prefix: true, and only then', async () => {
    await withCorpus((storage) => {
      expect(search(storage.sql, Post, 'dura')).toEqual([]);
      expect(ids(search(storage.sql, Post, 'dura', { prefix: true })).sort()).toEqual(['long', 'often', 'once', 'x3']);
      expect(ids(search(storage.sql, Post, 'durable obj', { prefix: true })).sort()).toEqual(['often', 'once']);
      expect(search(storage.sql, Post, 'dura objects', { prefix: true })).toEqual([]);
    });
  });

  it('returns nothing for empty, blank or word-less text', async () => {
    await withCorpus((storage) => {
      for (const text of ['', '   ', '\n\t', '"', '*', '- : ( )']) expect(search(storage.sql, Post, text)).toEqual([]);
    });
  });

  it('treats FTS5 syntax in the text as plain words', async () => {
    await withCorpus((storage) => {
      const attempts = ['"', 'durable"', '"durable', 'NEAR(durable objects)', 'NEAR(durable', '*', 'durable*', 'durable OR pasta', 'durable -objects', '-durable',
        'title:durable', 'body : durable', '{title} : notes', 'durable AND', 'NOT durable', '(durable', 'durable)', '^durable', "'", '\\', 'durable + pasta', '""durable""',
        'durable\u0000"', '\ud800durable', 'durable\udfff"'];
      for (const text of attempts) {
        expect(() => search(storage.sql, Post, text), text).not.toThrow();
        expect(() => search(storage.sql, Post, text, { prefix: true }), text).not.toThrow();
      }
      // Operators would widen or narrow the match; as words they must appear in the document.
      expect(search(storage.sql, Post, 'durable OR pasta')).toEqual([]);
      expect(ids(search(storage.sql, Post, 'NEAR(durable'))).toEqual(['x3']); // the phrase "near durable"
      expect(search(storage.sql, Post, 'title:notes')).toEqual([]); // the phrase "title notes", not a column filter
      expect(ids(search(storage.sql, Post, 'durable*')).sort()).toEqual(['long', 'often', 'once', 'x3']); // "*" is no prefix operator
      expect(ids(search(storage.sql, Post, '"durable" "objects"')).sort()).toEqual(['often', 'once']);
    });
  });

  it('never fails on any text (property)', async () => {
    await withCorpus((storage) => {
      fc.assert(
        fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'binary-ascii', maxLength: 40 })), fc.boolean(), (text, prefix) => {
          const hits = search(storage.sql, Post, text, { prefix });
          expect(Array.isArray(hits)).toBe(true);
        }),
        { numRuns: 300 },
      );
      fc.assert(
        fc.property(fc.array(fc.constantFrom('"', 'NEAR(', ')', '*', 'OR', 'AND', 'NOT', '-', ':', '^', '{', '}', 'durable', '+', "'"), { maxLength: 8 }), (parts) => {
          search(storage.sql, Post, parts.join(' '));
          search(storage.sql, Post, parts.join(''), { prefix: true });
        }),
        { numRuns: 300 },
      );
    });
  });
});

describe('search: filters and limits', () => {
  it('restricts hits with a where filter, in SQL', async () => {
    await withCorpus((storage) => {
      expect(ids(search(storage.sql, Post, 'durable', { where: { category: 'guide' } }))).toEqual(['often', 'once']);
      expect(ids(search(storage.sql, Post, 'durable', { where: { views: { $gte: 20 }, $or: [{ category: 'blog' }, { category: 'misc' }] } }))).toEqual(['long']);
      expect(search(storage.sql, Post, 'durable', { where: { category: 'none' } })).toEqual([]);
    });
  });

  it('binds at most 100 parameters: the filter gets 97', async () => {
    await withCorpus((storage) => {
      const filter = (n: number) => ({ $or: Array.from({ length: n }, (_, i) => ({ views: i })) });
      expect(ids(search(storage.sql, Post, 'durable', { where: filter(97) })).sort()).toEqual(['long', 'often', 'once', 'x3']);
      const error = thrown(() => search(storage.sql, Post, 'durable', { where: filter(98) }));
      expect(error).toBeInstanceOf(FilterError);
      expect(error).toMatchObject({ code: 'FILTER_TOO_LARGE' });
    });
  });

  it('rejects bad input with typed errors', async () => {
    await withCorpus((storage) => {
      const code = (fn: () => unknown) => {
        const error = thrown(fn);
        expect(error).toBeInstanceOf(SearchError);
        return (error as SearchError).code;
      };
      expect(code(() => search(storage.sql, Plain, 'x'))).toBe('NOT_SEARCHABLE');
      expect(code(() => search(storage.sql, Post, 42 as unknown as string))).toBe('INVALID_QUERY');
      expect(code(() => search(storage.sql, Post, 'x'.repeat(2001)))).toBe('INVALID_QUERY');
      expect(code(() => search(storage.sql, Post, Array.from({ length: MAX_QUERY_TERMS + 1 }, (_, i) => `w${i}`).join(' ')))).toBe('INVALID_QUERY');
      expect(search(storage.sql, Post, Array.from({ length: MAX_QUERY_TERMS }, () => 'durable').join(' '))).toHaveLength(4);
      for (const options of [{ limit: -1 }, { limit: 1001 }, { limit: 1.5 }, { offset: -1 }, { offset: '2' }, { fields: [] }, { fields: ['category'] }, { fields: ['title', 'title'] }, { fields: 'title' }, { prefix: 'yes' }, { limt: 5 }]) {
        expect(code(() => search(storage.sql, Post, 'durable', options as never))).toBe('INVALID_OPTION');
      }
      const error = thrown(() => search(storage.sql, Post, 'secret words', { limit: -1 })) as SearchError;
      expect(error.message).not.toContain('secret');
    });
  });

  it('says NOT_SEARCHABLE when the index was never installed', async () => {
    await inDurableObject((storage) => {
      for (const ddl of createTablesSql(schema)) storage.sql.exec(ddl);
      expect(thrown(() => search(storage.sql, Post, 'durable'))).toMatchObject({ code: 'NOT_SEARCHABLE' });
    });
  });
});

describe('search: the index follows every write', () => {
  it('indexes inserts, updates and deletes, from the store, Drizzle and raw SQL', async () => {
    await withCorpus((storage, db) => {
      db.store.create('Post', { $id: 'new', title: 'Zebra', body: 'stripes' });
      expect(ids(search(storage.sql, Post, 'zebra'))).toEqual(['new']);
      db.store.update('Post', 'new', { title: 'Okapi' });
      expect(search(storage.sql, Post, 'zebra')).toEqual([]);
      expect(ids(search(storage.sql, Post, 'okapi stripes'))).toEqual(['new']);
      db.store.update('Post', 'new', { body: null });
      expect(search(storage.sql, Post, 'stripes')).toEqual([]);
      db.store.delete('Post', 'new');
      expect(search(storage.sql, Post, 'okapi')).toEqual([]);
      storage.sql.exec(`INSERT INTO "Post" ("$id", "$type", "$version", "$createdAt", "$updatedAt", title, body) VALUES ('raw', 'Post', 1, 0, 0, 'Lynx', 'spots')`);
      expect(ids(search(storage.sql, Post, 'lynx spots'))).toEqual(['raw']);
      db.update(db.$tables.Post).set({ body: 'tufts' }).run();
      expect(search(storage.sql, Post, 'spots')).toEqual([]);
      expect(search(storage.sql, Post, 'tufts')).toHaveLength(corpus.length + 1);
      expect(db.store.deleteMany('Post', { category: 'blog' })).toBe(3);
      expect(ids(search(storage.sql, Post, 'tufts')).sort()).toEqual(['often', 'once', 'raw', 'x3', 'x4', 'x5']);
      checkFtsIntegrity(storage, 'Post');
    });
  });

  it('rolls back with the write: a failed store write leaves the index as it was', async () => {
    await withCorpus((storage, db) => {
      const before = ftsIndexImage(storage, 'Post');
      expect(() => db.store.createMany('Post', [{ $id: 'ok', title: 'Giraffe' }, { $id: 'often', title: 'Duplicate' }])).toThrow();
      expect(ftsIndexImage(storage, 'Post')).toEqual(before);
      expect(search(storage.sql, Post, 'giraffe')).toEqual([]);
    });
  });

  it('does not touch the index when no $fts column changes', async () => {
    await withCorpus((storage, db) => {
      const before = ftsIndexImage(storage, 'Post');
      db.store.update('Post', 'often', { views: 99, category: 'other' });
      db.store.update('Post', 'often', { title: 'Notes' }); // in the SET list, same value
      storage.sql.exec(`UPDATE "Post" SET views = views + 1`);
      expect(ftsIndexImage(storage, 'Post')).toEqual(before);
      db.store.update('Post', 'often', { title: 'Changed' });
      expect(ftsIndexImage(storage, 'Post')).not.toEqual(before);
      checkFtsIntegrity(storage, 'Post');
    });
  });

  it('bills index writes only when an indexed value changes', async () => {
    await withCorpus((_storage, db) => {
      const written = (patch: Record<string, unknown>) => {
        db.store.update('Post', 'often', patch);
        return db.$cost.last.rowsWritten;
      };
      const other = written({ views: 1 });
      expect(written({ title: 'Notes' })).toBe(other); // same value: the trigger's WHEN skips the index
      expect(written({ title: 'Changed' })).toBeGreaterThan(other);
    });
  });
});
