/**
 * A new snapshot id: a random positive integer below 2^53, so it survives
 * JSON and JavaScript numbers (Iceberg ids are 64-bit longs; any positive
 * value is valid), and never one the table already has.
 */
export function newSnapshotId(taken: ReadonlySet<number>): number {
  for (;;) {
    const words = crypto.getRandomValues(new Uint32Array(2));
    const id = (words[0]! & 0x1fffff) * 2 ** 32 + words[1]!;
    if (id > 0 && !taken.has(id)) return id;
  }
}
