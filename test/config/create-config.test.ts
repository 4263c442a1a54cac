import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  ConfigError,
  DEFAULT_CONFIG,
  PRESETS,
  PRESET_ANALYTICS,
  PRESET_NAMES,
  createConfig,
  type DeepPartial,
  type IceTypeConfig,
  type PresetName,
} from '../../src/config/index.js';
import { nestedObjects } from './support.js';

function errorOf(run: () => unknown): ConfigError {
  try {
    run();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError, nothing was thrown');
}

describe('createConfig', () => {
  it('without arguments gives the default configuration (DOCUMENT_STORE)', () => {
    expect(createConfig()).toEqual(DEFAULT_CONFIG);
    expect(createConfig(undefined, { shardId: 's' })).toEqual({ ...DEFAULT_CONFIG, shardId: 's' });
  });

  it.each(PRESET_NAMES)('createConfig(%s) equals the preset', (name) => {
    expect(createConfig(name)).toEqual(PRESETS[name]);
  });

  it('merges overrides deeply into the preset', () => {
    const config = createConfig('ANALYTICS', {
      shardId: 'events-7',
      indexes: { bloomFalsePositiveRate: 0.001 },
      cdc: { export: { maxBacklogAgeMs: 60_000 } },
    });
    expect(config).toEqual({
      shardId: 'events-7',
      storage: { defaultLayout: 'batched', batchSize: 256, maxBatchBytes: 1024 * 1024, compactionThreshold: 0.5 },
      cdc: { enabled: true, captureBefore: false, export: { maxBacklogEntries: 100_000, maxBacklogAgeMs: 60_000 } },
      indexes: { bloomFalsePositiveRate: 0.001, zoneMaps: true },
      validation: { strictByDefault: true },
    });
    expect(PRESET_ANALYTICS.shardId).toBe('shard-0');
    expect(PRESET_ANALYTICS.indexes.bloomFalsePositiveRate).toBe(0.01);
    expect(PRESET_ANALYTICS.cdc.export.maxBacklogAgeMs).toBe(900_000);
  });

  it('returns a new deeply frozen configuration on each call', () => {
    const a = createConfig('REALTIME');
    const b = createConfig('REALTIME');
    expect(a).not.toBe(b);
    expect(a.storage).not.toBe(PRESETS.REALTIME.storage);
    for (const o of nestedObjects(a)) expect(Object.isFrozen(o)).toBe(true);
    expect(() => {
      (a as { shardId: string }).shardId = 'x';
    }).toThrow(TypeError);
  });

  it.each<[unknown, string]>([
    ['OLTP', '"OLTP"'],
    ['analytics', '"analytics"'],
    ['', '""'],
    ['toString', '"toString"'],
    [42, '42'],
    [null, 'null'],
  ])('an unknown preset (%s) throws UNKNOWN_PRESET', (preset, found) => {
    const error = errorOf(() => createConfig(preset as PresetName));
    expect(error.code).toBe('UNKNOWN_PRESET');
    expect(error.problems).toEqual([
      `preset: expected one of 'FINANCIAL', 'ANALYTICS', 'DOCUMENT_STORE', 'REALTIME', found ${found}`,
    ]);
    expect(error.message).toBe(error.problems[0]);
  });

  it('invalid overrides throw INVALID_CONFIG listing every problem', () => {
    const error = errorOf(() =>
      // @ts-expect-error 100 is not a batch size
      createConfig('ANALYTICS', { storage: { batchSize: 100, maxBatchBytes: 3e6 } }),
    );
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.problems).toEqual([
      'storage.batchSize: expected 64, 128 or 256, found 100',
      'storage.maxBatchBytes: expected an integer from 1 to 1572864, found 3000000',
    ]);
  });

  it('the types refuse unknown presets and unknown keys', () => {
    // @ts-expect-error not a preset name
    expect(() => createConfig('OLTP')).toThrow(ConfigError);
    // @ts-expect-error `sharding` is not an option
    expect(() => createConfig('ANALYTICS', { sharding: { shardCount: 64 } })).toThrow(ConfigError);
    expectTypeOf(createConfig).returns.toEqualTypeOf<IceTypeConfig>();
    expectTypeOf<DeepPartial<IceTypeConfig>['cdc']>().toEqualTypeOf<
      | {
          readonly enabled?: boolean;
          readonly captureBefore?: boolean;
          readonly export?: { readonly maxBacklogEntries?: number; readonly maxBacklogAgeMs?: number };
        }
      | undefined
    >();
  });
});
