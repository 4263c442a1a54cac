import { compareText } from '../../store/filter/text-order.js';
import { TopK } from '../../search/top-k.js';

/**
 * The best matches of one source document among candidate documents: every
 * candidate scoring above 0 and at least `threshold`, best `topK` first,
 * ties broken by the candidate's `$id` (as SQLite orders text) so the
 * result never depends on the order candidates were read in. Pure;
 * O(candidates · log topK).
 */

/** A candidate that matched, with its score. */
export interface Match {
  readonly id: string;
  readonly score: number;
}

/** How many matches are kept. */
export interface RankOptions {
  readonly threshold: number;
  readonly topK: number;
}

/** Best first: higher score, then `$id` ascending. */
export function compareMatches(a: Match, b: Match): number {
  return b.score - a.score || compareText(a.id, b.id);
}

/**
 * Ranks `candidates` (ids with vectors, `undefined` for one with nothing to
 * compare) against `source`; `self`, when given, is left out (a document
 * never matches itself).
 */
export function rankMatches<V>(
  source: V,
  candidates: readonly { readonly id: string; readonly vector: V | undefined }[],
  similarity: (a: V, b: V) => number | null,
  options: RankOptions,
  self?: string,
): Match[] {
  const best = new TopK<Match>(options.topK, compareMatches);
  for (const candidate of candidates) {
    if (candidate.vector === undefined || candidate.id === self) continue;
    const score = similarity(source, candidate.vector);
    if (score === null || !(score > 0) || score < options.threshold) continue;
    best.offer({ id: candidate.id, score });
  }
  return best.sorted();
}
