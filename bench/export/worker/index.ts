/**
 * The export benchmark's Worker (bench/export/run.ts drives it): one
 * SQLite-backed Durable Object class, `ExportBench`, and a local R2 bucket.
 * Each object holds one layout's Orders and exports them under its own
 * prefix of the bucket. The runner writes the orders (untimed), then times
 * the call that runs `db.cdc.exportNow()` — workerd's clocks stand still
 * during synchronous code, so time is measured in Node around the round
 * trip — and afterwards reads what the export wrote, the JSON size of the
 * same documents and parquet-wasm's memory.
 */
import { workerdParquetWasm } from '../../../src/parquet/writer/workerd-wasm.js';
import { BenchObject } from '../../support/worker/bench-object.js';
import { benchCallHandler } from '../../support/worker/call-handler.js';
import type { ExportSummary, JsonSize, ObjectKind, TableUsage, Variant } from '../reports.js';
import { OrderStore } from './order-store.js';

interface Env {
  EXPORT_BENCH: DurableObjectNamespace<ExportBench>;
  BUCKET: R2Bucket;
}

/** The kind of the object `file` in the table folder `folder` (`data` or `metadata`). */
function kindOf(folder: string | undefined, file: string): ObjectKind {
  if (folder === 'data') return file.endsWith('-deletes.parquet') ? 'deletes' : 'data';
  return file.endsWith('.avro') ? 'avro' : 'metadata';
}

export class ExportBench extends BenchObject<Variant, OrderStore, 'export', Promise<ExportSummary>> {
  readonly #bucket: R2Bucket;
  /** This object's part of the bucket. */
  readonly #prefix: string;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#bucket = env.BUCKET;
    this.#prefix = `${ctx.id.toString()}/`;
  }

  protected openVariant(variant: Variant): OrderStore {
    return new OrderStore(this.ctx.storage, variant, this.#bucket, this.#prefix);
  }

  protected inputs(): (store: OrderStore) => Promise<ExportSummary> {
    return (store) => store.export();
  }

  /** Writes the next `count` orders (untimed); returns how many. */
  load(count: number): number {
    return this.variant.load(count);
  }

  /** Updates `count` orders, one transaction each (untimed); returns how many. */
  ship(count: number): number {
    return this.variant.ship(count);
  }

  /** Every change up to this `seq` is exported. */
  syncedThrough(): number {
    return this.variant.syncedThrough();
  }

  /** The JSON size of the documents of the changes after `afterSeq`. */
  jsonSize(afterSeq: number): JsonSize {
    return this.variant.jsonSize(afterSeq);
  }

  /**
   * parquet-wasm's linear memory in bytes, initialising the module if no
   * export has yet. Wasm memory only grows, so after an export this is the
   * isolate's peak so far.
   */
  wasmMemory(): number {
    return workerdParquetWasm().wasmMemory().buffer.byteLength;
  }

  /** What this object's exports wrote, table by table, listed from the bucket. */
  async usage(): Promise<TableUsage[]> {
    const tables = new Map<string, TableUsage>();
    for (const object of await this.#objects()) {
      const [namespace, table, folder, file = ''] = object.key.slice(this.#prefix.length).split('/');
      const name = `${namespace}/${table}`;
      let usage = tables.get(name);
      if (usage === undefined) {
        const none = () => ({ count: 0, bytes: 0 });
        tables.set(name, (usage = { table: name, objects: { data: none(), deletes: none(), avro: none(), metadata: none() }, snapshots: 0 }));
      }
      const kind = usage.objects[kindOf(folder, file)];
      kind.count++;
      kind.bytes += object.size;
      if (file.startsWith('snap-')) usage.snapshots++;
    }
    return [...tables.values()].sort((a, b) => (a.table < b.table ? -1 : 1));
  }

  /** Empties this object's database and its part of the bucket, so finished runs do not hold memory. */
  async drop(): Promise<void> {
    const keys = (await this.#objects()).map((o) => o.key);
    // R2 deletes at most 1,000 keys per call.
    for (let i = 0; i < keys.length; i += 1000) await this.#bucket.delete(keys.slice(i, i + 1000));
    await this.ctx.storage.deleteAll();
  }

  /** Every object under this object's prefix. */
  async #objects(): Promise<R2Object[]> {
    const objects: R2Object[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.#bucket.list({ prefix: this.#prefix, ...(cursor === undefined ? {} : { cursor }) });
      objects.push(...page.objects);
      cursor = page.truncated ? page.cursor : undefined;
    } while (cursor !== undefined);
    return objects;
  }
}

export default benchCallHandler((env: Env) => env.EXPORT_BENCH, ['setup', 'noop', 'prepare', 'run', 'load', 'ship', 'syncedThrough', 'jsonSize', 'wasmMemory', 'usage', 'drop']);
