import { candidateIds, withinIds } from './step-documents.js';
import type { TraversalContext, TraversalState } from './traversal-state.js';

/**
 * How many documents a step stands for: one store `count` over its
 * candidates and `where` (none at all when there are no candidates), capped
 * by `limit`. Order does not change a count.
 */
export function stepCount(context: TraversalContext, state: TraversalState): number {
  const ids = candidateIds(context, state);
  if (ids.length === 0 || state.limit === 0) return 0;
  const count = context.reader.count(state.collection, withinIds(ids, state.where));
  return state.limit === undefined ? count : Math.min(count, state.limit);
}
