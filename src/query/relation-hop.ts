/**
 * One relation hop for a whole level of documents (DESIGN.md §4): the ids
 * each document's relation leads to, in relation order, and the documents
 * behind them — a bounded number of statements whatever the level's size.
 *
 * Which read is exact and cheapest, per kind:
 * - forward (`-> T`, `-> T[]`): the parents' own field — the document is the
 *   truth, and it is already in memory (no statement);
 * - backward (`<- T.f`) and fuzzy (`~> T`, `<~ T.f`): `_rels`, one statement
 *   for all parents. Even over a single `-> Self` field, where a `$in` query
 *   on `T.f` would also be exact, the edge table wins: `_rels_to_idx` is an
 *   index lookup on any layout, whereas `T.f` has no index on the rows layout
 *   unless declared and cannot prune batches (ids are neither bloom-indexed
 *   nor range-clustered in `f`), so `$in` scans the collection.
 * Then one `getMany` fetches every distinct target at once.
 */
import type { RelatedRef } from '../relations/related-ids.js';
import type { RelationPath } from '../relations/relation-paths.js';
import type { NormalizedDocument } from '../store/values/normalized-document.js';
import type { DocumentSource } from './document-source.js';

/** The ids a forward field holds: one id, a list (each once, list order), or none. */
function forwardIds(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) return [];
  return [...new Set(value.filter((id): id is string => typeof id === 'string'))];
}

/** For each parent (a document of `path.collection`), the ids of `path.target` its relation leads to, in relation order. */
export function relatedIdLists(source: DocumentSource, path: RelationPath, parents: readonly NormalizedDocument[]): string[][] {
  if (path.kind === 'forward') return parents.map((doc) => forwardIds(doc[path.field]));
  const ids = parents.map((doc) => doc.$id as string);
  const related = ids.length === 0 ? new Map<string, RelatedRef[]>() : source.related(path.collection, path.field, ids);
  return ids.map((id) => (related.get(id) ?? []).map((ref) => ref.id));
}

/** The existing documents of `collection` among `lists`, each once, by id. One `getMany` (none for no ids). */
export function fetchByIds(source: DocumentSource, collection: string, lists: readonly (readonly string[])[]): Map<string, NormalizedDocument> {
  const ids = [...new Set(lists.flat())];
  const found = new Map<string, NormalizedDocument>();
  if (ids.length === 0) return found;
  for (const doc of source.getMany(collection, ids)) if (doc !== null) found.set(doc.$id as string, doc);
  return found;
}
