// Bad input to fuzzy relations (issue 5 §3): matcher options, the `matchers`
// option of drizzle() checked against the schema (at compile time where the
// types can say so, and always at run time), and db.fuzzy.match's arguments.
// Each is a FuzzyError with a stable code and an expected-vs-found message,
// and storage is left as it was.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { drizzle, embeddingMatcher, FuzzyError, MAX_FUZZY_TOP_K, textMatcher, type FuzzyErrorCode, type FuzzyMatcher, type FuzzyMatchers, type FuzzyMatchResult } from '../../src/index.js';
import { createTablesSql } from '../search/support.js';
import { dataSnapshot, inDurableObject, schemaSnapshot } from '../support/do.js';
import { FUZZY_LAYOUTS, openFuzzy, seedFuzzyLibrary, type FuzzyDb, type FuzzyDefinition } from './fuzzy-support.js';

const schema = FUZZY_LAYOUTS.rows;

function fuzzyError(run: () => unknown): FuzzyError {
  try {
    run();
  } catch (error) {
    if (error instanceof FuzzyError) return error;
    throw error;
  }
  throw new Error('expected a FuzzyError, found none');
}

async function rejection(promise: Promise<unknown>): Promise<FuzzyError> {
  const error = await promise.then(
    () => new Error('expected a rejection, found none'),
    (e: unknown) => e,
  );
  if (error instanceof FuzzyError) return error;
  throw error;
}

describe('matcher options', () => {
  const embed = (texts: string[]) => texts.map(() => [1]);
  const cases: [string, () => unknown, string][] = [
    ['topK 0', () => textMatcher({ fields: ['title'], topK: 0 }), "fuzzy: expected textMatcher's topK to be an integer from 1 to 1000, found 0"],
    ['topK -1', () => embeddingMatcher({ embed, fields: ['title'], topK: -1 }), "fuzzy: expected embeddingMatcher's topK to be an integer from 1 to 1000, found -1"],
    ['topK 1.5', () => textMatcher({ fields: ['title'], topK: 1.5 }), 'found 1.5'],
    ['topK past the maximum', () => textMatcher({ fields: ['title'], topK: MAX_FUZZY_TOP_K + 1 }), 'found 1001'],
    ['topK as a string', () => textMatcher({ fields: ['title'], topK: '5' as never }), 'found a string'],
    ['threshold below 0', () => textMatcher({ fields: ['title'], threshold: -0.1 }), "fuzzy: expected textMatcher's threshold to be a number from 0 to 1, found -0.1"],
    ['threshold above 1', () => embeddingMatcher({ embed, fields: ['title'], threshold: 1.01 }), 'found 1.01'],
    ['threshold NaN', () => textMatcher({ fields: ['title'], threshold: NaN }), 'found NaN'],
    ['no fields', () => textMatcher({ fields: [] }), "expected textMatcher's fields to be a non-empty array of field names, found an array"],
    ['fields as a string', () => textMatcher({ fields: 'title' as never }), 'found a string'],
    ['a field twice', () => textMatcher({ fields: ['title', 'title'] }), 'found "title" twice'],
    ['a field that is not a name', () => textMatcher({ fields: ['title', 3 as never] }), "expected textMatcher's fields to hold field names, found a whole number"],
    ['empty targetFields', () => textMatcher({ fields: ['title'], targetFields: [] }), "expected textMatcher's targetFields to be a non-empty array"],
    ['an unknown option', () => textMatcher({ fields: ['title'], limit: 3 } as never), 'expected textMatcher options among fields, targetFields, threshold, topK, found "limit"'],
    ['no options', () => textMatcher(undefined as never), 'expected textMatcher options to be an object, found undefined'],
    ['no embed', () => embeddingMatcher({ fields: ['title'] } as never), "expected embeddingMatcher's embed to be a function (texts) => vectors, found undefined"],
  ];

  it.each(cases)('%s: INVALID_OPTION', (_name, run, message) => {
    const error = fuzzyError(run);
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.message).toContain(message);
    expect(error.name).toBe('FuzzyError');
  });

  it('fills in defaults and freezes the matcher', () => {
    const matcher = textMatcher({ fields: ['title', 'blurb'] });
    expect(matcher).toEqual({ kind: 'text', fields: ['title', 'blurb'], targetFields: ['title', 'blurb'], threshold: 0, topK: 10 });
    expect(Object.isFrozen(matcher)).toBe(true);
    expect(embeddingMatcher({ embed, fields: ['text'], targetFields: ['title'], threshold: 1, topK: 1 })).toMatchObject({ kind: 'embedding', fields: ['text'], targetFields: ['title'], threshold: 1, topK: 1 });
    expectTypeOf(matcher).toEqualTypeOf<FuzzyMatcher<'title' | 'blurb', 'title' | 'blurb'>>();
    expectTypeOf(textMatcher({ fields: ['text'], targetFields: ['title'] })).toEqualTypeOf<FuzzyMatcher<'text', 'title'>>();
  });
});

describe('the matchers option of drizzle()', () => {
  const title = textMatcher({ fields: ['title'] });
  const cases: [string, unknown, FuzzyErrorCode, string][] = [
    ['an unknown collection', { Nope: { similar: title } }, 'UNKNOWN_COLLECTION', 'Nope: expected a collection of the schema (Author, Book, Genre, Review), found "Nope"'],
    ['an unknown field', { Book: { similarity: title } }, 'UNKNOWN_FIELD', 'Book.similarity: expected a fuzzy relation field (~> T) of Book (similar), found "similarity", which Book does not declare'],
    ['a plain field', { Book: { title } }, 'NOT_A_FUZZY_FIELD', 'Book.title: expected a fuzzy relation field (~> T) of Book (similar), found "title", a string field'],
    ['a forward relation', { Book: { author: title } }, 'NOT_A_FUZZY_FIELD', 'found "author", a -> relation'],
    ['a fuzzy backward relation', { Book: { similarTo: title } }, 'NOT_A_FUZZY_FIELD', 'found "similarTo", a <~ relation'],
    ['a collection without fuzzy fields', { Genre: { books: title } }, 'NOT_A_FUZZY_FIELD', 'Genre.books: expected a fuzzy relation field (~> T) of Genre (none), found "books", a <- relation'],
    ['an unknown text field', { Book: { similar: textMatcher({ fields: ['title', 'summary'] }) } }, 'UNKNOWN_FIELD', 'Book.similar: expected fields to be text fields of Book (title, blurb), found "summary", which Book does not declare'],
    ['a field that holds no text', { Book: { similar: textMatcher({ fields: ['year'] }) } }, 'NOT_A_TEXT_FIELD', 'Book.similar: expected fields to be text fields of Book (title, blurb), found "year", an int field'],
    ['a relation as a text field', { Book: { similar: textMatcher({ fields: ['genres'] }) } }, 'NOT_A_TEXT_FIELD', 'found "genres", a -> relation'],
    ['a target field of the source only', { Review: { mentions: textMatcher({ fields: ['text'] }) } }, 'UNKNOWN_FIELD', 'Review.mentions: expected targetFields to be text fields of Book (title, blurb), found "text", which Book does not declare'],
    ['a look-alike matcher', { Book: { similar: { ...title } } }, 'INVALID_OPTION', 'Book.similar: expected a matcher from textMatcher() or embeddingMatcher(), found an object'],
    ['a collection that is not an object', { Book: [title] }, 'INVALID_OPTION', 'Book: expected matchers.Book to be an object of fuzzy fields, found an array'],
    ['matchers that are not an object', 'Book', 'INVALID_OPTION', 'fuzzy: expected matchers to be an object of collections, found a string'],
  ];

  it.each(cases)('%s', (_name, matchers, code, message) =>
    inDurableObject((storage) => {
      for (const ddl of createTablesSql(schema)) storage.sql.exec(ddl);
      const tables = schemaSnapshot(storage);
      const rows = dataSnapshot(storage);
      const error = fuzzyError(() => drizzle(storage, { schema, matchers: matchers as never }));
      expect(error.code).toBe(code);
      expect(error.message).toContain(message);
      expect(schemaSnapshot(storage)).toEqual(tables);
      expect(dataSnapshot(storage)).toEqual(rows);
    }),
  );

  it('skips a collection or field whose matcher is left undefined', () =>
    inDurableObject(async (storage) => {
      for (const ddl of createTablesSql(schema)) storage.sql.exec(ddl);
      const db = drizzle(storage, { schema, matchers: { Book: { similar: undefined }, Review: undefined } });
      expect((await rejection(db.fuzzy.match('Book', 'similar'))).code).toBe('NO_MATCHER');
      expect(fuzzyError(() => drizzle(storage, { schema, matchers: { Book: { similarity: undefined } as never } })).code).toBe('UNKNOWN_FIELD');
    }),
  );

  it('is typed from the schema: collections, their ~> fields, text fields of source and target', () => {
    expectTypeOf<{ Book: { similar: FuzzyMatcher<'title'> } }>().toExtend<FuzzyMatchers<FuzzyDefinition>>();
    expectTypeOf<{ Review: { mentions: FuzzyMatcher<'text', 'title' | 'blurb'> } }>().toExtend<FuzzyMatchers<FuzzyDefinition>>();
    expectTypeOf<{ Nope: { similar: FuzzyMatcher<'title'> } }>().not.toExtend<FuzzyMatchers<FuzzyDefinition>>();
    expectTypeOf<{ Book: { title: FuzzyMatcher<'title'> } }>().not.toExtend<FuzzyMatchers<FuzzyDefinition>>();
    expectTypeOf<{ Book: { similar: FuzzyMatcher<'year'> } }>().not.toExtend<FuzzyMatchers<FuzzyDefinition>>();
    expectTypeOf<{ Book: { similar: FuzzyMatcher<'summary'> } }>().not.toExtend<FuzzyMatchers<FuzzyDefinition>>();
    expectTypeOf<{ Review: { mentions: FuzzyMatcher<'text'> } }>().not.toExtend<FuzzyMatchers<FuzzyDefinition>>();
    const check = (_matchers: FuzzyMatchers<FuzzyDefinition>) => {};
    // @ts-expect-error Genre declares no ~> field
    check({ Genre: { books: textMatcher({ fields: ['name'] }) } });
    // @ts-expect-error year is an int field
    check({ Book: { similar: textMatcher({ fields: ['title', 'year'] }) } });
    check({ Book: { similar: textMatcher({ fields: ['title', 'blurb'], threshold: 0.2 }) } });
  });
});

describe('db.fuzzy.match arguments', () => {
  const cases: [string, unknown, unknown, unknown, FuzzyErrorCode, string][] = [
    ['an unknown collection', 'Nope', 'similar', undefined, 'UNKNOWN_COLLECTION', 'Nope: expected a collection of the schema'],
    ['an unknown field', 'Book', 'nope', undefined, 'UNKNOWN_FIELD', 'Book.nope: expected a fuzzy relation field (~> T) of Book (similar), found "nope"'],
    ['a field that is not ~>', 'Book', 'title', undefined, 'NOT_A_FUZZY_FIELD', 'Book.title: expected a fuzzy relation field (~> T) of Book (similar), found "title", a string field'],
    ['a ~> field without a matcher', 'Review', 'mentions', undefined, 'NO_MATCHER', 'Review.mentions: expected a matcher for Review.mentions in drizzle(…, { matchers }), found none'],
    ['ids that are not an array', 'Book', 'similar', 'b1', 'INVALID_OPTION', 'Book.similar: expected ids to be an array of document ids or undefined (every document), found string'],
  ];

  it.each(cases)('%s', (_name, collection, field, ids, code, message) =>
    inDurableObject(async (storage) => {
      const db = await openFuzzy(storage, 'rows', { Book: { similar: textMatcher({ fields: ['title'] }) } });
      seedFuzzyLibrary(db);
      const before = dataSnapshot(storage);
      const error = await rejection(db.fuzzy.match(collection as never, field as never, ids as never));
      expect(error.code).toBe(code);
      expect(error.message).toContain(message);
      expect(dataSnapshot(storage)).toEqual(before);
    }),
  );

  it('is typed: collections with ~> fields, and their ~> fields', () => {
    expectTypeOf<Parameters<FuzzyDb['fuzzy']['match']>[0]>().toEqualTypeOf<'Book' | 'Review'>();
    const calls = (db: FuzzyDb) => [
      db.fuzzy.match('Book', 'similar'),
      db.fuzzy.match('Review', 'mentions', ['r1']),
      // @ts-expect-error Genre declares no ~> field
      db.fuzzy.match('Genre', 'books'),
      // @ts-expect-error title is not a ~> field
      db.fuzzy.match('Book', 'title'),
      // @ts-expect-error mentions is Review's
      db.fuzzy.match('Book', 'mentions'),
    ];
    expectTypeOf(calls).returns.toEqualTypeOf<Promise<FuzzyMatchResult>[]>();
  });
});
