/** The cross-variant check of a comparison: every contender must return the same results. */

/**
 * Throws unless every variant produced the same outcome (as `describe`
 * prints it) for each operation they all ran; `outcomes` lists each
 * variant's outcomes in operation order.
 *
 * @example
 * checkSame('bench:relations', 'hop1 rep 0', outcomes, (o) => `${o?.rows} rows`);
 */
export function checkSame<V extends string, O>(bench: string, label: string, outcomes: ReadonlyMap<V, readonly O[]>, describe: (outcome: O | undefined) => string): void {
  const shortest = Math.min(...[...outcomes.values()].map((list) => list.length));
  for (let k = 0; k < shortest; k++) {
    const found = [...outcomes].map(([variant, list]) => [variant, describe(list[k])] as const);
    if (new Set(found.map(([, d]) => d)).size !== 1) {
      throw new Error(`${bench}: ${label}, operation ${k}: expected the same results from every variant, found ${found.map(([v, d]) => `${v}: ${d}`).join('; ')}`);
    }
  }
}
