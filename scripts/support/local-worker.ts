/**
 * A Worker in local workerd, started from Node the way `wrangler dev` would
 * run it, for tests and `npm run demo` (its `fetch` reaches the Worker).
 */
import { unstable_startWorker } from 'wrangler';

/** A Worker running in local workerd. */
export type LocalWorker = Awaited<ReturnType<typeof unstable_startWorker>>;

/**
 * Starts the Worker of `config` in local workerd, offline (no `request.cf`
 * lookup, no telemetry), with in-memory storage (every run starts empty)
 * and no file watching, and waits until it is ready.
 */
export async function startLocalWorker(config: string): Promise<LocalWorker> {
  process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= 'false';
  process.env.WRANGLER_SEND_METRICS ??= 'false';
  const worker = await unstable_startWorker({ config, dev: { server: { port: 0 }, inspector: false, persist: false, logLevel: 'warn', watch: false } });
  try {
    await worker.ready;
  } catch (error) {
    await worker.dispose();
    throw error;
  }
  return worker;
}

