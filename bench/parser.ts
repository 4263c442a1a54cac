/**
 * `npm run bench:parser` — IceType parsing speed, side by side with the
 * published `@icetype/core` in the same run. Prints ops/s and our ratio, and
 * writes bench/results/parser.json.
 */
import { writeFileSync } from 'node:fs';
import * as published from '@icetype/core';
import Benchmark from 'benchmark';
import { inferType, parseField, parseRelation, parseSchema } from '../src/icetype/index.js';
import { complexSchema, fieldStrings, inferValues, relationStrings, simpleSchema } from './parser-workloads.js';

interface Contender {
  readonly parseSchema: (definition: Record<string, unknown>) => unknown;
  readonly parseField: (type: string) => unknown;
  readonly parseRelation: (relation: string) => unknown;
  readonly inferType: (value: unknown) => unknown;
}

const ours: Contender = {
  parseSchema: (definition) => parseSchema(definition),
  parseField: (type) => parseField(type),
  parseRelation: (relation) => parseRelation(relation),
  inferType,
};
const theirs: Contender = {
  parseSchema: (definition) => published.parseSchema(definition as Parameters<typeof published.parseSchema>[0]),
  parseField: (type) => published.parseField(type),
  parseRelation: (relation) => published.parseRelation(relation),
  inferType: (value) => published.inferType(value),
};

/** Each operation: one call of the workload per benchmark iteration. */
const operations: Record<string, (c: Contender) => () => void> = {
  'schema parse (simple)': (c) => () => void c.parseSchema(simpleSchema),
  'schema parse (complex)': (c) => () => void c.parseSchema(complexSchema),
  'field parse (8 strings)': (c) => () => fieldStrings.forEach((s) => c.parseField(s)),
  'relation parse (6 strings)': (c) => () => relationStrings.forEach((s) => c.parseRelation(s)),
  'inferType (10 values)': (c) => () => inferValues.forEach((v) => c.inferType(v)),
};

// Both parsers must accept every input, or the comparison means nothing.
for (const [name, make] of Object.entries(operations)) {
  make(ours)();
  make(theirs)();
  process.stdout.write(`checked: ${name}\n`);
}

interface Row {
  operation: string;
  oursOpsPerSec: number;
  publishedOpsPerSec: number;
  ratio: number;
}
const rows: Row[] = [];
for (const [operation, make] of Object.entries(operations)) {
  const hz: Record<string, number> = {};
  await new Promise<void>((resolve) => {
    new Benchmark.Suite()
      .add('drizzle-icetype', make(ours), { minSamples: 20 })
      .add('@icetype/core', make(theirs), { minSamples: 20 })
      .on('cycle', (event: Benchmark.Event) => {
        const bench = event.target as unknown as { name: string; hz: number };
        hz[bench.name] = bench.hz;
        process.stdout.write(`  ${operation}: ${String(event.target)}\n`);
      })
      .on('complete', () => resolve())
      .run({ async: false });
  });
  const oursHz = hz['drizzle-icetype'] ?? 0;
  const theirsHz = hz['@icetype/core'] ?? 0;
  rows.push({ operation, oursOpsPerSec: Math.round(oursHz), publishedOpsPerSec: Math.round(theirsHz), ratio: Number((oursHz / theirsHz).toFixed(2)) });
}

console.log('\n| operation | drizzle-icetype ops/s | @icetype/core 0.3.0 ops/s | ratio |');
console.log('|---|---:|---:|---:|');
for (const row of rows) {
  console.log(`| ${row.operation} | ${row.oursOpsPerSec.toLocaleString('en-US')} | ${row.publishedOpsPerSec.toLocaleString('en-US')} | ${row.ratio}× |`);
}
const out = new URL('./results/parser.json', import.meta.url);
writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), node: process.version, rows }, null, 2)}\n`);
console.log(`\nwrote ${out.pathname}`);
