/**
 * Regression tests, one per defect of the published Iceberg metadata
 * generator (reference/research/seed-origin.md §4.1, §4.3 and weakness P5),
 * each named after the defect it guards against.
 */
import { describe, expect, it } from 'vitest';
import { parseSchema } from '../../src/icetype/index.js';
import { generateIcebergMetadata, IcebergMetadataGenerator } from '../../src/index.js';
import { assignFieldIds } from '../../src/registry/index.js';
import { generateIcebergSchema } from '../../src/iceberg/metadata/index.js';
import { Order } from './support.js';

const allKeys = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.flatMap(allKeys)
    : typeof value === 'object' && value !== null
      ? Object.entries(value).flatMap(([k, v]) => [k, ...(k === 'properties' ? [] : allKeys(v))])
      : [];

describe('published generator defects (seed-origin §4.1, §4.3, P5)', () => {
  it('P5 "field ids are not stable": ids restarted on every generateTableMetadata, so evolution renumbered columns', () => {
    const v1 = parseSchema({ $type: 'User', name: 'string', email: 'string', tags: 'string[]' });
    const v2 = parseSchema({ $type: 'User', email: 'string', tags: 'string[]', age: 'int' });
    const ids2 = assignFieldIds(v2, assignFieldIds(v1)); // what the registry stores for version 2
    const generator = new IcebergMetadataGenerator();
    generator.generateTableMetadata(v1, { location: 's3://b/users' });
    const metadata = generator.generateTableMetadata(v2, { location: 's3://b/users', fieldIds: ids2 });
    const ids = Object.fromEntries(metadata.schemas[0]!.fields.map((f) => [f.name, f.id]));
    expect(ids).toMatchObject({ email: 7, tags: 8, age: 10 });
    expect(metadata['last-column-id']).toBe(10);
  });

  it('§4.1 "the keys are camelCase": formatVersion, tableUuid, … instead of the spec\'s kebab-case', () => {
    const keys = allKeys(generateIcebergMetadata(Order, 's3://b/t'));
    for (const camel of ['formatVersion', 'tableUuid', 'lastColumnId', 'currentSchemaId', 'partitionSpecs', 'defaultSortOrderId', 'schemaId', 'identifierFieldIds', 'sourceId', 'fieldId', 'orderId', 'nullOrder', 'elementId']) {
      expect(keys).not.toContain(camel);
    }
    for (const kebab of ['format-version', 'table-uuid', 'last-column-id', 'current-schema-id', 'partition-specs', 'default-sort-order-id', 'schema-id', 'identifier-field-ids', 'source-id', 'field-id', 'order-id', 'null-order', 'element-id']) {
      expect(keys).toContain(kebab);
    }
  });

  it('§4.1 "list types carry no element-id/element-required"', () => {
    const tags = generateIcebergSchema(parseSchema({ $type: 'T', tags: 'string[]', refs: '-> U[]', v: 'vector(2)' })).fields.slice(5);
    for (const field of tags) expect(field.type).toMatchObject({ type: 'list', 'element-id': expect.any(Number), 'element-required': true });
  });

  it('§4.1 "doc is set to the field name": only a field object\'s doc is written', () => {
    const fields = generateIcebergSchema(Order).fields;
    expect(fields.find((f) => f.name === 'tenant')).not.toHaveProperty('doc');
    expect(fields.find((f) => f.name === 'note')?.doc).toBe('free text from the customer');
  });

  it('§4.1 "initialDefault is set from the IceType default" (a v3 field in v2 metadata)', () => {
    const keys = allKeys(generateIcebergMetadata(parseSchema({ $type: 'T', status: 'string = "active"', n: 'int = 3' }), 's3://b/t'));
    expect(keys).not.toContain('initial-default');
    expect(keys).not.toContain('initialDefault');
    expect(keys).not.toContain('write-default');
  });

  it('§4.1 "the default partition spec is identity($type)": a table without $partitionBy is unpartitioned', () => {
    const metadata = generateIcebergMetadata(parseSchema({ $type: 'T', a: 'string' }), 's3://b/t');
    expect(metadata['partition-specs']).toEqual([{ 'spec-id': 0, fields: [] }]);
  });

  it('§4.1 "currentSchemaId is schema.version": current-schema-id names a schema of schemas', () => {
    const metadata = generateIcebergMetadata(Order, 's3://b/t');
    expect(metadata.schemas.map((s) => s['schema-id'])).toEqual([metadata['current-schema-id']]);
  });

  it('§4.3 "decimal is decimal(38,9) always": the declared precision and scale are kept', () => {
    const fields = generateIcebergSchema(parseSchema({ $type: 'T', a: 'decimal(10,2)', b: 'decimal(38,0)', c: 'decimal(4)' })).fields.slice(5);
    expect(fields.map((f) => f.type)).toEqual(['decimal(10,2)', 'decimal(38,0)', 'decimal(4,0)']);
  });

  it('§4.3 "uuid is an Iceberg uuid while rows hold a hex string": uuid is string, as ICETYPE.md §4 maps it', () => {
    expect(generateIcebergSchema(parseSchema({ $type: 'T', id: 'uuid' })).fields[5]!.type).toBe('string');
  });

  it('§4.3 and P5 "$createdAt is long in Iceberg but TIMESTAMP in Parquet": both timestamps are timestamptz', () => {
    const fields = generateIcebergSchema(Order).fields;
    expect(fields.filter((f) => f.name === '$createdAt' || f.name === '$updatedAt').map((f) => f.type)).toEqual(['timestamptz', 'timestamptz']);
    expect(fields.find((f) => f.name === 'placedAt')!.type).toBe('timestamptz');
  });

  it('P5 "metadata JSON is a stub": schemas, specs, sort orders and sequence numbers are all there', () => {
    const metadata = generateIcebergMetadata(Order, 's3://b/t');
    expect(metadata.schemas).toHaveLength(1);
    expect(metadata['partition-specs']).toHaveLength(1);
    expect(metadata['sort-orders']).toHaveLength(2);
    expect(metadata['last-sequence-number']).toBe(0);
    expect(metadata['table-uuid']).not.toMatch(/-\d+$/); // the pipeline wrote "<table>-<shard>"
  });
});
