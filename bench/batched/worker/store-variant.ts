/**
 * drizzle-icetype: the document API (`db.store`) over the Event schema, on
 * the batched layout (B = 128; optionally with zone maps off, so a range is
 * evaluated over every batch) or the rows layout (migrated with the
 * drizzle-kit migration in bench/batched/migrations). Validation, the
 * change log and the cost meter included, as an application would run it.
 */
import { createConfig, drizzle, migrate, type IceTypeDatabase } from '../../../src/index.js';
import type { RowCost } from '../../support/worker/cursor-meter.js';
import migrations from '../migrations/migrations.js';
import { batchedSchema, rowsSchema, type NewBenchEvent } from './events.js';
import { Tally, type Explanation, type Variant } from './variant.js';

export type StoreLayout = 'batched' | 'batched, zone maps off' | 'rows';

export class StoreVariant implements Variant {
  readonly #db: IceTypeDatabase<(typeof batchedSchema)['definition']>;
  readonly #layout: StoreLayout;
  #decoded = 0;

  constructor(storage: DurableObjectStorage, layout: StoreLayout) {
    this.#layout = layout;
    const config = createConfig('DOCUMENT_STORE', { storage: { batchSize: 128 }, indexes: { zoneMaps: layout !== 'batched, zone maps off' } });
    // The two schema sets differ only in `$storage`; the document types are the same.
    const schema = layout === 'rows' ? (rowsSchema as unknown as typeof batchedSchema) : batchedSchema;
    this.#db = drizzle(storage, { schema, config });
  }

  async setup(): Promise<void> {
    await migrate(this.#db, this.#layout === 'rows' ? migrations : { migrations: {} });
    const layout = this.#db.store.layoutOf('Event');
    if (layout !== (this.#layout === 'rows' ? 'rows' : 'batched')) throw new Error(`bench: expected Event on the ${this.#layout} layout, found ${layout}`);
  }

  /** Runs one store operation and counts the batches it decoded. */
  #op<T>(fn: () => T): T {
    const result = fn();
    this.#decoded += this.#db.$cost.lastBatchesDecoded;
    return result;
  }

  createMany(docs: readonly NewBenchEvent[]): Tally[] {
    const tally = new Tally();
    for (const doc of this.#op(() => this.#db.store.createMany('Event', docs))) tally.add(doc);
    return [tally];
  }

  queryByAt(ranges: readonly (readonly [Date, Date])[]): Tally[] {
    return ranges.map(([lo, hi]) => {
      const tally = new Tally();
      for (const doc of this.#op(() => this.#db.store.query('Event', { where: { at: { $gte: lo, $lte: hi } } })).documents) tally.add(doc);
      return tally;
    });
  }

  queryByKind(kinds: readonly string[]): Tally[] {
    return kinds.map((kind) => {
      const tally = new Tally();
      for (const doc of this.#op(() => this.#db.store.query('Event', { where: { kind } })).documents) tally.add(doc);
      return tally;
    });
  }

  latestBefore(times: readonly Date[], limit: number): Tally[] {
    return times.map((before) => {
      const tally = new Tally();
      for (const doc of this.#op(() => this.#db.store.query('Event', { where: { at: { $lt: before } }, orderBy: { at: 'desc' }, limit })).documents) tally.add(doc);
      return tally;
    });
  }

  get(ids: readonly string[]): Tally[] {
    const tally = new Tally();
    for (const id of ids) tally.add(this.#op(() => this.#db.store.get('Event', id)));
    return [tally];
  }

  update(ids: readonly string[], amounts: readonly number[]): Tally[] {
    const tally = new Tally();
    ids.forEach((id, k) => tally.add(this.#op(() => this.#db.store.update('Event', id, { amount: amounts[k]! }))));
    return [tally];
  }

  explain(where: { at: readonly [Date, Date] } | { kind: string } | { before: Date; limit: number }): Explanation {
    if ('before' in where) return this.#db.explain('Event', { where: { at: { $lt: where.before } }, orderBy: { at: 'desc' }, limit: where.limit }) as unknown as Explanation;
    const filter = 'kind' in where ? { kind: where.kind } : { at: { $gte: where.at[0], $lte: where.at[1] } };
    return this.#db.explain('Event', { where: filter }) as unknown as Explanation;
  }

  cost(): RowCost {
    return this.#db.$cost.total;
  }

  decoded(): number {
    return this.#decoded;
  }
}
