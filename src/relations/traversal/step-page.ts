import type { QueryResult } from '../../store/document-store.js';
import type { NormalizedDocument } from '../../store/values/index.js';
import { assertLimit, RelationError } from './relation-error.js';
import { candidateIds, withinIds } from './step-documents.js';
import type { TraversalContext, TraversalState } from './traversal-state.js';
import type { TraversalPageOptions } from './types.js';

/**
 * A keyset page of a step's documents: `db.store.query` over its candidates
 * and `where`, in `orderBy` order then `$id`, with the store's `after` and
 * `nextCursor` — so pages stay consistent while edges change between them.
 */
export function stepPage(context: TraversalContext, state: TraversalState, options: TraversalPageOptions): QueryResult<NormalizedDocument> {
  const { collection, where, orderBy } = state;
  if (state.limit !== undefined) {
    throw new RelationError('INVALID_OPTION', 'expected page() without limit() before it (page takes its own limit), found both', collection);
  }
  assertLimit(collection, 'the page limit', options?.limit);
  const ids = candidateIds(context, state);
  if (ids.length === 0 || options.limit === 0) return { documents: [], nextCursor: null };
  return context.reader.query(collection, {
    where: withinIds(ids, where),
    limit: options.limit,
    ...(orderBy === undefined ? {} : { orderBy }),
    ...(options.after === undefined ? {} : { after: options.after }),
  });
}
