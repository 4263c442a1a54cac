/**
 * `documentToParquetRow` on documents the store really wrote and read back
 * in a Durable Object (the fixture collection with every type): each value
 * lands in the form its Parquet column, from `generateParquetSchema`, holds.
 */
import { describe, expect, it } from 'vitest';
import migrations from '../fixtures/migrations/migrations.js';
import { fixtureSchema } from '../fixtures/schema.js';
import { documentToParquetRow, drizzle, generateParquetSchema, migrate, type ParquetField, type ParquetValue } from '../../src/index.js';
import { inDurableObject } from '../support/do.js';

const Everything = fixtureSchema.collections.get('Everything')!;

/** Whether `value` is what a column of this Parquet node holds (null only where the node is optional). */
function fits(node: ParquetField, value: ParquetValue): boolean {
  if (value === null) return node.repetition === 'OPTIONAL';
  if (node.kind === 'group') {
    const element = (node.fields[0] as Extract<ParquetField, { kind: 'group' }>).fields[0]!;
    return Array.isArray(value) && value.every((item) => fits(element, item as ParquetValue));
  }
  const logical = node.logicalType?.type;
  switch (node.type) {
    case 'BOOLEAN':
      return typeof value === 'boolean';
    case 'INT32':
      return logical === 'DECIMAL' ? typeof value === 'bigint' : Number.isInteger(value) && (value as number) >= -(2 ** 31) && (value as number) < 2 ** 31;
    case 'INT64':
    case 'FIXED_LEN_BYTE_ARRAY':
      return typeof value === 'bigint';
    case 'FLOAT':
    case 'DOUBLE':
      return typeof value === 'number';
    case 'BYTE_ARRAY':
      return logical === 'STRING' ? typeof value === 'string' : value instanceof Uint8Array;
  }
}

describe('documentToParquetRow on stored documents', () => {
  it('converts a document read back from DO SQLite, every column fitting its Parquet node', async () => {
    await inDurableObject(async (storage) => {
      const db = drizzle(storage, { schema: fixtureSchema });
      await migrate(db, migrations);
      db.store.create('Everything', {
        $id: 'e1',
        aString: 's',
        aText: 'text',
        anInt: 42,
        aLong: 2 ** 40,
        aFloat: 1.5,
        aDouble: -2.25,
        aBool: false,
        aUuid: '550E8400-E29B-41D4-A716-446655440000',
        aTimestamp: new Date('1969-07-20T20:17:40Z'),
        aDate: '2024-01-15',
        aTime: '23:59:59.999999',
        aJson: { k: [1, 2] },
        aBinary: new Uint8Array([1, 2, 3]),
        aDecimal: '-12345678.1234',
        aVarchar: 'v',
        anEnum: 'blue',
        strings: ['a', 'b'],
        ints: [3, 4],
        embedding: [0.5, 0.25, -1, 2],
      });
      const doc = db.store.get('Everything', 'e1')!;
      const row = documentToParquetRow(Everything, doc);
      expect(row).toMatchObject({
        $id: 'e1',
        $type: 'Everything',
        $version: 1n,
        anInt: 42,
        aLong: 1_099_511_627_776n,
        aBool: false,
        aUuid: '550e8400-e29b-41d4-a716-446655440000',
        aTimestamp: -14_182_940_000_000n,
        aDate: 19737,
        aTime: 86_399_999_999n,
        aJson: '{"k":[1,2]}',
        aBinary: new Uint8Array([1, 2, 3]),
        aDecimal: -123_456_781_234n,
        anEnum: 'blue',
        strings: ['a', 'b'],
        ints: [3, 4],
        embedding: [0.5, 0.25, -1, 2],
        withDefault: 'fallback',
        counted: 7,
      });
      expect(row.$createdAt).toBe(BigInt((doc.$createdAt as Date).getTime()) * 1000n);

      const schema = generateParquetSchema(Everything, db.registry.getFieldIds('Everything')!);
      expect(Object.keys(row)).toEqual(schema.fields.map((f) => f.name));
      for (const node of schema.fields) expect([node.name, fits(node, row[node.name]!)]).toEqual([node.name, true]);
    });
  });
});
