import { drizzle as drizzleDurableObject } from 'drizzle-orm/durable-sqlite';
import { migrate as drizzleMigrate } from 'drizzle-orm/durable-sqlite/migrator';
import { describe, expect, it } from 'vitest';
import { MigrationError, migrate } from '../../src/index.js';
import { inDurableObject, schemaSnapshot } from '../support/do.js';

const BP = '--> statement-breakpoint';

/** A parent table with children that cascade (comments) and children that restrict (likes). */
const baseline = {
  '20260101000000_init': [
    'CREATE TABLE `authors` (`id` text PRIMARY KEY, `name` text NOT NULL)',
    'CREATE TABLE `books` (`id` text PRIMARY KEY, `author_id` text NOT NULL REFERENCES `authors`(`id`) ON DELETE CASCADE)',
    'CREATE TABLE `likes` (`id` text PRIMARY KEY, `author_id` text NOT NULL REFERENCES `authors`(`id`) ON DELETE RESTRICT)',
  ].join(`;\n${BP}\n`),
};

/** What drizzle-kit emits when a column of a referenced table changes: a full table rebuild. */
const rebuildAuthors = {
  ...baseline,
  '20260102000000_rebuild': [
    'PRAGMA foreign_keys=OFF;',
    'CREATE TABLE `__new_authors` (`id` text PRIMARY KEY, `name` text NOT NULL, `bio` text DEFAULT \'\' NOT NULL);',
    'INSERT INTO `__new_authors`(`id`, `name`) SELECT `id`, `name` FROM `authors`;',
    'DROP TABLE `authors`;',
    'ALTER TABLE `__new_authors` RENAME TO `authors`;',
    'PRAGMA foreign_keys=ON;',
  ].join(`${BP}\n`),
};

function seedAuthors(storage: DurableObjectStorage): void {
  storage.sql.exec("INSERT INTO authors VALUES ('a1', 'Ada'), ('a2', 'Alan')");
  storage.sql.exec("INSERT INTO books VALUES ('b1', 'a1'), ('b2', 'a1'), ('b3', 'a2')");
}

function count(storage: DurableObjectStorage, table: string): number {
  return storage.sql.exec<{ n: number }>(`SELECT count(*) AS n FROM ${table}`).one().n;
}

describe('migrate', () => {
  it('applies pending migrations once, records them, and creates the system tables', async () => {
    await inDurableObject(async (storage) => {
      const db = drizzleDurableObject(storage);
      expect(await migrate(db, { migrations: baseline })).toEqual({ applied: ['20260101000000_init'] });
      expect(await migrate(db, { migrations: baseline })).toEqual({ applied: [] });
      const tables = schemaSnapshot(storage).filter((row) => row.type === 'table').map((row) => row.name);
      expect(tables).toEqual(expect.arrayContaining(['authors', 'books', 'likes', '_batches', '_rels', '_cdc', '_cdc_state', '_schemas', '__drizzle_migrations']));
    });
  });

  it('reports the real SQLite error with the migration and statement, and leaves storage unchanged', async () => {
    await inDurableObject(async (storage) => {
      const db = drizzleDurableObject(storage);
      await migrate(db, { migrations: baseline });
      seedAuthors(storage);
      const before = schemaSnapshot(storage);
      const broken = {
        ...baseline,
        '20260103000000_ok': 'CREATE TABLE `tags` (`id` text PRIMARY KEY)',
        '20260104000000_broken': ['ALTER TABLE `books` ADD `title` text', 'CREATE INDEX `x_idx` ON `no_such_table` (`id`)'].join(`;\n${BP}\n`),
      };
      const error = await migrate(db, { migrations: broken }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MigrationError);
      const migrationError = error as MigrationError;
      expect(migrationError.code).toBe('MIGRATION_FAILED');
      expect(migrationError.details.migration).toBe('20260104000000_broken');
      expect(migrationError.details.statement).toBe(2);
      expect(migrationError.message).toMatch(/no such table: main\.no_such_table/);
      expect(migrationError.message).not.toMatch(/^Rollback$/);
      // Nothing of the run survived: not the earlier migration, not the first statement.
      expect(schemaSnapshot(storage)).toEqual(before);
      expect(count(storage, 'books')).toBe(3);
    });
  });

  it("Drizzle's own migrator hides that error as \"Rollback\" (why the wrapper exists)", async () => {
    await inDurableObject((storage) => {
      const db = drizzleDurableObject(storage);
      const broken = { '20260101000000_broken': 'CREATE INDEX `x_idx` ON `no_such_table` (`id`)' };
      expect(() => drizzleMigrate(db, { migrations: broken })).toThrow(/^Rollback$/);
    });
  });

  it('rebuilds a referenced table without cascade-deleting or rejecting child rows', async () => {
    await inDurableObject(async (storage) => {
      const db = drizzleDurableObject(storage);
      await migrate(db, { migrations: baseline });
      seedAuthors(storage);
      storage.sql.exec("INSERT INTO likes VALUES ('l1', 'a2')");
      await migrate(db, { migrations: rebuildAuthors });
      expect(count(storage, 'books')).toBe(3);
      expect(count(storage, 'likes')).toBe(1);
      expect(storage.sql.exec<{ bio: string }>("SELECT bio FROM authors WHERE id = 'a1'").one().bio).toBe('');
      // Foreign keys are enforced again afterwards.
      expect(storage.sql.exec<{ foreign_keys: number }>('PRAGMA foreign_keys').one().foreign_keys).toBe(1);
      expect(() => storage.sql.exec("INSERT INTO books VALUES ('b9', 'nobody')")).toThrow(/FOREIGN KEY constraint failed/);
    });
  });

  it("Drizzle's own migrator loses the children on the same rebuild (the hazard)", async () => {
    await inDurableObject(async (storage) => {
      const db = drizzleDurableObject(storage);
      drizzleMigrate(db, { migrations: baseline });
      seedAuthors(storage);
      drizzleMigrate(db, { migrations: rebuildAuthors });
      expect(count(storage, 'books')).toBe(0);
    });
  });

  it('is safe even when writes earlier in the same event opened an implicit transaction', async () => {
    await inDurableObject(async (storage) => {
      const db = drizzleDurableObject(storage);
      await migrate(db, { migrations: baseline });
      seedAuthors(storage); // same event: SQLite is now inside the DO's implicit transaction
      await migrate(db, { migrations: rebuildAuthors });
      expect(count(storage, 'books')).toBe(3);
    });
  });

  it('rejects a migration that leaves dangling references, applying nothing', async () => {
    await inDurableObject(async (storage) => {
      const db = drizzleDurableObject(storage);
      await migrate(db, { migrations: baseline });
      seedAuthors(storage);
      const before = schemaSnapshot(storage);
      const orphaning = {
        ...baseline,
        '20260105000000_orphans': [
          'PRAGMA foreign_keys=OFF;',
          'CREATE TABLE `__new_authors` (`id` text PRIMARY KEY, `name` text NOT NULL);',
          "INSERT INTO `__new_authors` SELECT `id`, `name` FROM `authors` WHERE `id` <> 'a2';",
          'DROP TABLE `authors`;',
          'ALTER TABLE `__new_authors` RENAME TO `authors`;',
        ].join(`${BP}\n`),
      };
      const error = await migrate(db, { migrations: orphaning }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MigrationError);
      expect((error as MigrationError).code).toBe('FOREIGN_KEY_VIOLATION');
      expect((error as MigrationError).details.violations).toEqual([{ table: 'books', rowid: expect.any(Number), parent: 'authors' }]);
      expect(schemaSnapshot(storage)).toEqual(before);
      expect(count(storage, 'authors')).toBe(2);
      expect(storage.sql.exec<{ foreign_keys: number }>('PRAGMA foreign_keys').one().foreign_keys).toBe(1);
    });
  });

  it('rejects migrations that are not drizzle-kit output', async () => {
    await inDurableObject(async (storage) => {
      const db = drizzleDurableObject(storage);
      const notText = { migrations: { '20260101000000_x': 42 } } as unknown as { migrations: Record<string, string> };
      await expect(migrate(db, notText)).rejects.toMatchObject({ code: 'INVALID_MIGRATIONS', message: expect.stringMatching(/expected the SQL text.*found number/) });
      await expect(migrate(db, {} as { migrations: Record<string, string> })).rejects.toMatchObject({ code: 'INVALID_MIGRATIONS' });
      expect(schemaSnapshot(storage)).toEqual([]);
    });
  });
});
