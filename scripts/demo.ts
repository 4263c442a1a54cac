/**
 * `npm run demo`: runs the example app (examples/) in local workerd — no
 * Cloudflare account needed — and prints what it did.
 */
import { fileURLToPath } from 'node:url';
import { unstable_startWorker } from 'wrangler';

interface DemoStep {
  title: string;
  rowsRead: number;
  rowsWritten: number;
  result: unknown;
}

// Offline by design: no request.cf lookup, no telemetry.
process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= 'false';
process.env.WRANGLER_SEND_METRICS ??= 'false';

const root = fileURLToPath(new URL('..', import.meta.url));

console.log('drizzle-icetype demo — starting the example Worker in local workerd…');
const worker = await unstable_startWorker({
  config: `${root}examples/wrangler.jsonc`,
  // In-memory storage: every run starts from an empty database and migrates it.
  dev: { server: { port: 0 }, inspector: false, persist: false, logLevel: 'warn' },
});
try {
  await worker.ready;
  const response = await worker.fetch('http://example.test/demo');
  if (!response.ok) throw new Error(`demo: expected 200 from /demo, found ${response.status}: ${await response.text()}`);
  const report = (await response.json()) as { migrated: { applied: string[] }; steps: DemoStep[] };
  console.log(`\n1. schema defined in IceType (examples/schema.ts: User, Post, Comment, Tag on the rows layout, Event batched) and compiled to Drizzle tables`);
  console.log(`2. migrated: ${report.migrated.applied.length === 0 ? 'already up to date' : report.migrated.applied.join(', ')}`);
  report.steps.forEach((step, i) => {
    console.log(`\n${i + 3}. ${step.title}`);
    console.log(`   billed rows (db.$cost): ${step.rowsRead} read, ${step.rowsWritten} written`);
    const lines = Array.isArray(step.result) ? step.result : [step.result];
    for (const line of lines) console.log(`   ${typeof line === 'string' ? line : JSON.stringify(line)}`);
  });
  console.log('\ndemo finished.');
} finally {
  await worker.dispose();
}
