/**
 * Decoding with Debian's python3-avro through `read_avro.py`. The
 * interpreter is `AVRO_PYTHON` or `/usr/bin/python3` (Debian's, where
 * `apt-get install python3-avro` puts the module; a pyenv `python3` on PATH
 * would not have it). A missing module fails the test: CI installs it
 * (`.ci/run`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SCRIPT = new URL('./read_avro.py', import.meta.url).pathname;
const PYTHON = process.env['AVRO_PYTHON'] ?? '/usr/bin/python3';

/** What python3-avro read from one file. */
export interface PythonFile {
  readonly meta: Record<string, string>;
  /** `field-ids.ts`'s lines for the schema as Python parsed it. */
  readonly ids: string[];
  readonly records: unknown[];
}

function revive(_key: string, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const tagged = value as Record<string, string>;
  if ('$int' in tagged) return BigInt(tagged['$int']!);
  if ('$bytes' in tagged) return new Uint8Array(Buffer.from(tagged['$bytes']!, 'hex'));
  if ('$float' in tagged) return { nan: Number.NaN, inf: Number.POSITIVE_INFINITY, '-inf': Number.NEGATIVE_INFINITY }[tagged['$float']!];
  return value;
}

/** Each file decoded by python3-avro, in one interpreter run. */
export function pythonFiles(files: readonly Uint8Array[]): PythonFile[] {
  const dir = mkdtempSync(join(tmpdir(), 'avro-py-'));
  try {
    const paths = files.map((bytes, i) => {
      const path = join(dir, `${i}.avro`);
      writeFileSync(path, bytes);
      return path;
    });
    const run = spawnSync(PYTHON, [SCRIPT, ...paths], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (run.error !== undefined) throw new Error(`python3-avro: cannot run ${PYTHON}: ${run.error.message}`);
    if (run.status !== 0) throw new Error(`python3-avro: ${PYTHON} read_avro.py exited ${String(run.status)}:\n${run.stderr}`);
    return JSON.parse(run.stdout, revive) as PythonFile[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
