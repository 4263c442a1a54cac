/**
 * Typed errors: a value that does not match its schema, an invalid schema
 * and a bad file option each throw `AvroError` (an `IceTypeError`) with a
 * stable code, the path, and a message saying what was expected and what
 * was found — the kind of value, never the value.
 */
import { describe, expect, it } from 'vitest';
import { IceTypeError } from '../../src/errors.js';
import { AvroError, encodeAvroFile, encodeAvroValue, manifestEntrySchema, MANIFEST_LIST_SCHEMA, type AvroSchema } from '../../src/iceberg/avro/index.js';

function thrown(run: () => unknown): AvroError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AvroError);
    expect(error).toBeInstanceOf(IceTypeError);
    return error as AvroError;
  }
  throw new Error('expected an AvroError, none was thrown');
}

const nested: AvroSchema = {
  type: 'record',
  name: 'top',
  fields: [{ name: 'a', type: { type: 'record', name: 'inner', fields: [{ name: 'b', type: { type: 'array', items: 'int' } }] } }],
};

describe('AVRO_TYPE_MISMATCH', () => {
  it.each<[string, AvroSchema, unknown, string, string]>([
    ['a string for an int, deep in a record', nested, { a: { b: [1, 2, 'secret'] } }, 'a.b[2]', 'avro: expected int (a whole number) at path a.b[2], found string'],
    ['a fraction for an int', 'int', 1.5, '', 'avro: expected int (a whole number) at the root, found a fractional number'],
    ['an int out of range', 'int', 2 ** 31, '', 'avro: expected int (-2^31 to 2^31-1) at the root, found an integer out of range'],
    ['a long number beyond 2^53', 'long', 2 ** 60, '', 'avro: expected long (a safe integer number, or a bigint beyond 2^53) at the root, found an integer number beyond 2^53'],
    ['a bigint beyond 2^63', 'long', 2n ** 63n, '', 'avro: expected long (-2^63 to 2^63-1) at the root, found a bigint out of range'],
    ['a string for a long', 'long', '5', '', 'avro: expected long (a whole number or bigint) at the root, found string'],
    ['a bigint for a double', 'double', 1n, '', 'avro: expected double at the root, found bigint'],
    ['a number array for bytes', 'bytes', [1, 2], '', 'avro: expected bytes (a Uint8Array) at the root, found array'],
    ['a lone surrogate', 'string', 'a\uD800', '', 'avro: expected string (well-formed UTF-16) at the root, found a string with a lone surrogate'],
    ['a fixed of the wrong size', { type: 'fixed', name: 'md5', size: 16 }, new Uint8Array(15), '', 'avro: expected fixed md5 (16 bytes) at the root, found bytes (15)'],
    ['an unknown enum symbol', { type: 'enum', name: 'op', symbols: ['insert', 'delete'] }, 'upsert', '', 'avro: expected a symbol of enum op at the root, found another string'],
    ['undefined for a required field', { type: 'record', name: 'r', fields: [{ name: 'x', type: 'string' }] }, {}, 'x', 'avro: expected string at path x, found undefined'],
    ['an array for a record', nested, [], '', 'avro: expected record top (a plain object) at the root, found array'],
    ['a non-string map key', { type: 'map', values: 'int' }, new Map([[1, 1]]), '', 'avro: expected map keys that are strings at the root, found an integer number as a key'],
    ['a map value', { type: 'map', values: 'int' }, { 'k 1': 'x' }, '["k 1"]', 'avro: expected int (a whole number) at path ["k 1"], found string'],
    ['no union branch', ['null', 'int', 'string'], true, '', 'avro: expected one of [null, int, string] at the root, found boolean'],
    ['null without a null branch', ['int', 'string'], null, '', 'avro: expected one of [int, string] at the root, found null'],
    ['the one non-null branch explains', ['null', 'long'], 'x', '', 'avro: expected long (a whole number or bigint) at the root, found string'],
    ['a non-null value for null', 'null', 0, '', 'avro: expected null at the root, found an integer number'],
  ])('%s', (_, schema, value, path, message) => {
    const error = thrown(() => encodeAvroValue(schema, value));
    expect(error.code).toBe('AVRO_TYPE_MISMATCH');
    expect(error.path).toBe(path);
    expect(error.message).toBe(message);
    expect(error.message).not.toContain('secret');
  });

  it('names the record index in a file, and the Iceberg field in a manifest', () => {
    const error = thrown(() => encodeAvroFile('int', [1, 2, 3, 'x']));
    expect(error.message).toBe('avro: expected int (a whole number) at path [3], found string');
    const entry = { status: 1, data_file: { content: 0, file_path: 'f', file_format: 'PARQUET', partition: { day: 'monday' }, record_count: 1, file_size_in_bytes: 1 } };
    const manifest = thrown(() => encodeAvroFile(manifestEntrySchema([{ name: 'day', 'field-id': 1000, type: 'date' }]), [entry]));
    expect(manifest.path).toBe('[0].data_file.partition.day');
    const list = thrown(() => encodeAvroFile(MANIFEST_LIST_SCHEMA, [{ manifest_path: 'm' }]));
    expect(list.message).toBe('avro: expected long (a whole number or bigint) at path [0].manifest_length, found undefined');
  });
});

describe('AVRO_INVALID_SCHEMA', () => {
  it.each<[string, unknown, string]>([
    ['an unknown type name', 'integer', 'avro: expected a primitive type name, found "integer" (named references are not supported)'],
    ['an unknown type', { type: 'decimal' }, 'avro: expected a type name, found "decimal"'],
    ['a bad record name', { type: 'record', name: 'a-b', fields: [] }, 'avro: expected a record name matching [A-Za-z_][A-Za-z0-9_]*, found "a-b"'],
    ['a duplicate field', { type: 'record', name: 'r', fields: [{ name: 'a', type: 'int' }, { name: 'a', type: 'int' }] }, 'avro: expected unique field names, found "a" twice'],
    ['a named type twice', ['null', { type: 'fixed', name: 'f', size: 1 }, { type: 'fixed', name: 'f', size: 2 }], 'avro: expected each named type to be defined once, found f twice at schema path [2]'],
    ['a union in a union', ['null', ['int']], 'avro: expected a union branch that is not itself a union, found a union at schema path [1]'],
    ['two branches of one type', ['int', 'string', 'int'], 'avro: expected at most one int branch in a union, found two at schema path [2]'],
    ['a negative fixed size', { type: 'fixed', name: 'f', size: -1 }, 'avro: expected a fixed size that is a whole number ≥ 0, found -1'],
    ['a duplicate enum symbol', { type: 'enum', name: 'e', symbols: ['A', 'A'] }, 'avro: expected unique enum symbols, found "A" twice'],
    ['a bad field type deep down', { type: 'record', name: 'r', fields: [{ name: 'a', type: { type: 'array', items: 'text' } }] }, 'avro: expected a primitive type name, found "text" (named references are not supported) at schema path a.items'],
  ])('%s', (_, schema, message) => {
    const error = thrown(() => encodeAvroValue(schema as AvroSchema, null));
    expect(error.code).toBe('AVRO_INVALID_SCHEMA');
    expect(error.message).toBe(message);
  });
});

describe('AVRO_INVALID_OPTION', () => {
  it.each<[string, Parameters<typeof encodeAvroFile>[2], string]>([
    ['a short sync marker', { syncMarker: new Uint8Array(8) }, 'avro: expected a sync marker of 16 bytes, found 8'],
    ['a reserved metadata key', { metadata: { 'avro.codec': 'deflate' } }, 'avro: expected metadata keys outside the reserved avro. namespace, found "avro.codec"'],
    ['a block size of 0', { blockSize: 0 }, 'avro: expected a block size of at least 1 byte, found 0'],
  ])('%s', (_, options, message) => {
    const error = thrown(() => encodeAvroFile('int', [1], options));
    expect(error.code).toBe('AVRO_INVALID_OPTION');
    expect(error.message).toBe(message);
  });
});
