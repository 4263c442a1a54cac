/**
 * Table metadata v2 (Iceberg spec "Table Metadata Fields", Appendix C):
 * the representative schema's exact metadata, written out by hand; the
 * spec's required fields; kebab-case keys; properties and options.
 */
import { describe, expect, it } from 'vitest';
import { parseSchema } from '../../src/icetype/index.js';
import { generateIcebergMetadata, generateParquetSchema, generateParquetSchemaString, GeneratorError, IcebergMetadataGenerator, type IcebergTableMetadata } from '../../src/index.js';
import { Order, ORDER_ICEBERG_SCHEMA, thrown } from './support.js';

const UUID = '5c43af54-1f7b-4e0e-9d55-2b8a3f0c6d11';
const AT = 1_795_639_095_868;
const fixed = { tableUuid: UUID, lastUpdatedMs: AT };

/**
 * The v2 column of the spec's "Table Metadata Fields" table: every field
 * marked required, with the JSON type Appendix C gives it.
 */
const V2_REQUIRED: readonly [string, 'number' | 'string' | 'array'][] = [
  ['format-version', 'number'],
  ['table-uuid', 'string'],
  ['location', 'string'],
  ['last-sequence-number', 'number'],
  ['last-updated-ms', 'number'],
  ['last-column-id', 'number'],
  ['schemas', 'array'],
  ['current-schema-id', 'number'],
  ['partition-specs', 'array'],
  ['default-spec-id', 'number'],
  ['last-partition-id', 'number'],
  ['sort-orders', 'array'],
  ['default-sort-order-id', 'number'],
];

/** Every key of a JSON value, except the keys of `properties` and `refs` (names chosen by users, e.g. `write.format.default`). */
function keysOf(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) keysOf(item, out);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      out.push(key);
      if (key !== 'properties' && key !== 'refs') keysOf(child, out);
    }
  }
  return out;
}

/** Checks metadata against the spec's v2 rules; returns what is wrong. */
function specProblems(m: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [key, type] of V2_REQUIRED) {
    const value = m[key];
    const found = Array.isArray(value) ? 'array' : typeof value;
    if (found !== type) problems.push(`${key}: expected ${type}, found ${found}`);
  }
  if (m['format-version'] !== 2) problems.push('format-version is not 2');
  for (const deprecated of ['schema', 'partition-spec']) if (deprecated in m) problems.push(`deprecated ${deprecated} present`);
  const schemas = m.schemas as { 'schema-id': number }[];
  if (!schemas.some((s) => s['schema-id'] === m['current-schema-id'])) problems.push('current-schema-id names no schema');
  const specs = m['partition-specs'] as { 'spec-id': number }[];
  if (!specs.some((s) => s['spec-id'] === m['default-spec-id'])) problems.push('default-spec-id names no spec');
  const orders = m['sort-orders'] as { 'order-id': number; fields: unknown[] }[];
  if (!orders.some((o) => o['order-id'] === m['default-sort-order-id'])) problems.push('default-sort-order-id names no order');
  if (orders.some((o) => o['order-id'] === 0 && o.fields.length > 0)) problems.push('order 0 is not unsorted');
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(String(m.location))) problems.push('location is not an absolute URI');
  // last-column-id: at least every id in every schema, list elements included.
  const ids = JSON.stringify(schemas).match(/"(?:id|element-id)":(\d+)/g)!.map((s) => Number(s.split(':')[1]));
  if (Math.max(...ids) > (m['last-column-id'] as number)) problems.push('last-column-id below a field id');
  const partitionIds = specs.flatMap((s) => (s as unknown as { fields: { 'field-id': number }[] }).fields.map((f) => f['field-id']));
  if (Math.max(999, ...partitionIds) !== m['last-partition-id']) problems.push('last-partition-id is not the highest partition field id');
  return problems;
}

describe('generateIcebergMetadata', () => {
  it('produces exactly the hand-written metadata of the representative schema', () => {
    const metadata = generateIcebergMetadata(Order, 's3://my-bucket/tables/orders', { owner: 'data-team' }, fixed);
    const expected: IcebergTableMetadata = {
      'format-version': 2,
      'table-uuid': UUID,
      location: 's3://my-bucket/tables/orders',
      'last-sequence-number': 0,
      'last-updated-ms': AT,
      'last-column-id': 16,
      'current-schema-id': 0,
      schemas: [ORDER_ICEBERG_SCHEMA],
      'default-spec-id': 0,
      'partition-specs': [
        {
          'spec-id': 0,
          fields: [
            { 'source-id': 6, 'field-id': 1000, name: 'tenant', transform: 'identity' },
            { 'source-id': 7, 'field-id': 1001, name: 'placedAt_day', transform: 'day' },
          ],
        },
      ],
      'last-partition-id': 1001,
      'default-sort-order-id': 1,
      'sort-orders': [
        { 'order-id': 0, fields: [] },
        { 'order-id': 1, fields: [{ transform: 'identity', 'source-id': 1, direction: 'asc', 'null-order': 'nulls-first' }] },
      ],
      properties: { 'write.format.default': 'parquet', 'write.parquet.compression-codec': 'zstd', owner: 'data-team' },
      snapshots: [],
      'snapshot-log': [],
      'metadata-log': [],
      refs: {},
    };
    expect(metadata).toEqual(expected);
    // Round-trips through JSON unchanged (no bigint, no undefined, no Date).
    expect(JSON.parse(JSON.stringify(metadata))).toEqual(expected);
  });

  it('has every field the spec requires in v2, with its JSON type, and passes the spec checks', () => {
    for (const schema of [Order, parseSchema({ $type: 'Plain', name: 'string' })]) {
      const metadata = generateIcebergMetadata(schema, 's3://b/t') as unknown as Record<string, unknown>;
      expect(specProblems(metadata)).toEqual([]);
    }
  });

  it('the spec check fails on broken metadata (so it can fail)', () => {
    const good = generateIcebergMetadata(Order, 's3://b/t') as unknown as Record<string, unknown>;
    const { 'last-partition-id': _drop, ...missing } = good;
    expect(specProblems(missing)).toContain('last-partition-id: expected number, found undefined');
    expect(specProblems({ ...good, 'last-column-id': 3 })).toContain('last-column-id below a field id');
    expect(specProblems({ ...good, 'default-sort-order-id': 7 })).toContain('default-sort-order-id names no order');
  });

  it('writes every key in kebab-case, with no camelCase key anywhere', () => {
    const keys = keysOf(generateIcebergMetadata(Order, 's3://b/t', { 'x.y': 'z' }));
    expect(keys.length).toBeGreaterThan(40);
    expect(keys.filter((k) => !/^[a-z]+(-[a-z]+)*$/.test(k))).toEqual([]);
    expect(keysOf({ formatVersion: 2 }).filter((k) => !/^[a-z]+(-[a-z]+)*$/.test(k))).toEqual(['formatVersion']);
  });

  it('generates an unpartitioned table without $partitionBy: fields [] and last-partition-id 999', () => {
    const metadata = generateIcebergMetadata(parseSchema({ $type: 'Note', text: 'string!' }), 's3://b/notes');
    expect(metadata['partition-specs']).toEqual([{ 'spec-id': 0, fields: [] }]);
    expect(metadata['last-partition-id']).toBe(999);
    expect(metadata['last-column-id']).toBe(6);
  });

  it('draws a random table-uuid and the current time unless given', () => {
    const before = Date.now();
    const a = generateIcebergMetadata(Order, 's3://b/t');
    const b = generateIcebergMetadata(Order, 's3://b/t');
    expect(a['table-uuid']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a['table-uuid']).not.toBe(b['table-uuid']);
    expect(a['last-updated-ms']).toBeGreaterThanOrEqual(before);
    expect(a['last-updated-ms']).toBeLessThanOrEqual(Date.now());
  });

  it('adds caller properties to the defaults, and lets them override a default', () => {
    const m = generateIcebergMetadata(Order, 's3://b/t', { 'write.parquet.compression-codec': 'gzip', 'commit.retry.num-retries': '4' });
    expect(m.properties).toEqual({ 'write.format.default': 'parquet', 'write.parquet.compression-codec': 'gzip', 'commit.retry.num-retries': '4' });
    expect(generateIcebergMetadata(Order, 's3://b/t').properties).toEqual({ 'write.format.default': 'parquet', 'write.parquet.compression-codec': 'zstd' });
  });

  it('drops a trailing slash from the location, as Java does', () => {
    expect(generateIcebergMetadata(Order, 's3://b/t/').location).toBe('s3://b/t');
    expect(generateIcebergMetadata(Order, 'file:///tmp/warehouse/orders//').location).toBe('file:///tmp/warehouse/orders');
  });

  it('is what IcebergMetadataGenerator.generateTableMetadata returns', () => {
    const generator = new IcebergMetadataGenerator();
    expect(generator.generateTableMetadata(Order, { location: 's3://b/t', properties: { owner: 'x' }, ...fixed })).toEqual(
      generateIcebergMetadata(Order, 's3://b/t', { owner: 'x' }, fixed),
    );
  });
});

describe('the seed README usage', () => {
  it('runs as the README shows, on the README\'s userSchema', () => {
    const userSchema = parseSchema({
      $type: 'User',
      $partitionBy: ['id'],
      $index: [['email'], ['createdAt']],
      id: 'uuid!',
      email: 'string#',
      name: 'string',
      age: 'int?',
      status: 'string = "active"',
      createdAt: 'timestamp',
      posts: '<- Post.author[]',
    });
    const metadata = generateIcebergMetadata(userSchema, 's3://my-bucket/tables/users', { owner: 'data-team' });
    const parquetSchema = generateParquetSchema(userSchema);
    const schemaString = generateParquetSchemaString(userSchema);
    expect(metadata.properties.owner).toBe('data-team');
    expect(metadata['partition-specs'][0]!.fields).toEqual([{ 'source-id': 6, 'field-id': 1000, name: 'id', transform: 'identity' }]);
    expect(metadata.schemas[0]!.fields.map((f) => f.name)).toEqual(['$id', '$type', '$version', '$createdAt', '$updatedAt', 'id', 'email', 'name', 'age', 'status', 'createdAt']);
    expect(parquetSchema.fields.map((f) => f.name)).toEqual(metadata.schemas[0]!.fields.map((f) => f.name));
    expect(schemaString.split('\n').slice(0, 4)).toEqual(['message User {', '  required binary $id (STRING) = 1;', '  required binary $type (STRING) = 2;', '  required int64 $version = 3;']);
  });
});

describe('generateIcebergMetadata: bad options', () => {
  const cases: [string, () => unknown, RegExp][] = [
    ['a location without a scheme', () => generateIcebergMetadata(Order, '/tmp/orders'), /expected location to be an absolute URI with a scheme .*found a string without one/],
    ['an empty location', () => generateIcebergMetadata(Order, ''), /absolute URI/],
    ['a location that is not a string', () => generateIcebergMetadata(Order, 42 as unknown as string), /found number/],
    ['a property that is not a string', () => generateIcebergMetadata(Order, 's3://b/t', { n: 4 as unknown as string }), /expected property "n" to be a string .*found number/],
    ['properties that are an array', () => generateIcebergMetadata(Order, 's3://b/t', [] as unknown as Record<string, string>), /found an array/],
    ['format-version as a property', () => generateIcebergMetadata(Order, 's3://b/t', { 'format-version': '2' }), /expected no "format-version" property/],
    ['a malformed table UUID', () => generateIcebergMetadata(Order, 's3://b/t', {}, { tableUuid: 'orders-1' }), /expected tableUuid to be a UUID .*found a string in another format/],
    ['a fractional lastUpdatedMs', () => generateIcebergMetadata(Order, 's3://b/t', {}, { lastUpdatedMs: 1.5 }), /expected lastUpdatedMs to be whole epoch milliseconds .*found 1.5/],
    ['options that are not an object', () => new IcebergMetadataGenerator().generateTableMetadata(Order, null as never), /expected options/],
  ];
  it.each(cases)('refuses %s with INVALID_OPTION', (_name, fn, message) => {
    const error = thrown(fn);
    expect(error).toBeInstanceOf(GeneratorError);
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.collection).toBe('Order');
    expect(error.message).toMatch(message);
  });
});
