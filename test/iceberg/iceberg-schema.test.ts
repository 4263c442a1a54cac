/**
 * The Iceberg schema of an IceType schema (ICETYPE.md §4, Iceberg column;
 * Iceberg spec Appendix C "Schemas"): one test per mapping row, and the
 * representative schema's exact JSON, written out from the spec by hand.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { parseSchema } from '../../src/icetype/index.js';
import {
  documentToParquetRow,
  generateIcebergMetadata,
  generateParquetSchema,
  IcebergMetadataGenerator,
  type IcebergSchema,
  type IcebergTableMetadata,
  type IcebergType,
  type ParquetRow,
  type ParquetSchema,
} from '../../src/index.js';
import { generateIcebergSchema } from '../../src/iceberg/metadata/index.js';
import { oneField, Order, ORDER_ICEBERG_SCHEMA } from './support.js';

/** ICETYPE.md §4: IceType → Iceberg, with `x` at id 6 and a list element at id 7. */
const ROWS: [string, IcebergType][] = [
  ['string', 'string'],
  ['text', 'string'],
  ['uuid', 'string'],
  ['"red" | "green"', 'string'],
  ['varchar(20)', 'string'],
  ['int', 'int'],
  ['long', 'long'],
  ['bigint', 'long'],
  ['float', 'float'],
  ['double', 'double'],
  ['bool', 'boolean'],
  ['boolean', 'boolean'],
  ['timestamp', 'timestamptz'],
  ['date', 'date'],
  ['time', 'time'],
  ['json', 'string'],
  ['binary', 'binary'],
  ['decimal(10,2)', 'decimal(10,2)'],
  ['decimal(38,0)', 'decimal(38,0)'],
  ['decimal(5)', 'decimal(5,0)'],
  ['int[]', { type: 'list', 'element-id': 7, 'element-required': true, element: 'int' }],
  ['decimal(20,4)[]', { type: 'list', 'element-id': 7, 'element-required': true, element: 'decimal(20,4)' }],
  ['timestamp[]', { type: 'list', 'element-id': 7, 'element-required': true, element: 'timestamptz' }],
  ['vector(768)', { type: 'list', 'element-id': 7, 'element-required': true, element: 'float' }],
  ['-> User', 'string'],
  ['-> User[]', { type: 'list', 'element-id': 7, 'element-required': true, element: 'string' }],
];

describe('generateIcebergSchema: the type mapping', () => {
  it.each(ROWS)('%s → %j', (type, expected) => {
    const fields = generateIcebergSchema(oneField(type)).fields;
    expect(fields).toHaveLength(6);
    expect(fields[5]).toEqual({ id: 6, name: 'x', required: false, type: expected });
  });

  it('makes "!" fields required and every other field optional', () => {
    const schema = parseSchema({ $type: 'T', a: 'int!', b: 'int?', c: 'int', d: 'int = 3', e: 'string[]!' });
    expect(generateIcebergSchema(schema).fields.slice(5).map((f) => [f.name, f.required])).toEqual([
      ['a', true],
      ['b', false],
      ['c', false],
      ['d', false],
      ['e', true],
    ]);
  });

  it('leaves out backward and fuzzy relations, which store nothing', () => {
    const names = generateIcebergSchema(Order).fields.map((f) => f.name);
    expect(names).not.toContain('lines');
    expect(names).not.toContain('similar');
    expect(names).toContain('customer');
  });
});

describe('generateIcebergSchema: the representative schema', () => {
  it('is exactly the JSON the spec describes', () => {
    expect(generateIcebergSchema(Order)).toEqual(ORDER_ICEBERG_SCHEMA);
  });

  it('serialises with the spec key order: type, schema-id, identifier-field-ids, fields; id, name, required, type, doc', () => {
    const json = JSON.stringify(generateIcebergSchema(Order));
    expect(json.startsWith('{"type":"struct","schema-id":0,"identifier-field-ids":[1],"fields":[{"id":1,"name":"$id","required":true,"type":"string"}')).toBe(true);
    expect(json).toContain('{"id":9,"name":"note","required":false,"type":"string","doc":"free text from the customer"}');
    expect(json).toContain('{"type":"list","element-id":14,"element-required":true,"element":"string"}');
  });

  it('is what IcebergMetadataGenerator.generateSchema returns, call after call', () => {
    const generator = new IcebergMetadataGenerator();
    const first = generator.generateSchema(Order);
    expect(generator.generateSchema(Order)).toEqual(first);
    expect(first).toEqual(generateIcebergSchema(Order));
  });
});

describe('public types', () => {
  it('are precise: no any, literal format version, JSON-shaped schema', () => {
    expectTypeOf(generateIcebergMetadata).returns.toEqualTypeOf<IcebergTableMetadata>();
    expectTypeOf<IcebergTableMetadata['format-version']>().toEqualTypeOf<2>();
    expectTypeOf<IcebergTableMetadata>().not.toBeAny();
    expectTypeOf<IcebergSchema['fields'][number]['type']>().toEqualTypeOf<IcebergType>();
    expectTypeOf(generateParquetSchema).returns.toEqualTypeOf<ParquetSchema>();
    expectTypeOf(documentToParquetRow).returns.toEqualTypeOf<ParquetRow>();
    expectTypeOf<ParquetRow[string]>().not.toBeAny();
    expectTypeOf(new IcebergMetadataGenerator().generateSchema).returns.toEqualTypeOf<IcebergSchema>();
  });
});
