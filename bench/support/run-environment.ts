/** Where and when a benchmark ran, for the head of its results file. */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** The date, the Node and wrangler versions and the CPUs of this run. */
export interface RunEnvironment {
  date: string;
  node: string;
  wrangler: string;
  cpus: string;
}

/**
 * This run's environment, dated now.
 *
 * @example
 * const report = { ...runEnvironment(), loadAverageBefore, rows };
 */
export function runEnvironment(): RunEnvironment {
  const wranglerPackage = new URL('../../node_modules/wrangler/package.json', import.meta.url);
  const wrangler = (JSON.parse(readFileSync(wranglerPackage, 'utf8')) as { version: string }).version;
  return { date: new Date().toISOString(), node: process.version, wrangler, cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}` };
}
