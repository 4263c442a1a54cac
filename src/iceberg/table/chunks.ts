/** `items` in consecutive slices of at most `size`: bound lists under the Durable Object's 2 MB string cap, files under their row cap. */
export function* chunks<T>(items: readonly T[], size: number): Iterable<readonly T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}
