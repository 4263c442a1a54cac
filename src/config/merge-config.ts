/** Deep merging of configuration overrides onto a base configuration. */
import type { DeepPartial, IceTypeConfig } from './icetype-config.js';
import { copyValue, deepFreeze, isPlainObject, ownValue } from './plain-object.js';
import { assertValidConfig } from './validate-config.js';

/**
 * `base` with `overrides` applied, validated and deeply frozen. Objects are
 * merged key by key at every depth; any other value (arrays included)
 * replaces the base value whole; an `undefined` override keeps the base
 * value. Neither input is modified or shared with the result.
 *
 * Throws `ConfigError` (`INVALID_CONFIG`) listing every problem of the
 * merged result, unknown keys in `overrides` included.
 *
 * @example
 * const config = mergeConfig(PRESET_FINANCIAL, { shardId: 'ledger-3', cdc: { export: { maxBacklogAgeMs: 1000 } } });
 * config.cdc.captureBefore;          // true, from the base
 * config.cdc.export.maxBacklogAgeMs; // 1000
 */
export function mergeConfig(base: IceTypeConfig, overrides: DeepPartial<IceTypeConfig>): IceTypeConfig {
  const merged = mergeValue(base, overrides);
  assertValidConfig(merged);
  return deepFreeze(merged);
}

function mergeValue(base: unknown, override: unknown): unknown {
  if (override === undefined) return copyValue(base);
  if (!isPlainObject(base) || !isPlainObject(override)) return copyValue(override);
  const keys = new Set([...Object.keys(base), ...Object.keys(override)]);
  return Object.fromEntries([...keys].map((key) => [key, mergeValue(ownValue(base, key), ownValue(override, key))]));
}
