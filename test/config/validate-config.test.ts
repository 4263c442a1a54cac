import { describe, expect, it } from 'vitest';
import { IceTypeError } from '../../src/errors.js';
import {
  ConfigError,
  DEFAULT_CONFIG,
  MAX_BATCH_BYTES,
  assertValidConfig,
  validateConfig,
} from '../../src/config/index.js';
import { editable, withValue, without } from './support.js';

const TOP_KEYS = 'shardId, storage, cdc, indexes, validation';

describe('validateConfig', () => {
  it('returns no problems for a valid configuration', () => {
    expect(validateConfig(DEFAULT_CONFIG)).toEqual([]);
    expect(validateConfig(editable(DEFAULT_CONFIG))).toEqual([]);
  });

  it.each<[string, unknown, string]>([
    ['shardId', '', 'expected a non-empty string, found ""'],
    ['shardId', 7, 'expected a non-empty string, found 7'],
    ['storage.defaultLayout', 'columns', `expected 'rows' or 'batched', found "columns"`],
    ['storage.batchSize', 100, 'expected 64, 128 or 256, found 100'],
    ['storage.batchSize', '128', 'expected 64, 128 or 256, found "128"'],
    ['storage.maxBatchBytes', 3e6, 'expected an integer from 1 to 1572864, found 3000000'],
    ['storage.maxBatchBytes', MAX_BATCH_BYTES + 1, 'expected an integer from 1 to 1572864, found 1572865'],
    ['storage.maxBatchBytes', 0, 'expected an integer from 1 to 1572864, found 0'],
    ['storage.maxBatchBytes', 1024.5, 'expected an integer from 1 to 1572864, found 1024.5'],
    ['storage.compactionThreshold', -0.1, 'expected a number from 0 to 1, found -0.1'],
    ['storage.compactionThreshold', 1.5, 'expected a number from 0 to 1, found 1.5'],
    ['storage.compactionThreshold', Number.NaN, 'expected a number from 0 to 1, found NaN'],
    ['cdc.enabled', 'yes', 'expected a boolean, found "yes"'],
    ['cdc.captureBefore', 1, 'expected a boolean, found 1'],
    ['cdc.export', [], 'expected an object, found an array'],
    ['cdc.export.maxBacklogEntries', -1, 'expected an integer of at least 1, found -1'],
    ['cdc.export.maxBacklogEntries', 0, 'expected an integer of at least 1, found 0'],
    ['cdc.export.maxBacklogEntries', 2.5, 'expected an integer of at least 1, found 2.5'],
    ['cdc.export.maxBacklogAgeMs', -1, 'expected an integer of at least 0, found -1'],
    ['cdc.export.maxBacklogAgeMs', Number.POSITIVE_INFINITY, 'expected an integer of at least 0, found Infinity'],
    ['cdc.export.maxBacklogAgeMs', 10n, 'expected an integer of at least 0, found 10n'],
    ['indexes.bloomFalsePositiveRate', 0, 'expected a number greater than 0 and less than 1, found 0'],
    ['indexes.bloomFalsePositiveRate', 1, 'expected a number greater than 0 and less than 1, found 1'],
    ['indexes.bloomFalsePositiveRate', -0.01, 'expected a number greater than 0 and less than 1, found -0.01'],
    ['indexes.bloomFalsePositiveRate', '0.01', 'expected a number greater than 0 and less than 1, found "0.01"'],
    ['indexes.zoneMaps', null, 'expected a boolean, found null'],
    ['validation', true, 'expected an object, found true'],
    ['validation.strictByDefault', undefined, 'expected a boolean, found undefined'],
  ])('%s = %s is a problem naming the path', (path, value, expected) => {
    expect(validateConfig(withValue(DEFAULT_CONFIG, path, value))).toEqual([`${path}: ${expected}`]);
  });

  it.each<[string, unknown]>([
    ['storage.maxBatchBytes', MAX_BATCH_BYTES],
    ['storage.maxBatchBytes', 1],
    ['storage.compactionThreshold', 0],
    ['storage.compactionThreshold', 1],
    ['storage.batchSize', 64],
    ['storage.batchSize', 256],
    ['storage.defaultLayout', 'batched'],
    ['cdc.export.maxBacklogEntries', 1],
    ['cdc.export.maxBacklogAgeMs', 0],
    ['indexes.bloomFalsePositiveRate', 1e-9],
    ['indexes.bloomFalsePositiveRate', 0.999],
  ])('accepts the boundary value %s = %s', (path, value) => {
    expect(validateConfig(withValue(DEFAULT_CONFIG, path, value))).toEqual([]);
  });

  it('MAX_BATCH_BYTES is 1.5 MiB, well under the 2 MB row limit', () => {
    expect(MAX_BATCH_BYTES).toBe(1_572_864);
    expect(MAX_BATCH_BYTES).toBeLessThan(2_000_000);
  });

  it('rejects unknown keys at any depth, listing the known ones', () => {
    const config = { ...editable(DEFAULT_CONFIG), sharding: { shardCount: 64 } };
    expect(validateConfig(config)).toEqual([`sharding: expected one of the keys ${TOP_KEYS}, found an unknown key`]);
    expect(validateConfig(withValue(DEFAULT_CONFIG, 'storage.tier', 64))).toEqual([
      'storage.tier: expected one of the keys defaultLayout, batchSize, maxBatchBytes, compactionThreshold, found an unknown key',
    ]);
    expect(validateConfig(withValue(DEFAULT_CONFIG, 'cdc.export.intervalMs', 10))).toEqual([
      'cdc.export.intervalMs: expected one of the keys maxBacklogEntries, maxBacklogAgeMs, found an unknown key',
    ]);
  });

  it('reports missing keys and sections', () => {
    expect(validateConfig(without(DEFAULT_CONFIG, 'storage.batchSize'))).toEqual([
      'storage.batchSize: expected 64, 128 or 256, found nothing (the key is missing)',
    ]);
    expect(validateConfig(without(DEFAULT_CONFIG, 'indexes'))).toEqual([
      'indexes: expected an object, found nothing (the key is missing)',
    ]);
    expect(validateConfig({})).toHaveLength(5);
  });

  it.each<[unknown, string]>([
    [null, 'null'],
    [undefined, 'undefined'],
    ['FINANCIAL', '"FINANCIAL"'],
    [[DEFAULT_CONFIG], 'an array'],
    [new Date(0), 'an instance of Date'],
    [new Map(), 'an instance of Map'],
  ])('a non-object configuration (%s) is one problem at "config"', (value, found) => {
    expect(validateConfig(value)).toEqual([`config: expected an object, found ${found}`]);
  });

  it('cuts long strings in messages', () => {
    const [p] = validateConfig(withValue(DEFAULT_CONFIG, 'storage.defaultLayout', 'x'.repeat(500)));
    expect(p).toBe(`storage.defaultLayout: expected 'rows' or 'batched', found "${'x'.repeat(40)}…"`);
  });

  it('reports every problem at once, in option order', () => {
    const config = withValue(DEFAULT_CONFIG, 'storage.batchSize', 100);
    (config.storage as Record<string, unknown>).maxBatchBytes = 3e6;
    (config.indexes as Record<string, unknown>).bloomFalsePositiveRate = 0;
    config.shardId = '';
    config.extra = 1;
    expect(validateConfig(config)).toEqual([
      'shardId: expected a non-empty string, found ""',
      'storage.batchSize: expected 64, 128 or 256, found 100',
      'storage.maxBatchBytes: expected an integer from 1 to 1572864, found 3000000',
      'indexes.bloomFalsePositiveRate: expected a number greater than 0 and less than 1, found 0',
      `extra: expected one of the keys ${TOP_KEYS}, found an unknown key`,
    ]);
  });
});

describe('assertValidConfig', () => {
  it('passes a valid configuration through', () => {
    const raw: unknown = JSON.parse(JSON.stringify(DEFAULT_CONFIG));
    assertValidConfig(raw);
    expect(raw.storage.batchSize).toBe(128);
  });

  it('throws ConfigError INVALID_CONFIG with every problem', () => {
    const config = withValue(DEFAULT_CONFIG, 'storage.batchSize', 100);
    (config.cdc as Record<string, unknown>).enabled = 'yes';
    let thrown: unknown;
    try {
      assertValidConfig(config);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect(thrown).toBeInstanceOf(IceTypeError);
    const error = thrown as ConfigError;
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.name).toBe('ConfigError');
    expect(error.problems).toEqual(validateConfig(config));
    expect(error.problems).toHaveLength(2);
    expect(error.message).toBe(
      '2 problems:\n  - storage.batchSize: expected 64, 128 or 256, found 100\n  - cdc.enabled: expected a boolean, found "yes"',
    );
  });

  it('uses the problem itself as the message when there is one', () => {
    expect(() => assertValidConfig(null)).toThrow(new ConfigError('INVALID_CONFIG', ['config: expected an object, found null']));
    expect(() => assertValidConfig(null)).toThrow(/^config: expected an object, found null$/);
  });
});
