/**
 * Referential integrity through `db.store` (issue 5 §1), on rows, batched and
 * mixed layouts: a forward reference must name an existing document
 * (`REFERENCE_NOT_FOUND`), and deleting a referenced document applies each
 * relation's `onDelete` — `restrict` (default, `DELETE_RESTRICTED`),
 * `cascade` (recursively, cycles included), `set null` (lists drop the id).
 * Every refused write leaves storage exactly as it was.
 */
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../src/index.js';
import { dataSnapshot, inDurableObject } from '../support/do.js';
import { thrown } from '../search/support.js';
import { INTEGRITY_LAYOUTS, edgeList, openIntegrity, type IntegrityDb } from './integrity-support.js';

function seed(db: IntegrityDb) {
  db.store.createMany('Person', [{ $id: 'p1', name: 'Ada' }, { $id: 'p2', name: 'Alan' }]);
  db.store.createMany('Tag', [{ $id: 't1', name: 'red' }, { $id: 't2', name: 'blue' }]);
  db.store.createMany('Folder', [
    { $id: 'f1', name: 'root' },
    { $id: 'f2', name: 'docs', parent: 'f1' },
    { $id: 'f3', name: 'old', parent: 'f2' },
    { $id: 'f4', name: 'elsewhere' },
  ]);
  db.store.createMany('File', [
    { $id: 'x1', name: 'a.txt', folder: 'f1', tags: ['t1', 't2'], owner: 'p1' },
    { $id: 'x2', name: 'b.txt', folder: 'f2', tags: ['t2'], owner: 'p1' },
    { $id: 'x3', name: 'c.txt', folder: 'f3', tags: ['t1'], owner: 'p2' },
    { $id: 'x4', name: 'd.txt', folder: 'f4', tags: null, owner: null },
  ]);
}

function expectError(error: unknown, code: string, fields: Partial<StoreError['details']>): void {
  expect(error).toBeInstanceOf(StoreError);
  expect((error as StoreError).code).toBe(code);
  expect((error as StoreError).details).toMatchObject(fields);
}

const ids = (docs: readonly { $id: string }[]) => docs.map((doc) => doc.$id).sort();

describe.each(Object.entries(INTEGRITY_LAYOUTS))('relations on the %s layout', (_layout, set) => {
  it('refuse forward references to documents that do not exist, leaving storage as it was', async () => {
    await inDurableObject(async (storage) => {
      const db = await openIntegrity(storage, set);
      seed(db);
      const before = dataSnapshot(storage);
      const cases: [() => unknown, Partial<StoreError['details']>][] = [
        [() => db.store.create('File', { name: 'n', folder: 'nope' }), { collection: 'File', fields: ['folder'], related: 'Folder' }],
        [() => db.store.create('File', { name: 'n', folder: 'f1', tags: ['t1', 'missing'] }), { fields: ['tags'], related: 'Tag' }],
        [() => db.store.create('File', { name: 'n', folder: 'f1', owner: 'ghost' }), { fields: ['owner'], related: 'Person' }],
        [() => db.store.createMany('File', [{ name: 'ok', folder: 'f1' }, { $id: 'bad', name: 'n', folder: 'f9' }]), { id: 'bad', fields: ['folder'] }],
        [() => db.store.update('File', 'x1', { tags: ['t2', 'zzz'] }), { id: 'x1', fields: ['tags'] }],
        [() => db.store.update('Folder', 'f2', { parent: 'f9' }), { id: 'f2', fields: ['parent'], related: 'Folder' }],
        [() => db.store.upsert('File', { $id: 'x2', name: 'b', folder: 'gone' }), { id: 'x2', fields: ['folder'] }],
        [() => db.store.upsert('File', { $id: 'new', name: 'b', folder: 'gone' }), { id: 'new', fields: ['folder'] }],
      ];
      for (const [write, details] of cases) {
        const error = thrown(write);
        expectError(error, 'REFERENCE_NOT_FOUND', details);
        expect((error as Error).message).toMatch(/^File|^Folder/);
        expect((error as Error).message).toContain('expected');
        expect(dataSnapshot(storage)).toEqual(before);
      }
    });
  });

  it('accept references between documents created together, and null or empty ones', async () => {
    await inDurableObject(async (storage) => {
      const db = await openIntegrity(storage, set);
      const folders = db.store.createMany('Folder', [
        { $id: 'child', name: 'child', parent: 'top' },
        { $id: 'top', name: 'top', parent: null },
      ]);
      expect(folders.map((f) => f.parent)).toEqual(['top', null]);
      db.store.create('File', { $id: 'x', name: 'x', folder: 'child', tags: [] });
      expect(edgeList(storage)).toEqual(['File:x.folder -> Folder:child #0', 'Folder:child.parent -> Folder:top #0']);
    });
  });

  it('restrict deleting a document others refer to, unless they go too', async () => {
    await inDurableObject(async (storage) => {
      const db = await openIntegrity(storage, set);
      seed(db);
      db.store.create('Pin', { $id: 'pin', note: 'keep', file: 'x1' });
      const before = dataSnapshot(storage);
      const error = thrown(() => db.store.delete('File', 'x1'));
      expectError(error, 'DELETE_RESTRICTED', { collection: 'File', id: 'x1', fields: ['file'], related: 'Pin' });
      expect((error as Error).message).toContain("Pin.file has onDelete: 'restrict'");
      expect(dataSnapshot(storage)).toEqual(before);
      // Deleting the folder would cascade to x1, which the pin restricts: nothing is deleted.
      expectError(thrown(() => db.store.delete('Folder', 'f1')), 'DELETE_RESTRICTED', { id: 'x1', related: 'Pin' });
      expectError(thrown(() => db.store.deleteMany('File', { name: { $in: ['a.txt', 'b.txt'] } })), 'DELETE_RESTRICTED', { id: 'x1' });
      expect(dataSnapshot(storage)).toEqual(before);
      expect(db.store.delete('Pin', 'pin')).toBe(true);
      expect(db.store.delete('File', 'x1')).toBe(true);
    });
  });

  it('cascade deletes through nested folders and their files, with their edges', async () => {
    await inDurableObject(async (storage) => {
      const db = await openIntegrity(storage, set);
      seed(db);
      expect(db.store.delete('Folder', 'f2')).toBe(true);
      expect(ids(db.store.query('Folder').documents)).toEqual(['f1', 'f4']);
      expect(ids(db.store.query('File').documents)).toEqual(['x1', 'x4']);
      expect(edgeList(storage)).toEqual([
        'File:x1.folder -> Folder:f1 #0',
        'File:x1.owner -> Person:p1 #0',
        'File:x1.tags -> Tag:t1 #0',
        'File:x1.tags -> Tag:t2 #1',
        'File:x4.folder -> Folder:f4 #0',
      ]);
      // Each cascaded delete is in the change log.
      const deletes = db.cdc.getUnsyncedChanges(1000).filter((entry) => entry.op === 'delete').map((entry) => `${entry.collection}:${entry.id}`).sort();
      expect(deletes).toEqual(['File:x2', 'File:x3', 'Folder:f2', 'Folder:f3']);
    });
  });

  it('cascade ends on cycles', async () => {
    await inDurableObject(async (storage) => {
      const db = await openIntegrity(storage, set);
      db.store.createMany('Folder', [{ $id: 'a', name: 'a', parent: 'b' }, { $id: 'b', name: 'b', parent: 'a' }, { $id: 'c', name: 'c' }]);
      expect(db.store.delete('Folder', 'a')).toBe(true);
      expect(ids(db.store.query('Folder').documents)).toEqual(['c']);
      expect(edgeList(storage)).toEqual([]);
    });
  });

  it('set null clears single references and drops ids from lists', async () => {
    await inDurableObject(async (storage) => {
      const db = await openIntegrity(storage, set);
      seed(db);
      expect(db.store.delete('Tag', 't1')).toBe(true);
      expect(db.store.delete('Person', 'p1')).toBe(true);
      const files = Object.fromEntries(db.store.query('File').documents.map((f) => [f.$id, { tags: f.tags, owner: f.owner, version: f.$version }]));
      expect(files).toEqual({
        x1: { tags: ['t2'], owner: null, version: 3 },
        x2: { tags: ['t2'], owner: null, version: 2 },
        x3: { tags: [], owner: 'p2', version: 2 },
        x4: { tags: null, owner: null, version: 1 },
      });
      expect(edgeList(storage).filter((edge) => edge.startsWith('File:') && !edge.includes('.folder'))).toEqual(['File:x1.tags -> Tag:t2 #0', 'File:x2.tags -> Tag:t2 #0', 'File:x3.owner -> Person:p2 #0']);
    });
  });

  it('deleteMany applies onDelete to every document it deletes, and documents deleted together do not restrict each other', async () => {
    await inDurableObject(async (storage) => {
      const db = await openIntegrity(storage, set);
      seed(db);
      db.store.create('Pin', { $id: 'pin', note: 'n', file: 'x4' });
      expect(db.store.deleteMany('Folder', { name: { $in: ['root', 'docs'] } })).toBe(2);
      expect(ids(db.store.query('Folder').documents)).toEqual(['f4']);
      expect(ids(db.store.query('File').documents)).toEqual(['x4']);
      expect(db.store.deleteMany('Pin', {})).toBe(1);
      expect(db.store.deleteMany('File', {})).toBe(1);
      expect(edgeList(storage)).toEqual([]);
    });
  });
});
