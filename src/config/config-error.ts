import { IceTypeError } from '../errors.js';

/** Why a configuration was refused. */
export type ConfigErrorCode =
  /** One or more options are missing, unknown, of the wrong type or out of range; see `problems`. */
  | 'INVALID_CONFIG'
  /** `createConfig` was given a preset name that is not one of `PRESET_NAMES`. */
  | 'UNKNOWN_PRESET';

/**
 * Thrown by `createConfig`, `mergeConfig` and `assertValidConfig`. `problems`
 * holds every problem found (the whole configuration is checked before
 * anything is thrown), each as `path: expected X, found Y`.
 *
 * @example
 * try { createConfig('ANALYTICS', { storage: { batchSize: 100 } }) } catch (e) {
 *   if (e instanceof ConfigError) e.problems;
 *   // ['storage.batchSize: expected 64, 128 or 256, found 100']
 * }
 */
export class ConfigError extends IceTypeError {
  override readonly name = 'ConfigError';
  declare readonly code: ConfigErrorCode;
  /** Every problem found, in option order. Never empty. */
  readonly problems: string[];

  constructor(code: ConfigErrorCode, problems: readonly string[]) {
    if (problems.length === 0) throw new TypeError('ConfigError needs at least one problem');
    super(
      code,
      problems.length === 1 ? (problems[0] ?? '') : `${problems.length} problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.problems = [...problems];
  }
}
