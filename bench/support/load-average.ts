/** Whether the machine is quiet enough to measure on. */
import { cpus, loadavg } from 'node:os';

/**
 * Prints `when`, the 1-minute load average and the core count, with a
 * warning when other processes compete for the cores; returns the load
 * average (two decimals) for the results file.
 *
 * @example
 * const loadBefore = logLoadAverage('bench:store — starting bench/store/worker in local workerd;');
 */
export function logLoadAverage(when: string): number {
  const [oneMinute = 0] = loadavg();
  const cores = cpus().length;
  const busy = oneMinute > cores * 0.75 ? ` — other processes compete for the ${cores} cores; absolute figures and ratios may be off, rerun on a quiet machine` : '';
  console.log(`${when} load average ${oneMinute.toFixed(2)} (${cores} cores)${busy}`);
  return Number(oneMinute.toFixed(2));
}
