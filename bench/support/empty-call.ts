/** The fixed cost every timed call carries, measured so it can be subtracted. */
import { performance } from 'node:perf_hooks';
import type { BenchWorker } from './bench-worker.ts';
import { median } from './stats.ts';
import type { Stopwatch } from './stopwatch.ts';

/** Untimed calls first, so the Worker and the object are warm. */
const WARM_CALLS = 10;

/**
 * The median round trip of an empty call (Node → Worker → Durable Object →
 * back) over `calls` timed calls of `noop()` on the object `noop`, in ms;
 * prints it.
 *
 * @example
 * const noopMs = await emptyCallMs(worker, 41, stopwatch);
 */
export async function emptyCallMs(worker: BenchWorker<'noop'>, calls: number, stopwatch: Stopwatch): Promise<number> {
  await worker.call('noop', 'noop');
  const samples: number[] = [];
  for (let i = 0; i < calls + WARM_CALLS; i++) {
    const t0 = performance.now();
    await worker.call('noop', 'noop');
    if (i >= WARM_CALLS) samples.push(performance.now() - t0);
  }
  const ms = median(samples);
  console.log(`${stopwatch.label()}  empty call round trip: median ${ms.toFixed(2)} ms over ${calls} calls (subtracted below)`);
  return ms;
}
