/**
 * `encodeAvroValue` against avsc: random values of random schemas decode to
 * what went in, and avsc's own encoding of them is the same bytes. Then
 * the byte layouts the Avro specification spells out, and the edges.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeAvroValue, type AvroSchema } from '../../src/iceberg/avro/index.js';
import { avscEncode, avscValue } from '../../scripts/support/avsc-decode.js';
import { plain } from './support/plain.js';
import { avroSchema, avroSample } from './support/random-schema.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('encodeAvroValue against avsc', () => {
  it('random values of random schemas decode to the input, and avsc encodes them to the same bytes', () => {
    fc.assert(
      fc.property(
        avroSchema.chain((schema) => avroSample(schema).map((sample) => ({ schema, sample }))),
        ({ schema, sample }) => {
          const bytes = encodeAvroValue(schema, sample.input);
          expect(plain(avscValue(schema, bytes))).toEqual(plain(sample.expected));
          expect(hex(bytes)).toBe(hex(avscEncode(schema, sample.expected)));
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('encodeAvroValue byte layout (Avro spec, "Binary Encoding")', () => {
  it.each([
    ['int', 0, '00'],
    ['int', -1, '01'],
    ['int', 1, '02'],
    ['int', -64, '7f'],
    ['int', 64, '8001'],
    ['int', 2 ** 31 - 1, 'feffffff0f'],
    ['int', -(2 ** 31), 'ffffffff0f'],
    ['long', -(2n ** 63n), 'ffffffffffffffffff01'],
    ['long', 2n ** 63n - 1n, 'feffffffffffffffff01'],
    ['long', Number.MAX_SAFE_INTEGER, 'feffffffffffff1f'],
    ['long', 2 ** 31, '8080808010'],
    ['string', 'foo', '06666f6f'],
    ['boolean', true, '01'],
    ['null', null, ''],
  ] as const)('%s %s → %s', (schema, value, expected) => {
    expect(hex(encodeAvroValue(schema, value))).toBe(expected);
  });

  it('writes a long given as a number and as a bigint identically', () => {
    for (const n of [0, -1, 2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER]) {
      expect(hex(encodeAvroValue('long', n))).toBe(hex(encodeAvroValue('long', BigInt(n))));
    }
  });

  it('writes an array or map as one block then the empty block, and an empty one as the empty block', () => {
    expect(hex(encodeAvroValue({ type: 'array', items: 'int' }, [1, 2]))).toBe('04020400');
    expect(hex(encodeAvroValue({ type: 'array', items: 'int' }, []))).toBe('00');
    expect(hex(encodeAvroValue({ type: 'map', values: 'int' }, new Map([['a', 1]])))).toBe('0202610200');
    expect(hex(encodeAvroValue({ type: 'map', values: 'int' }, {}))).toBe('00');
  });

  it('writes a union as the branch index then the value, null to the null branch', () => {
    expect(hex(encodeAvroValue(['null', 'string'], null))).toBe('00');
    expect(hex(encodeAvroValue(['null', 'string'], 'a'))).toBe('020261');
    // First branch that accepts the value: 5 fits int, 2^40 only long.
    expect(hex(encodeAvroValue(['int', 'long'], 5))).toBe('000a');
    expect(hex(encodeAvroValue(['int', 'long'], 2 ** 40))).toBe(`02${hex(encodeAvroValue('long', 2 ** 40))}`);
  });

  it('writes a missing record field as its default', () => {
    const schema: AvroSchema = { type: 'record', name: 'r', fields: [{ name: 'a', type: ['null', 'long'], default: null }, { name: 'b', type: 'int', default: 7 }] };
    expect(hex(encodeAvroValue(schema, {}))).toBe(hex(encodeAvroValue(schema, { a: null, b: 7 })));
  });
});

describe('encodeAvroValue edge values, read back by avsc', () => {
  const roundTrip = (schema: AvroSchema, value: unknown): unknown => avscValue(schema, encodeAvroValue(schema, value));

  it('keeps long extremes ±2^63', () => {
    for (const n of [-(2n ** 63n), 2n ** 63n - 1n, -1n, 0n, 2n ** 53n + 1n]) expect(roundTrip('long', n)).toBe(n);
  });

  it('keeps -0.0, NaN and ±Infinity as double and float', () => {
    for (const type of ['double', 'float'] as const) {
      expect(Object.is(roundTrip(type, -0), -0)).toBe(true);
      expect(roundTrip(type, Number.NaN)).toBeNaN();
      expect(roundTrip(type, Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
      expect(roundTrip(type, Number.NEGATIVE_INFINITY)).toBe(Number.NEGATIVE_INFINITY);
    }
    expect(roundTrip('double', Number.MIN_VALUE)).toBe(Number.MIN_VALUE);
    expect(roundTrip('float', 0.1)).toBe(Math.fround(0.1));
  });

  it('keeps unicode strings, astral planes included, as UTF-8', () => {
    const text = 'añ€😀𝄞\u0000';
    expect(roundTrip('string', text)).toBe(text);
    expect(hex(encodeAvroValue('string', '😀'))).toBe('08f09f9880');
  });

  it('keeps empty arrays, maps, bytes, strings and zero-size fixed', () => {
    const schema: AvroSchema = {
      type: 'record',
      name: 'empty',
      fields: [
        { name: 'a', type: { type: 'array', items: 'long' } },
        { name: 'm', type: { type: 'map', values: 'string' } },
        { name: 'b', type: 'bytes' },
        { name: 's', type: 'string' },
        { name: 'f', type: { type: 'fixed', name: 'zero', size: 0 } },
      ],
    };
    expect(plain(roundTrip(schema, { a: [], m: {}, b: new Uint8Array(), s: '', f: new Uint8Array() }))).toEqual({
      a: [],
      m: {},
      b: new Uint8Array(),
      s: '',
      f: new Uint8Array(),
    });
  });
});
