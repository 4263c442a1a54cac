import { matcherDescription, registerMatcher, type FuzzyMatcher, type MatchDocument, type MatcherCore, type MatcherOptions } from './matcher.js';
import { termCosine, termVector, type TermVector } from './text-similarity.js';

/** Options of `textMatcher`. */
export type TextMatcherOptions<Fields extends string, TargetFields extends string = Fields> = MatcherOptions<Fields, TargetFields>;

const KNOWN = ['fields', 'targetFields', 'threshold', 'topK'];

const vectors = (documents: readonly MatchDocument[]): (TermVector | undefined)[] =>
  documents.map((doc) => {
    const vector = termVector(doc.texts);
    return vector.norm === 0 ? undefined : vector;
  });

const core: MatcherCore<TermVector, undefined> = {
  synchronous: true,
  newState: () => undefined,
  prepare: (sources, targets) => ({ sources: vectors(sources.documents), targets: vectors(targets.documents) }),
  similarity: termCosine,
};

/**
 * The built-in matcher of fuzzy relations: deterministic, synchronous and
 * pure. A source document's `fields` and each target document's
 * `targetFields` are read as one text each and scored with `textSimilarity`
 * — the cosine of their word-frequency vectors, in [0, 1]. Edges go to the
 * best `topK` targets scoring above 0 and at least `threshold`, ties broken
 * by target `$id`; a document never matches itself.
 *
 * Being synchronous, it runs inside the write: `db.store` re-matches a
 * document when it creates it, and when an update sets one of `fields`.
 * Targets are not watched: a new or changed target document shows up in
 * other documents' matches when they are re-matched (`db.fuzzy.match`). Each
 * match compares the document with every document of the target collection:
 * a write costs one read of the target collection, a full re-match
 * O(sources × targets) comparisons.
 *
 * @throws FuzzyError `INVALID_OPTION` for malformed options; `drizzle()` checks the fields against the schema.
 * @example
 * ```ts
 * const db = drizzle(ctx.storage, {
 *   schema,
 *   matchers: { Book: { similar: textMatcher({ fields: ['title', 'blurb'], threshold: 0.2, topK: 5 }) } },
 * });
 * db.store.create('Book', { title: 'The Left Hand of Darkness', blurb: '…' }); // its `similar` edges are written with it
 * db.rel.Book(id).similar.all(); // best match first
 * ```
 */
export function textMatcher<const Fields extends string, const TargetFields extends string = Fields>(
  options: TextMatcherOptions<Fields, TargetFields>,
): FuzzyMatcher<Fields, TargetFields> {
  return registerMatcher(matcherDescription('textMatcher', 'text', options, KNOWN) as FuzzyMatcher<Fields, TargetFields>, core);
}
