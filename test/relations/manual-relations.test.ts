/**
 * The original store's relation API (issue 5 §1): `createRelation`,
 * `createBidirectionalRelation` (atomic), `getOutgoingRelations`,
 * `getIncomingRelations` (ordered by `ordinal`), `deleteRelation` — for
 * edges outside the schema, on both layouts and on schemaless collections
 * through `createIceTypeDO`. Bad input gets typed errors and changes nothing.
 */
import { describe, expect, it } from 'vitest';
import migrations from '../../migrations/migrations.js';
import { schema } from '../../examples/schema.js';
import { StoreError, createIceTypeDO, textMatcher } from '../../src/index.js';
import { dataSnapshot, inDurableObject } from '../support/do.js';
import { thrown } from '../search/support.js';
import { createTablesSql } from '../search/support.js';
import { INTEGRITY_LAYOUTS, openIntegrity } from './integrity-support.js';
import { batchedSchema } from './support.js';

describe.each(Object.entries(INTEGRITY_LAYOUTS))('createRelation on the %s layout', (_layout, set) => {
  it('adds edges in ordinal order, both ways atomically, and reads them back', async () => {
    await inDurableObject(async (storage) => {
      const db = await openIntegrity(storage, set);
      db.store.createMany('Person', [{ $id: 'p1', name: 'Ada' }, { $id: 'p2', name: 'Alan' }, { $id: 'p3', name: 'Grace' }]);
      db.store.create('Folder', { $id: 'f1', name: 'root' });
      const first = db.store.createRelation('Person', 'p1', 'follows', 'Person', 'p3');
      const second = db.store.createRelation('Person', 'p1', 'follows', 'Person', 'p2');
      const early = db.store.createRelation('Person', 'p1', 'follows', 'Folder', 'f1', { ordinal: -1, score: 0.5 });
      expect([first.ordinal, second.ordinal, early.ordinal]).toEqual([0, 1, -1]);
      expect(early).toMatchObject({ fromType: 'Person', fromId: 'p1', rel: 'follows', toType: 'Folder', toId: 'f1', score: 0.5 });
      expect(early.createdAt).toBeInstanceOf(Date);
      expect(db.store.getOutgoingRelations('Person', 'p1').map((e) => `${e.toType}:${e.toId}`)).toEqual(['Folder:f1', 'Person:p3', 'Person:p2']);
      const [forward, backward] = db.store.createBidirectionalRelation('Person', 'p2', 'mentor', 'Person', 'p3', 'mentee');
      expect([forward.rel, forward.toId, backward.rel, backward.fromId, backward.toId]).toEqual(['mentor', 'p3', 'mentee', 'p3', 'p2']);
      expect(db.store.getIncomingRelations('Person', 'p3').map((e) => `${e.fromId}.${e.rel}`)).toEqual(['p1.follows', 'p2.mentor']);
      expect(db.store.getIncomingRelations('Person', 'p3', 'mentor').map((e) => e.fromId)).toEqual(['p2']);
      expect(db.store.getOutgoingRelations('Person', 'p3', 'mentee').map((e) => e.toId)).toEqual(['p2']);
      // Repeating an edge keeps one row and takes the new score.
      db.store.createRelation('Person', 'p1', 'follows', 'Person', 'p2', { ordinal: 1, score: 2 });
      expect(db.store.getOutgoingRelations('Person', 'p1', 'follows').filter((e) => e.toId === 'p2').map((e) => e.score)).toEqual([2]);
      expect(db.store.deleteRelation('Person', 'p1', 'follows', 'Person', 'p2')).toBe(true);
      expect(db.store.deleteRelation('Person', 'p1', 'follows', 'Person', 'p2')).toBe(false);
      // Schema edges are listed too.
      db.store.create('File', { $id: 'x', name: 'x', folder: 'f1', owner: 'p1' });
      expect(db.store.getIncomingRelations('Folder', 'f1').map((e) => `${e.fromType}.${e.rel}`)).toEqual(['Person.follows', 'File.folder']); // by ordinal: -1, then 0
    });
  });

  it('refuses bad input with typed errors and writes nothing (the bidirectional pair included)', async () => {
    await inDurableObject(async (storage) => {
      const db = await openIntegrity(storage, set);
      db.store.createMany('Person', [{ $id: 'p1', name: 'Ada' }, { $id: 'p2', name: 'Alan' }]);
      db.store.create('Folder', { $id: 'f1', name: 'root' });
      const before = dataSnapshot(storage);
      const cases: [() => unknown, string, RegExp][] = [
        [() => db.store.createRelation('Person', 'p1', 'knows', 'Person', 'ghost'), 'REFERENCE_NOT_FOUND', /expected the relation Person\.knows to join existing documents, found no Person/],
        [() => db.store.createRelation('Person', 'ghost', 'knows', 'Person', 'p1'), 'REFERENCE_NOT_FOUND', /found no Person/],
        [() => db.store.createRelation('Person', 'p1', "x'); DROP TABLE _rels; --", 'Person', 'p2'), 'INVALID_OPTION', /expected a relation name matching/],
        [() => db.store.createRelation('Person', 'p1', '', 'Person', 'p2'), 'INVALID_OPTION', /relation name/],
        [() => db.store.createRelation('Folder', 'f1', 'parent', 'Folder', 'f1'), 'INVALID_OPTION', /outside the schema, found Folder\.parent/],
        [() => db.store.createRelation('Folder', 'f1', 'files', 'Person', 'p1'), 'INVALID_OPTION', /outside the schema/],
        [() => db.store.createRelation('Person', 'p1', 'knows', 'Person', 'p2', { ordinal: 1.5 }), 'INVALID_OPTION', /expected ordinal to be an integer, found 1\.5/],
        [() => db.store.createRelation('Person', 'p1', 'knows', 'Person', 'p2', { score: Number.NaN }), 'INVALID_OPTION', /expected score to be a finite number or null, found NaN/],
        [() => db.store.createRelation('Nope' as 'Person', 'p1', 'knows', 'Person', 'p2'), 'UNKNOWN_COLLECTION', /expected a collection of the schema/],
        [() => db.store.createBidirectionalRelation('Person', 'p1', 'mentor', 'Person', 'p2', 'bad name'), 'INVALID_OPTION', /relation name/],
        [() => db.store.createBidirectionalRelation('Person', 'p1', 'mentor', 'Folder', 'f1', 'parent'), 'INVALID_OPTION', /Folder\.parent/],
        [() => db.store.deleteRelation('Folder', 'f1', 'parent', 'Folder', 'f1'), 'INVALID_OPTION', /outside the schema/],
      ];
      for (const [call, code, message] of cases) {
        const error = thrown(call);
        expect(error).toBeInstanceOf(StoreError);
        expect([(error as StoreError).code, (error as Error).message]).toEqual([code, expect.stringMatching(message)]);
        expect(dataSnapshot(storage)).toEqual(before);
      }
    });
  });
});

describe('the relation API of createIceTypeDO', () => {
  it('joins schemaless and schema documents, as the original store did', async () => {
    await inDurableObject(async (storage) => {
      const store = createIceTypeDO(storage, { schema });
      await store.initialize(migrations);
      const user = await store.create('User', { tenantId: 't', email: 'ada@t.test', name: 'Ada' });
      const page = await store.create('pages', { title: 'Home' });
      const [forward, backward] = store.createBidirectionalRelation('pages', page.$id, 'owner', 'User', user.$id, 'ownedPages');
      expect(forward).toMatchObject({ fromType: 'pages', toType: 'User', rel: 'owner' });
      expect(backward).toMatchObject({ fromType: 'User', toType: 'pages', rel: 'ownedPages' });
      expect(store.getOutgoingRelations('pages', page.$id, 'owner').map((e) => e.toId)).toEqual([user.$id]);
      expect(store.getIncomingRelations('User', user.$id).map((e) => e.fromId)).toEqual([page.$id]);
      expect(store.createRelation('pages', page.$id, 'links', 'pages', page.$id).ordinal).toBe(0);
      // Deleting either end removes the edges touching it.
      expect(await store.delete('pages', page.$id)).toBe(true);
      expect(store.getOutgoingRelations('User', user.$id)).toEqual([]);
      expect(store.getIncomingRelations('User', user.$id)).toEqual([]);
    });
  });
});

describe('createIceTypeDO with matchers', () => {
  it('fills fuzzy relations on write, as drizzle() does', async () => {
    await inDurableObject(async (storage) => {
      for (const ddl of createTablesSql(batchedSchema)) storage.sql.exec(ddl);
      const store = createIceTypeDO(storage, { schema: batchedSchema, matchers: { Book: { similar: textMatcher({ fields: ['title'], threshold: 0.1, topK: 2 }) } } });
      await store.initialize({ migrations: {} });
      await store.create('Author', { $id: 'a1', name: 'Ursula' });
      await store.create('Book', { $id: 'b1', title: 'The Left Hand of Darkness', author: 'a1' });
      await store.create('Book', { $id: 'b2', title: 'The Farthest Shore', author: 'a1' });
      await store.create('Book', { $id: 'b3', title: 'Darkness Visible', author: 'a1' });
      expect(store.getOutgoingRelations('Book', 'b3', 'similar').map((e) => e.toId)).toEqual(['b1']);
      expect(store.db.rel.Book('b3').similar.ids()).toEqual(['b1']);
    });
  });
});
