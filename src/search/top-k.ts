/**
 * A bounded "best k" collection: a binary heap holding at most k items
 * with the worst at the root, so a stream of n items costs O(n log k) time
 * and O(k) memory. Pure.
 */
export class TopK<T> {
  readonly #heap: T[] = [];

  /**
   * @param k most items kept (≥ 0)
   * @param compare < 0 when `a` is better than `b`; must be a total order for a deterministic result
   */
  constructor(
    readonly k: number,
    private readonly compare: (a: T, b: T) => number,
  ) {}

  get size(): number {
    return this.#heap.length;
  }

  /** Whether an item would be kept: there is room, or it beats the worst kept. */
  admits(item: T): boolean {
    if (this.#heap.length < this.k) return true;
    return this.k > 0 && this.compare(item, this.#heap[0] as T) < 0;
  }

  /** Keeps `item` if it is among the best k seen so far. */
  offer(item: T): void {
    if (!this.admits(item)) return;
    const heap = this.#heap;
    if (heap.length < this.k) {
      heap.push(item);
      this.#up(heap.length - 1);
    } else {
      heap[0] = item;
      this.#down(0);
    }
  }

  /** The kept items, best first. */
  sorted(): T[] {
    return [...this.#heap].sort(this.compare);
  }

  /** Whether `a` should sit above `b`: it is worse. */
  #above(a: T, b: T): boolean {
    return this.compare(a, b) > 0;
  }

  #up(i: number): void {
    const heap = this.#heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#above(heap[i] as T, heap[parent] as T)) return;
      [heap[i], heap[parent]] = [heap[parent] as T, heap[i] as T];
      i = parent;
    }
  }

  #down(i: number): void {
    const heap = this.#heap;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let top = i;
      if (left < heap.length && this.#above(heap[left] as T, heap[top] as T)) top = left;
      if (right < heap.length && this.#above(heap[right] as T, heap[top] as T)) top = right;
      if (top === i) return;
      [heap[i], heap[top]] = [heap[top] as T, heap[i] as T];
      i = top;
    }
  }
}
