/**
 * Shard configuration: the `IceTypeConfig` type, the four presets, and
 * `createConfig` / `mergeConfig` / `validateConfig`. Explicit exports only.
 */
export {
  BATCH_SIZES,
  DEFAULT_MAX_BATCH_BYTES,
  MAX_BATCH_BYTES,
  type BatchSize,
  type CdcConfig,
  type CdcExportConfig,
  type DeepPartial,
  type IceTypeConfig,
  type IndexesConfig,
  type StorageConfig,
  type ValidationConfig,
} from './icetype-config.js';
export {
  DEFAULT_CONFIG,
  PRESETS,
  PRESET_ANALYTICS,
  PRESET_DOCUMENT_STORE,
  PRESET_FINANCIAL,
  PRESET_NAMES,
  PRESET_REALTIME,
  isPresetName,
  type PresetName,
} from './presets.js';
export { createConfig } from './create-config.js';
export { mergeConfig } from './merge-config.js';
export { assertValidConfig, validateConfig } from './validate-config.js';
export { ConfigError, type ConfigErrorCode } from './config-error.js';
