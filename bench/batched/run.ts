/**
 * `npm run bench:batched` — the batched layout against the rows layout and
 * plain Drizzle, in the same run, over the same 100,000 time-ordered Events
 * (issue 4 §4): bulk insert, a 1% range on `at` (pruned by zone maps, and
 * against a full scan of the same batches with zone maps off), `get` and
 * `update` by `$id`, and equality on `kind` (bloom and zone-map pruning).
 *
 * Runs bench/batched/worker in local workerd (offline). workerd's clocks
 * stand still during synchronous code, so each call runs a batch of
 * operations inside the Durable Object and is timed here, in Node, around
 * the round trip; the median round trip of an empty call is subtracted.
 * Every variant must return the same documents (count, amount checksum and
 * a digest of the ids in order, computed in an untimed call after each timed
 * one), or the run stops. Prints a Markdown table
 * and writes bench/results/batched.json.
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

const VARIANTS = ['batched', 'batched, zone maps off', 'rows', 'plain drizzle'] as const;
type VariantName = (typeof VARIANTS)[number];
type Workload = 'insert' | 'range' | 'latest' | 'get' | 'update' | 'kindCommon' | 'kindRare';

interface Outcome {
  count: number;
  checksum: number;
  digest: number;
}
interface RunResult {
  rowsRead: number;
  rowsWritten: number;
  batchesDecoded: number;
}
interface Sample extends RunResult {
  ms: number;
}
type Explanation = Record<string, unknown>;

interface WorkloadSpec {
  readonly workload: Exclude<Workload, 'insert'>;
  readonly operation: string;
  /** Operations per timed call, by variant; variants without an entry skip the workload. */
  readonly n: Partial<Record<VariantName, number>>;
  readonly unit: string;
  readonly explain: boolean;
}

const DATASET_SIZE = 100_000;
const CHUNK = 10_000;
/** Untimed createMany calls per variant, on a scratch object, before the timed inserts. */
const INSERT_WARMUP_CHUNKS = 2;
/** After the inserts, in run order; updates last so the queries see the amounts every variant inserted. */
const WORKLOADS: readonly WorkloadSpec[] = [
  {
    workload: 'range',
    operation: 'range on `at`, 1% (1,000 consecutive events)',
    n: { batched: 30, 'batched, zone maps off': 3, rows: 30, 'plain drizzle': 30 },
    unit: 'queries',
    explain: true,
  },
  {
    workload: 'latest',
    operation: '20 latest before a time (`at < t`, `orderBy: { at: desc }`, `limit: 20`)',
    n: { batched: 200, 'batched, zone maps off': 3, rows: 200, 'plain drizzle': 200 },
    unit: 'queries',
    explain: true,
  },
  { workload: 'get', operation: 'get by `$id` (random ids)', n: { batched: 2_000, rows: 2_000, 'plain drizzle': 2_000 }, unit: 'gets', explain: false },
  { workload: 'kindCommon', operation: '`kind =` a common kind (≈6%)', n: { batched: 3, rows: 3, 'plain drizzle': 3 }, unit: 'queries', explain: true },
  { workload: 'kindRare', operation: '`kind =` a rare kind (25 events)', n: { batched: 20, rows: 400, 'plain drizzle': 400 }, unit: 'queries', explain: true },
  { workload: 'update', operation: 'update one field (`amount`) by `$id`', n: { batched: 500, rows: 500, 'plain drizzle': 500 }, unit: 'updates', explain: false },
];
const WARMUP = 1;
const REPS = 5;
const NOOP_CALLS = 41;
const TARGETS = { insertSpeedup: 5, rangeBatchesReadShare: 0.02, rangePrunedSpeedup: 10, getBatchesDecoded: 1 };

const stopwatch = startStopwatch();
const elapsed = stopwatch.label;
const round = (n: number, digits = 3) => Number(n.toFixed(digits));
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits });

const loadBefore = logLoadAverage('bench:batched — starting bench/batched/worker in local workerd;');
const worker = await startBenchWorker<'setup' | 'noop' | 'prepare' | 'run' | 'outcomes' | 'explain' | 'tableRows'>('batched');
const call = worker.call;

const describe = (o: Outcome | undefined) => (o === undefined ? 'nothing' : `${o.count} documents, amount checksum ${o.checksum}, id digest ${o.digest.toString(16)}`);

/** Throws unless every variant produced the same outcome for each query they all ran. */
function checkSame(label: string, outcomes: ReadonlyMap<VariantName, Outcome[]>): void {
  const shortest = Math.min(...[...outcomes.values()].map((list) => list.length));
  for (let k = 0; k < shortest; k++) {
    const found = [...outcomes].map(([variant, list]) => [variant, describe(list[k])] as const);
    if (new Set(found.map(([, d]) => d)).size !== 1) {
      throw new Error(`bench:batched: ${label}, query ${k}: expected the same documents from every variant, found ${found.map(([v, d]) => `${v}: ${d}`).join('; ')}`);
    }
  }
}

interface ResultRow {
  workload: Workload;
  operation: string;
  variant: VariantName;
  /** Operations per timed call (insert: documents per call). */
  n: number;
  unit: string;
  /** Time per operation (insert: per document), ms. */
  msPerOp: number;
  opsPerSec: number;
  rowsWrittenPerOp: number;
  rowsReadPerOp: number;
  batchesDecodedPerOp: number;
  samplesMs: number[];
  explain?: Explanation | null;
}

try {
  const noopMs = await emptyCallMs(worker, NOOP_CALLS, stopwatch);

  for (const variant of VARIANTS) await call(variant, 'setup', variant);
  const rows: ResultRow[] = [];

  // 0. Insert warm-up, untimed: each variant's write path is compiled on other objects first, so the
  // timed inserts compare steady states rather than charging whichever variant runs first for the JIT.
  for (const variant of VARIANTS) {
    const scratch = `warm-up: ${variant}`;
    await call(scratch, 'setup', variant);
    for (let chunk = 0; chunk < INSERT_WARMUP_CHUNKS; chunk++) {
      await call(scratch, 'prepare', 'insert', CHUNK, chunk);
      await call(scratch, 'run');
    }
    console.log(`${elapsed()}  insert     warm-up ${variant} (${INSERT_WARMUP_CHUNKS} × ${CHUNK} on another object)`);
  }

  // 1. Bulk insert: 10 createMany calls of 10,000 events into each variant, chunk by chunk, the order rotating.
  const inserts = new Map<VariantName, Sample[]>(VARIANTS.map((v) => [v, []]));
  for (let chunk = 0; chunk < DATASET_SIZE / CHUNK; chunk++) {
    const outcomes = new Map<VariantName, Outcome[]>();
    const order = rotated(VARIANTS, chunk);
    for (const variant of order) {
      await call(variant, 'prepare', 'insert', CHUNK, chunk);
      const sample = await worker.timedRun<RunResult>(variant);
      inserts.get(variant)!.push(sample);
      outcomes.set(variant, (await call(variant, 'outcomes')) as Outcome[]);
      console.log(`${elapsed()}  insert     chunk ${String(chunk + 1).padStart(2)}/10  ${variant.padEnd(22)} ${sample.ms.toFixed(1).padStart(8)} ms  ${sample.rowsWritten} rows written, ${sample.rowsRead} read`);
    }
    checkSame(`insert chunk ${chunk}`, outcomes);
  }
  for (const variant of VARIANTS) {
    const list = inserts.get(variant)!;
    const totalMs = list.reduce((sum, s) => sum + Math.max(s.ms - noopMs, 1e-3), 0);
    rows.push({
      workload: 'insert',
      operation: 'bulk insert, createMany of 10,000 × 10',
      variant,
      n: CHUNK,
      unit: 'documents',
      msPerOp: totalMs / DATASET_SIZE,
      opsPerSec: Math.round((DATASET_SIZE / totalMs) * 1000),
      rowsWrittenPerOp: list.reduce((sum, s) => sum + s.rowsWritten, 0) / DATASET_SIZE,
      rowsReadPerOp: list.reduce((sum, s) => sum + s.rowsRead, 0) / DATASET_SIZE,
      batchesDecodedPerOp: list.reduce((sum, s) => sum + s.batchesDecoded, 0) / DATASET_SIZE,
      samplesMs: list.map((s) => round(s.ms - noopMs)),
    });
  }
  const stored = Object.fromEntries(await Promise.all(VARIANTS.map(async (v) => [v, await call(v, 'tableRows')] as const)));
  console.log(`${elapsed()}  stored rows: ${VARIANTS.map((v) => `${v} ${JSON.stringify(stored[v])}`).join('; ')}`);

  // 2.–5. Queries, gets and updates: median of REPS calls after WARMUP, the order rotating.
  for (const spec of WORKLOADS) {
    const variants = VARIANTS.filter((v) => spec.n[v] !== undefined);
    const samples = new Map<VariantName, Sample[]>(variants.map((v) => [v, []]));
    for (let rep = 0; rep < WARMUP + REPS; rep++) {
      const warm = rep < WARMUP;
      const outcomes = new Map<VariantName, Outcome[]>();
      const order = rotated(variants, rep);
      for (const variant of order) {
        await call(variant, 'prepare', spec.workload, spec.n[variant], rep);
        const sample = await worker.timedRun<RunResult>(variant);
        outcomes.set(variant, (await call(variant, 'outcomes')) as Outcome[]);
        if (!warm) samples.get(variant)!.push(sample);
        const label = warm ? 'warm-up' : `rep ${rep - WARMUP + 1}/${REPS}`;
        console.log(
          `${elapsed()}  ${spec.workload.padEnd(10)} ${label.padEnd(9)} ${variant.padEnd(22)} ${sample.ms.toFixed(1).padStart(8)} ms  ${spec.n[variant]} ${spec.unit}, ${sample.rowsWritten} rows written, ${sample.rowsRead} read, ${sample.batchesDecoded} batches decoded`,
        );
      }
      checkSame(`${spec.workload} rep ${rep}`, outcomes);
    }
    if (spec.workload === 'range') console.log(`${elapsed()}  range      checked: pruned and full-scan batched queries (and rows, plain drizzle) returned identical ids, in order`);
    for (const variant of variants) {
      const n = spec.n[variant]!;
      const list = samples.get(variant)!;
      const ms = Math.max(median(list.map((s) => s.ms)) - noopMs, 1e-3);
      const explain = spec.explain && variant !== 'plain drizzle' ? ((await call(variant, 'explain', spec.workload, 0)) as Explanation | null) : undefined;
      rows.push({
        workload: spec.workload,
        operation: spec.operation,
        variant,
        n,
        unit: spec.unit,
        msPerOp: ms / n,
        opsPerSec: Math.round((n / ms) * 1000),
        rowsWrittenPerOp: median(list.map((s) => s.rowsWritten)) / n,
        rowsReadPerOp: median(list.map((s) => s.rowsRead)) / n,
        batchesDecodedPerOp: median(list.map((s) => s.batchesDecoded)) / n,
        samplesMs: list.map((s) => round(s.ms - noopMs)),
        ...(explain === undefined ? {} : { explain }),
      });
    }
  }

  // The table.
  const batchesCell = (row: ResultRow) => {
    const e = row.explain;
    if (e === undefined || e === null || e.layout !== 'batched') return '—';
    const read = e.batchesRead as number;
    const total = e.batchesTotal as number;
    const pruned = `${e.prunedByZoneMap as number} zone map, ${e.prunedByBloom as number} bloom`;
    return `${fmt(read)} / ${fmt(total)} (${((read / total) * 100).toFixed(1)}%; pruned ${pruned})`;
  };
  const timeCell = (ms: number) => (ms >= 1 ? `${fmt(ms, 2)} ms` : `${fmt(ms * 1000, 1)} µs`);
  console.log('\n| operation | variant | time / op | ops/s | rows written / op | rows read / op | batches decoded / op | batches read / total (`db.explain`) |');
  console.log('|---|---|---:|---:|---:|---:|---:|---|');
  for (const row of rows) {
    const ops = `${fmt(row.opsPerSec)}${row.workload === 'insert' ? ' docs/s' : ''}`;
    console.log(
      `| ${row.operation} | ${row.variant} | ${timeCell(row.msPerOp)} | ${ops} | ${fmt(row.rowsWrittenPerOp, 3)} | ${fmt(row.rowsReadPerOp, 3)} | ${row.variant.startsWith('batched') ? fmt(row.batchesDecodedPerOp, 3) : '—'} | ${batchesCell(row)} |`,
    );
  }
  console.log(`\ninsert: per document, 100,000 documents in 10 calls (total time) after ${INSERT_WARMUP_CHUNKS} untimed calls per variant on another object. Others: median of ${REPS} calls after ${WARMUP} warm-up; empty-call round trip (${noopMs.toFixed(2)} ms) subtracted.`);

  // The targets.
  const find = (workload: Workload, variant: VariantName) => rows.find((r) => r.workload === workload && r.variant === variant)!;
  const rangePruned = find('range', 'batched');
  const rangeFull = find('range', 'batched, zone maps off');
  const readShare = (rangePruned.explain!.batchesRead as number) / (rangePruned.explain!.batchesTotal as number);
  const targets = [
    { target: `bulk insert: batched ≥ ${TARGETS.insertSpeedup}× the rows layout's documents/s`, value: round(find('insert', 'batched').opsPerSec / find('insert', 'rows').opsPerSec, 2), met: (v: number) => v >= TARGETS.insertSpeedup, unit: '×' },
    { target: `1% range: batches read ≤ ${TARGETS.rangeBatchesReadShare * 100}% of the batches`, value: round(readShare * 100, 2), met: (v: number) => v <= TARGETS.rangeBatchesReadShare * 100, unit: '%' },
    { target: `1% range: pruned ≥ ${TARGETS.rangePrunedSpeedup}× faster than the full scan`, value: round(rangeFull.msPerOp / rangePruned.msPerOp, 1), met: (v: number) => v >= TARGETS.rangePrunedSpeedup, unit: '×' },
    { target: `get by $id: ≤ ${TARGETS.getBatchesDecoded} batch decoded per get`, value: round(find('get', 'batched').batchesDecodedPerOp, 3), met: (v: number) => v <= TARGETS.getBatchesDecoded, unit: '' },
  ].map((t) => ({ target: t.target, value: t.value, unit: t.unit, met: t.met(t.value) }));
  console.log('');
  for (const t of targets) console.log(`${t.met ? 'met    ' : 'MISSED '} ${t.target}: ${t.value}${t.unit}`);

  const out = new URL('../results/batched.json', import.meta.url);
  const durationSeconds = round(stopwatch.seconds(), 1);
  const report = {
    ...runEnvironment(),
    loadAverageBefore: loadBefore,
    durationSeconds,
    method: {
      dataset: `${DATASET_SIZE} Events, inserted in ${DATASET_SIZE / CHUNK} createMany calls of ${CHUNK}`,
      warmup: WARMUP,
      reps: REPS,
      statistic: 'insert: total call time over 10 calls after an untimed warm-up of each variant on another object; others: median call time; both minus the median empty-call round trip',
      noopCalls: NOOP_CALLS,
      noopMs: round(noopMs),
    },
    storedRows: stored,
    targets,
    rows: rows.map((r) => ({ ...r, msPerOp: round(r.msPerOp, 5), rowsWrittenPerOp: round(r.rowsWrittenPerOp), rowsReadPerOp: round(r.rowsReadPerOp), batchesDecodedPerOp: round(r.batchesDecodedPerOp) })),
  };
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nwrote ${fileURLToPath(out)} (${durationSeconds} s in all)`);
} finally {
  await worker.dispose();
}
