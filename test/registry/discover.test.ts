/**
 * Schema discovery (ICETYPE.md §5): types merged over every document —
 * never from one alone (seed defect W11) — with widening, conflicts and
 * nullability; over a collection table read in pages, at one read per row.
 */
import { describe, expect, it } from 'vitest';
import { printSchema } from '../../src/icetype/index.js';
import { discoveredSchema, discoverFromDocuments, SchemaRegistryError } from '../../src/registry/index.js';
import { DISCOVERY_PAGE_SIZE } from '../../src/registry/discover-rows.js';
import { inDurableObject } from '../support/do.js';
import { openBatched } from '../batch/store/support.js';
import { open, registryOf, thrown } from './support.js';

describe('discoverFromDocuments', () => {
  it('widens int → long → double, turns conflicts into json, and marks null or absent fields nullable', () => {
    const docs = [
      { $id: 'a', n: 1, big: 1, mixed: 1, when: '2024-01-15', tags: ['x'], nums: [1, 2], extra: null },
      { $id: 'b', n: 2 ** 40, big: 2 ** 40, mixed: 'one', when: '2024-01-15T10:30:00Z', tags: ['y', 'z'], nums: [1.5] },
      { $id: 'c', n: 2.5, big: 3, mixed: true, when: 'soon', tags: null, nums: [3] },
    ];
    expect(discoverFromDocuments(docs)).toEqual({
      documentCount: 3,
      fields: {
        n: { type: 'double', nullable: false, seen: 3 },
        big: { type: 'long', nullable: false, seen: 3 },
        mixed: { type: 'json', nullable: false, seen: 3 },
        when: { type: 'string', nullable: false, seen: 3 },
        tags: { type: 'string[]', nullable: true, seen: 2 },
        nums: { type: 'double[]', nullable: false, seen: 3 },
        extra: { type: 'json', nullable: true, seen: 0 },
      },
    });
  });

  it('lets an empty list fit any list type, but not a scalar type', () => {
    const found = discoverFromDocuments([{ l: [], s: [], only: [] }, { l: [1, 2], s: 'x', only: [] }, { l: [], s: 'y', only: null }]);
    expect(found.fields).toEqual({
      l: { type: 'int[]', nullable: false, seen: 3 },
      s: { type: 'json', nullable: false, seen: 3 },
      only: { type: 'json', nullable: true, seen: 2 },
    });
  });

  it('never takes a type from one document alone, and does not depend on document order', () => {
    const docs = [{ v: 1 }, { v: 2 }, { v: 'late string' }, {}];
    const forward = discoverFromDocuments(docs);
    expect(forward.fields.v).toEqual({ type: 'json', nullable: true, seen: 3 });
    expect(discoverFromDocuments([...docs].reverse())).toEqual(forward);
    expect(discoverFromDocuments([])).toEqual({ documentCount: 0, fields: {} });
  });

  it('builds an IceType schema from what it found', () => {
    const found = discoverFromDocuments([{ n: 1, tag: 'x', at: new Date(0) }, { n: 2.5, at: new Date(1) }]);
    expect(printSchema(discoveredSchema('Metric', found))).toEqual({ $type: 'Metric', n: 'double!', tag: 'string', at: 'timestamp!' });
    const bad = thrown(() => discoveredSchema('Metric', discoverFromDocuments([{ 'Not A Name': 1 }])));
    expect(bad).toBeInstanceOf(SchemaRegistryError);
    expect(bad).toMatchObject({ code: 'INVALID_SCHEMA', collection: 'Metric' });
  });
});

describe('SchemaRegistry.discoverSchema', () => {
  it('reads every document of a collection in pages, decoded with the registered schema, at one read per row and no writes', async () => {
    await inDurableObject(async (storage) => {
      const db = await open(storage);
      const total = 1200;
      db.store.createMany(
        'User',
        Array.from({ length: total }, (_, i) => ({
          tenantId: 't1',
          email: i % 3 === 0 ? null : `u${i}@t1.test`,
          name: `User ${i}`,
          age: i % 10 === 0 ? null : i,
          tags: i % 2 === 0 ? ['a', 'b'] : [],
        })),
      );
      const { registry, log, cost } = registryOf(storage);
      registry.registerSchema({
        $type: 'User',
        $partitionBy: ['tenantId'],
        tenantId: 'string!',
        email: 'string#',
        name: 'string!',
        age: 'int?',
        status: '"active" | "suspended" = "active"',
        createdAt: 'timestamp = now()',
        score: 'decimal(10,2)',
        tags: 'string[]',
      });
      const start = log.length;
      const before = cost();

      const found = registry.discoverSchema('User', { schema: true });
      expect(found).not.toBeNull();
      expect(found!.collection).toBe('User');
      expect(found!.documentCount).toBe(total);
      expect(found!.fields).toMatchObject({
        tenantId: { type: 'string', nullable: false, seen: total },
        email: { type: 'string', nullable: true, seen: total - 400 },
        age: { type: 'int', nullable: true, seen: total - 120 },
        status: { type: 'string', nullable: false, seen: total },
        createdAt: { type: 'timestamp', nullable: false, seen: total },
        score: { type: 'json', nullable: true, seen: 0 },
        // Half the documents have [] (which inferType alone calls json): it fits string[].
        tags: { type: 'string[]', nullable: false, seen: total },
      });
      expect(Object.keys(found!.fields).some((f) => f.startsWith('$'))).toBe(false);
      expect(found!.schema!.fields.get('age')).toMatchObject({ required: false, type: { kind: 'primitive', name: 'int' } });

      const pages = log.slice(start).filter((r) => r.query.startsWith('SELECT * FROM "User"'));
      expect(pages.map((p) => p.cursor.rowsRead)).toEqual([DISCOVERY_PAGE_SIZE, DISCOVERY_PAGE_SIZE, total - 2 * DISCOVERY_PAGE_SIZE]);
      const after = cost();
      expect(after.rowsWritten - before.rowsWritten).toBe(0);
      // Each document once, plus the one registered version.
      expect(after.rowsRead - before.rowsRead).toBe(total + 1);
    });
  });

  it('infers from the stored values when no schema is registered, widening numbers across rows', async () => {
    await inDurableObject(async (storage) => {
      await open(storage);
      storage.sql.exec(
        'CREATE TABLE "Metric" ("$id" text PRIMARY KEY, "$type" text, "$version" integer, "$createdAt" integer, "$updatedAt" integer, "value" numeric, "label" text, "raw" blob)',
      );
      const values = [1, 2 ** 40, 2.5];
      for (let i = 0; i < 30; i++) {
        const label = i % 5 === 0 ? null : `m${i}`;
        storage.sql.exec('INSERT INTO "Metric" VALUES (?, ?, 1, ?, ?, ?, ?, ?)', `m${String(i).padStart(3, '0')}`, 'Metric', i, i, values[i % 3]!, label, new Uint8Array([i]).buffer);
      }
      const { registry } = registryOf(storage);
      const found = registry.discoverSchema('Metric');
      expect(found).toEqual({
        collection: 'Metric',
        documentCount: 30,
        fields: {
          value: { type: 'double', nullable: false, seen: 30 },
          label: { type: 'string', nullable: true, seen: 24 },
          raw: { type: 'binary', nullable: false, seen: 30 },
        },
      });
      expect(found!.schema).toBeUndefined();
    });
  });

  it('returns null without a table or batches', async () => {
    await inDurableObject(async (storage) => {
      await open(storage);
      const { registry } = registryOf(storage);
      expect(registry.discoverSchema('Nothing')).toBeNull();
      expect(registry.discoverSchema('_cdc')).toBeNull();
      expect(registry.discoverSchema('Post')).toEqual({ collection: 'Post', documentCount: 0, fields: expect.any(Object) });
      registry.registerSchema({ $type: 'Later', $storage: 'batched', kind: 'string' });
      expect(registry.discoverSchema('Later')).toBeNull();
    });
  });

  it('discovers a batched collection from its batches, open fields included', async () => {
    await inDurableObject(async (storage) => {
      const db = await openBatched(storage, { storage: { batchSize: 64 } });
      db.store.createMany('Open', Array.from({ length: 150 }, (_, i) => ({ name: `n${i}`, ...(i % 3 === 0 ? { score: i * 1.5 } : {}), ...(i % 2 === 0 ? { flag: i % 4 === 0 } : {}) })) as never);
      const found = db.registry.discoverSchema('Open');
      expect(found).toMatchObject({
        collection: 'Open',
        documentCount: 150,
        fields: {
          name: { type: 'string', nullable: false, seen: 150 },
          score: { type: 'double', nullable: true, seen: 50 },
          flag: { type: 'bool', nullable: true, seen: 75 },
        },
      });
      // Three batches of 64, read a page at a time: one row read per batch, nothing written.
      expect(db.$cost.last).toEqual({ rowsRead: 3, rowsWritten: 0 });
    });
  });
});
