/**
 * `npm run demo`: runs the example app (examples/) in local workerd — no
 * Cloudflare account needed — and prints what it did; then exports its
 * change log to Iceberg, copies the warehouse to .demo/warehouse and reads
 * it back with DuckDB, following each table's metadata, manifest list and
 * manifests (decoded with avsc) to the data files of its current snapshot.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openDuckDB } from './support/duckdb.ts';
import { startLocalWorker, type LocalWorker } from './support/local-worker.ts';
import { copyWarehouse, liveFiles, readSnapshotFiles, readTableMetadata, snapshotRowsSql } from './support/warehouse.ts';

interface DemoStep {
  title: string;
  rowsRead: number;
  rowsWritten: number;
  result: unknown;
}

const root = fileURLToPath(new URL('..', import.meta.url));
const WAREHOUSE = join(root, '.demo', 'warehouse');

console.log('drizzle-icetype demo — starting the example Worker in local workerd…');
// Offline, in-memory storage: every run starts from an empty database and migrates it.
const worker = await startLocalWorker(`${root}examples/wrangler.jsonc`);
try {
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
  await exportAndReadBack(worker, report.steps.length + 3);
  console.log('\ndemo finished.');
} finally {
  await worker.dispose();
}

/** The last step: db.cdc.exportNow() into R2, the warehouse copied to .demo/warehouse, read back with DuckDB. */
async function exportAndReadBack(worker: LocalWorker, step: number): Promise<void> {
  console.log(`\n${step}. db.cdc.exportNow(): the change log to Iceberg tables in the Worker's R2 bucket (per collection a changelog and a current-state mirror)`);
  const location = pathToFileURL(WAREHOUSE).href;
  const response = await worker.fetch('http://example.test/export', { method: 'POST', body: JSON.stringify({ location }) });
  if (!response.ok) throw new Error(`demo: expected 200 from /export, found ${response.status}: ${await response.text()}`);
  const result = (await response.json()) as { entries: number; tables: { key: string; snapshotId: number; entries: number; files: number; deleteFiles: number }[] };
  console.log(`   ${result.entries} change-log entries exported, location ${location}`);
  for (const table of result.tables) console.log(`   ${table.key}: snapshot ${table.snapshotId}, ${table.entries} changes, ${table.files} data file(s)${table.deleteFiles > 0 ? ` and ${table.deleteFiles} position-delete file(s)` : ''}`);

  console.log(`\n${step + 1}. the warehouse copied out of R2 to .demo/warehouse (standard layout: <namespace>/<table>/{data,metadata}/…)`);
  await rm(WAREHOUSE, { recursive: true, force: true });
  const keys = await copyWarehouse(worker, WAREHOUSE);
  console.log(`   ${keys.length} objects, e.g. ${keys.find((k) => k.endsWith('version-hint.text'))}`);

  console.log(`\n${step + 2}. read back with DuckDB: version-hint → vN.metadata.json → manifest list → manifests (avsc) → read_parquet`);
  const duck = await openDuckDB();
  try {
    for (const { key } of result.tables) {
      const { version, metadata } = await readTableMetadata(join(WAREHOUSE, ...key.split('/')));
      const files = await readSnapshotFiles(metadata, metadata['current-snapshot-id']!);
      const rows = snapshotRowsSql(files);
      if (rows === null) continue;
      const changelog = key.endsWith('_changelog');
      const [counts] = await duck.query(`SELECT count(*) AS n, count(DISTINCT "$id") AS ids${changelog ? ", string_agg(DISTINCT _op, '/' ORDER BY _op) AS ops" : ''} FROM (${rows})`);
      const what = changelog ? `${counts!['n']} changes of ${counts!['ids']} documents (${counts!['ops']})` : `${counts!['n']} documents as they stand (merge-on-read)`;
      console.log(`   ${key}: v${version}, ${metadata.snapshots.length} snapshot(s), ${liveFiles(files, 0).length} data + ${liveFiles(files, 1).length} delete file(s), ${what}`);
      if (!key.endsWith('/User_changelog')) continue;
      const sample = await duck.query(`SELECT _seq, _op, "$id", name, age, score::VARCHAR AS score, tags FROM (${rows}) ORDER BY _seq LIMIT 4`);
      for (const row of sample) console.log(`     ${JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v))}`);
    }
  } finally {
    duck.close();
  }
}
