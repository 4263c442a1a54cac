import type { EdgeTable } from './edge-table.js';
import type { RelationPath } from './relation-paths.js';

/**
 * One hop along a relation for many documents at once: the ids each
 * document's relation leads to, read from `_rels` in one statement.
 */

/** A document a relation leads to, with the edge's position and score. */
export interface RelatedRef {
  readonly id: string;
  readonly ordinal: number;
  readonly score: number | null;
}

/** Fuzzy relations list the best match first; the others keep edge order (`ordinal`, then id). */
function compareRefs(path: RelationPath): ((a: RelatedRef, b: RelatedRef) => number) | undefined {
  if (path.kind !== 'fuzzy-forward' && path.kind !== 'fuzzy-backward') return undefined;
  return (a, b) => (b.score ?? 0) - (a.score ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * For each of `ids` (documents of `path.collection`), the documents of
 * `path.target` its relation field leads to, in relation order: list order
 * for `-> T[]` (and `createRelation` order), best score first for fuzzy
 * relations, edge order for backward ones. Every id of `ids` is a key of the
 * result (with `[]` when nothing is related). One statement.
 */
export function relatedIds(edges: EdgeTable, path: RelationPath, ids: readonly string[]): Map<string, RelatedRef[]> {
  const unique = [...new Set(ids)];
  const result = new Map<string, RelatedRef[]>(unique.map((id) => [id, []]));
  for (const [owner, id, ordinal, score] of edges.refs(path.direction, path.collection, unique, path.rel, path.target)) {
    result.get(owner)?.push({ id, ordinal, score });
  }
  const compare = compareRefs(path);
  if (compare !== undefined) for (const refs of result.values()) refs.sort(compare);
  return result;
}
