import { describe, expect, it } from 'vitest';
import migrations from '../../migrations/migrations.js';
import fixtureMigrations from '../fixtures/migrations/migrations.js';
import { BATCHES_REBUILD, installSystemTables, systemObjectPresent, SYSTEM_TABLES_DDL } from '../../src/compile/system-ddl.js';
import { inDurableObject } from '../support/do.js';

const SYSTEM = ['_batches', '_rels', '_cdc', '_cdc_state', '_schemas', '_pruning_stats', '_iceberg_tables', '_iceberg_positions'];

function systemObjects(storage: DurableObjectStorage) {
  return storage.sql
    .exec<{ type: string; name: string; tbl: string; sql: string | null }>('SELECT type, name, tbl_name AS tbl, sql FROM sqlite_master ORDER BY type, name')
    .toArray()
    .filter((row) => SYSTEM.includes(row.tbl))
    .map((row) => ({ ...row, sql: row.sql?.replace(' IF NOT EXISTS', '') ?? null }));
}

describe('system tables', () => {
  it('are created by migrate() exactly as drizzle-kit generates them', async () => {
    const fromDrizzleKit = await inDurableObject((storage) => {
      for (const sql of Object.values(migrations.migrations).flatMap((m) => m.split('--> statement-breakpoint'))) storage.sql.exec(sql);
      return systemObjects(storage);
    });
    const fromMigrator = await inDurableObject((storage) => {
      installSystemTables(storage.sql);
      return systemObjects(storage);
    });
    expect(fromDrizzleKit.length).toBeGreaterThanOrEqual(SYSTEM.length);
    expect(fromMigrator).toEqual(fromDrizzleKit);
  });

  it('the _batches rebuild migrations hold exactly the statements migrate() recognises (and skips once the layout is current)', async () => {
    for (const set of [migrations, fixtureMigrations]) {
      const [name, text] = Object.entries(set.migrations).find(([n]) => n.endsWith('_batches_stats_first'))!;
      expect(name).toBeDefined();
      expect(text.split('--> statement-breakpoint').map((s) => s.trim().replace(/;$/, ''))).toEqual(BATCHES_REBUILD);
    }
    const skipped = await inDurableObject((storage) => {
      installSystemTables(storage.sql);
      return BATCHES_REBUILD.map((statement) => systemObjectPresent(storage.sql, statement));
    });
    expect(skipped).toEqual(BATCHES_REBUILD.map(() => true));
  });

  it('are upgraded in place: a database from before a column addition gets the column, its rows the default', async () => {
    const upgraded = await inDurableObject((storage) => {
      for (const sql of SYSTEM_TABLES_DDL) storage.sql.exec(sql);
      storage.sql.exec("INSERT INTO _cdc (tx_id, collection, doc_id, op, ts) VALUES ('1', 'User', 'u1', 'insert', 0)");
      installSystemTables(storage.sql);
      installSystemTables(storage.sql); // idempotent
      return { objects: systemObjects(storage), count: storage.sql.exec<{ count: number }>('SELECT count FROM _cdc').one().count };
    });
    const fromDrizzleKit = await inDurableObject((storage) => {
      for (const sql of Object.values(migrations.migrations).flatMap((m) => m.split('--> statement-breakpoint'))) storage.sql.exec(sql);
      return systemObjects(storage);
    });
    expect(upgraded.count).toBe(1);
    expect(upgraded.objects).toEqual(fromDrizzleKit);
  });
});
