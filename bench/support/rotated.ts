/** Run order for comparisons: no contender always goes first. */

/**
 * `list` rotated left by `by` places, for repetition `by` of a comparison.
 *
 * @example
 * rotated(['a', 'b', 'c'], 1); // ['b', 'c', 'a']
 */
export function rotated<T>(list: readonly T[], by: number): T[] {
  return list.map((_, i) => list[(i + by) % list.length]!);
}
