/** A benchmark's results file: bench/results/<name>.json, headed by where, when and how long it ran. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runEnvironment } from './run-environment.ts';
import type { Stopwatch } from './stopwatch.ts';

/**
 * Writes bench/results/`bench`.json — the run's environment, the load
 * average before it and its duration so far (s), then `results` — and
 * prints where, with the duration.
 *
 * @example
 * writeResults('export', { loadAverageBefore, stopwatch }, { method, targets, layouts });
 */
export function writeResults(bench: string, run: { readonly loadAverageBefore: number; readonly stopwatch: Stopwatch }, results: object): void {
  const out = new URL(`../results/${bench}.json`, import.meta.url);
  const durationSeconds = Number(run.stopwatch.seconds().toFixed(1));
  const report = { ...runEnvironment(), loadAverageBefore: run.loadAverageBefore, durationSeconds, ...results };
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nwrote ${fileURLToPath(out)} (${durationSeconds} s in all)`);
}
