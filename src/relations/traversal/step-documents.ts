/**
 * Which documents a traversal step stands for (DESIGN.md §4). Each hop is
 * one `_rels` statement for all current ids together (`relatedIds`), in
 * relation order; a narrowed step (`where`, `orderBy`, `limit`) adds one
 * store read; the final documents are one store read. So the cost of a
 * traversal grows with its hops, never with its documents.
 */
import type { Filter } from '../../store/filter/index.js';
import type { NormalizedDocument } from '../../store/values/index.js';
import { isNarrowed, type TraversalContext, type TraversalState } from './traversal-state.js';

/** `{ $id: { $in: ids } }`, and `where` when there is one. */
export function withinIds(ids: readonly string[], where: Filter | undefined): Filter {
  const among: Filter = { $id: { $in: ids } };
  return where === undefined ? among : { $and: [among, where] };
}

/**
 * The ids a step's documents are chosen among, in relation order and each
 * once: its start ids, or — for each document of the previous step, in that
 * step's order — the ids its relation leads to. They may name documents that
 * do not exist (a dangling optional reference); reads drop those.
 */
export function candidateIds(context: TraversalContext, state: TraversalState): readonly string[] {
  const source = state.source;
  if ('ids' in source) return source.ids;
  const from = hopIds(context, source.parent);
  if (from.length === 0) return [];
  const related = context.related(source.path, from);
  const ids = new Set<string>();
  for (const id of from) for (const ref of related.get(id) ?? []) ids.add(ref.id);
  return [...ids];
}

/**
 * The ids a hop starts from: the previous step's candidates as they are
 * when it is not narrowed (no read; `_rels` keeps no edges of deleted
 * documents), else the ids of the documents it reads.
 */
function hopIds(context: TraversalContext, state: TraversalState): readonly string[] {
  if (!isNarrowed(state)) return candidateIds(context, state);
  return stepDocuments(context, state).map((doc) => doc.$id as string);
}

/** Documents in the order of `ids`; ids without a document are left out. */
function inIdOrder(docs: readonly NormalizedDocument[], ids: readonly string[]): NormalizedDocument[] {
  const byId = new Map(docs.map((doc) => [doc.$id as string, doc]));
  const ordered: NormalizedDocument[] = [];
  for (const id of ids) {
    const doc = byId.get(id);
    if (doc !== undefined) ordered.push(doc);
  }
  return ordered;
}

/**
 * The first `limit` existing documents of `ids`, in their order: one
 * `getMany` of the first `limit` ids, and a second of the rest only when
 * some of those were missing.
 */
function firstExisting(context: TraversalContext, collection: string, ids: readonly string[], limit: number | undefined): NormalizedDocument[] {
  const present = (batch: readonly string[]) => context.reader.getMany(collection, batch).filter((doc): doc is NormalizedDocument => doc !== null);
  if (limit === undefined || ids.length <= limit) return present(ids);
  const head = present(ids.slice(0, limit));
  return head.length === limit ? head : [...head, ...present(ids.slice(limit))].slice(0, limit);
}

/**
 * The documents of a step: its candidates that exist and match `where`, in
 * `orderBy` order (the store orders and limits) or else relation order,
 * at most `limit`.
 */
export function stepDocuments(context: TraversalContext, state: TraversalState): NormalizedDocument[] {
  const ids = candidateIds(context, state);
  if (ids.length === 0 || state.limit === 0) return [];
  const { collection, where, orderBy, limit } = state;
  if (orderBy !== undefined) {
    return context.reader.query(collection, { where: withinIds(ids, where), orderBy, ...(limit === undefined ? {} : { limit }) }).documents;
  }
  if (where === undefined) return firstExisting(context, collection, ids, limit);
  const matching = inIdOrder(context.reader.query(collection, { where: withinIds(ids, where) }).documents, ids);
  return limit === undefined ? matching : matching.slice(0, limit);
}
