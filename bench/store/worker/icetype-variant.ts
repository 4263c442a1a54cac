/**
 * drizzle-icetype: the document API (`db.store`) over the example schema,
 * migrated with `migrate` — validation, defaults, the transaction counter
 * and the CDC triggers included, as an application would run it.
 */
import { drizzle, migrate } from '../../../src/index.js';
import migrations from '../../../migrations/migrations.js';
import { schema } from '../../../examples/schema.js';
import type { RowCost } from '../../support/worker/cursor-meter.js';
import type { NewBenchUser } from './users.js';
import { Tally, type Outcome, type Variant } from './variant.js';

export class IceTypeVariant implements Variant {
  readonly #db;

  constructor(storage: DurableObjectStorage) {
    this.#db = drizzle(storage, { schema });
  }

  async setup(): Promise<void> {
    await migrate(this.#db, migrations);
  }

  create(docs: readonly NewBenchUser[]): Outcome {
    const tally = new Tally();
    for (const doc of docs) tally.add(this.#db.store.create('User', doc));
    return tally.outcome;
  }

  createMany(docs: readonly NewBenchUser[]): Outcome {
    const tally = new Tally();
    for (const doc of this.#db.store.createMany('User', docs)) tally.add(doc);
    return tally.outcome;
  }

  get(ids: readonly string[]): Outcome {
    const tally = new Tally();
    for (const id of ids) tally.add(this.#db.store.get('User', id));
    return tally.outcome;
  }

  update(ids: readonly string[], ages: readonly number[]): Outcome {
    const tally = new Tally();
    ids.forEach((id, k) => tally.add(this.#db.store.update('User', id, { age: ages[k]! })));
    return tally.outcome;
  }

  queryByEmail(emails: readonly string[]): Outcome {
    const tally = new Tally();
    for (const email of emails) {
      for (const doc of this.#db.store.query('User', { where: { email } }).documents) tally.add(doc);
    }
    return tally.outcome;
  }

  queryByAge(ranges: readonly (readonly [number, number])[]): Outcome {
    const tally = new Tally();
    for (const [lo, hi] of ranges) {
      for (const doc of this.#db.store.query('User', { where: { age: { $gte: lo, $lte: hi } } }).documents) tally.add(doc);
    }
    return tally.outcome;
  }

  cost(): RowCost {
    return this.#db.$cost.total;
  }
}
