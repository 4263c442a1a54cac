import { describe, expect, it } from 'vitest';
import { inDurableObject } from '../support/do.js';
import { checkFtsIntegrity, open } from './support.js';

const replace = `INSERT OR REPLACE INTO "Post" ("$id", "$type", "$version", "$createdAt", "$updatedAt", title) VALUES ('p', 'Post', 1, 0, 0, 'Second')`;

describe('INSERT OR REPLACE', () => {
  it('keeps the FTS index consistent: drizzle() turns recursive_triggers on, so REPLACE fires the delete trigger', async () => {
    await inDurableObject(async (storage) => {
      const db = await open(storage);
      expect(storage.sql.exec<{ recursive_triggers: number }>('PRAGMA recursive_triggers').one().recursive_triggers).toBe(1);
      db.store.create('Post', { $id: 'p', title: 'First' });
      storage.sql.exec(replace);
      checkFtsIntegrity(storage, 'Post');
      expect(db.store.search('Post', 'first')).toEqual([]);
      expect(db.store.search('Post', 'second').map((hit) => hit.document.$id)).toEqual(['p']);
    });
  });

  it('would leave the index stale with recursive_triggers off (why drizzle() turns it on)', async () => {
    await inDurableObject(async (storage) => {
      const db = await open(storage);
      db.store.create('Post', { $id: 'p', title: 'First' });
      storage.sql.exec('PRAGMA recursive_triggers = OFF');
      storage.sql.exec(replace);
      expect(() => checkFtsIntegrity(storage, 'Post')).toThrow();
    });
  });
});
