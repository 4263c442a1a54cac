/**
 * Plain Drizzle: the hand-written Event table (plain-tables.ts) with Drizzle
 * builders on `drizzle-orm/durable-sqlite`, doing the work `db.store` does —
 * defaults and timestamps filled in, `$version` bumped, and one change-log
 * row per document written in the same `transactionSync` as each write. No
 * validation, no transaction counter.
 */
import { and, asc, desc, eq, gte, lt, lte, sql } from 'drizzle-orm';
import type { DrizzleSqliteDODatabase } from 'drizzle-orm/durable-sqlite';
import { changeEntry, changes, CHANGES_PER_INSERT, type NewChange } from '../../support/worker/change-log.js';
import { CursorMeter, type RowCost } from '../../support/worker/cursor-meter.js';
import { meteredDrizzle } from '../../support/worker/metered-drizzle.js';
import type { NewBenchEvent } from './events.js';
import { events, PLAIN_DDL_EVENTS } from './plain-tables.js';
import { Tally, type Variant } from './variant.js';

/** DO SQLite binds at most 100 parameters per statement. */
const EVENTS_PER_INSERT = Math.floor(100 / 10);

type Event = typeof events.$inferSelect;

function afterImage(event: Event): string {
  return JSON.stringify({ ...event, $createdAt: event.$createdAt.getTime(), $updatedAt: event.$updatedAt.getTime(), at: event.at?.getTime() ?? null });
}

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
    this.#storage.transactionSync(() => PLAIN_DDL_EVENTS.forEach((ddl) => this.#storage.sql.exec(ddl)));
  }

  #change(event: Event, op: 'insert' | 'update', tx: number, changed: string | null): NewChange {
    return changeEntry('Event', event, afterImage(event), op, tx, changed);
  }

  createMany(docs: readonly NewBenchEvent[]): Tally[] {
    const tally = new Tally();
    const created = this.#storage.transactionSync(() => {
      const now = new Date();
      const tx = ++this.#tx;
      const rows: Event[] = docs.map((doc) => ({ $type: 'Event', $version: 1, $createdAt: now, $updatedAt: now, note: null, ...doc }));
      for (let i = 0; i < rows.length; i += EVENTS_PER_INSERT) this.#db.insert(events).values(rows.slice(i, i + EVENTS_PER_INSERT)).run();
      for (let i = 0; i < rows.length; i += CHANGES_PER_INSERT) {
        this.#db
          .insert(changes)
          .values(rows.slice(i, i + CHANGES_PER_INSERT).map((row) => this.#change(row, 'insert', tx, null)))
          .run();
      }
      return rows;
    });
    for (const event of created) tally.add(event);
    return [tally];
  }

  queryByAt(ranges: readonly (readonly [Date, Date])[]): Tally[] {
    return ranges.map(([lo, hi]) => {
      const tally = new Tally();
      for (const event of this.#db.select().from(events).where(and(gte(events.at, lo), lte(events.at, hi))).orderBy(asc(events.$id)).all()) tally.add(event);
      return tally;
    });
  }

  queryByKind(kinds: readonly string[]): Tally[] {
    return kinds.map((kind) => {
      const tally = new Tally();
      for (const event of this.#db.select().from(events).where(eq(events.kind, kind)).orderBy(asc(events.$id)).all()) tally.add(event);
      return tally;
    });
  }

  latestBefore(times: readonly Date[], limit: number): Tally[] {
    return times.map((before) => {
      const tally = new Tally();
      for (const event of this.#db.select().from(events).where(lt(events.at, before)).orderBy(desc(events.at), asc(events.$id)).limit(limit).all()) tally.add(event);
      return tally;
    });
  }

  get(ids: readonly string[]): Tally[] {
    const tally = new Tally();
    for (const id of ids) tally.add(this.#db.select().from(events).where(eq(events.$id, id)).get());
    return [tally];
  }

  update(ids: readonly string[], amounts: readonly number[]): Tally[] {
    const tally = new Tally();
    ids.forEach((id, k) => {
      const event = this.#storage.transactionSync(() => {
        const updated = this.#db
          .update(events)
          .set({ amount: amounts[k]!, $version: sql`${events.$version} + 1`, $updatedAt: new Date() })
          .where(eq(events.$id, id))
          .returning()
          .get();
        if (updated === undefined) throw new Error(`bench: expected Event ${id}, found none`);
        this.#db.insert(changes).values(this.#change(updated, 'update', ++this.#tx, '["amount"]')).run();
        return updated;
      });
      tally.add(event);
    });
    return [tally];
  }

  explain(): null {
    return null;
  }

  cost(): RowCost {
    return this.#meter.total;
  }

  decoded(): number {
    return 0;
  }
}
