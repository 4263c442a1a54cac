import { describe, expect, it } from 'vitest';
import migrations from '../../migrations/migrations.js';
import { schema } from '../../examples/schema.js';
import { toRanges } from '../../src/cdc/change-log.js';
import { createConfig, drizzle, migrate } from '../../src/index.js';
import { inDurableObject } from '../support/do.js';

describe('db.cdc', () => {
  it('marks entries synced as ranges, reports its cursor and prunes the synced prefix', async () => {
    await inDurableObject(async (storage) => {
      const db = drizzle(storage, { schema, config: createConfig('FINANCIAL') });
      await migrate(db, migrations);
      const users = db.store.createMany('User', Array.from({ length: 6 }, (_, i) => ({ tenantId: 't', name: `U${i}` })));
      db.store.update('User', users[0]!.$id, { name: 'renamed' });
      db.store.delete('User', users[1]!.$id);
      expect(db.cdc.getCDCCursor()).toMatchObject({ lastSeq: 8, syncedThrough: 0, unsynced: 8 });

      const changes = db.cdc.getUnsyncedChanges(100);
      expect(changes.map((c) => c.op)).toEqual(['insert', 'insert', 'insert', 'insert', 'insert', 'insert', 'update', 'delete']);
      // FINANCIAL captures before images.
      expect(changes[6]).toMatchObject({ before: { name: 'U0' }, after: { name: 'renamed' }, changed: ['name'] });
      expect(changes[7]).toMatchObject({ after: null, before: { name: 'U1' } });

      // Ranges, not one parameter per id: 1..3 and 5 are two updates, however many ids, and one
      // look for packed rows straddling a range's ends.
      expect(db.cdc.markSynced([1, 2, 3, 5])).toBe(4);
      expect(db.$cost.lastStatements).toBe(3);
      expect(db.cdc.getCDCCursor()).toMatchObject({ syncedThrough: 3, unsynced: 4 });
      expect(db.cdc.getUnsyncedChanges(2).map((c) => c.seq)).toEqual([4, 6]);
      expect(db.cdc.markSynced([1, 2])).toBe(0);

      expect(db.cdc.prune()).toBe(3);
      expect(db.cdc.getChangesAfter(0, 100).map((c) => c.seq)).toEqual([4, 5, 6, 7, 8]);
      // The newest entry is never pruned, so sequence numbers never go back.
      db.cdc.markSynced([4, 5, 6, 7, 8]);
      expect(db.cdc.prune()).toBe(4);
      db.store.create('User', { tenantId: 't', name: 'after prune' });
      expect(db.cdc.getCDCCursor().lastSeq).toBe(9);
    });
  });

  it('rejects malformed sequence numbers and limits', () => {
    expect(toRanges([5, 3, 4, 9, 9, 1])).toEqual([
      [1, 1],
      [3, 5],
      [9, 9],
    ]);
    expect(() => toRanges([0])).toThrow(expect.objectContaining({ code: 'INVALID_SEQUENCE' }));
    expect(() => toRanges([1.5])).toThrow(expect.objectContaining({ code: 'INVALID_SEQUENCE' }));
  });

  it('a markSynced of 10,000 ids binds no more than two parameters per statement', async () => {
    await inDurableObject(async (storage) => {
      const db = drizzle(storage, { schema });
      await migrate(db, migrations);
      db.store.createMany('User', Array.from({ length: 300 }, (_, i) => ({ tenantId: 't', name: `U${i}` })));
      const seqs = Array.from({ length: 10_000 }, (_, i) => i + 1);
      expect(db.cdc.markSynced(seqs)).toBe(300);
      expect(db.$cost.lastStatements).toBe(2);
    });
  });
});
