/** fast-check generators and helpers shared by the batch pruning tests. */
import fc from 'fast-check';
import type { Filter } from '../../src/store/filter/index.js';

/** Random boolean combinations ($and, $or, $not, merged objects) of `leaf` filters. */
export const combineFilters = (leaf: fc.Arbitrary<Filter>): fc.Arbitrary<Filter> =>
  fc.letrec<{ f: Filter }>((tie) => ({
    f: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.array(tie('f'), { minLength: 1, maxLength: 3 }).map((l) => ({ $and: l })),
      fc.array(tie('f'), { minLength: 1, maxLength: 3 }).map((l) => ({ $or: l })),
      tie('f').map((f) => ({ $not: f })),
      fc.tuple(leaf, leaf).map(([a, b]) => ({ ...a, ...b })),
    ),
  })).f;

/** Random split points → batches of consecutive documents. */
export function splitAt<T>(docs: readonly T[], cuts: readonly number[]): T[][] {
  const points = [...new Set(cuts.map((c) => c % (docs.length + 1)))].sort((a, b) => a - b);
  const out: T[][] = [];
  let start = 0;
  for (const p of [...points, docs.length]) {
    if (p > start) out.push(docs.slice(start, p));
    start = Math.max(start, p);
  }
  return out;
}
