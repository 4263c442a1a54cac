/**
 * drizzle-icetype over the Orders of orders.ts, on the rows layout (migrated
 * with the drizzle-kit migration in bench/export/migrations) or batched
 * (partitioned or not), with `db.cdc.exportNow` exporting into the Worker's
 * R2 bucket under this object's own prefix — as an application would
 * configure it.
 */
import { drizzle, migrate, r2ObjectStore, type ExportResult, type IceTypeDatabase } from '../../../src/index.js';
import { workerdParquetWasm } from '../../../src/parquet/writer/workerd-wasm.js';
import type { BenchVariant } from '../../support/worker/bench-object.js';
import migrations from '../migrations/migrations.js';
import type { JsonSize, Variant } from '../reports.js';
import { batchedSchema, newOrder, rowsSchema, unpartitionedSchema } from './orders.js';

/** The warehouse URI the data files are recorded under (the bucket's name; readers resolve it). */
export const LOCATION = 'r2://drizzle-icetype-bench-export/warehouse';
export const NAMESPACE = 'shop';
/** Orders per `createMany`. */
const CHUNK = 10_000;

export class OrderStore implements BenchVariant {
  readonly #db: IceTypeDatabase<(typeof rowsSchema)['definition']>;
  readonly #layout: 'rows' | 'batched';
  #written = 0;

  constructor(storage: DurableObjectStorage, variant: Variant, bucket: R2Bucket, prefix: string) {
    this.#layout = variant === 'rows' ? 'rows' : 'batched';
    // The schema sets differ only in `$storage` and `$partitionBy`; the document types are the same.
    const schema = variant === 'rows' ? rowsSchema : ((variant === 'batched' ? batchedSchema : unpartitionedSchema) as unknown as typeof rowsSchema);
    this.#db = drizzle(storage, { schema, iceberg: { store: r2ObjectStore(bucket, prefix), location: LOCATION, namespace: NAMESPACE, wasm: workerdParquetWasm } });
  }

  async setup(): Promise<void> {
    await migrate(this.#db, this.#layout === 'rows' ? migrations : { migrations: {} });
    const layout = this.#db.store.layoutOf('Order');
    if (layout !== this.#layout) throw new Error(`bench: expected Order on the ${this.#layout} layout, found ${layout}`);
  }

  /** Writes the next `count` orders, `CHUNK` per `createMany` (one transaction each); returns how many. */
  load(count: number): number {
    for (let done = 0; done < count; ) {
      const size = Math.min(CHUNK, count - done);
      const docs = Array.from({ length: size }, (_, k) => newOrder(this.#written + k));
      this.#db.store.createMany('Order', docs);
      this.#written += size;
      done += size;
    }
    return count;
  }

  /** Ships `count` orders: one `update` (one transaction, one change) each. */
  ship(count: number): number {
    const { documents } = this.#db.store.query('Order', { orderBy: { placedAt: 'asc' }, limit: count });
    for (const order of documents) this.#db.store.update('Order', order.$id, { status: 'shipped' });
    return documents.length;
  }

  export(): Promise<ExportResult> {
    return this.#db.cdc.exportNow();
  }

  /** Every change up to this `seq` is synced (exported). */
  syncedThrough(): number {
    return this.#db.cdc.getCDCCursor().syncedThrough;
  }

  /** `JSON.stringify` of the after image of every change after `afterSeq`, in UTF-8 bytes. */
  jsonSize(afterSeq: number): JsonSize {
    const encoder = new TextEncoder();
    const entries = this.#db.cdc.getChangesAfter(afterSeq, 1_000_000);
    let bytes = 0;
    for (const entry of entries) bytes += encoder.encode(JSON.stringify(entry.after)).length;
    return { entries: entries.length, bytes };
  }
}
