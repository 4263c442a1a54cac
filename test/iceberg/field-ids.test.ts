/**
 * Field ids come from the schema registry (ICETYPE.md §4): without ids the
 * generators assign exactly what registration would; with the registry's
 * ids of a later version, old fields keep their ids (through a real
 * registry in a real Durable Object); ids that do not fit are refused.
 */
import { describe, expect, it } from 'vitest';
import { drizzle as drizzleDurableObject } from 'drizzle-orm/durable-sqlite';
import migrations from '../../migrations/migrations.js';
import { schema as exampleSchema } from '../../examples/schema.js';
import { parseSchema } from '../../src/icetype/index.js';
import { drizzle, generateIcebergMetadata, migrate, generateParquetSchemaString, GeneratorError, IcebergMetadataGenerator, type FieldIdAssignment } from '../../src/index.js';
import { assignFieldIds } from '../../src/registry/index.js';
import { generateIcebergSchema } from '../../src/iceberg/metadata/index.js';
import { inDurableObject } from '../support/do.js';
import { Order, OrderDefinition, thrown } from './support.js';

const v1 = { $type: 'Account', email: 'string!', nickname: 'string', tags: 'string[]', visits: 'int' };
const v2 = { $type: 'Account', email: 'string!', tags: 'string[]', visits: 'long', age: 'int?', scores: 'int[]' };

/** The example database with its tables (`_schemas` included) and an empty registry: plain Drizzle's migrate registers nothing. */
async function openDb(storage: DurableObjectStorage) {
  await migrate(drizzleDurableObject(storage), migrations);
  return drizzle(storage, { schema: exampleSchema });
}

/** id of each column (and list element) of an Iceberg schema, by name. */
function idsByName(fields: ReturnType<typeof generateIcebergSchema>['fields']): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of fields) {
    out[f.name] = f.id;
    if (typeof f.type !== 'string') out[`${f.name}.element`] = f.type['element-id'];
  }
  return out;
}

describe('field ids from the registry', () => {
  it('without ids, assigns exactly what the registry assigns on first registration', async () => {
    await inDurableObject(async (storage) => {
      const db = await openDb(storage);
      const registered = db.registry.registerSchema(OrderDefinition).fieldIds;
      expect(registered).toEqual(assignFieldIds(Order));
      const schema = generateIcebergSchema(Order);
      expect(idsByName(schema.fields)).toEqual(registered.fields);
      expect(generateIcebergSchema(Order, registered)).toEqual(schema);
      expect(generateIcebergMetadata(Order, 's3://b/t')['last-column-id']).toBe(registered.lastId);
    });
  });

  it('keeps v1 ids through evolution: v2 generated from the registry ids, removed ids retired, new ids after lastId', async () => {
    await inDurableObject(async (storage) => {
      const db = await openDb(storage);
      db.registry.registerSchema(v1);
      expect(db.registry.getFieldIds('Account')!.fields).toMatchObject({ email: 6, nickname: 7, tags: 8, visits: 9, 'tags.element': 10 });
      expect(db.registry.registerSchema(v2).version).toBe(2);
      const ids = db.registry.getFieldIds('Account')!;
      const schema2 = parseSchema(v2);

      const iceberg = generateIcebergSchema(schema2, ids);
      expect(iceberg.fields.slice(5)).toEqual([
        { id: 6, name: 'email', required: true, type: 'string' },
        { id: 8, name: 'tags', required: false, type: { type: 'list', 'element-id': 10, 'element-required': true, element: 'string' } },
        { id: 9, name: 'visits', required: false, type: 'long' },
        { id: 11, name: 'age', required: false, type: 'int' },
        { id: 12, name: 'scores', required: false, type: { type: 'list', 'element-id': 13, 'element-required': true, element: 'int' } },
      ]);
      const metadata = generateIcebergMetadata(schema2, 's3://b/accounts', {}, { fieldIds: ids });
      expect(metadata['last-column-id']).toBe(13);
      expect(metadata.schemas[0]).toEqual(iceberg);
      // Without the registry's ids the same schema would be renumbered: that is what the ids prevent.
      expect(idsByName(generateIcebergSchema(schema2).fields)).toMatchObject({ tags: 7, visits: 8, age: 9 });
      // Parquet field ids are the same ids.
      const text = generateParquetSchemaString(schema2, ids);
      expect(text).toContain('optional group tags (LIST) = 8 {');
      expect(text).toContain('required binary element (STRING) = 10;');
      expect(text).toContain('optional int64 visits = 9;');
      expect(text).toContain('optional int32 age = 11;');
      expect(text).toContain('required int32 element = 13;');
    });
  });

  it("refuses v1's ids for v2 and v2's ids for v1 (FIELD_IDS_MISMATCH)", async () => {
    await inDurableObject(async (storage) => {
      const db = await openDb(storage);
      const ids1 = db.registry.registerSchema(v1).fieldIds;
      const ids2 = db.registry.registerSchema(v2).fieldIds;
      const missing = thrown(() => generateIcebergSchema(parseSchema(v2), ids1));
      expect(missing).toBeInstanceOf(GeneratorError);
      expect(missing).toMatchObject({ code: 'FIELD_IDS_MISMATCH', collection: 'Account', field: 'age' });
      expect(missing.message).toMatch(/expected a field id for every stored field of Account, found none for "age", "scores", "scores.element" \(pass db.registry.getFieldIds\(name\)/);
      const older = thrown(() => generateIcebergSchema(parseSchema(v1), ids2));
      expect(older).toMatchObject({ code: 'FIELD_IDS_MISMATCH', field: 'nickname' });
      const { age: _a, scores: _s, ...withoutNew } = v2;
      const unknown = thrown(() => generateIcebergSchema(parseSchema(withoutNew), ids2));
      expect(unknown).toMatchObject({ code: 'FIELD_IDS_MISMATCH', field: 'age' });
      expect(unknown.message).toMatch(/expected field ids of Account's fields only, found ids for "age", "scores", "scores.element", which Account does not have/);
    });
  });
});


describe('malformed field ids (INVALID_FIELD_IDS)', () => {
  const good = assignFieldIds(parseSchema(v1));
  const withFields = (fields: Record<string, unknown>): FieldIdAssignment => ({ ...good, fields: { ...good.fields, ...fields } as Record<string, number> });
  const cases: [string, unknown, RegExp][] = [
    ['not an object', 7, /expected field ids \{ fields, lastId, retired \} .*found number/],
    ['null', null, /found null/],
    ['no retired list', { fields: good.fields, lastId: good.lastId }, /expected field ids/],
    ['a repeated id', withFields({ nickname: 6 }), /expected each field id once, found 6 for both "email" and "nickname"/],
    ['an id above lastId', withFields({ visits: 99 }), /expected a field id from 1 to lastId \(10\), found 99/],
    ['a fractional id', withFields({ visits: 9.5 }), /found number/],
    ['a retired id', { ...withFields({ visits: 11 }), lastId: 11, retired: [11] }, /found 11, which is retired/],
    ['system fields renumbered', withFields({ $type: 3, $version: 2 }), /expected system field \$type to have id 2, found 3/],
  ];
  it.each(cases)('refuses %s', (_name, ids, message) => {
    const error = thrown(() => generateIcebergSchema(parseSchema(v1), ids as FieldIdAssignment));
    expect(error).toBeInstanceOf(GeneratorError);
    expect(error.code).toBe('INVALID_FIELD_IDS');
    expect(error.message).toMatch(message);
  });

  it('accepts the well-formed ids these cases start from', () => {
    expect(generateIcebergSchema(parseSchema(v1), good).fields).toHaveLength(9);
  });
});

describe('schemas that are not valid IceTypeSchemas (INVALID_SCHEMA)', () => {
  const generator = new IcebergMetadataGenerator();
  it('refuses a definition object with a hint to parse it', () => {
    const error = thrown(() => generator.generateSchema({ $type: 'User', name: 'string' } as never));
    expect(error).toMatchObject({ code: 'INVALID_SCHEMA' });
    expect(error.message).toMatch(/expected a parsed IceTypeSchema \(parseSchema\(definition\)\), found a definition object/);
  });

  it('refuses null, a string and a hand-built schema with a broken field, listing the issues', () => {
    for (const bad of [null, 'User { name: string }']) {
      expect(thrown(() => generateIcebergMetadata(bad as never, 's3://b/t'))).toMatchObject({ code: 'INVALID_SCHEMA' });
    }
    const broken = { ...Order, fields: new Map([...Order.fields, ['total', { ...Order.fields.get('total')!, type: { kind: 'decimal', precision: 40, scale: 2 } }]]) };
    const error = thrown(() => generator.generateTableMetadata(broken as never, { location: 's3://b/t' }));
    expect(error).toMatchObject({ code: 'INVALID_SCHEMA', collection: 'Order' });
    expect((error.issues as { code: string }[]).map((i) => i.code)).toEqual(['DECIMAL_RANGE']);
    expect(error.message).toMatch(/expected a valid IceTypeSchema, found 1 issue\n  - Order\.total: /);
  });

  it('checks the schema in every public entry point', () => {
    const bad = { name: 'X' } as never;
    const icebergSchema = generator.generateSchema(Order);
    for (const fn of [() => generator.generatePartitionSpec(bad, icebergSchema), () => generator.generateSortOrder(bad, icebergSchema), () => generateParquetSchemaString(bad)]) {
      expect(thrown(fn)).toMatchObject({ code: 'INVALID_SCHEMA' });
    }
  });
});
