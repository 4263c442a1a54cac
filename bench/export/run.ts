/**
 * `npm run bench:export` — the change-log export to Iceberg in workerd
 * (issue 6 §4): rows per second from `_cdc` to a committed Iceberg snapshot
 * (`db.cdc.exportNow()`), Parquet bytes per row against the JSON size of
 * the same documents, and parquet-wasm's peak memory for a 100,000-row
 * export — for Orders on the rows layout and on the batched layout.
 *
 * Runs bench/export/worker in local workerd (offline), with a local R2
 * bucket in memory; a fresh Worker (a fresh isolate) per layout. Per
 * layout: a small untimed export warms the isolate up; then, on fresh
 * Durable Objects each repetition, 100,000 orders are written (untimed) and
 * exported, 1,000 of them updated and exported again (incremental), and
 * 10,000 orders written and exported. workerd's clocks stand still during
 * synchronous code, so each export is timed here, in Node, from the call to
 * the resolved promise; the median round trip of an empty call is
 * subtracted. Bytes are listed from the bucket after each export; the JSON
 * size is `JSON.stringify` of each exported change's after image. Wasm
 * memory never shrinks, so read after the first 100,000-row export it is
 * that export's peak; a last fresh Worker exports 100,000 unpartitioned
 * orders into one data file, the worst case for it. Per layout, one more
 * 100,000-row export runs under the CPU profiler, and its time is split by
 * phase. Prints Markdown tables and writes bench/results/export.json.
 */
import { startBenchWorker, type BenchWorker } from '../support/bench-worker.ts';
import { childCpuMs } from '../support/child-cpu.ts';
import { connectProfiler, splitProfile, type PhaseTime, type ProfilePhase } from '../support/cpu-profile.ts';
import { emptyCallMs } from '../support/empty-call.ts';
import { logLoadAverage } from '../support/load-average.ts';
import { writeResults } from '../support/results-file.ts';
import { median } from '../support/stats.ts';
import { startStopwatch } from '../support/stopwatch.ts';
import { LAYOUTS, type ExportSummary, type JsonSize, type Layout, type ObjectKind, type TableUsage, type Variant } from './reports.ts';

type Method = 'setup' | 'noop' | 'prepare' | 'run' | 'load' | 'ship' | 'syncedThrough' | 'jsonSize' | 'wasmMemory' | 'usage' | 'drop';
type ExportKind = 'full 100,000' | 'incremental 1,000 updates' | 'full 10,000';

const BIG = 100_000;
const SMALL = 10_000;
const UPDATES = 1_000;
const WARMUP_ROWS = 2_000;
const REPS = 3;
const NOOP_CALLS = 21;
const TARGET_ROWS_PER_SEC = 50_000;
const TARGET_RATIO = 0.3;

/**
 * Where an export's time goes, by the functions of src/iceberg/export/ and
 * what they call; a sample counts for the innermost one on its stack, so the
 * per-table catch-alls (`exportChangelog`, `exportMirror`, where the exporter
 * has them) take only what no step below claims. A step lists a caller and
 * a callee where V8 may inline the one into its caller (an inlined function
 * leaves no frame of its own).
 */
const EXPORT_PHASES: readonly ProfilePhase[] = [
  { phase: 'read `_cdc` (SQL, after images decoded to documents)', functions: ['unsynced', 'getUnsyncedChanges', 'readUnsyncedChanges'] },
  {
    phase: 'rows → Arrow columns (`storedChangelogTable`, `storedDocumentsTable`; the validating `documentToParquetRow` + `arrowTableFor` where they fall back)',
    functions: ['storedChangelogTable', 'storedDocumentsTable', 'trustedChangelog', 'storedColumns', 'changeColumns', 'changelogRow', 'documentToParquetRow', 'arrowTableFor', 'arrowTableOf'],
  },
  { phase: 'partition values (`groupByDocumentPartition`)', functions: ['groupByDocumentPartition', 'storedValue', 'groupByPartition', 'partitionKey'] },
  { phase: 'position index: lookup and staging (`_iceberg_positions`)', functions: ['lookup', 'stage'] },
  { phase: 'Arrow IPC stream (`tableToIPC`)', functions: ['tableToIPC'] },
  { phase: 'Parquet encoding (parquet-wasm)', functions: ['writeParquet'] },
  { phase: 'data-file metrics', functions: ['dataFileMetrics', 'metricsRecord'] },
  { phase: 'R2 writes (JavaScript side)', functions: ['put', 'putIfAbsent'] },
  { phase: 'Avro manifests + metadata (`prepareSnapshot`)', functions: ['prepareSnapshot'] },
  { phase: 'commit (`commitSnapshot`, pending record, the staged positions landing)', functions: ['commitSnapshot', 'recordPending'] },
  { phase: 'mark `_cdc` synced', functions: ['markSynced'] },
  { phase: 'rest of the changelog table (`exportChangelog`)', functions: ['exportChangelog'] },
  { phase: 'rest of the mirror table (`exportMirror`)', functions: ['exportMirror'] },
  { phase: 'rest of `exportChanges`', functions: ['exportChanges'] },
];

const stopwatch = startStopwatch();
const elapsed = stopwatch.label;
const round = (n: number, digits = 3) => Number(n.toFixed(digits));
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const mib = (bytes: number) => `${fmt(bytes / 2 ** 20, 1)} MiB`;

/** One export: its time (empty call subtracted), what it exported and what it added to the bucket. */
interface ExportSample {
  ms: number;
  /** CPU time the workerd processes used meanwhile (undefined without /proc). */
  cpuMs: number | undefined;
  result: ExportSummary;
  /** Objects and bytes the export added, by table. */
  added: TableUsage[];
}

/** `after` minus `before`, table by table. */
function addedUsage(before: readonly TableUsage[], after: readonly TableUsage[]): TableUsage[] {
  return after.map((table) => {
    const old = before.find((t) => t.table === table.table);
    const objects = Object.fromEntries(
      Object.entries(table.objects).map(([kind, { count, bytes }]) => [kind, { count: count - (old?.objects[kind as ObjectKind].count ?? 0), bytes: bytes - (old?.objects[kind as ObjectKind].bytes ?? 0) }]),
    ) as TableUsage['objects'];
    return { table: table.table, objects, snapshots: table.snapshots - (old?.snapshots ?? 0) };
  });
}

/** The changelog table of the Orders (there may be others, e.g. a mirror of the current documents). */
const changelogOf = (tables: readonly TableUsage[]) => tables.find((t) => t.table.endsWith('/Order_changelog'));

interface LayoutReport {
  layout: Layout;
  noopMs: number;
  wasm: { atInitBytes: number; afterWarmupBytes: number; afterFirstFullBytes: number; afterEachFullBytes: number[] };
  exports: ReturnType<typeof summarise>[];
  profile: { ms: number; phases: PhaseTime[] };
}

function summarise(kind: ExportKind, samples: readonly ExportSample[], json: JsonSize) {
  const first = samples[0]!;
  const entries = first.result.entries;
  const ms = median(samples.map((s) => s.ms));
  const best = Math.min(...samples.map((s) => s.ms));
  const cpu = samples.every((s) => s.cpuMs !== undefined) ? median(samples.map((s) => s.cpuMs!)) : undefined;
  const changelog = changelogOf(first.added);
  const dataBytes = changelog?.objects.data.bytes ?? 0;
  const parquetBytesPerRow = dataBytes / entries;
  const jsonBytesPerRow = json.bytes / json.entries;
  return {
    export: kind,
    entries,
    medianMs: round(ms, 1),
    rowsPerSec: Math.round((entries / ms) * 1000),
    bestMs: round(best, 1),
    bestRowsPerSec: Math.round((entries / best) * 1000),
    /** Median CPU time of the workerd processes during the export, and rows per CPU second (what a core of its own would give). */
    medianCpuMs: cpu === undefined ? null : round(cpu, 1),
    rowsPerCpuSec: cpu === undefined ? null : Math.round((entries / Math.max(cpu, 1)) * 1000),
    samplesCpuMs: samples.map((s) => s.cpuMs ?? null),
    samplesMs: samples.map((s) => round(s.ms, 1)),
    dataFiles: changelog?.objects.data.count ?? 0,
    snapshots: first.result.tables.length,
    parquetBytes: dataBytes,
    parquetBytesPerRow: round(parquetBytesPerRow, 2),
    jsonBytes: json.bytes,
    jsonBytesPerRow: round(jsonBytesPerRow, 2),
    ratio: round(parquetBytesPerRow / jsonBytesPerRow, 4),
    /** Every table's objects added by the first repetition (changelog, and any other the exporter writes). */
    tables: first.added,
  };
}

/** Times one export on `object` (prepared and run), and lists what it added to the bucket. */
async function timedExport(worker: BenchWorker<Method>, object: string, noopMs: number): Promise<ExportSample> {
  const before = (await worker.call(object, 'usage')) as TableUsage[];
  await worker.call(object, 'prepare', 'export', 0, 0);
  const cpuBefore = childCpuMs();
  const { ms, ...result } = await worker.timedRun<ExportSummary>(object);
  const cpuAfter = childCpuMs();
  const added = addedUsage(before, (await worker.call(object, 'usage')) as TableUsage[]);
  const cpuMs = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore;
  return { ms: Math.max(ms - noopMs, 1e-3), cpuMs, result, added };
}

/** Opens `object` as `variant` and writes `count` orders (untimed), with a progress line. */
async function loaded(worker: BenchWorker<Method>, object: string, variant: Variant, count: number): Promise<void> {
  const t0 = stopwatch.seconds();
  await worker.call(object, 'setup', variant);
  await worker.call(object, 'load', count);
  console.log(`${elapsed()}  ${variant.padEnd(8)} wrote ${fmt(count).padStart(7)} orders in ${(stopwatch.seconds() - t0).toFixed(2)} s (untimed)`);
}

async function benchLayout(layout: Layout): Promise<LayoutReport> {
  console.log(`${elapsed()}  ${layout.padEnd(8)} starting a fresh Worker (fresh isolate)`);
  const worker = await startBenchWorker<Method>('export', { inspector: true });
  try {
    const noopMs = await emptyCallMs(worker, NOOP_CALLS, stopwatch);
    const atInitBytes = (await worker.call('noop', 'wasmMemory')) as number;

    // Warm-up: the export's code paths run once before anything is timed.
    await loaded(worker, `${layout}/warm-up`, layout, WARMUP_ROWS);
    await timedExport(worker, `${layout}/warm-up`, noopMs);
    const afterWarmupBytes = (await worker.call(`${layout}/warm-up`, 'wasmMemory')) as number;
    await worker.call(`${layout}/warm-up`, 'drop');
    console.log(`${elapsed()}  ${layout.padEnd(8)} wasm memory ${mib(atInitBytes)} at init, ${mib(afterWarmupBytes)} after a ${fmt(WARMUP_ROWS)}-row warm-up export`);

    const series = new Map<ExportKind, { samples: ExportSample[]; json?: JsonSize }>();
    /** Times the export of `object`, which must export `expected` entries, as repetition `rep` of `kind`; the JSON size of its changes is read once. */
    const measure = async (object: string, kind: ExportKind, expected: number, rep: number) => {
      const synced = (await worker.call(object, 'syncedThrough')) as number;
      const sample = await timedExport(worker, object, noopMs);
      if (sample.result.entries !== expected) throw new Error(`bench:export: ${layout}, ${kind}: expected ${expected} entries exported, found ${sample.result.entries}`);
      const tables = sample.result.tables.map((t) => `${t.key}: ${t.files} files`).join('; ');
      console.log(`${elapsed()}  ${layout.padEnd(8)} ${kind.padEnd(26)} rep ${rep + 1}/${REPS}  ${fmt(sample.ms, 1).padStart(9)} ms  ${fmt((expected / sample.ms) * 1000).padStart(7)} rows/s, ${tables}`);
      let s = series.get(kind);
      if (s === undefined) series.set(kind, (s = { samples: [] }));
      s.samples.push(sample);
      s.json ??= (await worker.call(object, 'jsonSize', synced)) as JsonSize;
    };

    const afterEachFullBytes: number[] = [];
    for (let rep = 0; rep < REPS; rep++) {
      const object = `${layout}/full/${rep}`;
      await loaded(worker, object, layout, BIG);
      await measure(object, 'full 100,000', BIG, rep);
      afterEachFullBytes.push((await worker.call(object, 'wasmMemory')) as number);
      await worker.call(object, 'ship', UPDATES);
      await measure(object, 'incremental 1,000 updates', UPDATES, rep);
      await worker.call(object, 'drop');
    }
    for (let rep = 0; rep < REPS; rep++) {
      const object = `${layout}/small/${rep}`;
      await loaded(worker, object, layout, SMALL);
      await measure(object, 'full 10,000', SMALL, rep);
      await worker.call(object, 'drop');
    }

    // One more full export under the CPU profiler (sampling slows it: the split is in shares of this run).
    const object = `${layout}/profile`;
    await loaded(worker, object, layout, BIG);
    const profiler = await connectProfiler(worker.inspectorUrl!);
    const profiled = await profiler.profile(() => timedExport(worker, object, noopMs)).finally(() => profiler.close());
    await worker.call(object, 'drop');
    const phases = splitProfile(profiled.profile, EXPORT_PHASES);
    const profiledMs = profiled.result.ms;
    console.log(`${elapsed()}  ${layout.padEnd(8)} profiled full export: ${fmt(profiledMs, 1)} ms under the profiler; ${phases.slice(0, 4).map((p) => `${p.phase} ${fmt(p.share * 100, 1)}%`).join(', ')}, …`);

    return {
      layout,
      noopMs: round(noopMs),
      wasm: { atInitBytes, afterWarmupBytes, afterFirstFullBytes: afterEachFullBytes[0]!, afterEachFullBytes },
      exports: [...series].map(([kind, { samples, json }]) => summarise(kind, samples, json!)),
      profile: { ms: round(profiledMs, 1), phases: phases.map((p) => ({ phase: p.phase, ms: round(p.ms, 1), share: round(p.share, 4) })) },
    };
  } finally {
    await worker.dispose();
  }
}

/** The wasm memory of one 100,000-row export of unpartitioned orders (one data file, unless the exporter caps rows per file), on a fresh isolate with nothing exported before. */
interface MemoryProbe {
  variant: Variant;
  atInitBytes: number;
  afterBytes: number;
  dataFiles: number;
  parquetBytesPerRow: number;
}

/**
 * The worst case for parquet-wasm's memory: the partitioned Orders write a
 * data file per region, 25,000 rows each; here all 100,000 rows go into one
 * partition, first thing on a fresh Worker.
 */
async function probeMemory(): Promise<MemoryProbe> {
  const variant: Variant = 'batched, unpartitioned';
  console.log(`${elapsed()}  memory probe: a fresh Worker, one ${fmt(BIG)}-row export of unpartitioned orders`);
  const worker = await startBenchWorker<Method>('export');
  try {
    const atInitBytes = (await worker.call('noop', 'wasmMemory')) as number;
    const object = 'unpartitioned';
    await loaded(worker, object, variant, BIG);
    const sample = await timedExport(worker, object, 0);
    const afterBytes = (await worker.call(object, 'wasmMemory')) as number;
    const changelog = changelogOf(sample.added);
    const dataFiles = changelog?.objects.data.count ?? 0;
    const parquetBytesPerRow = round((changelog?.objects.data.bytes ?? 0) / BIG, 2);
    console.log(`${elapsed()}  memory probe: wasm memory ${mib(atInitBytes)} at init, ${mib(afterBytes)} after the export (${dataFiles} data file${dataFiles === 1 ? '' : 's'}, ${fmt(parquetBytesPerRow, 1)} Parquet bytes / row)`);
    return { variant, atInitBytes, afterBytes, dataFiles, parquetBytesPerRow };
  } finally {
    await worker.dispose();
  }
}

const loadAverageBefore = logLoadAverage('bench:export — bench/export/worker in local workerd;');
const reports: LayoutReport[] = [];
for (const layout of LAYOUTS) reports.push(await benchLayout(layout));
const memoryProbe = await probeMemory();

// The tables.
console.log('\n| layout | export | entries | time (median) | rows/s (median) | rows/s (best) | rows / CPU s | data files | Parquet bytes / row | JSON bytes / row | Parquet / JSON | snapshots |');
console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const report of reports) {
  for (const e of report.exports) {
    console.log(
      `| ${report.layout} | ${e.export} | ${fmt(e.entries)} | ${fmt(e.medianMs, 1)} ms | ${fmt(e.rowsPerSec)} | ${fmt(e.bestRowsPerSec)} | ${e.rowsPerCpuSec === null ? '—' : fmt(e.rowsPerCpuSec)} | ${e.dataFiles} | ${fmt(e.parquetBytesPerRow, 1)} | ${fmt(e.jsonBytesPerRow, 1)} | ${e.ratio.toFixed(3)}× | ${e.snapshots} |`,
    );
  }
}
const others = reports.flatMap((r) => r.exports.flatMap((e) => e.tables.filter((t) => !t.table.endsWith('/Order_changelog')).map((t) => ({ layout: r.layout, e, t }))));
for (const { layout, e, t } of others) console.log(`also written by the ${layout} ${e.export} export: ${t.table}, ${t.objects.data.count} data files, ${fmt(t.objects.data.bytes / e.entries, 1)} Parquet bytes / exported entry`);
console.log(`\nMedian (and best) of ${REPS} exports on fresh Durable Objects after a ${fmt(WARMUP_ROWS)}-row warm-up; time from the call to the resolved promise, empty-call round trip subtracted; rows / CPU s: entries over the median CPU time the workerd processes used during the export (/proc), which other processes' load inflates far less than wall time. Parquet bytes: the changelog table's data files; JSON bytes: \`JSON.stringify\` of each exported change's after image.`);

console.log('\n| orders | wasm memory at init | after warm-up | after the first 100,000-row export (peak) | after each 100,000-row export |');
console.log('|---|---:|---:|---:|---:|');
for (const { layout, wasm, exports } of reports) {
  console.log(`| ${layout} (${exports[0]!.dataFiles} data files per export) | ${mib(wasm.atInitBytes)} | ${mib(wasm.afterWarmupBytes)} | ${mib(wasm.afterFirstFullBytes)} | ${wasm.afterEachFullBytes.map(mib).join(', ')} |`);
}
console.log(`| ${memoryProbe.variant} (${memoryProbe.dataFiles} data file${memoryProbe.dataFiles === 1 ? '' : 's'}, no warm-up) | ${mib(memoryProbe.atInitBytes)} | — | ${mib(memoryProbe.afterBytes)} | — |`);

console.log(`\n| phase | ${reports.map((r) => `${r.layout} (share, ms of ${fmt(r.profile.ms)} profiled)`).join(' | ')} |`);
console.log(`|---|${reports.map(() => '---:').join('|')}|`);
const listedFirst = (phase: string) => (EXPORT_PHASES.some((p) => p.phase === phase) ? EXPORT_PHASES.findIndex((p) => p.phase === phase) : EXPORT_PHASES.length);
const phaseNames = [...new Set(reports.flatMap((r) => r.profile.phases.map((p) => p.phase)))].sort((a, b) => listedFirst(a) - listedFirst(b));
for (const phase of phaseNames) {
  const cells = reports.map((r) => {
    const p = r.profile.phases.find((x) => x.phase === phase);
    return p === undefined ? '—' : `${fmt(p.share * 100, 1)}% (${fmt(p.ms)} ms)`;
  });
  console.log(`| ${phase} | ${cells.join(' | ')} |`);
}

// The targets: the 100,000-row export of each layout.
const targets = reports.flatMap(({ layout, exports }) => {
  const full = exports.find((e) => e.export === 'full 100,000')!;
  return [
    { target: `${layout}: ≥ ${fmt(TARGET_ROWS_PER_SEC)} rows/s (100,000-row export)`, value: full.rowsPerSec, met: full.rowsPerSec >= TARGET_ROWS_PER_SEC },
    { target: `${layout}: Parquet ≤ ${TARGET_RATIO}× the JSON bytes`, value: full.ratio, met: full.ratio <= TARGET_RATIO },
  ];
});
console.log('');
for (const t of targets) console.log(`${t.met ? 'met    ' : 'MISSED '} ${t.target}: ${fmt(t.value, t.value < 1 ? 3 : 0)}`);

writeResults('export', { loadAverageBefore, stopwatch }, {
  method: {
    dataset: `Orders (9 fields: 4 strings, an enum, an int, decimal(12,2), a timestamp, a bool, a string list), partitioned by region (4 values); ${fmt(BIG)} and ${fmt(SMALL)} written with createMany, ${fmt(UPDATES)} single updates for the incremental export`,
    warmupRows: WARMUP_ROWS,
    reps: REPS,
    statistic: 'median export call time (call to resolved promise, timed in Node) minus the median empty-call round trip',
    noopCalls: NOOP_CALLS,
    cpu: 'user + system CPU time of the workerd processes (the Worker with its SQLite and local R2, and the dev proxy) during the export call, from /proc, 10 ms resolution',
    parquetBytes: 'data files of the changelog table added by the export, listed from the bucket',
    jsonBytes: 'UTF-8 bytes of JSON.stringify(entry.after) over the exported changes (db.cdc.getChangesAfter)',
    wasmMemory: "parquet-wasm's wasmMemory().buffer.byteLength, read after each export; a fresh Worker (isolate) per layout, and wasm memory never shrinks",
    profile: 'one more full export under the inspector’s sampling profiler (100 µs); each sample counts for the innermost listed function on its stack',
    targets: { rowsPerSec: TARGET_ROWS_PER_SEC, parquetOverJson: TARGET_RATIO },
  },
  targets,
  layouts: reports,
  memoryProbe,
});
