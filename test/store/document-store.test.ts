import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import migrations from '../../migrations/migrations.js';
import { schema } from '../../examples/schema.js';
import { DocumentError, drizzle, migrate, StoreError } from '../../src/index.js';
import { dataSnapshot, inDurableObject } from '../support/do.js';

async function open(storage: DurableObjectStorage) {
  const db = drizzle(storage, { schema });
  await migrate(db, migrations);
  return db;
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, found none');
}

const ada = { tenantId: 't1', email: 'ada@t1.test', name: 'Ada', age: 36, score: '99.5', tags: ['math'] };

describe('db.store on the rows layout', () => {
  it('creates a document with system fields, reads it back, and logs the change', async () => {
    await inDurableObject(async (storage) => {
      const db = await open(storage);
      const created = db.store.create('User', ada);
      expect(created).toMatchObject({ ...ada, score: '99.50', $type: 'User', $version: 1, status: 'active' });
      expect(created.$id).toMatch(/^[0-9a-f-]{36}$/);
      expect(created.$createdAt).toBeInstanceOf(Date);
      expect(db.store.get('User', created.$id)).toEqual(created);
      const [change] = db.cdc.getUnsyncedChanges(10);
      expect(change).toMatchObject({ op: 'insert', collection: 'User', id: created.$id, after: created, before: null });
      expect(db.store.get('User', 'no-such-id')).toBeNull();
    });
  });

  it('creates many in one transaction, chunked under the 100-parameter limit', async () => {
    await inDurableObject(async (storage) => {
      const db = await open(storage);
      const docs = Array.from({ length: 250 }, (_, i) => ({ tenantId: 't1', email: `u${i}@t1.test`, name: `User ${i}`, age: i % 90 }));
      const created = db.store.createMany('User', docs);
      expect(created).toHaveLength(250);
      expect(db.store.count('User')).toBe(250);
      expect(new Set(db.cdc.getUnsyncedChanges(1000).map((c) => c.txId)).size).toBe(1);
      const ids = [created[3]!.$id, 'missing', created[200]!.$id];
      expect(db.store.getMany('User', ids).map((d) => d?.name ?? null)).toEqual(['User 3', null, 'User 200']);
    });
  });

  it('updates partially, bumps $version, honours ifVersion', async () => {
    await inDurableObject(async (storage) => {
      const db = await open(storage);
      const created = db.store.create('User', ada);
      const updated = db.store.update('User', created.$id, { age: 37 }, { ifVersion: 1 });
      expect(updated).toMatchObject({ age: 37, name: 'Ada', $version: 2 });
      expect(updated.$updatedAt.getTime()).toBeGreaterThanOrEqual(created.$updatedAt.getTime());
      const before = dataSnapshot(storage);
      const conflict = thrown(() => db.store.update('User', created.$id, { age: 50 }, { ifVersion: 1 }));
      expect(conflict).toBeInstanceOf(StoreError);
      expect(conflict).toMatchObject({ code: 'VERSION_CONFLICT', details: { expectedVersion: 1, actualVersion: 2 } });
      expect(thrown(() => db.store.update('User', 'nobody', { age: 1 }))).toMatchObject({ code: 'NOT_FOUND' });
      expect(dataSnapshot(storage)).toEqual(before);
      const change = db.cdc.getUnsyncedChanges(10)[1];
      expect(change).toMatchObject({ op: 'update', changed: ['age'] });
    });
  });

  it('upserts: creates when absent, updates when present', async () => {
    await inDurableObject(async (storage) => {
      const db = await open(storage);
      const first = db.store.upsert('User', { $id: 'u1', ...ada });
      expect(first.$version).toBe(1);
      const second = db.store.upsert('User', { $id: 'u1', tenantId: 't1', name: 'Ada Lovelace' });
      expect(second).toMatchObject({ $version: 2, name: 'Ada Lovelace', age: 36 });
    });
  });

  it('deletes by id and by filter', async () => {
    await inDurableObject(async (storage) => {
      const db = await open(storage);
      db.store.createMany('User', [
        { $id: 'a', tenantId: 't1', name: 'A', age: 10 },
        { $id: 'b', tenantId: 't1', name: 'B', age: 20 },
        { $id: 'c', tenantId: 't1', name: 'C', age: 30 },
      ]);
      expect(db.store.delete('User', 'a')).toBe(true);
      expect(db.store.delete('User', 'a')).toBe(false);
      expect(thrown(() => db.store.delete('User', 'b', { ifVersion: 9 }))).toMatchObject({ code: 'VERSION_CONFLICT' });
      expect(db.store.deleteMany('User', { age: { $gte: 20 } })).toBe(2);
      expect(db.store.count('User')).toBe(0);
      expect(db.cdc.getUnsyncedChanges(10).filter((c) => c.op === 'delete').map((c) => c.id).sort()).toEqual(['a', 'b', 'c']);
    });
  });

  it('queries with filters, numeric order, projection and cursor pagination', async () => {
    await inDurableObject(async (storage) => {
      const db = await open(storage);
      const ages = [4, 25, 31, 100, 250, 31, 7];
      db.store.createMany('User', ages.map((age, i) => ({ $id: `u${i}`, tenantId: 't1', name: `N${i}`, age, tags: i % 2 ? ['odd'] : ['even'] })));
      // Numbers compare and sort as numbers (the published store compared them as text: W3, W4).
      const older = db.store.query('User', { where: { age: { $gt: 30 } }, orderBy: { age: 'asc' } });
      expect(older.documents.map((d) => d.age)).toEqual([31, 31, 100, 250]);
      expect(older.nextCursor).toBeNull();
      expect(db.store.query('User', { where: { tags: 'odd' }, select: ['name'] }).documents).toEqual([
        { $id: 'u1', name: 'N1' },
        { $id: 'u3', name: 'N3' },
        { $id: 'u5', name: 'N5' },
      ]);
      const pages: number[][] = [];
      let after: string | undefined;
      do {
        const page = db.store.query('User', { orderBy: { age: 'desc' }, limit: 3, ...(after === undefined ? {} : { after }) });
        pages.push(page.documents.map((d) => d.age ?? -1));
        after = page.nextCursor ?? undefined;
      } while (after !== undefined);
      expect(pages.flat()).toEqual([250, 100, 31, 31, 25, 7, 4]);
      expect(pages[0]).toEqual([250, 100, 31]);
      expect(db.store.count('User', { $or: [{ age: { $lt: 5 } }, { age: { $gt: 200 } }] })).toBe(2);
    });
  });

  it('returns what db.query.X.findMany returns for the same filter, in the same order', async () => {
    await inDurableObject(async (storage) => {
      const db = await open(storage);
      db.store.createMany('User', Array.from({ length: 40 }, (_, i) => ({ $id: `u${String(i).padStart(2, '0')}`, tenantId: `t${i % 3}`, name: `N${i}`, age: (i * 37) % 50 })));
      const viaStore = db.store.query('User', { where: { age: { $gte: 10, $lt: 40 }, tenantId: { $ne: 't2' } }, orderBy: [{ age: 'desc' }, { $id: 'asc' }] });
      const viaDrizzle = db.query.User.findMany({ where: { age: { gte: 10, lt: 40 }, tenantId: { ne: 't2' } }, orderBy: { age: 'desc', $id: 'asc' } }).sync();
      expect(viaStore.documents.map((d) => d.$id)).toEqual(viaDrizzle.map((u) => u.$id));
      expect(viaStore.documents.length).toBeGreaterThan(5);
    });
  });
});

describe('db.store rejects bad input and leaves storage unchanged', () => {
  it.each([
    ['a wrong type', { ...ada, age: 'thirty-six' }, 'TYPE_MISMATCH'],
    ['a missing required field', { tenantId: 't1', email: 'x@t1.test' }, 'REQUIRED_FIELD'],
    ['an unknown field', { ...ada, nickname: 'secret-value' }, 'UNKNOWN_FIELD'],
    ['an out-of-range int', { ...ada, age: 2 ** 31 }, 'INT_RANGE'],
    ['an inexact decimal', { ...ada, score: '1.234' }, 'DECIMAL_PRECISION'],
    ['a wrong enum value', { ...ada, status: 'deleted' }, 'ENUM_VALUE'],
    ['a system field', { ...ada, $version: 7 }, 'SYSTEM_FIELD'],
  ])('%s', async (_what, document, code) => {
    await inDurableObject(async (storage) => {
      const db = await open(storage);
      db.store.create('User', { ...ada, email: 'other@t1.test' });
      const before = dataSnapshot(storage);
      const error = thrown(() => db.store.create('User', document as typeof ada));
      expect(error).toBeInstanceOf(DocumentError);
      expect(error).toMatchObject({ code });
      expect((error as Error).message).not.toContain('secret-value');
      expect((error as Error).message).not.toContain('thirty-six');
      expect(dataSnapshot(storage)).toEqual(before);
    });
  });

  it('a unique violation in the middle of createMany writes nothing', async () => {
    await inDurableObject(async (storage) => {
      const db = await open(storage);
      db.store.create('User', ada);
      const before = dataSnapshot(storage);
      const docs = [
        { tenantId: 't2', email: 'new@t2.test', name: 'New' },
        { ...ada, name: 'Ada again' },
      ];
      const error = thrown(() => db.store.createMany('User', docs));
      expect(error).toMatchObject({ code: 'UNIQUE_VIOLATION', details: { fields: ['tenantId', 'email'] } });
      expect((error as Error).message).not.toContain('ada@t1.test');
      expect(dataSnapshot(storage)).toEqual(before);
    });
  });

  it('a taken $id is ALREADY_EXISTS', async () => {
    await inDurableObject(async (storage) => {
      const db = await open(storage);
      db.store.create('User', { $id: 'same', ...ada });
      const before = dataSnapshot(storage);
      expect(thrown(() => db.store.create('User', { $id: 'same', tenantId: 't9', name: 'Other' }))).toMatchObject({ code: 'ALREADY_EXISTS' });
      expect(dataSnapshot(storage)).toEqual(before);
    });
  });

  it('a failure while capturing the change rolls back the write', async () => {
    await inDurableObject(async (storage) => {
      const db = await open(storage);
      storage.sql.exec("CREATE TRIGGER fail_capture BEFORE INSERT ON _cdc WHEN NEW.collection = 'Post' BEGIN SELECT RAISE(ABORT, 'injected'); END");
      const user = db.store.create('User', ada);
      const before = dataSnapshot(storage);
      expect(() => db.store.create('Post', { title: 'x', author: user.$id })).toThrow(/injected/);
      expect(dataSnapshot(storage)).toEqual(before);
    });
  });

  it('unknown collections, malformed ids and options are typed errors', async () => {
    await inDurableObject(async (storage) => {
      const db = await open(storage);
      expect(thrown(() => db.store.create('Nope' as 'User', ada))).toMatchObject({ code: 'UNKNOWN_COLLECTION' });
      expect(thrown(() => db.store.get('User', ''))).toMatchObject({ code: 'INVALID_ID' });
      expect(thrown(() => db.store.query('User', { limit: -1 }))).toMatchObject({ code: 'INVALID_OPTION' });
      expect(thrown(() => db.store.query('User', { where: { age: { $gt: 'x' } } }))).toMatchObject({ code: 'INVALID_OPERAND' });
      expect(thrown(() => db.store.update('User', 'u', {}, { ifVersion: 0 }))).toMatchObject({ code: 'INVALID_OPTION' });
    });
  });
});

describe('db.$cost', () => {
  it('reports the rows each operation was billed for and the running total', async () => {
    await inDurableObject(async (storage) => {
      const db = await open(storage);
      const start = db.$cost.total;
      const user = db.store.create('User', ada);
      // Row + primary key + 3 User indexes + CDC entry + transaction counter.
      expect(db.$cost.last.rowsWritten).toBe(7);
      db.store.get('User', user.$id);
      expect(db.$cost.last).toEqual({ rowsRead: 1, rowsWritten: 0 });
      expect(db.$cost.total.rowsWritten).toBe(start.rowsWritten + 7);
      db.store.update('User', user.$id, { age: 40 });
      // The row and its change-log entry, the transaction counter: 3 written. Reads stay constant however many
      // fields the collection has (the trigger builds the changed-field list without reading rows; it was
      // one read per field through json_each): the row, the counter, the capture state, the log's next seq.
      expect(db.$cost.last).toEqual({ rowsRead: 4, rowsWritten: 3 });
    });
  });
});

describe('writes outside db.store', () => {
  it('an INSERT OR REPLACE through raw SQL is logged as the delete and the insert it is', async () => {
    await inDurableObject(async (storage) => {
      const db = await open(storage);
      db.store.create('User', { $id: 'u', tenantId: 't', name: 'First' });
      db.run(sql`INSERT OR REPLACE INTO "User" ("$id", "$type", "$version", "$createdAt", "$updatedAt", "tenantId", name) VALUES ('u', 'User', 1, 0, 0, 't', 'Second')`);
      expect(db.cdc.getUnsyncedChanges(10).map((c) => [c.op, c.id])).toEqual([
        ['insert', 'u'],
        ['delete', 'u'],
        ['insert', 'u'],
      ]);
      expect(db.store.get('User', 'u')?.name).toBe('Second');
    });
  });
});
