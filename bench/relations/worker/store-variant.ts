/**
 * drizzle-icetype over the schema of schema.ts, on the rows layout (migrated
 * with the drizzle-kit migration in bench/relations/migrations) or with every
 * collection batched. `db.query` as a Drizzle user calls it — Drizzle's SQL
 * where it can join (rows layout, `-> T` / `<- T.f[]`), the store's emulation
 * over `_rels` where it cannot (`-> T[]`, batched collections) — and `db.rel`
 * for the traversals. Documents are written with `db.store.createMany`, which
 * maintains `_rels`. Metered by `db.$cost`.
 */
import { drizzle, migrate, type IceTypeDatabase } from '../../../src/index.js';
import migrations from '../migrations/migrations.js';
import { COLLECTIONS, type CollectionName, type NewDocuments } from './data.js';
import { batchedSchema, rowsSchema, type RelationsDefinition } from './schema.js';
import type { Cost, FindManyBuilder, FindQuery, Variant } from './variant.js';

export type StoreLayout = 'rows' | 'batched';

export class StoreVariant implements Variant {
  readonly #db: IceTypeDatabase<RelationsDefinition>;
  readonly #layout: StoreLayout;
  #statements = 0;

  constructor(storage: DurableObjectStorage, layout: StoreLayout) {
    this.#layout = layout;
    // The two schema sets differ only in `$storage`; the document types are the same.
    const schema = layout === 'rows' ? rowsSchema : (batchedSchema as unknown as typeof rowsSchema);
    this.#db = drizzle(storage, { schema });
  }

  async setup(): Promise<void> {
    await migrate(this.#db, this.#layout === 'rows' ? migrations : { migrations: {} });
    for (const collection of COLLECTIONS) {
      const layout = this.#db.store.layoutOf(collection);
      if (layout !== this.#layout) throw new Error(`bench: expected ${collection} on the ${this.#layout} layout, found ${layout}`);
    }
  }

  /** Runs one metered operation and counts its statements. */
  #op<T>(fn: () => T): T {
    const result = fn();
    this.#statements += this.#db.$cost.lastStatements;
    return result;
  }

  load<C extends CollectionName>(collection: C, docs: readonly NewDocuments[C][]): number {
    return this.#op(() => this.#db.store.createMany(collection, docs as never)).length;
  }

  findMany(query: FindQuery): unknown[] {
    return this.#op(() => (this.#db.query[query.collection] as unknown as FindManyBuilder).findMany(query.config).sync());
  }

  posts(authorId: string): unknown[] {
    return this.#op(() => this.#db.rel.Author(authorId).posts.all());
  }

  comments(authorId: string): unknown[] {
    return this.#op(() => this.#db.rel.Author(authorId).posts.comments.all());
  }

  cost(): Cost {
    return { ...this.#db.$cost.total, statements: this.#statements };
  }
}
