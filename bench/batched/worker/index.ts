/**
 * The batched benchmark's Worker (bench/batched/run.ts drives it): one
 * SQLite-backed Durable Object class, `BatchedBench`; each object holds one
 * variant's copy of the 100,000 Events. The runner prepares a workload's
 * inputs in one call, then times the call that runs it: workerd's clocks
 * stand still during synchronous code, so time is measured in Node around
 * the whole round trip.
 */
import { DurableObject } from 'cloudflare:workers';
import { benchCallHandler } from '../../support/worker/call-handler.js';
import type { RowCost } from '../../support/worker/cursor-meter.js';
import { DrizzleVariant } from './drizzle-variant.js';
import { atRange, benchEvent, CHUNK, COMMON_KINDS, DATASET_SIZE, eventId, LATEST_LIMIT, latestBefore, pick, RARE_KINDS, updatedAmount } from './events.js';
import { StoreVariant } from './store-variant.js';
import type { Explanation, Outcome, Tally, Variant, VariantName } from './variant.js';

export type Workload = 'insert' | 'range' | 'latest' | 'get' | 'update' | 'kindCommon' | 'kindRare';

/** What one timed call did: billed rows and batches decoded (what it produced comes from `outcomes`, untimed). */
export interface RunResult extends RowCost {
  batchesDecoded: number;
}

function openVariant(name: VariantName, storage: DurableObjectStorage): Variant {
  return name === 'plain drizzle' ? new DrizzleVariant(storage) : new StoreVariant(storage, name);
}

const range = <T>(size: number, f: (k: number) => T) => Array.from({ length: size }, (_, k) => f(k));

/** The k-th kind queried in repetition `rep`. */
function kindFor(workload: 'kindCommon' | 'kindRare', rep: number, k: number): string {
  return workload === 'kindCommon' ? COMMON_KINDS[(rep * 5 + k) % COMMON_KINDS.length]! : RARE_KINDS[(rep + k) % RARE_KINDS.length]!;
}

export class BatchedBench extends DurableObject {
  #variant: Variant | undefined;
  #prepared: ((variant: Variant) => Tally[]) | undefined;
  #produced: Tally[] | undefined;

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

  /** Builds the inputs of `n` operations of `workload` for repetition `rep` (for `insert`: chunk `rep`); untimed. */
  prepare(workload: Workload, n: number, rep: number): void {
    this.#prepared = inputs(workload, n, rep);
  }

  /** Runs the prepared workload once; the runner times this call. */
  run(): RunResult {
    const variant = this.#open();
    const prepared = this.#prepared;
    if (prepared === undefined) throw new Error('bench: expected prepare before run');
    this.#prepared = undefined;
    const before = variant.cost();
    const decodedBefore = variant.decoded();
    this.#produced = prepared(variant);
    const after = variant.cost();
    return { rowsRead: after.rowsRead - before.rowsRead, rowsWritten: after.rowsWritten - before.rowsWritten, batchesDecoded: variant.decoded() - decodedBefore };
  }

  /** What the last `run` produced, counted and digested (untimed: the runner calls it after timing `run`). */
  outcomes(): Outcome[] {
    const produced = this.#produced;
    if (produced === undefined) throw new Error('bench: expected run before outcomes');
    this.#produced = undefined;
    return produced.map((tally) => tally.outcome);
  }

  /** `db.explain` of the first query of `workload` in repetition `rep`. */
  explain(workload: 'range' | 'latest' | 'kindCommon' | 'kindRare', rep: number): Explanation | null {
    const where =
      workload === 'range' ? { at: atRange(rep, 0) } : workload === 'latest' ? { before: latestBefore(rep, 0), limit: LATEST_LIMIT } : { kind: kindFor(workload, rep, 0) };
    return this.#open().explain(where);
  }

  /** Rows in the object's tables, read past the meters (what the variant's layout stores). */
  tableRows(): Record<string, number> {
    const sql = this.ctx.storage.sql;
    const tables = sql.exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('Event', '_batches', '_cdc')").toArray();
    return Object.fromEntries(tables.map(({ name }) => [name, sql.exec<{ n: number }>(`SELECT count(*) AS n FROM "${name}"`).one().n]));
  }

  #open(): Variant {
    if (this.#variant === undefined) throw new Error('bench: expected setup first');
    return this.#variant;
  }
}

function inputs(workload: Workload, n: number, rep: number): (variant: Variant) => Tally[] {
  switch (workload) {
    case 'insert': {
      if (n !== CHUNK || (rep + 1) * CHUNK > DATASET_SIZE) throw new Error(`bench: expected chunks of ${CHUNK} within ${DATASET_SIZE} events, found chunk ${rep} of ${n}`);
      // Cloned as an RPC call or a request body would deliver them: flat strings, not the generator's concatenations.
      const docs = structuredClone(range(n, (k) => benchEvent(rep * CHUNK + k)));
      return (v) => v.createMany(docs);
    }
    case 'range': {
      const ranges = range(n, (k) => atRange(rep, k));
      return (v) => v.queryByAt(ranges);
    }
    case 'latest': {
      const times = range(n, (k) => latestBefore(rep, k));
      return (v) => v.latestBefore(times, LATEST_LIMIT);
    }
    case 'get': {
      const ids = range(n, (k) => eventId(pick(rep, k, DATASET_SIZE)));
      return (v) => v.get(ids);
    }
    case 'update': {
      const ids = range(n, (k) => eventId(pick(rep + 100, k, DATASET_SIZE)));
      const amounts = range(n, (k) => updatedAmount(rep, k));
      return (v) => v.update(ids, amounts);
    }
    case 'kindCommon':
    case 'kindRare': {
      const kinds = range(n, (k) => kindFor(workload, rep, k));
      return (v) => v.queryByKind(kinds);
    }
  }
}

interface Env {
  BATCHED_BENCH: DurableObjectNamespace<BatchedBench>;
}

export default benchCallHandler((env: Env) => env.BATCHED_BENCH, ['setup', 'noop', 'prepare', 'run', 'outcomes', 'explain', 'tableRows']);
