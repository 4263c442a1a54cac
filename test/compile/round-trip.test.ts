import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import migrations from '../fixtures/migrations/migrations.js';
import { Everything, fixtureSchema } from '../fixtures/schema.js';
import { drizzle, migrate } from '../../src/index.js';
import { inDurableObject } from '../support/do.js';

/** Every IceType type written with a Drizzle builder and read back, in a real DO (ICETYPE.md §4). */
describe('type mapping round trip', () => {
  it('stores and reads every type with its JS representation', async () => {
    await inDurableObject(async (storage) => {
      const db = drizzle(storage, { schema: fixtureSchema });
      await migrate(db, migrations);
      const row = {
        $id: 'e1',
        aString: 'héllo ✓',
        aText: 'long text',
        anInt: -2147483648,
        aLong: 9007199254740991,
        aFloat: 1.5,
        aDouble: Math.PI,
        aBool: true,
        aUuid: '550e8400-e29b-41d4-a716-446655440000',
        aTimestamp: new Date('2024-01-15T10:30:00.123Z'),
        aDate: '2024-01-15',
        aTime: '10:30:00.250',
        aJson: { nested: [1, 'two', { three: null }] },
        aBinary: new Uint8Array([0, 1, 254, 255]),
        aDecimal: '12345678.1234',
        aVarchar: 'short',
        anEnum: 'green' as const,
        strings: ['a', 'b'],
        ints: [1, 2, 3],
        embedding: [0.5, -1.25, 3, 0],
      };
      db.insert(Everything).values(row).run();
      const read = db.select().from(Everything).where(eq(Everything.$id, 'e1')).get();
      expect(read).toMatchObject({ ...row, withDefault: 'fallback', counted: 7 });
      expect(read?.aBinary).toBeInstanceOf(Uint8Array);
      expect(read?.createdOn).toBeInstanceOf(Date);
      // The same values come back through relational queries, where BLOBs travel as hex inside JSON.
      const viaQuery = db.query.Everything.findFirst({ where: { $id: 'e1' } }).sync();
      expect(viaQuery).toMatchObject(row);
      // Decimals are stored exactly, as text; vectors as float32 little-endian blobs.
      const raw = storage.sql.exec<{ d: string; t: string; n: number }>('SELECT aDecimal AS d, typeof(embedding) AS t, length(embedding) AS n FROM Everything').one();
      expect(raw).toEqual({ d: '12345678.1234', t: 'blob', n: 16 });
    });
  });

  it('keeps nullable fields null and rejects null in required ones', async () => {
    await inDurableObject(async (storage) => {
      const db = drizzle(storage, { schema: fixtureSchema });
      await migrate(db, migrations);
      db.insert(Everything).values({ $id: 'e2', aText: 'x' }).run();
      const read = db.select().from(Everything).get();
      expect(read).toMatchObject({ aString: null, anInt: null, aBinary: null, embedding: null, strings: null, aText: 'x' });
      expect(() => db.insert(Everything).values({ $id: 'e3', aText: null as unknown as string }).run()).toThrow();
      expect(db.select().from(Everything).all()).toHaveLength(1);
    });
  });
});
