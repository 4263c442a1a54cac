/**
 * The store benchmark's Worker (bench/store/run.ts drives it): one
 * SQLite-backed Durable Object class, `StoreBench`; each object runs one
 * variant. The runner prepares a workload's inputs in one call, then times
 * the call that runs it: workerd's clocks stand still during synchronous
 * code, so time is measured in Node around the whole round trip.
 */
import { DurableObject } from 'cloudflare:workers';
import { benchCallHandler } from '../../support/worker/call-handler.js';
import type { RowCost } from '../../support/worker/cursor-meter.js';
import { DrizzleVariant } from './drizzle-variant.js';
import { IceTypeVariant } from './icetype-variant.js';
import { RawVariant } from './raw-variant.js';
import { ageRange, benchUser, DATASET_SIZE, emailOf, pick, updatedAge } from './users.js';
import type { Outcome, Variant, VariantName } from './variant.js';

export type Workload = 'create' | 'createMany' | 'get' | 'update' | 'queryByEmail' | 'queryByAge';

/** What one timed call did: billed rows, and what it produced (for the cross-variant check). */
export interface RunResult extends RowCost, Outcome {}

function openVariant(name: VariantName, storage: DurableObjectStorage): Variant {
  switch (name) {
    case 'drizzle-icetype':
      return new IceTypeVariant(storage);
    case 'plain drizzle':
      return new DrizzleVariant(storage);
    case 'raw sql.exec':
      return new RawVariant(storage);
  }
}

export class StoreBench extends DurableObject {
  #variant: Variant | undefined;
  #ids: string[] | undefined;
  #prepared: ((variant: Variant) => Outcome) | undefined;

  /** Opens this object as `variant` and creates its tables. */
  async setup(variant: VariantName): Promise<void> {
    if (this.#variant !== undefined) throw new Error('bench: setup twice');
    this.#variant = openVariant(variant, this.ctx.storage);
    await this.#variant.setup();
  }

  /** The empty call whose round trip the runner subtracts. */
  noop(): null {
    return null;
  }

  /** Builds the inputs of `n` operations of `workload` for repetition `rep`; untimed. */
  prepare(workload: Workload, n: number, rep: number): void {
    this.#prepared = this.#inputs(workload, n, rep);
  }

  /** Runs the prepared workload once; the runner times this call. */
  run(): RunResult {
    const variant = this.#variant;
    const prepared = this.#prepared;
    if (variant === undefined || prepared === undefined) throw new Error('bench: expected setup and prepare before run');
    this.#prepared = undefined;
    const before = variant.cost();
    const outcome = prepared(variant);
    const after = variant.cost();
    return { rowsRead: after.rowsRead - before.rowsRead, rowsWritten: after.rowsWritten - before.rowsWritten, ...outcome };
  }

  #inputs(workload: Workload, n: number, rep: number): (variant: Variant) => Outcome {
    const range = (size: number, f: (k: number) => number) => Array.from({ length: size }, (_, k) => f(k));
    switch (workload) {
      case 'create': {
        const docs = range(n, (k) => DATASET_SIZE + rep * n + k).map(benchUser);
        return (v) => v.create(docs);
      }
      case 'createMany': {
        const docs = range(n, (k) => k).map(benchUser);
        return (v) => v.createMany(docs);
      }
      case 'get': {
        const ids = this.#datasetIds();
        const picked = range(n, (k) => pick(rep, k, ids.length)).map((i) => ids[i]!);
        return (v) => v.get(picked);
      }
      case 'update': {
        const ids = this.#datasetIds();
        const picked = range(n, (k) => pick(rep, k, ids.length)).map((i) => ids[i]!);
        const ages = range(n, (k) => updatedAge(rep, k));
        return (v) => v.update(picked, ages);
      }
      case 'queryByEmail': {
        const emails = range(n, (k) => pick(rep, k, DATASET_SIZE)).map(emailOf);
        return (v) => v.queryByEmail(emails);
      }
      case 'queryByAge': {
        const ranges = range(n, (k) => k).map((k) => ageRange(rep, k));
        return (v) => v.queryByAge(ranges);
      }
    }
  }

  /**
   * The newest change-log entry's operation and after-image fields with
   * their JSON types, read past the meters: the runner checks that every
   * variant logs the same shape.
   */
  lastChange(): string {
    const row = this.ctx.storage.sql.exec<{ op: string; after: string | null }>('SELECT op, after FROM _cdc ORDER BY seq DESC LIMIT 1').toArray()[0];
    if (row === undefined) return 'none';
    const after = row.after === null ? {} : (JSON.parse(row.after) as Record<string, unknown>);
    const fields = Object.entries(after).map(([key, value]) => `${key}: ${value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value}`);
    return `${row.op} {${fields.join(', ')}}`;
  }

  /** The dataset's ids in insertion order (`ids[i]` is `benchUser(i)`), read past the meters. */
  #datasetIds(): string[] {
    this.#ids ??= this.ctx.storage.sql
      .exec<{ id: string }>('SELECT "$id" AS id FROM "User" ORDER BY rowid')
      .toArray()
      .map((row) => row.id);
    if (this.#ids.length !== DATASET_SIZE) throw new Error(`bench: expected ${DATASET_SIZE} Users, found ${this.#ids.length} (run createMany first)`);
    return this.#ids;
  }
}

interface Env {
  STORE_BENCH: DurableObjectNamespace<StoreBench>;
}

export default benchCallHandler((env: Env) => env.STORE_BENCH, ['setup', 'noop', 'prepare', 'run', 'lastChange']);
