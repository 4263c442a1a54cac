/**
 * Parquet schemas (Iceberg spec Appendix A "Parquet"; LogicalTypes.md):
 * one test per ICETYPE.md §4 row, decimal storage by precision, 3-level
 * lists with element ids, and the representative schema's exact tree and
 * message text, written out by hand.
 */
import { describe, expect, it } from 'vitest';
import { parseSchema } from '../../src/icetype/index.js';
import { generateParquetSchema, generateParquetSchemaString, ParquetSchemaGenerator, type ParquetField } from '../../src/index.js';
import { decimalByteLength } from '../../src/parquet/schema/decimal-storage.js';
import { oneField, Order } from '../iceberg/support.js';

const STRING = { type: 'STRING' } as const;
const list = (element: Omit<Extract<ParquetField, { kind: 'primitive' }>, 'kind' | 'name' | 'repetition' | 'fieldId'>): ParquetField => ({
  kind: 'group',
  name: 'x',
  repetition: 'OPTIONAL',
  logicalType: { type: 'LIST' },
  fieldId: 6,
  fields: [{ kind: 'group', name: 'list', repetition: 'REPEATED', fields: [{ kind: 'primitive', name: 'element', repetition: 'REQUIRED', ...element, fieldId: 7 }] }],
});

/** ICETYPE.md §4, Parquet column: the node of an optional field `x` (id 6; a list element is id 7). */
const ROWS: [string, ParquetField][] = [
  ['string', { kind: 'primitive', name: 'x', repetition: 'OPTIONAL', type: 'BYTE_ARRAY', logicalType: STRING, fieldId: 6 }],
  ['text', { kind: 'primitive', name: 'x', repetition: 'OPTIONAL', type: 'BYTE_ARRAY', logicalType: STRING, fieldId: 6 }],
  ['uuid', { kind: 'primitive', name: 'x', repetition: 'OPTIONAL', type: 'BYTE_ARRAY', logicalType: STRING, fieldId: 6 }],
  ['"a" | "b"', { kind: 'primitive', name: 'x', repetition: 'OPTIONAL', type: 'BYTE_ARRAY', logicalType: STRING, fieldId: 6 }],
  ['json', { kind: 'primitive', name: 'x', repetition: 'OPTIONAL', type: 'BYTE_ARRAY', logicalType: STRING, fieldId: 6 }],
  ['int', { kind: 'primitive', name: 'x', repetition: 'OPTIONAL', type: 'INT32', fieldId: 6 }],
  ['long', { kind: 'primitive', name: 'x', repetition: 'OPTIONAL', type: 'INT64', fieldId: 6 }],
  ['bigint', { kind: 'primitive', name: 'x', repetition: 'OPTIONAL', type: 'INT64', fieldId: 6 }],
  ['float', { kind: 'primitive', name: 'x', repetition: 'OPTIONAL', type: 'FLOAT', fieldId: 6 }],
  ['double', { kind: 'primitive', name: 'x', repetition: 'OPTIONAL', type: 'DOUBLE', fieldId: 6 }],
  ['bool', { kind: 'primitive', name: 'x', repetition: 'OPTIONAL', type: 'BOOLEAN', fieldId: 6 }],
  ['timestamp', { kind: 'primitive', name: 'x', repetition: 'OPTIONAL', type: 'INT64', logicalType: { type: 'TIMESTAMP', unit: 'MICROS', isAdjustedToUTC: true }, fieldId: 6 }],
  ['date', { kind: 'primitive', name: 'x', repetition: 'OPTIONAL', type: 'INT32', logicalType: { type: 'DATE' }, fieldId: 6 }],
  ['time', { kind: 'primitive', name: 'x', repetition: 'OPTIONAL', type: 'INT64', logicalType: { type: 'TIME', unit: 'MICROS', isAdjustedToUTC: false }, fieldId: 6 }],
  ['binary', { kind: 'primitive', name: 'x', repetition: 'OPTIONAL', type: 'BYTE_ARRAY', fieldId: 6 }],
  ['decimal(9,2)', { kind: 'primitive', name: 'x', repetition: 'OPTIONAL', type: 'INT32', logicalType: { type: 'DECIMAL', precision: 9, scale: 2 }, fieldId: 6 }],
  ['decimal(18,4)', { kind: 'primitive', name: 'x', repetition: 'OPTIONAL', type: 'INT64', logicalType: { type: 'DECIMAL', precision: 18, scale: 4 }, fieldId: 6 }],
  ['decimal(38,10)', { kind: 'primitive', name: 'x', repetition: 'OPTIONAL', type: 'FIXED_LEN_BYTE_ARRAY', typeLength: 16, logicalType: { type: 'DECIMAL', precision: 38, scale: 10 }, fieldId: 6 }],
  ['int[]', list({ type: 'INT32' })],
  ['vector(4)', list({ type: 'FLOAT' })],
  ['-> User', { kind: 'primitive', name: 'x', repetition: 'OPTIONAL', type: 'BYTE_ARRAY', logicalType: STRING, fieldId: 6 }],
  ['-> User[]', list({ type: 'BYTE_ARRAY', logicalType: STRING })],
];

describe('generateParquetSchema: the type mapping', () => {
  it.each(ROWS)('%s', (type, expected) => {
    const schema = generateParquetSchema(oneField(type));
    expect(schema.name).toBe('T');
    expect(schema.fields).toHaveLength(6);
    expect(schema.fields[5]).toEqual(expected);
  });

  it('stores decimals in INT32 up to P=9, INT64 up to 18, then the fewest fixed bytes', () => {
    const storage = (p: number) => {
      const f = generateParquetSchema(oneField(`decimal(${p},0)`)).fields[5] as Extract<ParquetField, { kind: 'primitive' }>;
      return f.type === 'FIXED_LEN_BYTE_ARRAY' ? `FLBA(${f.typeLength})` : f.type;
    };
    expect([1, 9, 10, 18, 19, 20, 21, 28, 29, 38].map(storage)).toEqual(['INT32', 'INT32', 'INT64', 'INT64', 'FLBA(9)', 'FLBA(9)', 'FLBA(9)', 'FLBA(12)', 'FLBA(13)', 'FLBA(16)']);
  });

  it('uses the fewest bytes that hold every P-digit number in two\'s complement', () => {
    for (let p = 1; p <= 38; p++) {
      const n = decimalByteLength(p);
      const max = 10n ** BigInt(p) - 1n;
      expect(max <= (1n << BigInt(8 * n - 1)) - 1n, `P=${p} fits in ${n} bytes`).toBe(true);
      expect(max > (1n << BigInt(8 * (n - 1) - 1)) - 1n, `P=${p} does not fit in ${n - 1} bytes`).toBe(true);
    }
  });
});

describe('generateParquetSchema: the representative schema', () => {
  it('is exactly the tree Appendix A describes, with a field id on every node but the repeated list level', () => {
    const str = (name: string, fieldId: number, repetition: 'REQUIRED' | 'OPTIONAL' = 'REQUIRED'): ParquetField => ({ kind: 'primitive', name, repetition, type: 'BYTE_ARRAY', logicalType: STRING, fieldId });
    const micros = (name: string, fieldId: number): ParquetField => ({ kind: 'primitive', name, repetition: 'REQUIRED', type: 'INT64', logicalType: { type: 'TIMESTAMP', unit: 'MICROS', isAdjustedToUTC: true }, fieldId });
    const listOf = (name: string, fieldId: number, element: ParquetField): ParquetField => ({
      kind: 'group',
      name,
      repetition: 'OPTIONAL',
      logicalType: { type: 'LIST' },
      fieldId,
      fields: [{ kind: 'group', name: 'list', repetition: 'REPEATED', fields: [element] }],
    });
    expect(generateParquetSchema(Order)).toEqual({
      name: 'Order',
      fields: [
        str('$id', 1),
        str('$type', 2),
        { kind: 'primitive', name: '$version', repetition: 'REQUIRED', type: 'INT64', fieldId: 3 },
        micros('$createdAt', 4),
        micros('$updatedAt', 5),
        str('tenant', 6),
        micros('placedAt', 7),
        { kind: 'primitive', name: 'total', repetition: 'REQUIRED', type: 'INT64', logicalType: { type: 'DECIMAL', precision: 12, scale: 2 }, fieldId: 8 },
        str('note', 9, 'OPTIONAL'),
        listOf('tags', 10, str('element', 14)),
        listOf('embedding', 11, { kind: 'primitive', name: 'element', repetition: 'REQUIRED', type: 'FLOAT', fieldId: 15 }),
        str('customer', 12),
        listOf('items', 13, str('element', 16)),
      ],
    });
  });

  it('prints exactly the message syntax parquet-mr prints', () => {
    expect(generateParquetSchemaString(Order)).toBe(
      [
        'message Order {',
        '  required binary $id (STRING) = 1;',
        '  required binary $type (STRING) = 2;',
        '  required int64 $version = 3;',
        '  required int64 $createdAt (TIMESTAMP(MICROS,true)) = 4;',
        '  required int64 $updatedAt (TIMESTAMP(MICROS,true)) = 5;',
        '  required binary tenant (STRING) = 6;',
        '  required int64 placedAt (TIMESTAMP(MICROS,true)) = 7;',
        '  required int64 total (DECIMAL(12,2)) = 8;',
        '  optional binary note (STRING) = 9;',
        '  optional group tags (LIST) = 10 {',
        '    repeated group list {',
        '      required binary element (STRING) = 14;',
        '    }',
        '  }',
        '  optional group embedding (LIST) = 11 {',
        '    repeated group list {',
        '      required float element = 15;',
        '    }',
        '  }',
        '  required binary customer (STRING) = 12;',
        '  optional group items (LIST) = 13 {',
        '    repeated group list {',
        '      required binary element (STRING) = 16;',
        '    }',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('prints every other physical and logical type the way parquet-mr does', () => {
    const text = generateParquetSchemaString(oneField('decimal(38,10)')) + generateParquetSchemaString(oneField('time')) + generateParquetSchemaString(oneField('date'));
    expect(text).toContain('  optional fixed_len_byte_array(16) x (DECIMAL(38,10)) = 6;\n');
    expect(text).toContain('  optional int64 x (TIME(MICROS,false)) = 6;\n');
    expect(text).toContain('  optional int32 x (DATE) = 6;\n');
    expect(generateParquetSchemaString(oneField('bool'))).toContain('  optional boolean x = 6;\n');
    expect(generateParquetSchemaString(oneField('binary'))).toContain('  optional binary x = 6;\n');
    expect(generateParquetSchemaString(oneField('double'))).toContain('  optional double x = 6;\n');
  });

  it('prints the example of docs/iceberg.md', () => {
    const userSchema = parseSchema({ $type: 'User', $partitionBy: ['tenantId'], tenantId: 'string!', email: 'string!', born: 'date', tags: 'string[]' });
    expect(generateParquetSchemaString(userSchema)).toBe(`message User {
  required binary $id (STRING) = 1;
  required binary $type (STRING) = 2;
  required int64 $version = 3;
  required int64 $createdAt (TIMESTAMP(MICROS,true)) = 4;
  required int64 $updatedAt (TIMESTAMP(MICROS,true)) = 5;
  required binary tenantId (STRING) = 6;
  required binary email (STRING) = 7;
  optional int32 born (DATE) = 8;
  optional group tags (LIST) = 9 {
    repeated group list {
      required binary element (STRING) = 10;
    }
  }
}
`);
  });

  it('is what ParquetSchemaGenerator returns and prints', () => {
    const generator = new ParquetSchemaGenerator();
    const schema = generator.generateSchema(Order);
    expect(schema).toEqual(generateParquetSchema(Order));
    expect(generator.toSchemaString(schema)).toBe(generateParquetSchemaString(Order));
  });
});
