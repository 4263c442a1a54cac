/**
 * Cosine similarity, the score of `nearest`: a·b / (‖a‖‖b‖), in double
 * precision over the (float32) components, clamped to [−1, 1] against
 * rounding. A zero vector has no direction, so its similarity to anything
 * is undefined: `null`. Pure.
 */

/** ‖v‖, the Euclidean norm. */
export function vectorNorm(v: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += (v[i] as number) * (v[i] as number);
  return Math.sqrt(sum);
}

/**
 * The cosine similarity of `a` and `b` (same length), given `‖a‖` — `nearest`
 * computes the query's norm once. `null` when either vector is zero.
 */
export function cosineWithNorm(a: ArrayLike<number>, normA: number, b: ArrayLike<number>): number | null {
  let dot = 0;
  let sum = 0;
  for (let i = 0; i < b.length; i++) {
    const x = b[i] as number;
    dot += (a[i] as number) * x;
    sum += x * x;
  }
  if (normA === 0 || sum === 0) return null;
  const score = dot / (normA * Math.sqrt(sum));
  return score > 1 ? 1 : score < -1 ? -1 : score;
}

/**
 * The cosine similarity of two vectors of the same length; `null` when either is zero.
 *
 * @example
 * cosineSimilarity([1, 0], [1, 1]) // 0.7071067811865475
 * cosineSimilarity([1, 0], [0, 0]) // null
 */
export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number | null {
  if (a.length !== b.length) throw new RangeError(`cosineSimilarity: need vectors of one length, have ${a.length} and ${b.length}`);
  return cosineWithNorm(a, vectorNorm(a), b);
}
