/**
 * Regression tests, one per defect of the published Parquet schema
 * generator and `documentToParquetRow` (reference/research/seed-origin.md
 * §4.2, §4.3 and weakness P5), each named after the defect it guards against.
 */
import { describe, expect, it } from 'vitest';
import { parseSchema } from '../../src/icetype/index.js';
import { documentToParquetRow, generateParquetSchema, generateParquetSchemaString, type ParquetField } from '../../src/index.js';

const SYSTEM = { $id: 'x1', $type: 'T', $version: 1, $createdAt: new Date(0), $updatedAt: new Date(0) };
const T = parseSchema({ $type: 'T', day: 'date', at: 'timestamp', clock: 'time', price: 'decimal(10,2)', big: 'decimal(28,8)', id: 'uuid', n: 'long', x: 'double', tags: 'string[]' });
const node = (name: string): ParquetField => generateParquetSchema(T).fields.find((f) => f.name === name)!;

describe('published generator defects (seed-origin §4.2, §4.3, P5)', () => {
  it('§4.3 "documentToParquetRow parseInt: the date \'2024-01-15\' became 2024": it is days since 1970-01-01', () => {
    expect(documentToParquetRow(T, { ...SYSTEM, day: '2024-01-15' }).day).toBe(19737);
  });

  it('§4.3 "an ISO timestamp string became 2024": it is microseconds since the epoch', () => {
    expect(documentToParquetRow(T, { ...SYSTEM, at: '2024-01-15T10:30:00Z' }).at).toBe(1_705_314_600_000_000n);
  });

  it('§4.3 and P5 "timestamps are TIMESTAMP_MILLIS, not UTC-adjusted, where Iceberg requires micros"', () => {
    for (const name of ['at', '$createdAt', '$updatedAt']) {
      expect(node(name)).toMatchObject({ type: 'INT64', logicalType: { type: 'TIMESTAMP', unit: 'MICROS', isAdjustedToUTC: true } });
    }
    expect(generateParquetSchemaString(T)).toContain('optional int64 at (TIMESTAMP(MICROS,true)) = 7;');
  });

  it('§4.3 "time is INT32 TIME_MILLIS": it is INT64 TIME(MICROS) and the row holds µs', () => {
    expect(node('clock')).toMatchObject({ type: 'INT64', logicalType: { type: 'TIME', unit: 'MICROS', isAdjustedToUTC: false } });
    expect(documentToParquetRow(T, { ...SYSTEM, clock: '00:00:00.000001' }).clock).toBe(1n);
  });

  it('§4.3 "decimal is BYTE_ARRAY DECIMAL(38,9) and REAL in SQLite": declared precision and scale, exact unscaled values', () => {
    expect(node('price')).toMatchObject({ type: 'INT64', logicalType: { type: 'DECIMAL', precision: 10, scale: 2 } });
    expect(node('big')).toMatchObject({ type: 'FIXED_LEN_BYTE_ARRAY', typeLength: 12, logicalType: { type: 'DECIMAL', precision: 28, scale: 8 } });
    // 20 integer digits and 8 fraction digits: beyond a double's 15–17 significant digits.
    expect(documentToParquetRow(T, { ...SYSTEM, big: '12345678901234567890.12345678' }).big).toBe(1_234_567_890_123_456_789_012_345_678n);
  });

  it('§4.3 "uuid is FIXED_LEN_BYTE_ARRAY(16) UUID but documentToParquetRow emits a 32-char hex string": a STRING column holding the UUID text', () => {
    expect(node('id')).toMatchObject({ type: 'BYTE_ARRAY', logicalType: { type: 'STRING' } });
    expect(documentToParquetRow(T, { ...SYSTEM, id: '550E8400-E29B-41D4-A716-446655440000' }).id).toBe('550e8400-e29b-41d4-a716-446655440000');
  });

  it('§4.2 "the list element has no field id" (and is OPTIONAL): it has its registry id and is REQUIRED', () => {
    const tags = node('tags') as Extract<ParquetField, { kind: 'group' }>;
    const element = (tags.fields[0] as Extract<ParquetField, { kind: 'group' }>).fields[0]!;
    expect(element).toMatchObject({ name: 'element', repetition: 'REQUIRED', fieldId: 15 });
    expect(tags.fieldId).toBe(14);
  });

  it('P5 "the schema comes from the first value seen (int → long, non-int → double)": the declared type decides', () => {
    expect(node('n')).toMatchObject({ type: 'INT64' });
    expect(node('x')).toMatchObject({ type: 'DOUBLE' });
    const row = documentToParquetRow(T, { ...SYSTEM, n: 1, x: 2 });
    expect(row.n).toBe(1n); // INT64 takes bigint, even for a small value
    expect(row.x).toBe(2); // DOUBLE takes a number, even for a whole value
  });
});
