/** Time since a benchmark run started, for its progress lines and its results. */
import { performance } from 'node:perf_hooks';

/** Reads the time since `startStopwatch()`. */
export interface Stopwatch {
  /** Seconds so far, to a tenth, padded for a progress line: `" 12.3 s"`. */
  label(): string;
  /** Seconds so far. */
  seconds(): number;
}

/**
 * Starts timing the run now.
 *
 * @example
 * const stopwatch = startStopwatch();
 * console.log(`${stopwatch.label()}  setup done`); // "  0.4 s  setup done"
 */
export function startStopwatch(): Stopwatch {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  return { label: () => `${seconds().toFixed(1).padStart(5)} s`, seconds };
}
