/**
 * SchemaRegistry in a real Durable Object: versions and field ids in
 * `_schemas`, idempotent re-registration (no rows written), compatible
 * evolution, refusals that leave `_schemas` as it was, the text form.
 */
import { describe, expect, it } from 'vitest';
import { parseSchema, printSchema } from '../../src/icetype/index.js';
import { SchemaRegistry, SchemaRegistryError } from '../../src/registry/index.js';
import { dataSnapshot, inDurableObject } from '../support/do.js';
import { open, registryOf, schemaRows, thrown } from './support.js';

const SYSTEM = { $id: 1, $type: 2, $version: 3, $createdAt: 4, $updatedAt: 5 };

const articleV1 = {
  $type: 'Article',
  $index: [['author']],
  title: 'string!',
  tags: 'string[]',
  author: '-> User!',
  embedding: 'vector(4)',
  readers: '<- User.read[]',
};

describe('SchemaRegistry', () => {
  it('registers version 1 with field ids, stores the printed definition, and reads it back', async () => {
    await inDurableObject(async (storage) => {
      await open(storage);
      const { registry, cost } = registryOf(storage);
      const result = registry.registerSchema(articleV1);
      expect(result).toEqual({
        name: 'Article',
        version: 1,
        written: true,
        changes: [],
        fieldIds: {
          fields: { ...SYSTEM, title: 6, tags: 7, author: 8, embedding: 9, 'tags.element': 10, 'embedding.element': 11 },
          lastId: 11,
          retired: [],
        },
      });
      expect(cost().rowsWritten).toBeGreaterThan(0);

      const [row] = schemaRows(storage);
      expect(row).toMatchObject({ name: 'Article', version: 1 });
      expect(JSON.parse(row!.definition as string)).toEqual(printSchema(parseSchema(articleV1)));
      expect(JSON.parse(row!.field_ids as string)).toEqual(result.fieldIds.fields);

      const got = registry.getSchema('Article');
      expect(got).toMatchObject({ name: 'Article', version: 1, fieldIds: result.fieldIds });
      expect(got!.schema).toEqual(parseSchema(articleV1));
      expect(got!.createdAt).toBeInstanceOf(Date);
      expect(registry.getFieldIds('Article')).toEqual(result.fieldIds);
      expect(registry.getSchema('Nobody')).toBeNull();
      expect(registry.getFieldIds('Nobody')).toBeNull();
    });
  });

  it('returns the current version without writing when the schema is registered again', async () => {
    await inDurableObject(async (storage) => {
      await open(storage);
      const { registry, cost, log } = registryOf(storage);
      const first = registry.registerSchema(articleV1);
      const before = schemaRows(storage);
      const writtenBefore = cost().rowsWritten;
      const statementsBefore = log.length;

      // Same schema, spelled differently: key order of directives, the text form.
      const again = registry.registerSchema({ ...articleV1 });
      const text = registry.registerSchema(
        'Article @index(author) {\n  title: string!\n  tags: string[]\n  author: -> User!\n  embedding: vector(4)\n  readers: <- User.read[]\n}',
      );
      for (const r of [again, text]) expect(r).toEqual({ ...first, written: false });
      expect(cost().rowsWritten).toBe(writtenBefore);
      expect(log.slice(statementsBefore).every((r) => r.query.startsWith('SELECT'))).toBe(true);
      expect(schemaRows(storage)).toEqual(before);
    });
  });

  it('numbers versions and evolves field ids: added fields get the next id, removed ones are retired, re-added ones get a new id', async () => {
    await inDurableObject(async (storage) => {
      await open(storage);
      const { registry } = registryOf(storage);
      registry.registerSchema({ $type: 'Note', title: 'string!', body: 'text' });

      const v2 = registry.registerSchema({ $type: 'Note', title: 'string!', body: 'text', labels: 'string[]' });
      expect(v2.version).toBe(2);
      expect(v2.fieldIds).toEqual({ fields: { ...SYSTEM, title: 6, body: 7, labels: 8, 'labels.element': 9 }, lastId: 9, retired: [] });
      expect(v2.changes).toMatchObject([{ kind: 'FIELD_ADDED', path: ['Note', 'labels'], compatible: true }]);

      const v3 = registry.registerSchema({ $type: 'Note', title: 'string!', labels: 'string[]' });
      expect(v3).toMatchObject({ version: 3, fieldIds: { fields: { ...SYSTEM, title: 6, labels: 8, 'labels.element': 9 }, lastId: 9, retired: [7] } });

      const v4 = registry.registerSchema({ $type: 'Note', title: 'string!', labels: 'string[]', body: 'text' });
      expect(v4).toMatchObject({ version: 4, fieldIds: { fields: { body: 10 }, lastId: 10, retired: [7] } });

      // Each version keeps the ids, lastId and retired list it had.
      expect(registry.getSchema('Note', 1)!.fieldIds).toEqual({ fields: { ...SYSTEM, title: 6, body: 7 }, lastId: 7, retired: [] });
      expect(registry.getSchema('Note', 3)).toMatchObject({ version: 3, fieldIds: { lastId: 9, retired: [7] } });
      expect([...registry.getSchema('Note', 3)!.schema.fields.keys()]).toEqual(['title', 'labels']);
      expect(registry.getSchema('Note', 5)).toBeNull();
      expect(registry.getSchema('Note')!.version).toBe(4);
      expect(registry.getFieldIds('Note')).toEqual(v4.fieldIds);
    });
  });

  it('lists the latest version of each collection', async () => {
    await inDurableObject(async (storage) => {
      await open(storage);
      const { registry } = registryOf(storage);
      expect(registry.listSchemas()).toEqual([]);
      const start = Date.now();
      registry.registerSchema({ $type: 'Tag', label: 'string!' });
      registry.registerSchema({ $type: 'Note', title: 'string!' });
      registry.registerSchema({ $type: 'Note', title: 'string!', body: 'text' });
      registry.registerSchema({ $type: 'Note', title: 'string!', body: 'text', views: 'int = 0' });
      const list = registry.listSchemas();
      expect(list.map(({ name, version }) => ({ name, version }))).toEqual([
        { name: 'Note', version: 3 },
        { name: 'Tag', version: 1 },
      ]);
      for (const entry of list) expect(entry.updatedAt.getTime()).toBeGreaterThanOrEqual(start - 1000);
    });
  });

  it('refuses an incompatible change with every problem and leaves storage unchanged', async () => {
    await inDurableObject(async (storage) => {
      await open(storage);
      const { registry } = registryOf(storage);
      registry.registerSchema({ $type: 'Note', title: 'string!', views: 'int', tags: 'string[]' });
      const before = dataSnapshot(storage);
      const error = thrown(() => registry.registerSchema({ $type: 'Note', title: 'string!', views: 'string', tags: 'string', owner: 'string!' }));
      expect(error).toBeInstanceOf(SchemaRegistryError);
      const e = error as SchemaRegistryError;
      expect(e.code).toBe('INCOMPATIBLE_SCHEMA');
      expect(e.collection).toBe('Note');
      expect(e.problems.map((p) => [p.code, p.path.join('.')])).toEqual([
        ['TYPE_CHANGED', 'Note.views'],
        ['ARRAY_CHANGED', 'Note.tags'],
        ['REQUIRED_FIELD_ADDED', 'Note.owner'],
      ]);
      expect(e.message).toContain('Note.views (TYPE_CHANGED): expected int or a widening of it (long), found string');
      expect(dataSnapshot(storage)).toEqual(before);
      expect(registry.getSchema('Note')!.version).toBe(1);
    });
  });

  it('refuses an invalid definition with its parse issues and writes nothing', async () => {
    await inDurableObject(async (storage) => {
      await open(storage);
      const { registry } = registryOf(storage);
      const before = dataSnapshot(storage);
      const error = thrown(() => registry.registerSchema({ $type: 'Note', title: 'strnig', count: 'int = "x"' })) as SchemaRegistryError;
      expect(error).toBeInstanceOf(SchemaRegistryError);
      expect(error.code).toBe('INVALID_SCHEMA');
      expect(error.issues.map((i) => i.code)).toEqual(['UNKNOWN_TYPE', 'INVALID_DEFAULT']);
      expect(thrown(() => registry.registerSchema({ title: 'string' }))).toMatchObject({ code: 'INVALID_SCHEMA' });
      expect(thrown(() => registry.registerSchema(null as unknown as object))).toMatchObject({ code: 'INVALID_SCHEMA' });
      expect(dataSnapshot(storage)).toEqual(before);
      // A field named __proto__ is a field like any other: it prints, stores and reads back.
      registry.registerSchema(JSON.parse('{"$type":"Note","__proto__":"string"}') as object);
      expect([...registry.getSchema('Note')!.schema.fields.keys()]).toEqual(['__proto__']);
    });
  });

  it('writes inside the caller transaction: a failure after the insert leaves nothing behind', async () => {
    await inDurableObject(async (storage) => {
      await open(storage);
      const before = dataSnapshot(storage);
      const failing = new SchemaRegistry(storage.sql, (fn) =>
        storage.transactionSync(() => {
          fn();
          throw new Error('injected after the write');
        }),
      );
      expect(thrown(() => failing.registerSchema({ $type: 'Note', title: 'string!' }))).toMatchObject({ message: 'injected after the write' });
      expect(dataSnapshot(storage)).toEqual(before);
    });
  });

  it('accepts a new unique constraint on an empty collection and refuses it once documents exist', async () => {
    await inDurableObject(async (storage) => {
      const db = await open(storage);
      const { registry } = registryOf(storage);
      const base = { $type: 'User', $partitionBy: ['tenantId'], tenantId: 'string!', email: 'string#', name: 'string!' };
      registry.registerSchema(base);
      const v2 = registry.registerSchema({ ...base, $unique: [['tenantId', 'email']] });
      expect(v2.version).toBe(2);
      expect(v2.changes).toMatchObject([{ kind: 'UNIQUE_ADDED', compatible: true }]);

      db.store.create('User', { tenantId: 't1', email: 'a@t1.test', name: 'Ada' });
      const before = dataSnapshot(storage);
      const error = thrown(() => registry.registerSchema({ ...base, $unique: [['tenantId', 'email'], ['tenantId', 'name']] }));
      expect(error).toMatchObject({ code: 'INCOMPATIBLE_SCHEMA', problems: [{ code: 'UNIQUE_ADDED', path: ['User', '$unique', '1'] }] });
      expect(dataSnapshot(storage)).toEqual(before);
      // Spelling an existing constraint differently adds nothing stored data could violate.
      const moved = registry.registerSchema({ ...base, $index: [{ fields: ['tenantId', 'email'], unique: true }] });
      expect(moved).toMatchObject({ version: 3, changes: [{ kind: 'UNIQUE_REMOVED' }, { kind: 'UNIQUE_ADDED', compatible: true }] });
    });
  });

  it('registers the text form: one collection, or the one named among several', async () => {
    await inDurableObject(async (storage) => {
      await open(storage);
      const { registry } = registryOf(storage);
      const one = registry.registerSchema('Tag @index(label) {\n  label: string! @unique\n  color: "red" | "blue" = "red"\n}');
      expect(one).toMatchObject({ name: 'Tag', version: 1, fieldIds: { fields: { label: 6, color: 7 } } });
      expect(registry.getSchema('Tag')!.schema).toEqual(parseSchema({ $type: 'Tag', $index: [['label']], label: { type: 'string!', unique: true }, color: '"red" | "blue" = "red"' }));

      const text = 'Tag {\n  label: string! @unique\n  color: "red" | "blue" | "green" = "red"\n}\n\nShelf {\n  name: string!\n}';
      expect(registry.registerSchema(text, { name: 'Tag' })).toMatchObject({ version: 2, changes: [{ kind: 'TYPE_CHANGED' }, { kind: 'INDEX_REMOVED' }] });
      expect(registry.registerSchema(text, { name: 'Shelf' })).toMatchObject({ name: 'Shelf', version: 1 });

      const before = dataSnapshot(storage);
      expect(thrown(() => registry.registerSchema(text))).toMatchObject({ code: 'INVALID_SCHEMA', message: expect.stringContaining('found Tag, Shelf') });
      expect(thrown(() => registry.registerSchema(text, { name: 'Lamp' }))).toMatchObject({ code: 'INVALID_SCHEMA', collection: 'Lamp' });
      const bad = thrown(() => registry.registerSchema('Tag {\n  label: strng\n}')) as SchemaRegistryError;
      expect(bad.code).toBe('INVALID_SCHEMA');
      expect(bad.issues[0]).toMatchObject({ code: 'UNKNOWN_TYPE', line: 2 });
      expect(dataSnapshot(storage)).toEqual(before);
    });
  });

  it('binds at most 100 parameters per statement', async () => {
    await inDurableObject(async (storage) => {
      await open(storage);
      const { registry, log } = registryOf(storage);
      const wide = Object.fromEntries(Array.from({ length: 90 }, (_, i) => [`f${i}`, 'int[]']));
      registry.registerSchema({ $type: 'Wide', ...wide });
      registry.registerSchema({ $type: 'Wide', ...wide, extra: 'string' });
      expect(registry.getFieldIds('Wide')!.lastId).toBe(5 + 90 * 2 + 1);
      expect(log.length).toBeGreaterThan(0);
      expect(Math.max(...log.map((r) => r.bindings))).toBeLessThanOrEqual(100);
    });
  });

  it('says to run migrate when _schemas is missing, and refuses rows it cannot read', async () => {
    await inDurableObject(async (storage) => {
      const registry = new SchemaRegistry(storage.sql, (fn) => storage.transactionSync(fn));
      expect(thrown(() => registry.registerSchema({ $type: 'Note', title: 'string' }))).toMatchObject({ code: 'REGISTRY_NOT_MIGRATED' });
      expect(thrown(() => registry.listSchemas())).toMatchObject({ code: 'REGISTRY_NOT_MIGRATED' });
    });
    await inDurableObject(async (storage) => {
      await open(storage);
      const registry = new SchemaRegistry(storage.sql, (fn) => storage.transactionSync(fn));
      storage.sql.exec("INSERT INTO _schemas (name, version, definition, field_ids, created_at) VALUES ('Note', 1, '{\"$type\":\"Note\"}', '[1]', 0)");
      expect(thrown(() => registry.getSchema('Note'))).toMatchObject({ code: 'CORRUPT_REGISTRY', collection: 'Note' });
      storage.sql.exec("INSERT INTO _schemas (name, version, definition, field_ids, created_at) VALUES ('Tag', 1, '{\"$type\":\"Note\"}', '{}', 0)");
      expect(thrown(() => registry.getSchema('Tag'))).toMatchObject({ code: 'CORRUPT_REGISTRY', collection: 'Tag' });
    });
  });
});
