import { describe, expect, it } from 'vitest';
import migrations from '../../migrations/migrations.js';
import { schema } from '../../examples/schema.js';
import { createConfig, drizzle, migrate } from '../../src/index.js';
import { inDurableObject } from '../support/do.js';

describe('db.stats', () => {
  it('reports collection and shard statistics', async () => {
    await inDurableObject(async (storage) => {
      const db = drizzle(storage, { schema, config: createConfig('DOCUMENT_STORE', { shardId: 'eu-7' }) });
      await migrate(db, migrations);
      expect(db.stats.collection('User')).toMatchObject({ collection: 'User', layout: 'rows', documentCount: 0, lastUpdatedAt: null, storedFields: 8 });
      const user = db.store.create('User', { tenantId: 't', name: 'Ada' });
      db.store.create('Post', { title: 'x', author: user.$id });
      const stats = db.stats.collection('User');
      expect(stats.documentCount).toBe(1);
      expect(stats.lastUpdatedAt).toEqual(user.$updatedAt);
      expect(stats.indexes).toEqual(['User_email_idx', 'User_tenantId_createdAt_idx', 'User_tenantId_email_unique']);
      const events = db.store.createMany('Event', Array.from({ length: 300 }, (_, i) => ({ kind: 'login' as const, actor: `a${i}`, at: new Date(i) })));
      // The batched Event counts its documents in _batches, not its (empty) table.
      expect(db.stats.collection('Event')).toMatchObject({ layout: 'batched', documentCount: 300, batches: 3, lastUpdatedAt: events[0]!.$updatedAt });
      const shard = db.stats.shard();
      expect(shard).toMatchObject({ shardId: 'eu-7', collections: { User: 1, Post: 1, Comment: 0, Event: 300 }, documentCount: 302, cdc: { lastSeq: 302, unsynced: 302 } });
      expect(shard.databaseSize).toBeGreaterThan(0);
      // The shard id is stamped on every change.
      expect(new Set(db.cdc.getUnsyncedChanges(500).map((c) => c.shardId))).toEqual(new Set(['eu-7']));
      expect(() => db.stats.collection('Nope')).toThrow(expect.objectContaining({ code: 'UNKNOWN_COLLECTION' }));
    });
  });
});
