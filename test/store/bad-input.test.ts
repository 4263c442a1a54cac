import { describe, expect, it } from 'vitest';
import migrations from '../fixtures/migrations/migrations.js';
import { fixtureSchema } from '../fixtures/schema.js';
import { createConfig, defineSchema, drizzle, migrate } from '../../src/index.js';
import { dataSnapshot, inDurableObject } from '../support/do.js';

/**
 * Every document error code the store can meet, through `db.store.create`
 * and `db.store.update` on the fixture collection that has every type: each
 * must be the typed error with its stable code, must not echo the offending
 * value, and must leave every table exactly as it was.
 */
const SENTINEL = 'SENTINEL-7f3a';
const valid = { $id: 'e1', aText: 'text' };

const createCases: [string, Record<string, unknown>, string][] = [
  ['NOT_AN_OBJECT', null as unknown as Record<string, unknown>, 'NOT_AN_OBJECT'],
  ['UNKNOWN_FIELD', { ...valid, $id: 'x', nickname: SENTINEL }, 'UNKNOWN_FIELD'],
  ['REQUIRED_FIELD', { $id: 'x' }, 'REQUIRED_FIELD'],
  ['NULL_NOT_ALLOWED', { $id: 'x', aText: null }, 'NULL_NOT_ALLOWED'],
  ['TYPE_MISMATCH', { $id: 'x', aText: 't', aBool: SENTINEL }, 'TYPE_MISMATCH'],
  ['INT_RANGE', { $id: 'x', aText: 't', anInt: 2 ** 40 }, 'INT_RANGE'],
  ['LONG_RANGE', { $id: 'x', aText: 't', aLong: 2 ** 60 }, 'LONG_RANGE'],
  ['NOT_FINITE', { $id: 'x', aText: 't', aDouble: Number.NaN }, 'NOT_FINITE'],
  ['DECIMAL_PRECISION', { $id: 'x', aText: 't', aDecimal: '1.23456' }, 'DECIMAL_PRECISION'],
  ['INVALID_DECIMAL', { $id: 'x', aText: 't', aDecimal: SENTINEL }, 'INVALID_DECIMAL'],
  ['ENUM_VALUE', { $id: 'x', aText: 't', anEnum: SENTINEL }, 'ENUM_VALUE'],
  ['VARCHAR_LENGTH', { $id: 'x', aText: 't', aVarchar: `${SENTINEL}${SENTINEL}${SENTINEL}` }, 'VARCHAR_LENGTH'],
  ['INVALID_STRING', { $id: 'x', aText: `t\uD800${SENTINEL}` }, 'INVALID_STRING'],
  ['INVALID_UUID', { $id: 'x', aText: 't', aUuid: SENTINEL }, 'INVALID_UUID'],
  ['INVALID_TIMESTAMP', { $id: 'x', aText: 't', aTimestamp: SENTINEL }, 'INVALID_TIMESTAMP'],
  ['INVALID_DATE', { $id: 'x', aText: 't', aDate: '2024-02-30' }, 'INVALID_DATE'],
  ['INVALID_TIME', { $id: 'x', aText: 't', aTime: '25:00:00' }, 'INVALID_TIME'],
  ['VECTOR_DIMENSIONS', { $id: 'x', aText: 't', embedding: [1, 2] }, 'VECTOR_DIMENSIONS'],
  ['INVALID_JSON', { $id: 'x', aText: 't', aJson: { f: () => SENTINEL } }, 'INVALID_JSON'],
  ['INVALID_ID', { $id: '', aText: 't' }, 'INVALID_ID'],
  ['SYSTEM_FIELD', { $id: 'x', aText: 't', $createdAt: new Date() }, 'SYSTEM_FIELD'],
  ['DOCUMENT_TOO_LARGE', { $id: 'x', aText: SENTINEL.repeat(200_000) }, 'DOCUMENT_TOO_LARGE'],
];

async function open(storage: DurableObjectStorage) {
  const db = drizzle(storage, { schema: fixtureSchema });
  await migrate(db, migrations);
  db.store.create('Everything', valid);
  return db;
}

function codeOf(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (error) {
    return { code: (error as { code: string }).code, message: (error as Error).message };
  }
  throw new Error('expected an error, found none');
}

describe('bad input through db.store', () => {
  it.each(createCases)('create: %s', async (_name, document, code) => {
    await inDurableObject(async (storage) => {
      const db = await open(storage);
      const before = dataSnapshot(storage);
      const error = codeOf(() => db.store.create('Everything', document as typeof valid));
      expect(error.code).toBe(code);
      expect(error.message).not.toContain(SENTINEL);
      expect(dataSnapshot(storage)).toEqual(before);
    });
  });

  it.each(createCases.filter(([name]) => !['NOT_AN_OBJECT', 'REQUIRED_FIELD', 'INVALID_ID', 'DOCUMENT_TOO_LARGE'].includes(name)))(
    'update: %s',
    async (_name, document, code) => {
      await inDurableObject(async (storage) => {
        const db = await open(storage);
        const before = dataSnapshot(storage);
        const { $id: _id, ...patch } = document;
        const error = codeOf(() => db.store.update('Everything', 'e1', patch as never));
        expect(error.code).toBe(code);
        expect(error.message).not.toContain(SENTINEL);
        expect(dataSnapshot(storage)).toEqual(before);
      });
    },
  );

  it('update: a patch that makes the stored document too large is DOCUMENT_TOO_LARGE, and nothing changes', async () => {
    await inDurableObject(async (storage) => {
      const db = await open(storage);
      db.store.update('Everything', 'e1', { aString: 'x'.repeat(600_000) });
      const before = dataSnapshot(storage);
      expect(codeOf(() => db.store.update('Everything', 'e1', { aText: 'y'.repeat(600_000) })).code).toBe('DOCUMENT_TOO_LARGE');
      expect(dataSnapshot(storage)).toEqual(before);
    });
  });

  it('features of the other layout are LAYOUT_NOT_AVAILABLE, and nothing changes', async () => {
    await inDurableObject(async (storage) => {
      const batched = defineSchema({ Event: { $storage: 'batched', kind: 'string!' }, Note: { text: 'string' } } as const);
      const db = drizzle(storage, { schema: batched, config: createConfig('DOCUMENT_STORE') });
      await migrate(db, { migrations: {} });
      db.store.create('Event', { kind: 'x' });
      const before = dataSnapshot(storage);
      expect(codeOf(() => db.store.search('Event', 'x')).code).toBe('LAYOUT_NOT_AVAILABLE');
      expect(codeOf(() => db.store.nearest('Event', 'kind', [1])).code).toBe('LAYOUT_NOT_AVAILABLE');
      expect(codeOf(() => db.store.compact('Note')).code).toBe('LAYOUT_NOT_AVAILABLE');
      expect(dataSnapshot(storage)).toEqual(before);
    });
  });
});
