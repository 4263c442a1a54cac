import { describe, expect, it } from 'vitest';
import migrations from '../../migrations/migrations.js';
import { schema } from '../../examples/schema.js';
import { createIceTypeDO } from '../../src/index.js';
import { inDurableObject } from '../support/do.js';

describe('createIceTypeDO: the original API over the same engine', () => {
  it('creates, reads, updates, queries and deletes with the original method names', async () => {
    await inDurableObject(async (storage) => {
      const store = createIceTypeDO(storage, { schema, shardId: 'shard-1', enableCDC: true, preset: 'FINANCIAL' });
      expect((await store.initialize(migrations)).applied).toEqual(Object.keys(migrations.migrations).sort());
      const user = await store.create('User', { tenantId: 't', email: 'ada@t.test', name: 'Ada', age: 36 });
      expect(await store.get('User', user.$id)).toEqual(user);
      expect(await store.update('User', user.$id, { age: 37 })).toMatchObject({ age: 37, $version: 2 });
      expect((await store.query('User', { where: { age: { $gt: 30 } } })).documents).toHaveLength(1);

      const changes = store.getUnsyncedChanges(10);
      expect(changes.map((c) => [c.op, c.shardId])).toEqual([
        ['insert', 'shard-1'],
        ['update', 'shard-1'],
      ]);
      expect(changes[1]!.before).toMatchObject({ age: 36 }); // FINANCIAL captures before images
      store.markSynced(changes.map((c) => c.seq));
      expect(store.getCDCCursor()).toMatchObject({ lastSeq: 2, syncedThrough: 2, unsynced: 0 });

      expect(await store.delete('User', user.$id)).toBe(true);
      expect(store.getCollectionStats('User')).toMatchObject({ documentCount: 0, layout: 'rows' });
      expect(store.getShardStats()).toMatchObject({ shardId: 'shard-1', documentCount: 0 });
      await expect(store.update('User', user.$id, { age: 1 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });

  it('enableCDC: false captures nothing', async () => {
    await inDurableObject(async (storage) => {
      const store = createIceTypeDO(storage, { schema, enableCDC: false });
      await store.initialize(migrations);
      await store.create('User', { tenantId: 't', name: 'Ada' });
      expect(store.getUnsyncedChanges(10)).toEqual([]);
      // Only the guards of the batched Event's empty table and the _rels maintenance remain.
      const triggers = storage.sql.exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '\\_cdc\\_%' ESCAPE '\\' ORDER BY name").toArray();
      expect(triggers.map((t) => t.name).filter((name) => !name.includes('_rels_'))).toEqual(['_cdc_Event_guard_insert', '_cdc_Event_guard_update']);
    });
  });

  it('stores collections outside the schema as schemaless ones, as the original store did', async () => {
    await inDurableObject(async (storage) => {
      const store = createIceTypeDO(storage, { schema });
      await store.initialize(migrations);
      const alice = await store.create('users', { name: 'Alice', email: 'alice@myapp.com', age: 30 });
      expect(alice).toMatchObject({ $type: 'users', $version: 1, name: 'Alice' });
      expect(await store.get('users', alice.$id)).toEqual(alice);
      expect(await store.update('users', alice.$id, { age: 31 })).toMatchObject({ age: 31, $version: 2 });
      await store.create('users', { name: 'Bob', age: 25 });
      expect((await store.query('users', { where: { age: { $gt: 26 } } })).documents.map((d) => d.name)).toEqual(['Alice']);
      expect(store.discoverSchema('users')).toMatchObject({ documentCount: 2, fields: { name: { type: 'string' }, email: { nullable: true } } });
      expect(await store.delete('users', alice.$id)).toBe(true);
      expect(store.getUnsyncedChanges(10).map((c) => [c.op, c.collection])).toEqual([
        ['insert', 'users'],
        ['update', 'users'],
        ['insert', 'users'],
        ['delete', 'users'],
      ]);
      // The schema's collections stay typed and validated.
      await expect(store.create('User', { tenantId: 't', name: 'Ada', extra: 1 } as never)).rejects.toMatchObject({ code: 'UNKNOWN_FIELD' });
    });
  });
});
