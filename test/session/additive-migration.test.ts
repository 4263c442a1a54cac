import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import migrations from '../fixtures/migrations/migrations.js';
import { fixtureSchema, Gadget, Owner } from '../fixtures/schema.js';
import { drizzle, migrate } from '../../src/index.js';
import { inDurableObject } from '../support/do.js';

const [first, second, third, fourth, fifth, sixth, seventh, eighth] = Object.keys(migrations.migrations).sort();

describe('an additive migration over existing data', () => {
  it('adds columns and an index and loses nothing', async () => {
    expect(first).toMatch(/_everything$/);
    expect(second).toMatch(/_gadget_color_rank$/);
    expect(third).toMatch(/_cdc_packed_entries$/);
    expect(fourth).toMatch(/_pruning_stats$/);
    expect(fifth).toMatch(/_cdc_images$/);
    expect(sixth).toMatch(/_iceberg_tables$/);
    expect(seventh).toMatch(/_iceberg_positions$/);
    expect(eighth).toMatch(/_batches_stats_first$/);
    await inDurableObject(async (storage) => {
      const db = drizzle(storage, { schema: fixtureSchema });
      const v1 = { migrations: { [first!]: migrations.migrations[first as keyof typeof migrations.migrations] } };
      expect((await migrate(db, v1)).applied).toEqual([first]);
      // Version 1 of Gadget has no color/rank: write through SQL shaped like v1.
      db.insert(Owner).values({ $id: 'o1', name: 'Ada' }).run();
      for (let i = 0; i < 50; i++) {
        storage.sql.exec('INSERT INTO Gadget ("$id", "$createdAt", "$updatedAt", name, owner) VALUES (?, ?, ?, ?, ?)', `g${i}`, 1000 + i, 1000 + i, `gadget ${i}`, i % 2 === 0 ? 'o1' : null);
      }
      const before = storage.sql.exec('SELECT "$id", name, owner, "$createdAt" FROM Gadget ORDER BY "$id"').toArray();

      // migrate() gave _cdc its `count` column and created _pruning_stats already (installSystemTables);
      // the later migrations' identical statements are skipped rather than failing on duplicates.
      expect(storage.sql.exec<{ name: string }>('PRAGMA table_info(_cdc)').toArray().map((c) => c.name)).toContain('count');
      expect(storage.sql.exec("SELECT 1 FROM sqlite_master WHERE name = '_pruning_stats'").toArray()).toHaveLength(1);
      expect(storage.sql.exec("SELECT 1 FROM sqlite_master WHERE name = '_iceberg_tables'").toArray()).toHaveLength(1);
      expect(storage.sql.exec("SELECT 1 FROM sqlite_master WHERE name = '_iceberg_positions'").toArray()).toHaveLength(1);
      // migrate() rebuilt _batches into its current layout too: the rebuild migration's statements are skipped.
      const batchesColumns = () => storage.sql.exec<{ name: string }>('PRAGMA table_info(_batches)').toArray().map((c) => c.name);
      expect(batchesColumns().slice(-4)).toEqual(['blooms', 'created_at', 'updated_at', 'data']);
      expect((await migrate(db, migrations)).applied).toEqual([second, third, fourth, fifth, sixth, seventh, eighth]);
      expect(batchesColumns()).toContain('stats_tag');
      expect(storage.sql.exec("SELECT 1 FROM sqlite_master WHERE name = '_batches_legacy'").toArray()).toHaveLength(0);
      const after = storage.sql.exec('SELECT "$id", name, owner, "$createdAt" FROM Gadget ORDER BY "$id"').toArray();
      expect(after).toEqual(before);
      // New columns: the optional one is null, the required one took its default.
      const gadget = db.select().from(Gadget).where(eq(Gadget.$id, 'g7')).get();
      expect(gadget).toMatchObject({ name: 'gadget 7', color: null, rank: 0, ownerId: null });
      const indexes = storage.sql.exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'Gadget'").toArray().map((r) => r.name);
      expect(indexes).toContain('Gadget_color_idx');
      // The change-capture triggers now capture the new columns too.
      db.insert(Gadget).values({ $id: 'g-new', name: 'new', color: 'red' }).run();
      const image = storage.sql.exec<{ after: string }>("SELECT after FROM _cdc WHERE doc_id = 'g-new'").one();
      expect(JSON.parse(image.after)).toMatchObject({ color: 'red', rank: 0 });
      // And the relation still joins over the old rows.
      const owner = db.query.Owner.findFirst({ with: { gadgets: { columns: { $id: true } } } }).sync();
      expect(owner?.gadgets).toHaveLength(25);
    });
  });
});
