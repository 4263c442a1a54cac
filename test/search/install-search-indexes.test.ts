import { describe, expect, it } from 'vitest';
import { defineSchema } from '../../src/index.js';
import { dropSearchTriggers, installSearchIndexes, search, SearchError } from '../../src/search/index.js';
import { inDurableObject, schemaSnapshot } from '../support/do.js';
import { checkFtsIntegrity, collection, createTablesSql, ftsIndexImage, open, Post, schema, thrown } from './support.js';

/** The same collections, with other `$fts` lists for Post. */
const titleOnly = defineSchema({ ...schema.definition, Post: { ...schema.definition.Post, $fts: ['title'] } } as const);
const noFts = defineSchema({ ...schema.definition, Post: { title: 'string', body: 'text', category: 'string', views: 'int' } } as const);

/** `storage`, recording every statement run through it. */
function recording(storage: DurableObjectStorage): { storage: DurableObjectStorage; statements: string[] } {
  const statements: string[] = [];
  const sql = new Proxy(storage.sql, {
    get(target, property) {
      if (property === 'exec') {
        return (query: string, ...bindings: unknown[]) => {
          statements.push(query);
          return target.exec(query, ...bindings);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const proxy = new Proxy(storage, {
    get(target, property) {
      if (property === 'sql') return sql;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { storage: proxy, statements };
}

const ids = (storage: DurableObjectStorage, text: string) =>
  search(storage.sql, Post, text)
    .map((hit) => hit.document.$id)
    .sort();

function searchObjects(storage: DurableObjectStorage) {
  return schemaSnapshot(storage).filter((o) => o.name.startsWith('Post_fts') || o.name.startsWith('_fts_'));
}

describe('installSearchIndexes', () => {
  it('creates the FTS5 table and triggers, and indexes rows written before', async () => {
    await inDurableObject((storage) => {
      for (const ddl of createTablesSql(schema)) storage.sql.exec(ddl);
      storage.sql.exec(`INSERT INTO "Post" ("$id", "$type", "$version", "$createdAt", "$updatedAt", title, body) VALUES ('early', 'Post', 1, 0, 0, 'Early bird', 'worm')`);
      installSearchIndexes(storage, schema.collections.values());
      expect(searchObjects(storage).map((o) => `${o.type} ${o.name}`)).toEqual([
        'table Post_fts',
        'table Post_fts_config',
        'table Post_fts_data',
        'table Post_fts_docsize',
        'table Post_fts_idx',
        'trigger _fts_Post_delete',
        'trigger _fts_Post_insert',
        'trigger _fts_Post_update',
      ]);
      expect(searchObjects(storage)[0]!.sql).toBe(
        `CREATE VIRTUAL TABLE "Post_fts" USING fts5("title", "body", content='Post', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')`,
      );
      expect(ids(storage, 'early worm')).toEqual(['early']);
      checkFtsIntegrity(storage, 'Post');
      // Collections without $fts get nothing.
      expect(schemaSnapshot(storage).filter((o) => /^(Item|Plain)_fts/.test(o.name))).toEqual([]);
    });
  });

  it('is idempotent: a second install reads sqlite_master and writes nothing', async () => {
    await inDurableObject(async (storage) => {
      const db = await open(storage);
      db.store.create('Post', { $id: 'p', title: 'Hello', body: 'world' });
      const before = { schema: schemaSnapshot(storage), index: ftsIndexImage(storage, 'Post') };
      const { storage: watched, statements } = recording(storage);
      installSearchIndexes(watched, schema.collections.values());
      expect(statements.length).toBeGreaterThan(0);
      expect(statements.filter((s) => !/^\s*(SELECT|PRAGMA)\b/i.test(s))).toEqual([]);
      expect({ schema: schemaSnapshot(storage), index: ftsIndexImage(storage, 'Post') }).toEqual(before);
    });
  });

  it('replaces the index when the $fts fields change, and rebuilds it from the rows', async () => {
    await inDurableObject(async (storage) => {
      const db = await open(storage);
      db.store.createMany('Post', [
        { $id: 'a', title: 'Apple', body: 'banana' },
        { $id: 'b', title: 'Banana', body: 'cherry' },
      ]);
      installSearchIndexes(storage, titleOnly.collections.values());
      const TitleOnlyPost = collection(titleOnly, 'Post');
      expect(search(storage.sql, TitleOnlyPost, 'banana').map((h) => h.document.$id)).toEqual(['b']);
      expect(searchObjects(storage).find((o) => o.name === '_fts_Post_update')!.sql).toContain('AFTER UPDATE OF "title" ON "Post"');
      db.store.create('Post', { $id: 'c', title: 'Cherry', body: 'apple' });
      checkFtsIntegrity(storage, 'Post');
      installSearchIndexes(storage, schema.collections.values());
      expect(ids(storage, 'banana')).toEqual(['a', 'b']);
      expect(ids(storage, 'cherry')).toEqual(['b', 'c']);
      checkFtsIntegrity(storage, 'Post');
    });
  });

  it('drops the table, its shadow tables and triggers when $fts is removed; CDC triggers stay', async () => {
    await inDurableObject(async (storage) => {
      const db = await open(storage);
      db.store.create('Post', { $id: 'p', title: 'Hello' });
      const cdc = schemaSnapshot(storage).filter((o) => o.name.startsWith('_cdc_'));
      expect(cdc.length).toBeGreaterThan(0);
      installSearchIndexes(storage, noFts.collections.values());
      expect(searchObjects(storage)).toEqual([]);
      expect(schemaSnapshot(storage).filter((o) => o.name.startsWith('_cdc_'))).toEqual(cdc);
      db.store.update('Post', 'p', { title: 'Still writable' });
      expect(db.store.get('Post', 'p')!.title).toBe('Still writable');
    });
  });

  it('rebuilds after a table rebuild dropped the triggers and renumbered the rows', async () => {
    await inDurableObject(async (storage) => {
      const db = await open(storage);
      db.store.createMany('Post', [
        { $id: 'a', title: 'Apple' },
        { $id: 'b', title: 'Banana' },
        { $id: 'c', title: 'Cherry' },
      ]);
      // What drizzle-kit does to change a column: copy into a new table (rowids renumbered), drop, rename.
      const ddl = createTablesSql(schema).find((s) => s.startsWith('CREATE TABLE "Post"'))!.replace('"Post"', '"__new_Post"');
      storage.sql.exec(ddl);
      storage.sql.exec(`INSERT INTO "__new_Post" SELECT * FROM "Post" ORDER BY "$id" DESC`);
      storage.sql.exec(`DROP TABLE "Post"`);
      storage.sql.exec(`ALTER TABLE "__new_Post" RENAME TO "Post"`);
      expect(() => checkFtsIntegrity(storage, 'Post')).toThrow();
      installSearchIndexes(storage, schema.collections.values());
      checkFtsIntegrity(storage, 'Post');
      expect(ids(storage, 'banana')).toEqual(['b']);
      db.store.update('Post', 'b', { title: 'Blueberry' });
      expect(ids(storage, 'blueberry')).toEqual(['b']);
      checkFtsIntegrity(storage, 'Post');
    });
  });

  it('lets a migration drop an indexed column between dropSearchTriggers and installSearchIndexes', async () => {
    await inDurableObject(async (storage) => {
      const db = await open(storage);
      db.store.createMany('Post', [
        { $id: 'a', title: 'Apple', body: 'banana' },
        { $id: 'b', title: 'Banana', body: 'cherry' },
      ]);
      storage.sql.exec('DROP TRIGGER IF EXISTS "_cdc_Post_insert"');
      storage.sql.exec('DROP TRIGGER IF EXISTS "_cdc_Post_update"');
      storage.sql.exec('DROP TRIGGER IF EXISTS "_cdc_Post_delete"');
      expect(() => storage.sql.exec('ALTER TABLE "Post" DROP COLUMN "body"')).toThrow(/_fts_Post_/);
      dropSearchTriggers(storage);
      expect(searchObjects(storage).filter((o) => o.type === 'trigger')).toEqual([]);
      storage.sql.exec('ALTER TABLE "Post" DROP COLUMN "body"');
      installSearchIndexes(storage, titleOnly.collections.values());
      const TitleOnlyPost = collection(titleOnly, 'Post');
      expect(search(storage.sql, TitleOnlyPost, 'banana').map((h) => h.document.$id)).toEqual(['b']);
      checkFtsIntegrity(storage, 'Post');
    });
  });

  it('joins the caller\'s transaction', async () => {
    await inDurableObject((storage) => {
      for (const ddl of createTablesSql(schema)) storage.sql.exec(ddl);
      storage.transactionSync(() => {
        storage.sql.exec(`INSERT INTO "Post" ("$id", "$type", "$version", "$createdAt", "$updatedAt", title) VALUES ('p', 'Post', 1, 0, 0, 'Inside')`);
        installSearchIndexes(storage, schema.collections.values());
        storage.sql.exec(`INSERT INTO "Post" ("$id", "$type", "$version", "$createdAt", "$updatedAt", title) VALUES ('q', 'Post', 1, 0, 0, 'Inside too')`);
      });
      expect(ids(storage, 'inside')).toEqual(['p', 'q']);
      checkFtsIntegrity(storage, 'Post');
    });
  });

  it('skips collections without a table, and indexes only the $fts columns the table has', async () => {
    await inDurableObject((storage) => {
      installSearchIndexes(storage, schema.collections.values());
      expect(searchObjects(storage)).toEqual([]);
      storage.sql.exec(`CREATE TABLE "Post" ("$id" text PRIMARY KEY NOT NULL, "$type" text, "$version" integer, "$createdAt" integer, "$updatedAt" integer, title text)`);
      installSearchIndexes(storage, schema.collections.values());
      expect(searchObjects(storage)[0]!.sql).toContain('fts5("title", content=');
    });
  });

  it('refuses reserved FTS5 column names and a taken table name before writing anything', async () => {
    await inDurableObject((storage) => {
      // Post comes first and is fine: nothing of it may be created either (workerd cannot roll back a transaction that created an FTS5 table and wrote to it).
      const ranked = defineSchema({ Post: schema.definition.Post, Doc: { $fts: ['rank'], rank: 'string' } } as const);
      for (const ddl of createTablesSql(ranked)) storage.sql.exec(ddl);
      const before = schemaSnapshot(storage);
      const error = thrown(() => installSearchIndexes(storage, ranked.collections.values()));
      expect(error).toBeInstanceOf(SearchError);
      expect(error).toMatchObject({ code: 'NOT_SEARCHABLE', details: { collection: 'Doc', field: 'rank' } });
      expect(schemaSnapshot(storage)).toEqual(before);

      storage.sql.exec(`CREATE TABLE "Post_fts" (x text)`);
      const snapshot = schemaSnapshot(storage);
      expect(thrown(() => installSearchIndexes(storage, schema.collections.values()))).toMatchObject({ code: 'NOT_SEARCHABLE', details: { collection: 'Post' } });
      expect(schemaSnapshot(storage)).toEqual(snapshot);
    });
  });

  it('leaves FTS5 tables it did not make alone', async () => {
    await inDurableObject((storage) => {
      storage.sql.exec(`CREATE VIRTUAL TABLE "notes_fts" USING fts5(body)`);
      storage.sql.exec(`INSERT INTO "notes_fts" (body) VALUES ('mine')`);
      installSearchIndexes(storage, schema.collections.values());
      expect(storage.sql.exec(`SELECT body FROM "notes_fts" WHERE "notes_fts" MATCH 'mine'`).toArray()).toEqual([{ body: 'mine' }]);
    });
  });

  it('finds a rowid alias when a field hides "rowid"', async () => {
    await inDurableObject((storage) => {
      const hidden = defineSchema({ Doc: { $fts: ['body'], rowId: 'string', body: 'string' } } as const);
      for (const ddl of createTablesSql(hidden)) storage.sql.exec(ddl);
      storage.sql.exec(`INSERT INTO "Doc" ("$id", "$type", "$version", "$createdAt", "$updatedAt", "rowId", body) VALUES ('d1', 'Doc', 1, 0, 0, 'not-a-rowid', 'hello')`);
      installSearchIndexes(storage, hidden.collections.values());
      const Doc = collection(hidden, 'Doc');
      expect(search(storage.sql, Doc, 'hello').map((h) => h.document.$id)).toEqual(['d1']);
      storage.sql.exec(`UPDATE "Doc" SET body = 'bye'`);
      expect(search(storage.sql, Doc, 'bye').map((h) => h.document.$id)).toEqual(['d1']);
      checkFtsIntegrity(storage, 'Doc');
    });
  });
});
