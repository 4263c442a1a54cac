/**
 * `npm run bench:store` — the document store's throughput and billed rows,
 * side by side in the same run with plain Drizzle doing the same work on an
 * equivalent hand-written table (same indexes, a change-log row written in
 * the same transaction) and with raw `sql.exec` (the floor). Issue 3 §7.
 *
 * Runs bench/store/worker in local workerd (offline). workerd's clocks stand
 * still during synchronous code, so each call runs a batch of operations
 * inside the Durable Object and is timed here, in Node, around the round
 * trip; the median round trip of an empty call is subtracted. Prints a
 * Markdown table and writes bench/results/store.json.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startBenchWorker } from '../support/bench-worker.ts';
import { emptyCallMs } from '../support/empty-call.ts';
import { logLoadAverage } from '../support/load-average.ts';
import { rotated } from '../support/rotated.ts';
import { runEnvironment } from '../support/run-environment.ts';
import { median } from '../support/stats.ts';
import { startStopwatch } from '../support/stopwatch.ts';

const VARIANTS = ['drizzle-icetype', 'plain drizzle', 'raw sql.exec'] as const;
type VariantName = (typeof VARIANTS)[number];
type Workload = 'create' | 'createMany' | 'get' | 'update' | 'queryByEmail' | 'queryByAge';

interface WorkloadSpec {
  readonly workload: Workload;
  readonly operation: string;
  /** Operations per timed call. */
  readonly n: number;
  /** What one operation is, for "ops/s". */
  readonly unit: string;
  /** Whether rows written per document are meaningful (writes). */
  readonly writes: boolean;
}

/** In run order: the dataset (createMany) first, updates last so queries see the ages they were written with. */
const WORKLOADS: readonly WorkloadSpec[] = [
  { workload: 'create', operation: 'create (one transaction per document)', n: 2_000, unit: 'documents', writes: true },
  { workload: 'createMany', operation: 'createMany (10,000 documents per call)', n: 10_000, unit: 'documents', writes: true },
  { workload: 'get', operation: 'get by $id', n: 5_000, unit: 'gets', writes: false },
  { workload: 'queryByEmail', operation: 'query by indexed field (email =)', n: 3_000, unit: 'queries', writes: false },
  { workload: 'queryByAge', operation: 'query by non-indexed field (age range, 10%)', n: 40, unit: 'queries', writes: false },
  { workload: 'update', operation: 'update one field (age)', n: 2_000, unit: 'updates', writes: true },
];
const TABLE_ORDER: readonly Workload[] = ['create', 'createMany', 'get', 'update', 'queryByEmail', 'queryByAge'];
const WARMUP = 2;
const REPS = 9;
const NOOP_CALLS = 41;
const TARGET_RATIO = 1.3;

interface RunResult {
  rowsRead: number;
  rowsWritten: number;
  count: number;
  checksum: number;
}

interface Sample extends RunResult {
  ms: number;
}

const stopwatch = startStopwatch();
const elapsed = stopwatch.label;

const loadBefore = logLoadAverage('bench:store — starting bench/store/worker in local workerd;');
const worker = await startBenchWorker<'setup' | 'noop' | 'prepare' | 'run' | 'lastChange'>('store');
const call = worker.call;

try {
  const noopMs = await emptyCallMs(worker, NOOP_CALLS, stopwatch);

  const objectOf = (variant: VariantName, workload: string) => `${variant}/${workload}`;
  for (const variant of VARIANTS) await call(objectOf(variant, 'create'), 'setup', variant);
  /** Where get, update and the queries run: each variant's last createMany object (exactly 10,000 documents). */
  const dataset = new Map<VariantName, string>();
  const samples = new Map<Workload, Map<VariantName, Sample[]>>();

  for (const spec of WORKLOADS) {
    const byVariant = new Map<VariantName, Sample[]>(VARIANTS.map((v) => [v, []]));
    samples.set(spec.workload, byVariant);
    for (let rep = 0; rep < WARMUP + REPS; rep++) {
      const warm = rep < WARMUP;
      const outcomes = new Map<VariantName, string>();
      // Rotate the order each repetition so no variant always runs first.
      const order = rotated(VARIANTS, rep);
      for (const variant of order) {
        let object: string;
        if (spec.workload === 'create') object = objectOf(variant, 'create');
        else if (spec.workload === 'createMany') {
          object = objectOf(variant, `createMany/${rep}`);
          await call(object, 'setup', variant);
          dataset.set(variant, object);
        } else object = dataset.get(variant)!;
        await call(object, 'prepare', spec.workload, spec.n, rep);
        const sample = await worker.timedRun<RunResult>(object);
        outcomes.set(variant, `${sample.count} documents, age checksum ${sample.checksum}`);
        if (!warm) byVariant.get(variant)!.push(sample);
        const label = warm ? 'warm-up' : `rep ${rep - WARMUP + 1}/${REPS}`;
        console.log(`${elapsed()}  ${spec.workload.padEnd(12)} ${label.padEnd(9)} ${variant.padEnd(15)} ${sample.ms.toFixed(1).padStart(8)} ms  ${sample.rowsWritten} rows written, ${sample.rowsRead} read`);
      }
      // Every variant must have produced the same documents, or the comparison means nothing.
      if (new Set(outcomes.values()).size !== 1) {
        const found = [...outcomes].map(([variant, outcome]) => `${variant}: ${outcome}`).join('; ');
        throw new Error(`bench:store: ${spec.workload} rep ${rep}: expected the same results from every variant, found ${found}`);
      }
    }
    if (spec.writes) {
      // ...and logged the same change: operation, after-image fields and their JSON types.
      const shapes = await Promise.all(VARIANTS.map(async (v) => (await call(spec.workload === 'create' ? objectOf(v, 'create') : dataset.get(v)!, 'lastChange')) as string));
      if (new Set(shapes).size !== 1) throw new Error(`bench:store: ${spec.workload}: expected the same change-log entry shape from every variant, found ${shapes.join(' / ')}`);
      console.log(`${elapsed()}  ${spec.workload.padEnd(12)} checked: every variant logged ${shapes[0]}`);
    }
  }

  interface VariantRow {
    medianMs: number;
    minMs: number;
    opsPerSec: number;
    rowsWrittenPerDoc: number;
    rowsReadPerOp: number;
    samplesMs: number[];
    rowsWritten: number[];
    rowsRead: number[];
  }
  const rows = TABLE_ORDER.map((workload) => {
    const spec = WORKLOADS.find((w) => w.workload === workload)!;
    const variants = Object.fromEntries(
      VARIANTS.map((variant) => {
        const list = samples.get(workload)!.get(variant)!;
        const ms = Math.max(median(list.map((s) => s.ms)) - noopMs, 1e-3);
        const row: VariantRow = {
          medianMs: Number(ms.toFixed(3)),
          minMs: Number((Math.min(...list.map((s) => s.ms)) - noopMs).toFixed(3)),
          opsPerSec: Math.round((spec.n / ms) * 1000),
          rowsWrittenPerDoc: Number((median(list.map((s) => s.rowsWritten)) / spec.n).toFixed(3)),
          rowsReadPerOp: Number((median(list.map((s) => s.rowsRead)) / spec.n).toFixed(3)),
          samplesMs: list.map((s) => Number((s.ms - noopMs).toFixed(3))),
          rowsWritten: list.map((s) => s.rowsWritten),
          rowsRead: list.map((s) => s.rowsRead),
        };
        return [variant, row];
      }),
    ) as Record<VariantName, VariantRow>;
    const ratio = Number((variants['drizzle-icetype'].medianMs / variants['plain drizzle'].medianMs).toFixed(2));
    return { operation: spec.operation, workload, n: spec.n, unit: spec.unit, writes: spec.writes, ratio, variants };
  });

  const fmt = (n: number) => n.toLocaleString('en-US');
  const trio = (f: (v: VariantRow) => number, row: (typeof rows)[number]) => VARIANTS.map((v) => fmt(f(row.variants[v]))).join(' · ');
  console.log(`\n| operation | drizzle-icetype ops/s | plain drizzle ops/s | raw sql.exec ops/s | drizzle-icetype / plain drizzle (time) | rows written / doc (icetype · drizzle · raw) | rows read / op (icetype · drizzle · raw) |`);
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const row of rows) {
    const ops = VARIANTS.map((v) => fmt(row.variants[v].opsPerSec));
    const written = row.writes ? trio((v) => v.rowsWrittenPerDoc, row) : '—';
    console.log(`| ${row.operation} | ${ops.join(' | ')} | ${row.ratio}× | ${written} | ${trio((v) => v.rowsReadPerOp, row)} |`);
  }
  console.log(`\nops/s: ${rows.map((r) => `${r.workload} = ${r.unit}/s`).join(', ')}. Median of ${REPS} calls after ${WARMUP} warm-up, empty-call round trip (${noopMs.toFixed(2)} ms) subtracted.`);
  const slow = rows.filter((r) => r.ratio > TARGET_RATIO);
  console.log(
    slow.length === 0
      ? `target met: drizzle-icetype within ${TARGET_RATIO}× of plain drizzle's time on every operation`
      : `slower than ${TARGET_RATIO}× plain drizzle: ${slow.map((r) => `${r.workload} (${r.ratio}×)`).join(', ')}`,
  );

  const out = new URL('../results/store.json', import.meta.url);
  const report = {
    ...runEnvironment(),
    loadAverageBefore: loadBefore,
    method: {
      warmup: WARMUP,
      reps: REPS,
      statistic: 'median call time minus the median empty-call round trip',
      noopCalls: NOOP_CALLS,
      noopMs: Number(noopMs.toFixed(3)),
      ratio: 'drizzle-icetype time / plain drizzle time',
      targetRatio: TARGET_RATIO,
    },
    rows,
  };
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nwrote ${fileURLToPath(out)} (${elapsed().trim()} in all)`);
} finally {
  await worker.dispose();
}
