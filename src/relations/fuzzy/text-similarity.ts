/**
 * The built-in text similarity of fuzzy relations: the cosine of
 * term-frequency vectors (the vector space model of information retrieval,
 * Salton et al. 1975) over word tokens — NFKC-normalised, lower-cased runs of
 * letters, marks and digits. Pure.
 *
 * Why this measure: it is well understood and easy to compute by hand; term
 * counts are never negative, so scores fall in [0, 1] (0: no word in common,
 * 1: the same words in the same proportions); it is length-normalised, so a
 * long blurb does not outscore a short title by size alone; and it is
 * symmetric and independent of word order. Character-trigram Jaccard would
 * forgive typos but rewards shared spelling over shared topic, and its scores
 * are harder to reason about. No IDF weighting: it would make a document's
 * score depend on the rest of the collection, so adding a document would
 * change every other pair's score.
 *
 * Hand-written rather than a dependency: the npm options are either
 * unmaintained (`string-similarity`, Dice over bigrams, archived) or compare
 * dense arrays (`compute-cosine-similarity`), so the tokenizing and sparse
 * vectors would be ours anyway; this file is the whole measure, runs in
 * workerd (no eval) and keeps the package free of runtime dependencies.
 */

/** A sparse term-frequency vector with its Euclidean norm. */
export interface TermVector {
  readonly terms: ReadonlyMap<string, number>;
  readonly norm: number;
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/**
 * The word tokens of a text: NFKC (so `ﬁ` is `fi`, full-width digits are
 * digits, `é` is one code point however typed), lower case, then every
 * maximal run of letters, combining marks and digits.
 *
 * @example wordTokens('Café au LAIT, 2×') // ['café', 'au', 'lait', '2']
 */
export function wordTokens(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(WORD) ?? [];
}

/** The term-frequency vector of some texts taken together (the fields of one document). */
export function termVector(texts: readonly string[]): TermVector {
  const terms = new Map<string, number>();
  for (const text of texts) for (const token of wordTokens(text)) terms.set(token, (terms.get(token) ?? 0) + 1);
  let sum = 0;
  for (const count of terms.values()) sum += count * count;
  return { terms, norm: Math.sqrt(sum) };
}

/** The cosine of two term vectors, in [0, 1]; 0 when either has no terms. */
export function termCosine(a: TermVector, b: TermVector): number {
  if (a.norm === 0 || b.norm === 0) return 0;
  const [small, large] = a.terms.size <= b.terms.size ? [a.terms, b.terms] : [b.terms, a.terms];
  let dot = 0;
  for (const [term, count] of small) dot += count * (large.get(term) ?? 0);
  // Rounding can put identical texts a hair above 1.
  return Math.min(1, dot / (a.norm * b.norm));
}

/**
 * The text similarity `textMatcher` scores with: the cosine of the two
 * texts' term-frequency vectors over word tokens, from 0 (no word in common)
 * to 1 (the same words in the same proportions).
 *
 * @example
 * textSimilarity('the quick brown fox', 'The lazy brown dog') // 0.5: 2 shared words of 4 each
 * textSimilarity('Café', 'CAFE\u0301') // 1
 * textSimilarity('fox fox cat', 'fox') // 2 / √5 ≈ 0.894
 */
export function textSimilarity(a: string, b: string): number {
  return termCosine(termVector([a]), termVector([b]));
}
