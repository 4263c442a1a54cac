/**
 * `npm run db:check` (part of `npm test`): fails when a migrations folder is
 * out of date with its schema — i.e. when `drizzle-kit generate` would write a
 * new migration. Uses drizzle-kit's own dry run (`generate --explain`).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
/** drizzle-kit configs whose migrations are committed: the example app's and the test fixtures'. */
const configs = ['drizzle.config.ts', 'test/fixtures/drizzle.config.ts'];

let stale = false;
for (const config of configs) {
  const output = execFileSync('npx', ['drizzle-kit', 'generate', '--config', config, '--explain', '--output', 'json'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const start = output.indexOf('{');
  const plan = (start >= 0 ? JSON.parse(output.slice(start)) : {}) as { status?: string };
  if (plan.status === 'no_changes') {
    console.log(`in sync: ${config}`);
  } else {
    stale = true;
    console.error(`out of date: ${config} — run \`npx drizzle-kit generate --config ${config}\` and commit the result.\n${output}`);
  }
}
if (stale) process.exit(1);
