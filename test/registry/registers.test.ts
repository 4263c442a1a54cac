import { describe, expect, it } from 'vitest';
import migrations from '../../migrations/migrations.js';
import { schema } from '../../examples/schema.js';
import { defineSchema, drizzle, migrate, MigrationError } from '../../src/index.js';
import { dataSnapshot, inDurableObject } from '../support/do.js';

describe('migrate registers the deployed schema', () => {
  it('registers every collection once, with field ids, and re-registers nothing when unchanged', async () => {
    await inDurableObject(async (storage) => {
      const db = drizzle(storage, { schema });
      await migrate(db, migrations);
      expect(db.registry.listSchemas().map((s) => [s.name, s.version])).toEqual([
        ['Comment', 1],
        ['Event', 1],
        ['Post', 1],
        ['Tag', 1],
        ['User', 1],
      ]);
      expect(db.registry.getFieldIds('Post')?.fields).toMatchObject({ $id: 1, $updatedAt: 5, title: 6, body: 7, published: 8, author: 9, tags: 10 });
      const before = dataSnapshot(storage);
      await migrate(drizzle(storage, { schema }), migrations);
      expect(dataSnapshot(storage)).toEqual(before);
    });
  });

  it('refuses an incompatible change, applying nothing', async () => {
    await inDurableObject(async (storage) => {
      await migrate(drizzle(storage, { schema }), migrations);
      const before = dataSnapshot(storage);
      const changed = defineSchema({ ...schema.definition, Post: { ...schema.definition.Post, published: 'int' } } as const);
      const error = await migrate(drizzle(storage, { schema: changed }), migrations).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MigrationError);
      expect(error).toMatchObject({ code: 'INCOMPATIBLE_SCHEMA' });
      expect((error as Error).message).toMatch(/TYPE_CHANGED|expected/);
      expect(dataSnapshot(storage)).toEqual(before);
    });
  });
});
