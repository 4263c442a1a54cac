/**
 * Plain Drizzle: the hand-written User table (plain-tables.ts) with Drizzle
 * builders on `drizzle-orm/durable-sqlite`, doing the work `db.store` does —
 * ids, defaults and timestamps filled in, `$version` bumped, and one
 * change-log row with the same after image written in the same
 * `transactionSync` as each write. No validation, no transaction counter
 * (the change log's transaction id is an in-memory counter).
 */
import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import type { DrizzleSqliteDODatabase } from 'drizzle-orm/durable-sqlite';
import { v7 as uuidv7 } from 'uuid';
import { changeEntry, changes, CHANGES_PER_INSERT, type NewChange } from '../../support/worker/change-log.js';
import { CursorMeter, type RowCost } from '../../support/worker/cursor-meter.js';
import { meteredDrizzle } from '../../support/worker/metered-drizzle.js';
import { PLAIN_DDL, users } from './plain-tables.js';
import { afterImage, type BenchUser, type NewBenchUser } from './users.js';
import { Tally, type Outcome, type Variant } from './variant.js';

/** DO SQLite binds at most 100 parameters per statement. */
const USERS_PER_INSERT = Math.floor(100 / 13);

export class DrizzleVariant implements Variant {
  readonly #storage: DurableObjectStorage;
  readonly #meter = new CursorMeter();
  readonly #db: DrizzleSqliteDODatabase;
  #tx = 0;

  constructor(storage: DurableObjectStorage) {
    this.#storage = storage;
    this.#db = meteredDrizzle(storage, this.#meter);
  }

  async setup(): Promise<void> {
    this.#storage.transactionSync(() => PLAIN_DDL.forEach((ddl) => this.#storage.sql.exec(ddl)));
  }

  #newUser(doc: NewBenchUser, now: Date): BenchUser {
    return { $id: uuidv7(), $type: 'User', $version: 1, $createdAt: now, $updatedAt: now, ...doc, status: 'active', createdAt: now };
  }

  #change(user: BenchUser, op: 'insert' | 'update', tx: number, changed: string | null): NewChange {
    return changeEntry('User', user, afterImage(user), op, tx, changed);
  }

  create(docs: readonly NewBenchUser[]): Outcome {
    const tally = new Tally();
    for (const doc of docs) {
      const user = this.#storage.transactionSync(() => {
        const created = this.#newUser(doc, new Date());
        this.#db.insert(users).values(created).run();
        this.#db.insert(changes).values(this.#change(created, 'insert', ++this.#tx, null)).run();
        return created;
      });
      tally.add(user);
    }
    return tally.outcome;
  }

  createMany(docs: readonly NewBenchUser[]): Outcome {
    const tally = new Tally();
    const created = this.#storage.transactionSync(() => {
      const now = new Date();
      const tx = ++this.#tx;
      const rows = docs.map((doc) => this.#newUser(doc, now));
      for (let i = 0; i < rows.length; i += USERS_PER_INSERT) this.#db.insert(users).values(rows.slice(i, i + USERS_PER_INSERT)).run();
      for (let i = 0; i < rows.length; i += CHANGES_PER_INSERT) {
        this.#db
          .insert(changes)
          .values(rows.slice(i, i + CHANGES_PER_INSERT).map((row) => this.#change(row, 'insert', tx, null)))
          .run();
      }
      return rows;
    });
    for (const user of created) tally.add(user);
    return tally.outcome;
  }

  get(ids: readonly string[]): Outcome {
    const tally = new Tally();
    for (const id of ids) tally.add(this.#db.select().from(users).where(eq(users.$id, id)).get());
    return tally.outcome;
  }

  update(ids: readonly string[], ages: readonly number[]): Outcome {
    const tally = new Tally();
    ids.forEach((id, k) => {
      const user = this.#storage.transactionSync(() => {
        const updated = this.#db
          .update(users)
          .set({ age: ages[k]!, $version: sql`${users.$version} + 1`, $updatedAt: new Date() })
          .where(eq(users.$id, id))
          .returning()
          .get();
        if (updated === undefined) throw new Error(`bench: expected User ${id}, found none`);
        this.#db.insert(changes).values(this.#change(updated, 'update', ++this.#tx, '["age"]')).run();
        return updated;
      });
      tally.add(user);
    });
    return tally.outcome;
  }

  queryByEmail(emails: readonly string[]): Outcome {
    const tally = new Tally();
    for (const email of emails) {
      for (const user of this.#db.select().from(users).where(eq(users.email, email)).orderBy(asc(users.$id)).all()) tally.add(user);
    }
    return tally.outcome;
  }

  queryByAge(ranges: readonly (readonly [number, number])[]): Outcome {
    const tally = new Tally();
    for (const [lo, hi] of ranges) {
      const found = this.#db
        .select()
        .from(users)
        .where(and(gte(users.age, lo), lte(users.age, hi)))
        .orderBy(asc(users.$id))
        .all();
      for (const user of found) tally.add(user);
    }
    return tally.outcome;
  }

  cost(): RowCost {
    return this.#meter.total;
  }
}
