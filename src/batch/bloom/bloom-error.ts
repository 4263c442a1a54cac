import { IceTypeError } from '../../errors.js';

/** Why a bloom-filter operation was rejected. Adding a code is compatible; renaming one is a breaking change. */
export type BloomFilterErrorCode =
  /** `expectedItems` is not an integer ≥ 1, `falsePositiveRate` is not in (0, 1), the filter would be too large, or a value is not a string. */
  | 'INVALID_ARGUMENT'
  /** `bloomMerge` of two filters whose bit count or hash count differ. */
  | 'INCOMPATIBLE_FILTERS'
  /** `deserializeBloomFilter` was given bytes that are not a well-formed filter (truncated, garbled, unknown version). */
  | 'INVALID_FILTER'
  /** `deserializeBloomSet` was given bytes that are not a well-formed bloom set (truncated, garbled, unknown version, duplicate names). */
  | 'INVALID_BLOOM_SET';

/**
 * A rejected bloom-filter operation. The message starts with `bloom:` and
 * says what was needed and what was found; it never contains the values
 * that were added or probed.
 *
 * @example
 * try { createBloomFilter(0, 0.01) } catch (e) {
 *   if (e instanceof BloomFilterError) e.code // 'INVALID_ARGUMENT'
 * }
 */
export class BloomFilterError extends IceTypeError {
  override readonly name = 'BloomFilterError';
  constructor(
    override readonly code: BloomFilterErrorCode,
    message: string,
  ) {
    super(code, `bloom: ${message}`);
  }
}
