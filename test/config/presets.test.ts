import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CONFIG,
  DEFAULT_MAX_BATCH_BYTES,
  PRESETS,
  PRESET_ANALYTICS,
  PRESET_DOCUMENT_STORE,
  PRESET_FINANCIAL,
  PRESET_NAMES,
  PRESET_REALTIME,
  isPresetName,
  validateConfig,
} from '../../src/config/index.js';
import { nestedObjects } from './support.js';

describe('presets', () => {
  it.each(PRESET_NAMES)('%s is a valid configuration', (name) => {
    expect(validateConfig(PRESETS[name])).toEqual([]);
  });

  it('PRESETS names each preset constant; DEFAULT_CONFIG is DOCUMENT_STORE', () => {
    expect(PRESETS).toEqual({
      FINANCIAL: PRESET_FINANCIAL,
      ANALYTICS: PRESET_ANALYTICS,
      DOCUMENT_STORE: PRESET_DOCUMENT_STORE,
      REALTIME: PRESET_REALTIME,
    });
    expect(PRESETS.FINANCIAL).toBe(PRESET_FINANCIAL);
    expect(PRESETS.ANALYTICS).toBe(PRESET_ANALYTICS);
    expect(PRESETS.DOCUMENT_STORE).toBe(PRESET_DOCUMENT_STORE);
    expect(PRESETS.REALTIME).toBe(PRESET_REALTIME);
    expect(DEFAULT_CONFIG).toBe(PRESET_DOCUMENT_STORE);
    expect(Object.keys(PRESETS)).toEqual([...PRESET_NAMES]);
  });

  it('DOCUMENT_STORE holds the documented defaults', () => {
    expect(PRESET_DOCUMENT_STORE).toEqual({
      shardId: 'shard-0',
      storage: { defaultLayout: 'rows', batchSize: 128, maxBatchBytes: 1024 * 1024, compactionThreshold: 0.5 },
      cdc: { enabled: true, captureBefore: false, export: { maxBacklogEntries: 1000, maxBacklogAgeMs: 60_000 } },
      indexes: { bloomFalsePositiveRate: 0.01, zoneMaps: true },
      validation: { strictByDefault: true },
    });
    expect(DEFAULT_MAX_BATCH_BYTES).toBe(1_048_576);
  });

  it('FINANCIAL: rows, before images, frequent export, bloom FP rate 0.001', () => {
    expect(PRESET_FINANCIAL).toEqual({
      shardId: 'shard-0',
      storage: { defaultLayout: 'rows', batchSize: 128, maxBatchBytes: 1024 * 1024, compactionThreshold: 0.5 },
      cdc: { enabled: true, captureBefore: true, export: { maxBacklogEntries: 100, maxBacklogAgeMs: 5_000 } },
      indexes: { bloomFalsePositiveRate: 0.001, zoneMaps: true },
      validation: { strictByDefault: true },
    });
    const base = PRESET_DOCUMENT_STORE.cdc.export;
    expect(PRESET_FINANCIAL.cdc.export.maxBacklogEntries).toBeLessThan(base.maxBacklogEntries);
    expect(PRESET_FINANCIAL.cdc.export.maxBacklogAgeMs).toBeLessThan(base.maxBacklogAgeMs);
  });

  it('ANALYTICS: batched, 256 per batch, large backlog, zone maps on', () => {
    expect(PRESET_ANALYTICS).toEqual({
      shardId: 'shard-0',
      storage: { defaultLayout: 'batched', batchSize: 256, maxBatchBytes: 1024 * 1024, compactionThreshold: 0.5 },
      cdc: { enabled: true, captureBefore: false, export: { maxBacklogEntries: 100_000, maxBacklogAgeMs: 900_000 } },
      indexes: { bloomFalsePositiveRate: 0.01, zoneMaps: true },
      validation: { strictByDefault: true },
    });
    const base = PRESET_DOCUMENT_STORE.cdc.export;
    expect(PRESET_ANALYTICS.cdc.export.maxBacklogEntries).toBeGreaterThan(base.maxBacklogEntries);
    expect(PRESET_ANALYTICS.cdc.export.maxBacklogAgeMs).toBeGreaterThan(base.maxBacklogAgeMs);
  });

  it('REALTIME: rows, 64 per batch, immediate export', () => {
    expect(PRESET_REALTIME).toEqual({
      shardId: 'shard-0',
      storage: { defaultLayout: 'rows', batchSize: 64, maxBatchBytes: 1024 * 1024, compactionThreshold: 0.5 },
      cdc: { enabled: true, captureBefore: false, export: { maxBacklogEntries: 1, maxBacklogAgeMs: 0 } },
      indexes: { bloomFalsePositiveRate: 0.01, zoneMaps: true },
      validation: { strictByDefault: true },
    });
  });

  it('only ANALYTICS batches by default and only FINANCIAL captures before images', () => {
    const by = (pick: (n: (typeof PRESET_NAMES)[number]) => unknown) => PRESET_NAMES.filter((n) => pick(n));
    expect(by((n) => PRESETS[n].storage.defaultLayout === 'batched')).toEqual(['ANALYTICS']);
    expect(by((n) => PRESETS[n].cdc.captureBefore)).toEqual(['FINANCIAL']);
  });

  it.each(PRESET_NAMES)('%s is deeply frozen', (name) => {
    const objects = nestedObjects(PRESETS[name]);
    expect(objects).toHaveLength(6);
    for (const o of objects) expect(Object.isFrozen(o)).toBe(true);
    expect(() => {
      (PRESETS[name].storage as { batchSize: number }).batchSize = 64;
    }).toThrow(TypeError);
    expect(Object.isFrozen(PRESETS)).toBe(true);
    expect(Object.isFrozen(PRESET_NAMES)).toBe(true);
  });

  it('isPresetName accepts exactly the four names', () => {
    for (const name of PRESET_NAMES) expect(isPresetName(name)).toBe(true);
    for (const name of ['analytics', 'OLTP', '', 'toString', '__proto__', 1, null, undefined]) {
      expect(isPresetName(name)).toBe(false);
    }
  });
});
