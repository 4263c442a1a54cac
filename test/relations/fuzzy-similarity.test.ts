// The pure core of the text matcher (issue 5 §3): word tokens, the cosine of
// term-frequency vectors against scores computed by hand, and the ranking —
// threshold, top-k, self excluded, ties by $id, independent of input order.
import { describe, expect, it } from 'vitest';
import { textSimilarity, wordTokens } from '../../src/index.js';
import { rankMatches } from '../../src/relations/fuzzy/rank-matches.js';
import { termCosine, termVector } from '../../src/relations/fuzzy/text-similarity.js';

describe('wordTokens', () => {
  it('splits on everything but letters, marks and digits, after NFKC and lower case', () => {
    expect(wordTokens('Café au LAIT, 2×!')).toEqual(['café', 'au', 'lait', '2']);
    expect(wordTokens('ﬁle Ｆｕｌｌ１')).toEqual(['file', 'full1']);
    expect(wordTokens("don't—stop")).toEqual(['don', 't', 'stop']);
    expect(wordTokens('  ...  ')).toEqual([]);
  });

  it('keeps a combining mark with its letter, composed or not', () => {
    expect(wordTokens('CAFE\u0301')).toEqual(['café']);
    expect(wordTokens('cafe\u0301 x')).toEqual(['café', 'x']);
  });
});

describe('textSimilarity', () => {
  it.each([
    // {the, quick, brown, fox} · {the, lazy, brown, dog}: 2 shared / (2 · 2)
    ['the quick brown fox', 'The lazy brown dog', 0.5],
    // {fox: 2, cat: 1} · {fox: 1}: 2 / (√5 · 1)
    ['fox fox cat', 'fox', 2 / Math.sqrt(5)],
    // {the, dispossessed} · {parable, of, the, sower}: 1 / (√2 · 2)
    ['The Dispossessed', 'Parable of the Sower', 1 / (2 * Math.SQRT2)],
    // {a: 1, b: 2} · {a: 2, b: 1}: (2 + 2) / (√5 · √5)
    ['a b b', 'a a b', 0.8],
    ['Solaris', 'Kindred', 0],
  ])('%j ~ %j = %f', (a, b, expected) => {
    expect(textSimilarity(a, b)).toBeCloseTo(expected, 12);
    expect(textSimilarity(b, a)).toBeCloseTo(expected, 12);
  });

  it('is 1 for the same words in another order, case or normal form, and never above 1', () => {
    expect(textSimilarity('Earthsea, A Wizard of', 'a wizard of earthsea')).toBe(1);
    expect(textSimilarity('Café', 'CAFE\u0301')).toBe(1);
    expect(textSimilarity('x y z '.repeat(7), 'z y x')).toBe(1);
  });

  it('is 0 when either text has no words', () => {
    expect(textSimilarity('', 'anything')).toBe(0);
    expect(textSimilarity('—!?', '—!?')).toBe(0);
  });

  it('reads several texts of one document as one bag of words', () => {
    const doc = termVector(['The Dispossessed', 'the anarchist utopia']);
    // {the: 2, dispossessed, anarchist, utopia} · {the, dispossessed}: (2 + 1) / (√7 · √2)
    expect(termCosine(doc, termVector(['the dispossessed']))).toBeCloseTo(3 / Math.sqrt(14), 12);
  });
});

describe('rankMatches', () => {
  const score = (a: number, b: number) => (a === 0 || b === 0 ? null : 1 - Math.abs(a - b));
  const candidates = [
    { id: 'c', vector: 0.5 },
    { id: 'a', vector: 0.9 },
    { id: 'self', vector: 1 },
    { id: 'e', vector: 0.2 },
    { id: 'b', vector: 0.9 },
    { id: 'z', vector: 0 },
    { id: 'none', vector: undefined },
    { id: 'd', vector: 0.7 },
  ];

  it('keeps the best topK at or above the threshold, best first, ties by $id', () => {
    const ranked = rankMatches(1, candidates, score, { threshold: 0.5, topK: 3 }, 'self');
    expect(ranked.map((m) => m.id)).toEqual(['a', 'b', 'd']);
    expect(ranked.map((m) => m.score)).toEqual([score(1, 0.9), score(1, 0.9), score(1, 0.7)]);
    expect(rankMatches(1, candidates, score, { threshold: 0.5, topK: 10 }, 'self').map((m) => m.id)).toEqual(['a', 'b', 'd', 'c']);
    expect(rankMatches(1, candidates, score, { threshold: 0.75, topK: 10 }, 'self').map((m) => m.id)).toEqual(['a', 'b']);
    expect(rankMatches(1, candidates, score, { threshold: 0.8, topK: 1 }, 'self').map((m) => m.id)).toEqual(['a']);
  });

  it('leaves out the source itself, scores of 0, null scores and candidates without vectors', () => {
    expect(rankMatches(1, candidates, score, { threshold: 0, topK: 10 }).map((m) => m.id)).toEqual(['self', 'a', 'b', 'd', 'c', 'e']);
    expect(rankMatches(1, candidates, score, { threshold: 0, topK: 10 }, 'self').map((m) => m.id)).toEqual(['a', 'b', 'd', 'c', 'e']);
    expect(rankMatches(1, [{ id: 'far', vector: 1 }], () => 0, { threshold: 0, topK: 10 })).toEqual([]);
  });

  it('gives the same result whatever order the candidates come in', () => {
    const expected = rankMatches(1, candidates, score, { threshold: 0.1, topK: 4 }, 'self');
    for (let seed = 1; seed <= 20; seed++) {
      const shuffled = [...candidates].sort((x, y) => ((x.id.charCodeAt(0) * seed) % 7) - ((y.id.charCodeAt(0) * seed) % 7));
      expect(rankMatches(1, shuffled, score, { threshold: 0.1, topK: 4 }, 'self')).toEqual(expected);
    }
    expect(expected.map((m) => m.id)).toEqual(['a', 'b', 'd', 'c']);
  });
});
