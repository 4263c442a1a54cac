/** Building a configuration from a preset and overrides. */
import { ConfigError } from './config-error.js';
import { describeValue } from './describe-value.js';
import type { DeepPartial, IceTypeConfig } from './icetype-config.js';
import { mergeConfig } from './merge-config.js';
import { isPresetName, PRESET_NAMES, PRESETS, type PresetName } from './presets.js';

/**
 * The preset `preset` (default `'DOCUMENT_STORE'`) with `overrides` merged
 * in deeply, validated and frozen.
 *
 * Throws `ConfigError`: `UNKNOWN_PRESET` when `preset` is not a preset name,
 * `INVALID_CONFIG` listing every problem of the result otherwise.
 *
 * @example
 * const config = createConfig('ANALYTICS', { shardId: 'events-7', indexes: { bloomFalsePositiveRate: 0.001 } });
 * config.storage.defaultLayout; // 'batched', from the preset
 * config.indexes.zoneMaps;      // true, from the preset
 *
 * @example
 * createConfig(); // equal to DEFAULT_CONFIG
 */
export function createConfig(
  preset: PresetName = 'DOCUMENT_STORE',
  overrides: DeepPartial<IceTypeConfig> = {},
): IceTypeConfig {
  if (!isPresetName(preset)) {
    throw new ConfigError('UNKNOWN_PRESET', [
      `preset: expected one of ${PRESET_NAMES.map((n) => `'${n}'`).join(', ')}, found ${describeValue(preset)}`,
    ]);
  }
  return mergeConfig(PRESETS[preset], overrides);
}
