/**
 * `_rels` follows the forward relation fields (issue 5 §1): one edge per
 * `-> T` value and per `-> T[]` item, written in the same transaction as the
 * document on both layouts, replaced when the field changes, removed with
 * the document — and, on the rows layout, for Drizzle builder and raw-SQL
 * writes too (triggers).
 */
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { inDurableObject } from '../support/do.js';
import { INTEGRITY_LAYOUTS, edgeList, openIntegrity } from './integrity-support.js';

describe.each(Object.entries(INTEGRITY_LAYOUTS))('edges on the %s layout', (_layout, set) => {
  it('are written for every forward value and list item, in list order, once per id', async () => {
    await inDurableObject(async (storage) => {
      const db = await openIntegrity(storage, set);
      db.store.createMany('Tag', [{ $id: 't1', name: 'a' }, { $id: 't2', name: 'b' }]);
      db.store.create('Person', { $id: 'p1', name: 'Ada' });
      db.store.create('Folder', { $id: 'f1', name: 'root' });
      db.store.createMany('File', [
        { $id: 'x1', name: 'one', folder: 'f1', tags: ['t2', 't1', 't2'], owner: 'p1' },
        { $id: 'x2', name: 'two', folder: 'f1', tags: [], owner: null },
      ]);
      expect(edgeList(storage)).toEqual([
        'File:x1.folder -> Folder:f1 #0',
        'File:x1.owner -> Person:p1 #0',
        'File:x1.tags -> Tag:t1 #1',
        'File:x1.tags -> Tag:t2 #0',
        'File:x2.folder -> Folder:f1 #0',
      ]);
    });
  });

  it('are replaced when the field changes and left alone when it does not', async () => {
    await inDurableObject(async (storage) => {
      const db = await openIntegrity(storage, set);
      db.store.createMany('Tag', [{ $id: 't1', name: 'a' }, { $id: 't2', name: 'b' }, { $id: 't3', name: 'c' }]);
      db.store.createMany('Folder', [{ $id: 'f1', name: 'one' }, { $id: 'f2', name: 'two' }]);
      db.store.create('File', { $id: 'x1', name: 'one', folder: 'f1', tags: ['t1', 't2'] });
      const created = storage.sql.exec<{ created_at: number }>("SELECT created_at FROM _rels WHERE rel = 'folder'").one().created_at;
      db.store.update('File', 'x1', { tags: ['t3', 't1'] });
      expect(edgeList(storage)).toEqual(['File:x1.folder -> Folder:f1 #0', 'File:x1.tags -> Tag:t1 #1', 'File:x1.tags -> Tag:t3 #0']);
      db.store.update('File', 'x1', { name: 'renamed' });
      expect(storage.sql.exec<{ created_at: number }>("SELECT created_at FROM _rels WHERE rel = 'folder'").one().created_at).toBe(created);
      db.store.update('File', 'x1', { folder: 'f2', tags: null });
      expect(edgeList(storage)).toEqual(['File:x1.folder -> Folder:f2 #0']);
      db.store.upsert('File', { $id: 'x1', name: 'again', folder: 'f1', tags: ['t2'] });
      expect(edgeList(storage)).toEqual(['File:x1.folder -> Folder:f1 #0', 'File:x1.tags -> Tag:t2 #0']);
    });
  });

  it('are removed with the document, outgoing and incoming', async () => {
    await inDurableObject(async (storage) => {
      const db = await openIntegrity(storage, set);
      db.store.create('Folder', { $id: 'f1', name: 'root' });
      db.store.create('Tag', { $id: 't1', name: 'a' });
      db.store.create('File', { $id: 'x1', name: 'one', folder: 'f1', tags: ['t1'] });
      db.store.create('File', { $id: 'x2', name: 'two', folder: 'f1', tags: ['t1'] });
      db.store.createRelation('Tag', 't1', 'seeAlso', 'File', 'x1');
      expect(db.store.delete('File', 'x1')).toBe(true);
      expect(edgeList(storage)).toEqual(['File:x2.folder -> Folder:f1 #0', 'File:x2.tags -> Tag:t1 #0']);
      expect(db.store.deleteMany('File', {})).toBe(1);
      expect(edgeList(storage)).toEqual([]);
    });
  });
});

describe('edges of rows-layout tables written without the store', () => {
  it('follow Drizzle builders and raw SQL, and skip a list that is not a JSON array', async () => {
    await inDurableObject(async (storage) => {
      const db = await openIntegrity(storage, INTEGRITY_LAYOUTS.rows);
      const { File } = db.$tables;
      const now = new Date();
      db.insert(File).values({ $id: 'x1', name: 'one', folderId: 'f1', tagsIds: ['t1', 't2'], $createdAt: now, $updatedAt: now }).run();
      expect(edgeList(storage)).toEqual(['File:x1.folder -> Folder:f1 #0', 'File:x1.tags -> Tag:t1 #0', 'File:x1.tags -> Tag:t2 #1']);
      db.update(File).set({ tagsIds: ['t9'] }).where(eq(File.$id, 'x1')).run();
      expect(edgeList(storage)).toEqual(['File:x1.folder -> Folder:f1 #0', 'File:x1.tags -> Tag:t9 #0']);
      storage.sql.exec(`UPDATE "File" SET tags = '"t1"', folder = 'f2' WHERE "$id" = 'x1'`);
      expect(edgeList(storage)).toEqual(['File:x1.folder -> Folder:f2 #0']);
      db.delete(File).where(eq(File.$id, 'x1')).run();
      expect(edgeList(storage)).toEqual([]);
    });
  });
});

describe('edges of a bulk write', () => {
  it('of 12,000 files in one createMany go in chunks of 5,000 per statement, and a cascade over them deletes all', async () => {
    await inDurableObject(async (storage) => {
      const db = await openIntegrity(storage, INTEGRITY_LAYOUTS.batched);
      db.store.create('Folder', { $id: 'f1', name: 'bulk' });
      const files = Array.from({ length: 12_000 }, (_, i) => ({ name: `file ${i}`, folder: 'f1' }));
      db.store.createMany('File', files);
      expect(storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM _rels WHERE to_id = 'f1'").one().n).toBe(12_000);
      expect(db.store.delete('Folder', 'f1')).toBe(true);
      expect(db.store.count('File')).toBe(0);
      expect(storage.sql.exec<{ n: number }>('SELECT count(*) AS n FROM _rels').one().n).toBe(0);
    });
  }, 60_000); // about 1 s alone; generous for a loaded 2-core machine
});
