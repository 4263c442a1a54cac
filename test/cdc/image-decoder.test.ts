/**
 * Row images the CDC triggers write (`row-json.ts`), decoded back into
 * documents (`imageDecoder`): each stored field as the store reads it. A
 * null BLOB (binary, vector) is written as null, not as SQLite's
 * `hex(NULL)` (`''`, which would read back as empty bytes); images written
 * before that still read a `''` vector as null (no vector's hex is empty).
 */
import { describe, expect, it } from 'vitest';
import { defineSchema, drizzle, migrate } from '../../src/index.js';
import { createTablesSql } from '../search/support.js';
import { inDurableObject } from '../support/do.js';

const schema = defineSchema({ Item: { name: 'string!', tags: 'string[]', embedding: 'vector(2)', meta: 'json', at: 'timestamp', ok: 'bool', price: 'decimal(8,2)', data: 'binary' } } as const);

describe('imageDecoder', () => {
  it('decodes a rows-layout image into the document the store reads back, nulls included', async () => {
    await inDurableObject(async (storage) => {
      for (const ddl of createTablesSql(schema)) storage.sql.exec(ddl);
      const db = drizzle(storage, { schema });
      await migrate(db, { migrations: {} });
      db.store.create('Item', { $id: 'full', name: 'a', tags: ['x', 'y'], embedding: [0.5, -2], meta: { k: [1] }, at: new Date(5), ok: true, price: '1.50', data: new Uint8Array([0, 255]) });
      db.store.create('Item', { $id: 'bare', name: 'b' });
      db.store.create('Item', { $id: 'empty', name: 'c', data: new Uint8Array(0) });
      const changes = db.cdc.getUnsyncedChanges(10);
      expect(changes.map((c) => c.after)).toEqual([db.store.get('Item', 'full'), db.store.get('Item', 'bare'), db.store.get('Item', 'empty')]);
      expect(changes[1]!.after).toMatchObject({ tags: null, embedding: null, meta: null, at: null, ok: null, price: null, data: null });
      expect(changes[2]!.after!['data']).toEqual(new Uint8Array(0));
      expect(changes[0]!.after!['data']).toEqual(new Uint8Array([0, 255]));
      expect(Object.keys(changes[0]!.after!)).toEqual(['$id', '$type', '$version', '$createdAt', '$updatedAt', 'name', 'tags', 'embedding', 'meta', 'at', 'ok', 'price', 'data']);
    });
  });
});
