/**
 * A benchmark's Worker (bench/<name>/wrangler.jsonc) in local workerd, and
 * the calls the runner makes on its Durable Objects: JSON over
 * `POST /call`, served by bench/support/worker/call-handler.ts.
 */
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { unstable_startWorker } from 'wrangler';

/** The running Worker, as the runner sees it. */
export interface BenchWorker<Method extends string> {
  /** Calls `method(...args)` on the Durable Object named `object`; throws with the Worker's error when it fails. */
  call(object: string, method: Method, ...args: unknown[]): Promise<unknown>;
  /** Calls `run()` on `object` and times the round trip, from Node (workerd's clocks stand still during synchronous code). */
  timedRun<Result extends object>(object: string): Promise<{ ms: number } & Result>;
  /** Stops the Worker. */
  dispose(): Promise<void>;
  /** The inspector's address when started with `{ inspector: true }` (for bench/support/cpu-profile.ts), else undefined. */
  readonly inspectorUrl: URL | undefined;
}

/** Options of `startBenchWorker`. */
export interface BenchWorkerOptions {
  /** Serve the DevTools inspector on a free port, so the runner can take CPU profiles; default off. */
  readonly inspector?: boolean;
}

/**
 * Starts bench/`bench`/wrangler.jsonc offline, with in-memory storage (every
 * run starts from empty databases) and no file watching (a rebuild mid-run,
 * after an edit anywhere under src/, would restart the Durable Objects and
 * lose their data), and waits until it is ready.
 *
 * @example
 * const worker = await startBenchWorker<'setup' | 'noop' | 'prepare' | 'run'>('store');
 * try {
 *   await worker.call('drizzle-icetype/create', 'setup', 'drizzle-icetype');
 * } finally {
 *   await worker.dispose();
 * }
 */
export async function startBenchWorker<Method extends string>(bench: string, options: BenchWorkerOptions = {}): Promise<BenchWorker<Method>> {
  // Offline by design: no request.cf lookup, no telemetry.
  process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= 'false';
  process.env.WRANGLER_SEND_METRICS ??= 'false';
  const config = fileURLToPath(new URL(`../${bench}/wrangler.jsonc`, import.meta.url));
  const worker = await unstable_startWorker({
    config,
    dev: { server: { port: 0 }, inspector: options.inspector === true ? { port: 0 } : false, persist: false, logLevel: 'warn', watch: false },
  });
  let inspectorUrl: URL | undefined;
  try {
    await worker.ready;
    if (options.inspector === true) inspectorUrl = await worker.inspectorUrl;
  } catch (error) {
    await worker.dispose();
    throw error;
  }

  async function call(object: string, method: string, ...args: unknown[]): Promise<unknown> {
    const response = await worker.fetch('http://bench.test/call', { method: 'POST', body: JSON.stringify({ object, method, args }) });
    const text = await response.text();
    if (!response.ok) throw new Error(`bench:${bench}: ${method} on "${object}" failed (${response.status}): ${text}`);
    return JSON.parse(text) as unknown;
  }

  return {
    call,
    async timedRun<Result extends object>(object: string) {
      const t0 = performance.now();
      const result = (await call(object, 'run')) as Result;
      return { ms: performance.now() - t0, ...result };
    },
    dispose: () => worker.dispose(),
    inspectorUrl,
  };
}
