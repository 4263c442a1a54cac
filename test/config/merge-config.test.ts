import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  PRESET_DOCUMENT_STORE,
  PRESET_FINANCIAL,
  mergeConfig,
  type DeepPartial,
  type IceTypeConfig,
} from '../../src/config/index.js';
import { editable, nestedObjects } from './support.js';

/** Overrides the type system would refuse, as they arrive from untyped input. */
const untyped = (value: unknown) => value as DeepPartial<IceTypeConfig>;

function problemsOf(run: () => unknown): { code: string; problems: string[] } {
  try {
    run();
  } catch (e) {
    if (e instanceof ConfigError) return { code: e.code, problems: e.problems };
    throw e;
  }
  throw new Error('expected a ConfigError, nothing was thrown');
}

describe('mergeConfig', () => {
  it('merges nested overrides key by key, keeping every other value of the base', () => {
    const merged = mergeConfig(PRESET_FINANCIAL, {
      shardId: 'ledger-3',
      cdc: { export: { maxBacklogAgeMs: 1000 } },
      storage: { batchSize: 256 },
    });
    expect(merged).toEqual({
      shardId: 'ledger-3',
      storage: { defaultLayout: 'rows', batchSize: 256, maxBatchBytes: 1024 * 1024, compactionThreshold: 0.5 },
      cdc: { enabled: true, captureBefore: true, export: { maxBacklogEntries: 100, maxBacklogAgeMs: 1000 } },
      indexes: { bloomFalsePositiveRate: 0.001, zoneMaps: true },
      validation: { strictByDefault: true },
    });
  });

  it('empty and undefined overrides keep the base values', () => {
    expect(mergeConfig(PRESET_FINANCIAL, {})).toEqual(PRESET_FINANCIAL);
    expect(mergeConfig(PRESET_FINANCIAL, { storage: undefined, cdc: { export: { maxBacklogEntries: undefined } } })).toEqual(
      PRESET_FINANCIAL,
    );
  });

  it('applies false and 0 overrides (not treated as absent)', () => {
    const merged = mergeConfig(PRESET_FINANCIAL, {
      cdc: { enabled: false, captureBefore: false, export: { maxBacklogAgeMs: 0 } },
      storage: { compactionThreshold: 0 },
    });
    expect(merged.cdc).toEqual({ enabled: false, captureBefore: false, export: { maxBacklogEntries: 100, maxBacklogAgeMs: 0 } });
    expect(merged.storage.compactionThreshold).toBe(0);
  });

  it('returns a deeply frozen configuration sharing no object with its inputs', () => {
    const base = editable(PRESET_DOCUMENT_STORE) as unknown as IceTypeConfig;
    const overrides = { indexes: { zoneMaps: false } };
    const merged = mergeConfig(base, overrides);
    const objects = nestedObjects(merged);
    expect(objects).toHaveLength(6);
    for (const o of objects) expect(Object.isFrozen(o)).toBe(true);
    const inputs = new Set([...nestedObjects(base), ...nestedObjects(overrides)]);
    for (const o of objects) expect(inputs.has(o)).toBe(false);
    expect(() => {
      (merged.cdc.export as { maxBacklogAgeMs: number }).maxBacklogAgeMs = 1;
    }).toThrow(TypeError);
  });

  it('does not mutate or freeze its inputs', () => {
    const base = editable(PRESET_DOCUMENT_STORE) as unknown as IceTypeConfig;
    const overrides = { storage: { batchSize: 64 as const }, cdc: { export: { maxBacklogEntries: 5 } } };
    const baseBefore = structuredClone(base);
    const overridesBefore = structuredClone(overrides);
    mergeConfig(base, overrides);
    expect(base).toEqual(baseBefore);
    expect(overrides).toEqual(overridesBefore);
    for (const o of [...nestedObjects(base), ...nestedObjects(overrides)]) expect(Object.isFrozen(o)).toBe(false);
  });

  it('does not mutate its inputs when it throws', () => {
    const base = editable(PRESET_DOCUMENT_STORE) as unknown as IceTypeConfig;
    const overrides = untyped({ storage: { batchSize: 100, tier: 3 } });
    const overridesBefore = structuredClone(overrides);
    expect(() => mergeConfig(base, overrides)).toThrow(ConfigError);
    expect(base).toEqual(PRESET_DOCUMENT_STORE);
    expect(overrides).toEqual(overridesBefore);
  });

  it('rejects unknown keys in the overrides, naming their path', () => {
    expect(problemsOf(() => mergeConfig(PRESET_DOCUMENT_STORE, untyped({ sharding: { shardCount: 64 } })))).toEqual({
      code: 'INVALID_CONFIG',
      problems: ['sharding: expected one of the keys shardId, storage, cdc, indexes, validation, found an unknown key'],
    });
    expect(problemsOf(() => mergeConfig(PRESET_DOCUMENT_STORE, untyped({ indexes: { zoneMap: true } }))).problems).toEqual([
      'indexes.zoneMap: expected one of the keys bloomFalsePositiveRate, zoneMaps, found an unknown key',
    ]);
  });

  it('treats a JSON "__proto__" key as an unknown key, not as a prototype', () => {
    const overrides = untyped(JSON.parse('{"storage": {"__proto__": {"polluted": true}}}'));
    expect(problemsOf(() => mergeConfig(PRESET_DOCUMENT_STORE, overrides)).problems).toEqual([
      'storage.__proto__: expected one of the keys defaultLayout, batchSize, maxBatchBytes, compactionThreshold, found an unknown key',
    ]);
    expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
  });

  it('replaces rather than merges values of another kind: arrays and primitives over objects', () => {
    expect(problemsOf(() => mergeConfig(PRESET_DOCUMENT_STORE, untyped({ storage: ['rows', 64] }))).problems).toEqual([
      'storage: expected an object, found an array',
    ]);
    expect(problemsOf(() => mergeConfig(PRESET_DOCUMENT_STORE, untyped({ cdc: false }))).problems).toEqual([
      'cdc: expected an object, found false',
    ]);
    expect(problemsOf(() => mergeConfig(PRESET_DOCUMENT_STORE, untyped({ shardId: { name: 'a' } }))).problems).toEqual([
      'shardId: expected a non-empty string, found an object',
    ]);
  });

  it('validates the result, so an invalid base is refused too', () => {
    const base = { ...editable(PRESET_DOCUMENT_STORE), shardId: '' } as unknown as IceTypeConfig;
    expect(problemsOf(() => mergeConfig(base, {})).problems).toEqual(['shardId: expected a non-empty string, found ""']);
    expect(mergeConfig(base, { shardId: 'shard-9' }).shardId).toBe('shard-9');
  });
});
