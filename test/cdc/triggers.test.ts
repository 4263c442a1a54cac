import { drizzle as drizzleDurableObject } from 'drizzle-orm/durable-sqlite';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import migrations from '../fixtures/migrations/migrations.js';
import { Everything, fixtureSchema, Gadget, Owner } from '../fixtures/schema.js';
import { installCdcTriggers } from '../../src/cdc/triggers.js';
import { parseSchema } from '../../src/icetype/index.js';
import { migrate } from '../../src/index.js';
import { createSessionStorage } from '../../src/session/session-storage.js';
import { inDurableObject } from '../support/do.js';

interface CdcRow {
  seq: number;
  tx_id: string;
  collection: string;
  doc_id: string;
  op: string;
  after: string | null;
  before: string | null;
  changed: string | null;
  shard: string;
}

async function open(storage: DurableObjectStorage, captureBefore = true) {
  const session = createSessionStorage(storage);
  const db = drizzleDurableObject(session.storage);
  await migrate(db, migrations);
  installCdcTriggers(storage, fixtureSchema.collections.values(), { captureBefore });
  const log = () => storage.sql.exec<CdcRow & Record<string, SqlStorageValue>>('SELECT * FROM _cdc ORDER BY seq').toArray();
  return { db, session, log };
}

describe('CDC triggers', () => {
  it('log inserts, updates and deletes from Drizzle builders with images and changed fields', async () => {
    await inDurableObject(async (storage) => {
      const { db, log } = await open(storage);
      db.insert(Owner).values({ $id: 'o1', name: 'Ada' }).run();
      db.update(Owner).set({ name: 'Ada L.' }).where(eq(Owner.$id, 'o1')).run();
      db.delete(Owner).where(eq(Owner.$id, 'o1')).run();
      const rows = log();
      expect(rows.map((r) => [r.op, r.collection, r.doc_id])).toEqual([
        ['insert', 'Owner', 'o1'],
        ['update', 'Owner', 'o1'],
        ['delete', 'Owner', 'o1'],
      ]);
      const [insert, update, remove] = rows;
      expect(JSON.parse(insert!.after!)).toMatchObject({ $id: 'o1', $type: 'Owner', $version: 1, name: 'Ada' });
      expect(insert!.before).toBeNull();
      expect(JSON.parse(update!.after!)).toMatchObject({ name: 'Ada L.', $version: 2 });
      expect(JSON.parse(update!.before!)).toMatchObject({ name: 'Ada', $version: 1 });
      expect(JSON.parse(update!.changed!)).toEqual(['name']);
      expect(remove!.after).toBeNull();
      expect(JSON.parse(remove!.before!)).toMatchObject({ name: 'Ada L.' });
      expect(rows.every((r) => r.shard === 'shard-0')).toBe(true);
    });
  });

  it('capture raw SQL writes too, and omit before images unless configured', async () => {
    await inDurableObject(async (storage) => {
      const { db, log } = await open(storage, false);
      db.run(sql`INSERT INTO "Gadget" ("$id", "$createdAt", "$updatedAt", name) VALUES ('g1', 1, 1, 'gizmo')`);
      db.run(sql`UPDATE "Gadget" SET rank = 3 WHERE "$id" = 'g1'`);
      const rows = log();
      expect(rows.map((r) => r.op)).toEqual(['insert', 'update']);
      expect(rows[1]!.before).toBeNull();
      expect(JSON.parse(rows[1]!.changed!)).toEqual(['rank']);
    });
  });

  it('stamp one transaction number per write transaction', async () => {
    await inDurableObject(async (storage) => {
      const { db, log } = await open(storage);
      db.transaction((tx) => {
        tx.insert(Owner).values({ $id: 'o1', name: 'A' }).run();
        tx.insert(Gadget).values({ $id: 'g1', name: 'g', ownerId: 'o1' }).run();
      });
      db.insert(Owner).values({ $id: 'o2', name: 'B' }).run();
      db.insert(Owner).values({ $id: 'o3', name: 'C' }).run();
      const tx = log().map((r) => r.tx_id);
      expect(tx[0]).toBe(tx[1]);
      expect(new Set(tx).size).toBe(3);
    });
  });

  it('encode every column type in a form JSON can hold', async () => {
    await inDurableObject(async (storage) => {
      const { db, log } = await open(storage);
      db.insert(Everything)
        .values({ $id: 'e1', aText: 't', aBinary: new Uint8Array([1, 255]), embedding: [1, 0, 0, 0], strings: ['x'], aJson: { a: [1] }, aBool: true, aTimestamp: new Date(5) })
        .run();
      const after = JSON.parse(log()[0]!.after!) as Record<string, unknown>;
      expect(after).toMatchObject({ aBinary: '01FF', embedding: '0000803F000000000000000000000000', strings: ['x'], aJson: { a: [1] }, aBool: 1, aTimestamp: 5 });
    });
  });

  it('roll back with the write: a failed statement leaves no entry', async () => {
    await inDurableObject(async (storage) => {
      const { db, log } = await open(storage);
      expect(() =>
        db.transaction((tx) => {
          tx.insert(Owner).values({ $id: 'o1', name: 'A' }).run();
          tx.insert(Owner).values({ $id: 'o1', name: 'duplicate' }).run();
        }),
      ).toThrow();
      expect(log()).toEqual([]);
      expect(db.select().from(Owner).all()).toEqual([]);
    });
  });

  it('are installed idempotently and replaced when a collection changes', async () => {
    await inDurableObject(async (storage) => {
      await open(storage);
      const before = storage.sql.exec("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").toArray();
      // Change capture (3 per collection), _rels maintenance (Gadget's forward owner: 3; a delete trigger for
      // Everything and Owner) and nothing else.
      expect(before).toHaveLength(14);
      installCdcTriggers(storage, fixtureSchema.collections.values(), { captureBefore: true });
      expect(storage.sql.exec("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").toArray()).toEqual(before);
      // Owner gains a field: only its triggers change; a collection dropped from the set loses its triggers.
      const owner = parseSchema({ name: 'string!', nickname: 'string' }, { name: 'Owner' });
      storage.sql.exec('ALTER TABLE Owner ADD nickname text');
      installCdcTriggers(storage, [owner], { captureBefore: true });
      const after = storage.sql.exec<{ name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").toArray();
      expect(after.map((t) => t.name)).toEqual(['_cdc_Owner_delete', '_cdc_Owner_insert', '_cdc_Owner_rels_delete', '_cdc_Owner_update']);
      expect(after[1]!.sql).toContain("'nickname'");
    });
  });

  it('handle tables wider than one json_object call (over 60 columns)', async () => {
    await inDurableObject((storage) => {
      const fields = Object.fromEntries(Array.from({ length: 90 }, (_, i) => [`f${i}`, 'int']));
      const wide = parseSchema(fields, { name: 'Wide' });
      storage.sql.exec(`CREATE TABLE Wide ("$id" text primary key, "$type" text, "$version" integer, "$createdAt" integer, "$updatedAt" integer, ${Object.keys(fields).map((f) => `"${f}" integer`).join(', ')})`);
      storage.sql.exec('CREATE TABLE _cdc (seq integer primary key autoincrement, tx_id text not null, collection text not null, doc_id text not null, op text not null, after text, before text, changed text, ts integer not null, shard text, synced integer default 0 not null)');
      storage.sql.exec('CREATE TABLE _cdc_state (id integer primary key, tx integer default 0 not null, shard text default \'shard-0\' not null)');
      installCdcTriggers(storage, [wide], { captureBefore: false });
      storage.sql.exec(`INSERT INTO Wide ("$id", f0, f89) VALUES ('w', 7, 89)`);
      const after = JSON.parse(storage.sql.exec<{ after: string }>('SELECT after FROM _cdc').one().after) as Record<string, unknown>;
      expect(after).toMatchObject({ $id: 'w', f0: 7, f89: 89 });
    });
  });
});
