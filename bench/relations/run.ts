/**
 * `npm run bench:relations` — relational queries and traversals (issue 5 §4):
 * `db.query.X.findMany` with one and two levels of `with` over 1,000 Authors
 * × 10 Posts × 2 Comments, a page of 50 Authors with two levels, all 10,000
 * Posts with their Tags and all 50 Tags with their Posts (`-> Tag[]` and
 * `<- Post.tags[]`, many-to-many), and `db.rel` traversals of one and two
 * hops — drizzle-icetype on the rows and the batched layout
 * against plain Drizzle (hand-written tables, RQB v2 `defineRelations`, a
 * junction table for the tags) in the same run, over the same documents.
 *
 * Runs bench/relations/worker in local workerd (offline). workerd's clocks
 * stand still during synchronous code, so each call runs a batch of
 * operations inside the Durable Object and is timed here, in Node, around
 * the round trip; the median round trip of an empty call is subtracted.
 * Every variant must return the same rows (count, nested ones included, and
 * a digest of their ids in order), or the run stops; a variant that fails
 * (a feature not there yet) is reported and left out of that workload.
 * Prints a Markdown table and writes bench/results/relations.json.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startBenchWorker } from '../support/bench-worker.ts';
import { checkSame } from '../support/check-same.ts';
import { emptyCallMs } from '../support/empty-call.ts';
import { logLoadAverage } from '../support/load-average.ts';
import { rotated } from '../support/rotated.ts';
import { runEnvironment } from '../support/run-environment.ts';
import { median } from '../support/stats.ts';
import { startStopwatch } from '../support/stopwatch.ts';

const VARIANTS = ['plain drizzle', 'icetype rows', 'icetype batched'] as const;
type VariantName = (typeof VARIANTS)[number];
const BASELINE: VariantName = 'plain drizzle';
const COLLECTIONS = ['Author', 'Tag', 'Post', 'Comment'] as const;
type Workload = 'authorsPosts' | 'authorsPostsComments' | 'page' | 'postsTags' | 'tagsPosts' | 'hop1' | 'hop2';

interface Outcome {
  rows: number;
  digest: number;
}
interface RunResult {
  rowsRead: number;
  rowsWritten: number;
  statements: number;
}
interface Sample extends RunResult {
  ms: number;
}

interface WorkloadSpec {
  readonly workload: Workload;
  readonly operation: string;
  /** Operations per timed call. */
  readonly n: number;
  readonly unit: string;
  /** Relation hops per operation (traversals only; they have no time target). */
  readonly hops?: number;
}

const WORKLOADS: readonly WorkloadSpec[] = [
  { workload: 'authorsPosts', operation: '`Author.findMany` all 1,000, `with: { posts }` (1 level)', n: 2, unit: 'queries' },
  { workload: 'authorsPostsComments', operation: '`Author.findMany` all 1,000, `with: { posts: { with: { comments } } }` (2 levels)', n: 1, unit: 'queries' },
  { workload: 'page', operation: 'a page of 50 authors (`where $id >=`, `orderBy`, `limit: 50`), 2 levels', n: 20, unit: 'queries' },
  { workload: 'postsTags', operation: '`Post.findMany` all 10,000, `with: { tags }` (many-to-many, `-> Tag[]`)', n: 1, unit: 'queries' },
  { workload: 'tagsPosts', operation: '`Tag.findMany` all 50, `with: { posts }` (many-to-many, `<- Post.tags[]`)', n: 1, unit: 'queries' },
  { workload: 'hop1', operation: 'traversal, 1 hop: an author’s posts', n: 300, unit: 'traversals', hops: 1 },
  { workload: 'hop2', operation: 'traversal, 2 hops: the comments on an author’s posts', n: 300, unit: 'traversals', hops: 2 },
];
const WARMUP = 1;
const REPS = 9;
const NOOP_CALLS = 41;
const TARGET_RATIO = 1.5;

const stopwatch = startStopwatch();
const elapsed = stopwatch.label;
const round = (n: number, digits = 3) => Number(n.toFixed(digits));
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits });

const loadBefore = logLoadAverage('bench:relations — starting bench/relations/worker in local workerd;');
const worker = await startBenchWorker<'setup' | 'load' | 'noop' | 'prepare' | 'run' | 'outcomes' | 'tableRows'>('relations');
const call = worker.call;

const describe = (o: Outcome | undefined) => (o === undefined ? 'nothing' : `${o.rows} rows, id digest ${o.digest.toString(16)}`);

/** The first line of a failed call's error, without the runner's prefix. */
const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).replace(/^bench:relations: /, '').split('\n')[0]!.slice(0, 300);

interface ResultRow {
  workload: Workload;
  operation: string;
  variant: VariantName;
  /** Operations per timed call. */
  n: number;
  unit: string;
  msPerOp: number;
  opsPerSec: number;
  /** Time per operation over plain Drizzle's, same workload. */
  ratio: number | null;
  hopsPerSec: number | null;
  rowsReadPerOp: number;
  rowsReadPerHop: number | null;
  statementsPerOp: number;
  rowsReturnedPerOp: number;
  samplesMs: number[];
}
interface Failure {
  workload: Workload;
  variant: VariantName;
  error: string;
}

try {
  const noopMs = await emptyCallMs(worker, NOOP_CALLS, stopwatch);

  // Setup and load (untimed): every variant gets the same documents.
  for (const variant of VARIANTS) {
    await call(variant, 'setup', variant);
    for (const collection of COLLECTIONS) {
      const t0 = stopwatch.seconds();
      const written = (await call(variant, 'load', collection)) as number;
      console.log(`${elapsed()}  load       ${variant.padEnd(16)} ${collection.padEnd(8)} ${fmt(written).padStart(6)} documents in ${(stopwatch.seconds() - t0).toFixed(2)} s`);
    }
  }
  const stored = Object.fromEntries(await Promise.all(VARIANTS.map(async (v) => [v, await call(v, 'tableRows')] as const)));
  console.log(`${elapsed()}  stored rows: ${VARIANTS.map((v) => `${v} ${JSON.stringify(stored[v])}`).join('; ')}`);

  const rows: ResultRow[] = [];
  const failures: Failure[] = [];
  for (const spec of WORKLOADS) {
    const samples = new Map<VariantName, Sample[]>(VARIANTS.map((v) => [v, []]));
    const returned = new Map<VariantName, number>();
    const failed = new Set<VariantName>();
    for (let rep = 0; rep < WARMUP + REPS; rep++) {
      const warm = rep < WARMUP;
      const outcomes = new Map<VariantName, Outcome[]>();
      for (const variant of rotated(VARIANTS, rep).filter((v) => !failed.has(v))) {
        let sample: Sample;
        try {
          await call(variant, 'prepare', spec.workload, spec.n, rep);
          sample = await worker.timedRun<RunResult>(variant);
        } catch (error) {
          failed.add(variant);
          failures.push({ workload: spec.workload, variant, error: firstLine(error) });
          console.log(`${elapsed()}  ${spec.workload.padEnd(20)} FAILED    ${variant.padEnd(16)} ${firstLine(error)}`);
          continue;
        }
        const list = (await call(variant, 'outcomes')) as Outcome[];
        outcomes.set(variant, list);
        returned.set(variant, list.reduce((sum, o) => sum + o.rows, 0) / spec.n);
        if (!warm) samples.get(variant)!.push(sample);
        const label = warm ? 'warm-up' : `rep ${rep - WARMUP + 1}/${REPS}`;
        console.log(
          `${elapsed()}  ${spec.workload.padEnd(20)} ${label.padEnd(9)} ${variant.padEnd(16)} ${sample.ms.toFixed(1).padStart(8)} ms  ${spec.n} ${spec.unit}, ${fmt(sample.rowsRead)} rows read, ${fmt(sample.statements)} statements`,
        );
      }
      checkSame('bench:relations', `${spec.workload} rep ${rep}`, outcomes, describe);
    }
    const baselineMs = (variant: VariantName) => Math.max(median(samples.get(variant)!.map((s) => s.ms)) - noopMs, 1e-3) / spec.n;
    for (const variant of VARIANTS.filter((v) => !failed.has(v))) {
      const list = samples.get(variant)!;
      const msPerOp = baselineMs(variant);
      const hops = spec.hops;
      const rowsReadPerOp = median(list.map((s) => s.rowsRead)) / spec.n;
      rows.push({
        workload: spec.workload,
        operation: spec.operation,
        variant,
        n: spec.n,
        unit: spec.unit,
        msPerOp,
        opsPerSec: Math.round(1000 / msPerOp),
        ratio: failed.has(BASELINE) ? null : msPerOp / baselineMs(BASELINE),
        hopsPerSec: hops === undefined ? null : Math.round((1000 / msPerOp) * hops),
        rowsReadPerOp,
        rowsReadPerHop: hops === undefined ? null : rowsReadPerOp / hops,
        statementsPerOp: median(list.map((s) => s.statements)) / spec.n,
        rowsReturnedPerOp: returned.get(variant)!,
        samplesMs: list.map((s) => round(s.ms - noopMs)),
      });
    }
    console.log(`${elapsed()}  ${spec.workload.padEnd(20)} checked: ${VARIANTS.filter((v) => !failed.has(v)).join(', ')} returned the same rows (${fmt(returned.get(VARIANTS.find((v) => !failed.has(v))!) ?? 0)} per operation, nested included), in order`);
  }

  // The table.
  const timeCell = (ms: number) => (ms >= 1 ? `${fmt(ms, 2)} ms` : `${fmt(ms * 1000, 1)} µs`);
  console.log('\n| operation | variant | time / op | ops/s | vs plain Drizzle | hops/s | rows read / op | statements / op | rows returned / op |');
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const row of rows) {
    const ratio = row.ratio === null ? '—' : `${row.ratio.toFixed(2)}×`;
    const hops = row.hopsPerSec === null ? '—' : fmt(row.hopsPerSec);
    const read = row.rowsReadPerHop === null ? fmt(row.rowsReadPerOp, 1) : `${fmt(row.rowsReadPerOp, 1)} (${fmt(row.rowsReadPerHop, 1)} / hop)`;
    console.log(`| ${row.operation} | ${row.variant} | ${timeCell(row.msPerOp)} | ${fmt(row.opsPerSec)} | ${ratio} | ${hops} | ${read} | ${fmt(row.statementsPerOp, 2)} | ${fmt(row.rowsReturnedPerOp)} |`);
  }
  for (const f of failures) console.log(`| ${WORKLOADS.find((w) => w.workload === f.workload)!.operation} | ${f.variant} | FAILED: ${f.error} | | | | | | |`);
  console.log(`\nMedian of ${REPS} calls after ${WARMUP} warm-up, order rotating; empty-call round trip (${noopMs.toFixed(2)} ms) subtracted.`);

  // The target (relational queries, not traversals): within 1.5× of plain Drizzle's time.
  const targets = rows
    .filter((row) => row.variant !== BASELINE && row.hopsPerSec === null)
    .map((row) => ({ target: `${row.operation}, ${row.variant}: ≤ ${TARGET_RATIO}× plain Drizzle's time`, value: row.ratio === null ? null : round(row.ratio, 2), met: row.ratio !== null && row.ratio <= TARGET_RATIO }));
  console.log('');
  for (const t of targets) console.log(`${t.met ? 'met    ' : 'MISSED '} ${t.target}: ${t.value ?? '—'}×`);
  for (const f of failures) console.log(`FAILED  ${f.workload}, ${f.variant}: ${f.error}`);

  const out = new URL('../results/relations.json', import.meta.url);
  const durationSeconds = round(stopwatch.seconds(), 1);
  const report = {
    ...runEnvironment(),
    loadAverageBefore: loadBefore,
    durationSeconds,
    method: {
      dataset: '1,000 Authors × 10 Posts × 2 Comments; 50 Tags, 3 per Post (`-> Tag[]`; plain Drizzle: a PostTag junction table)',
      warmup: WARMUP,
      reps: REPS,
      statistic: 'median call time minus the median empty-call round trip, divided by the operations per call',
      noopCalls: NOOP_CALLS,
      noopMs: round(noopMs),
    },
    storedRows: stored,
    targets,
    failures,
    rows: rows.map((r) => ({
      ...r,
      msPerOp: round(r.msPerOp, 5),
      ratio: r.ratio === null ? null : round(r.ratio),
      rowsReadPerOp: round(r.rowsReadPerOp),
      rowsReadPerHop: r.rowsReadPerHop === null ? null : round(r.rowsReadPerHop),
      statementsPerOp: round(r.statementsPerOp),
    })),
  };
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nwrote ${fileURLToPath(out)} (${durationSeconds} s in all)`);
} finally {
  await worker.dispose();
}
