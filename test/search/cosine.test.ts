import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cosineSimilarity } from '../../src/search/index.js';

// Stored vectors are float32 (magnitudes ≥ 1.4e-45 or 0), whose squares a double holds; doubles near
// 1e-162 would underflow ‖a‖² to 0 — a case no stored vector reaches.
const vector = (n: number) => fc.array(fc.float({ min: -1e6, max: 1e6, noNaN: true }), { minLength: n, maxLength: n });

describe('cosineSimilarity', () => {
  it('computes a·b / (‖a‖‖b‖)', () => {
    expect(cosineSimilarity([1, 0], [1, 0])).toBe(1);
    expect(cosineSimilarity([1, 0], [-2, 0])).toBe(-1);
    expect(cosineSimilarity([1, 0], [0, 3])).toBe(0);
    expect(cosineSimilarity([1, 0], [1, 1])).toBeCloseTo(Math.SQRT1_2, 15);
    expect(cosineSimilarity([1, 2, 3], [4, 5, 6])).toBeCloseTo(32 / Math.sqrt(14 * 77), 15);
  });

  it('is null when either vector is zero (no direction)', () => {
    expect(cosineSimilarity([0, 0], [1, 1])).toBeNull();
    expect(cosineSimilarity([1, 1], [0, -0])).toBeNull();
  });

  it('rejects vectors of different lengths', () => {
    expect(() => cosineSimilarity([1, 2], [1, 2, 3])).toThrow(RangeError);
  });

  it('is symmetric, scale-invariant and within [-1, 1]', () => {
    fc.assert(
      fc.property(vector(5), vector(5), fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (a, b, scale) => {
        const s = cosineSimilarity(a, b);
        if (s === null) return;
        expect(s).toBeGreaterThanOrEqual(-1);
        expect(s).toBeLessThanOrEqual(1);
        expect(cosineSimilarity(b, a)).toBeCloseTo(s, 12);
        expect(cosineSimilarity(a.map((x) => x * scale), b)).toBeCloseTo(s, 9);
      }),
    );
  });
});
