/**
 * Schema changes on the batched layout: batches are not rewritten by
 * migrations, so documents are conformed when read — a field added since a
 * document was written reads as null, a field the (strict) schema dropped
 * is gone — exactly what the rows layout's migrated rows return.
 */
import { describe, expect, it } from 'vitest';
import { createConfig, defineSchema, drizzle } from '../../../src/index.js';
import { installSystemTables } from '../../../src/compile/system-ddl.js';
import { inDurableObject } from '../../support/do.js';

const v1 = defineSchema({ Reading: { $storage: 'batched', sensor: 'string!', value: 'double', unit: 'string?' } } as const);
const v2 = defineSchema({ Reading: { $storage: 'batched', sensor: 'string!', value: 'double', quality: 'int?' } } as const);

describe('batched documents across schema versions', () => {
  it('read with the schema in force: new fields null, dropped fields gone, filters and rewrites included', async () => {
    await inDurableObject((storage) => {
      installSystemTables(storage.sql);
      const before = drizzle(storage, { schema: v1, config: createConfig('DOCUMENT_STORE') });
      const old = before.store.createMany('Reading', Array.from({ length: 300 }, (_, i) => ({ sensor: `s${i % 3}`, value: i / 2, unit: 'C' })));

      const after = drizzle(storage, { schema: v2, config: createConfig('DOCUMENT_STORE') });
      const read = after.store.get('Reading', old[5]!.$id);
      expect(read).toEqual({ ...Object.fromEntries(Object.entries(old[5]!).filter(([k]) => k !== 'unit')), quality: null });
      expect(after.store.getMany('Reading', [old[0]!.$id])[0]).not.toHaveProperty('unit');
      expect(after.store.count('Reading', { quality: null })).toBe(300);
      const page = after.store.query('Reading', { where: { sensor: 's1' }, orderBy: { value: 'desc' }, limit: 2 }).documents;
      expect(page.map((d) => [d.value, d.quality, 'unit' in d])).toEqual([
        [149, null, false],
        [147.5, null, false],
      ]);
      // A rewrite (update) stores the conformed shape; an untouched document still conforms on read.
      const updated = after.store.update('Reading', old[5]!.$id, { quality: 3 });
      expect(updated).toMatchObject({ quality: 3, $version: 2 });
      expect(updated).not.toHaveProperty('unit');
      const raw = storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM _batches WHERE collection = 'Reading'").one().n;
      expect(raw).toBe(3);
      expect(after.cdc.getChangesAfter(300, 1)[0]).toMatchObject({ op: 'update', changed: ['quality'] });
    });
  });
});
