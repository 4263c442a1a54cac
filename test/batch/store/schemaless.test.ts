/**
 * Schemaless collections (DESIGN.md §2): no schema, the batched layout, any
 * JSON fields; filters and zone maps type values as they come, the change
 * log records them, and discoverSchema infers a schema from the batches.
 */
import { describe, expect, it } from 'vitest';
import { dataSnapshot, inDurableObject } from '../../support/do.js';
import { openBatched, thrown } from './support.js';

describe('db.store.schemaless', () => {
  it('stores any JSON documents with system fields, queries and prunes them, and logs every change', async () => {
    await inDurableObject(async (storage) => {
      const db = await openBatched(storage, { storage: { batchSize: 64 } });
      const logs = db.store.schemaless('Log');
      const written = logs.createMany(
        Array.from({ length: 1_000 }, (_, i) => ({ level: ['info', 'warn', 'error'][i % 3], n: i, host: { name: `db-${i % 4}` }, tags: i % 2 === 0 ? ['a'] : [] })),
      );
      expect(written[0]).toMatchObject({ $type: 'Log', $version: 1, level: 'info', n: 0, host: { name: 'db-0' } });
      expect(written[0]!.$createdAt).toBeInstanceOf(Date);
      expect(logs.get(written[500]!.$id)).toEqual(written[500]);
      expect(db.$cost.lastBatchesDecoded).toBe(1);

      // Numbers compare as numbers; zone maps inferred without a schema prune by them.
      const plan = logs.explain({ where: { n: { $gte: 100, $lt: 110 } } });
      expect(plan).toMatchObject({ layout: 'batched', batchesTotal: 16, batchesRead: 1, documentsReturned: 10 });
      expect(logs.query({ where: { level: 'warn', 'host.name': 'db-1', n: { $lt: 30 } } }).documents.map((d) => d.n)).toEqual([1, 13, 25]);
      expect(logs.query({ where: { tags: 'a' }, orderBy: { n: 'desc' }, limit: 2 }).documents.map((d) => d.n)).toEqual([998, 996]);
      expect(logs.count({ level: 'error' })).toBe(333);

      const updated = logs.update(written[7]!.$id, { level: 'fatal', extra: { ok: true } }, { ifVersion: 1 });
      expect(updated).toMatchObject({ level: 'fatal', extra: { ok: true }, n: 7, $version: 2 });
      expect(logs.delete(written[8]!.$id)).toBe(true);
      expect(logs.deleteMany({ n: { $gte: 900 } })).toBe(100);
      expect(logs.count()).toBe(899);

      const changes = db.cdc.getChangesAfter(0, 2_000);
      expect(changes).toHaveLength(1_000 + 1 + 1 + 100);
      expect(changes[0]!.after).toEqual(written[0]);
      expect(changes[1_000]).toMatchObject({ op: 'update', id: written[7]!.$id, after: updated, changed: ['level', 'extra'] });

      expect(db.registry.discoverSchema('Log')).toMatchObject({
        documentCount: 899,
        fields: { level: { type: 'string', nullable: false }, n: { type: 'int', nullable: false }, host: { type: 'json' }, extra: { nullable: true } },
      });
    });
  });

  it('refuses bad documents and bad names, and changes nothing', async () => {
    await inDurableObject(async (storage) => {
      const db = await openBatched(storage);
      const logs = db.store.schemaless('Log');
      logs.create({ a: 1 });
      const before = dataSnapshot(storage);
      expect(thrown(() => logs.create({ when: new Date(0) })).code).toBe('INVALID_JSON');
      expect(thrown(() => logs.create({ $secret: 1 })).code).toBe('UNKNOWN_FIELD');
      expect(thrown(() => logs.create({ $version: 7 })).code).toBe('SYSTEM_FIELD');
      expect(thrown(() => logs.create({ n: Number.NaN })).code).toBe('INVALID_JSON');
      expect(thrown(() => logs.create([1, 2] as never)).code).toBe('NOT_AN_OBJECT');
      expect(thrown(() => logs.create({ big: 'x'.repeat(1_100_000) })).code).toBe('DOCUMENT_TOO_LARGE');
      expect(thrown(() => logs.update('missing', { a: 2 })).code).toBe('NOT_FOUND');
      expect(dataSnapshot(storage)).toEqual(before);
      expect(thrown(() => db.store.schemaless('Event')).code).toBe('INVALID_OPTION');
      expect(thrown(() => db.store.schemaless('bad name"; DROP TABLE _cdc; --')).code).toBe('INVALID_OPTION');
      expect(thrown(() => db.store.get('Nope' as never, 'x')).code).toBe('UNKNOWN_COLLECTION');
    });
  });
});
