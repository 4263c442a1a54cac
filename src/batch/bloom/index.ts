/**
 * Bloom filters for the batched layout: the standalone API that pruning
 * uses per batch on `$id` and on every `#` field, and the per-batch set of
 * them (`bloom-set.ts`).
 */
export { BloomFilterError } from './bloom-error.js';
export type { BloomFilterErrorCode } from './bloom-error.js';
export {
  MAX_BLOOM_BITS,
  bloomAdd,
  bloomMerge,
  bloomMightContain,
  createBloomFilter,
  estimateFalsePositiveRate,
} from './bloom-filter.js';
export type { BloomFilter } from './bloom-filter.js';
export { deserializeBloomFilter, serializeBloomFilter } from './serialize.js';
export { bloomFields, bloomKey, buildBloomSet, deserializeBloomSet, extendBloomSet, serializeBloomSet } from './bloom-set.js';
export type { BloomSet, BloomSetOptions } from './bloom-set.js';
