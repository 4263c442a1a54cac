import { describe, expect, it } from 'vitest';
import { inferType, mergeInferredTypes } from '../../src/icetype/index.js';

describe('inferType (ICETYPE.md §5)', () => {
  it('infers scalars', () => {
    expect(inferType('hello')).toBe('string');
    expect(inferType(42)).toBe('int');
    expect(inferType(-2147483648)).toBe('int');
    expect(inferType(2147483648)).toBe('long');
    expect(inferType(2 ** 40)).toBe('long');
    expect(inferType(3.14)).toBe('double');
    expect(inferType(2 ** 70)).toBe('double');
    expect(inferType(Number.NaN)).toBe('double');
    expect(inferType(10n)).toBe('long');
    expect(inferType(true)).toBe('bool');
  });

  it('recognises dates, times, timestamps and UUIDs in strings', () => {
    expect(inferType('2024-01-15')).toBe('date');
    expect(inferType('2024-01-15T10:30:00Z')).toBe('timestamp');
    expect(inferType('2024-01-15T10:30:00.123+02:00')).toBe('timestamp');
    expect(inferType('10:30:00')).toBe('time');
    expect(inferType('550e8400-e29b-41d4-a716-446655440000')).toBe('uuid');
    expect(inferType('2024-13-15')).toBe('string');
    expect(inferType('10:30')).toBe('string');
    expect(inferType('550e8400-e29b-41d4-a716-44665544000g')).toBe('string');
  });

  it('infers Date, Uint8Array, objects and null', () => {
    expect(inferType(new Date())).toBe('timestamp');
    expect(inferType(new Uint8Array(2))).toBe('binary');
    expect(inferType({ foo: 'bar' })).toBe('json');
    expect(inferType(null)).toBe('json?');
    expect(inferType(undefined)).toBe('json?');
  });

  it('infers arrays: same items, mixed int/double, other mixes, empty', () => {
    expect(inferType([1, 2, 3])).toBe('int[]');
    expect(inferType([1, 2.5])).toBe('double[]');
    expect(inferType([1, 2 ** 40])).toBe('long[]');
    expect(inferType(['a', 'b'])).toBe('string[]');
    expect(inferType([{}, { a: 1 }])).toBe('json[]');
    expect(inferType([1, 'a'])).toBe('json');
    expect(inferType([1, {}])).toBe('json');
    expect(inferType([{}, 1])).toBe('json');
    expect(inferType([1, null])).toBe('json');
    expect(inferType([[1]])).toBe('json');
    expect(inferType([])).toBe('json');
  });
});

describe('mergeInferredTypes', () => {
  it('widens int → long → double', () => {
    expect(mergeInferredTypes('int', 'long')).toBe('long');
    expect(mergeInferredTypes('long', 'double')).toBe('double');
    expect(mergeInferredTypes('int', 'double')).toBe('double');
    expect(mergeInferredTypes('int[]', 'double[]')).toBe('double[]');
  });

  it('widens string formats to string and turns other conflicts into json', () => {
    expect(mergeInferredTypes('uuid', 'string')).toBe('string');
    expect(mergeInferredTypes('date', 'timestamp')).toBe('string');
    expect(mergeInferredTypes('int', 'string')).toBe('json');
    expect(mergeInferredTypes('int[]', 'int')).toBe('json');
    expect(mergeInferredTypes('int[]', 'string[]')).toBe('json');
    expect(mergeInferredTypes('bool', 'json')).toBe('json');
  });

  it('merges nullability; json? (from null) takes the other side', () => {
    expect(mergeInferredTypes('json?', 'int')).toBe('int?');
    expect(mergeInferredTypes('int', 'json?')).toBe('int?');
    expect(mergeInferredTypes('json?', 'json?')).toBe('json?');
    expect(mergeInferredTypes('int?', 'long')).toBe('long?');
    expect(mergeInferredTypes('int?', 'string')).toBe('json?');
    expect(mergeInferredTypes('int[]?', 'double[]')).toBe('double[]?');
  });

  it('folds over documents like discoverSchema', () => {
    const values: unknown[] = [1, null, 2 ** 40, 3.5];
    expect(values.map(inferType).reduce(mergeInferredTypes)).toBe('double?');
  });
});
