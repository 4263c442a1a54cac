/**
 * Partition specs from `$partitionBy` and the sort orders (Iceberg spec
 * "Partition Transforms", "Sorting", Appendix C).
 */
import { describe, expect, it } from 'vitest';
import { parseSchema } from '../../src/icetype/index.js';
import { GeneratorError, IcebergMetadataGenerator, type IcebergSchema } from '../../src/index.js';
import { Order, thrown } from './support.js';

const generator = new IcebergMetadataGenerator();
const specOf = (definition: object) => {
  const schema = parseSchema(definition);
  return generator.generatePartitionSpec(schema, generator.generateSchema(schema));
};

describe('generatePartitionSpec', () => {
  it('uses identity for every primitive but timestamps, which get day; field ids from 1000 in $partitionBy order', () => {
    const spec = specOf({
      $type: 'Event',
      $partitionBy: ['at', 'tenant', 'day', 'shard', 'region', 'amount', 'owner'],
      tenant: 'string!',
      at: 'timestamp!',
      day: 'date!',
      shard: 'int!',
      region: '"eu" | "us"!',
      amount: 'decimal(10,2)!',
      owner: '-> User!',
    });
    expect(spec).toEqual({
      'spec-id': 0,
      fields: [
        { 'source-id': 7, 'field-id': 1000, name: 'at_day', transform: 'day' },
        { 'source-id': 6, 'field-id': 1001, name: 'tenant', transform: 'identity' },
        { 'source-id': 8, 'field-id': 1002, name: 'day', transform: 'identity' },
        { 'source-id': 9, 'field-id': 1003, name: 'shard', transform: 'identity' },
        { 'source-id': 10, 'field-id': 1004, name: 'region', transform: 'identity' },
        { 'source-id': 11, 'field-id': 1005, name: 'amount', transform: 'identity' },
        { 'source-id': 12, 'field-id': 1006, name: 'owner', transform: 'identity' },
      ],
    });
  });

  it('takes the source ids from the Iceberg schema it is given (registry ids)', () => {
    const schema = parseSchema({ $type: 'Event', $partitionBy: ['tenant'], tenant: 'string!' });
    const icebergSchema: IcebergSchema = { ...generator.generateSchema(schema), fields: generator.generateSchema(schema).fields.map((f) => (f.name === 'tenant' ? { ...f, id: 42 } : f)) };
    expect(generator.generatePartitionSpec(schema, icebergSchema).fields[0]!['source-id']).toBe(42);
  });

  it('is unpartitioned without $partitionBy', () => {
    expect(specOf({ $type: 'Note', text: 'string!' })).toEqual({ 'spec-id': 0, fields: [] });
  });

  it('refuses a list as a partition source (UNPARTITIONABLE_FIELD)', () => {
    for (const type of ['string[]!', 'vector(3)!', '-> User[]!']) {
      const error = thrown(() => specOf({ $type: 'Event', $partitionBy: ['tags'], tags: type }));
      expect(error).toBeInstanceOf(GeneratorError);
      expect(error).toMatchObject({ code: 'UNPARTITIONABLE_FIELD', collection: 'Event', field: 'tags' });
      expect(error.message).toMatch(/expected a \$partitionBy field of a primitive type .*found a list/);
    }
  });

  it('refuses a day partition whose name is already a column (Java refuses it too)', () => {
    const error = thrown(() => specOf({ $type: 'Event', $partitionBy: ['at'], at: 'timestamp!', at_day: 'string' }));
    expect(error).toMatchObject({ code: 'UNPARTITIONABLE_FIELD', field: 'at' });
    expect(error.message).toMatch(/expected the partition name "at_day" \(day of at\) to differ from every column/);
  });

  it('refuses an Iceberg schema that lacks a partition source (SCHEMA_MISMATCH)', () => {
    const schema = parseSchema({ $type: 'Event', $partitionBy: ['tenant'], tenant: 'string!' });
    const other = generator.generateSchema(parseSchema({ $type: 'Event', name: 'string' }));
    const error = thrown(() => generator.generatePartitionSpec(schema, other));
    expect(error).toMatchObject({ code: 'SCHEMA_MISMATCH', collection: 'Event', field: 'tenant' });
    expect(error.message).toMatch(/expected the Iceberg schema of Event to have a field "tenant", found none/);
  });
});

describe('generateSortOrder', () => {
  it('sorts by $id ascending as order 1, its source id taken from the Iceberg schema', () => {
    expect(generator.generateSortOrder(Order, generator.generateSchema(Order))).toEqual({
      'order-id': 1,
      fields: [{ transform: 'identity', 'source-id': 1, direction: 'asc', 'null-order': 'nulls-first' }],
    });
  });

  it('declares the unsorted order 0 beside it in table metadata, order 1 the default', () => {
    const m = generator.generateTableMetadata(Order, { location: 's3://b/t' });
    expect(m['sort-orders'].map((o) => o['order-id'])).toEqual([0, 1]);
    expect(m['sort-orders'][0]).toEqual({ 'order-id': 0, fields: [] });
    expect(m['default-sort-order-id']).toBe(1);
  });

  it('refuses an Iceberg schema without $id', () => {
    const icebergSchema = generator.generateSchema(Order);
    const error = thrown(() => generator.generateSortOrder(Order, { ...icebergSchema, fields: icebergSchema.fields.slice(1) }));
    expect(error).toMatchObject({ code: 'SCHEMA_MISMATCH', field: '$id' });
  });
});
