import { RelationalQueryError } from './relational-query-error.js';

/**
 * The query object `db.query.X.findMany(…)` returns when the document store
 * serves it: like Drizzle's Durable Object queries, it runs synchronously
 * with `.sync()` and is also awaitable. It has no SQL (`toSQL` throws).
 */
export class DocumentRelationalQuery<T> implements PromiseLike<T> {
  readonly #run: () => T;

  constructor(run: () => T) {
    this.#run = run;
  }

  /** Runs the query now and returns its result. */
  sync(): T {
    return this.#run();
  }

  /** Runs the query; the promise settles with its result or error. */
  execute(): Promise<T> {
    try {
      return Promise.resolve(this.#run());
    } catch (error) {
      return Promise.reject(error);
    }
  }

  then<R1 = T, R2 = never>(onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null, onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null): Promise<R1 | R2> {
    return this.execute().then(onfulfilled, onrejected);
  }

  catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.execute().catch(onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<T> {
    return this.execute().finally(onfinally);
  }

  /** There is no SQL: the store evaluates the query over documents. */
  toSQL(): never {
    throw new RelationalQueryError(
      'UNSUPPORTED_QUERY',
      'expected a query Drizzle runs as SQL, found one the document store serves (a batched collection, or a with, relation filter or relation order reaching one or using a relation Drizzle does not have)',
      [],
    );
  }

  get [Symbol.toStringTag](): string {
    return 'DocumentRelationalQuery';
  }
}
