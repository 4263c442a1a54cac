/**
 * The relations benchmark's Worker (bench/relations/run.ts drives it): one
 * SQLite-backed Durable Object class, `RelationsBench`; each object holds one
 * variant's copy of the Authors, Posts, Comments and Tags. The runner
 * prepares a workload, times the call that runs it, then asks, untimed,
 * what the results were (bench/support/worker/bench-object.ts).
 */
import { benchCallHandler } from '../../support/worker/call-handler.js';
import { BenchObject } from '../../support/worker/bench-object.js';
import { authorId, documents, pageStart, startAuthor, type CollectionName } from './data.js';
import { DrizzleVariant } from './drizzle-variant.js';
import { StoreVariant } from './store-variant.js';
import { QUERIES, Tally, type Cost, type Outcome, type Variant, type VariantName } from './variant.js';

export type Workload = 'authorsPosts' | 'authorsPostsComments' | 'page' | 'postsTags' | 'tagsPosts' | 'hop1' | 'hop2';

/** What one timed call cost (billed rows, statements); its results are read with `outcomes()`. */
export type RunResult = Cost;

const range = <T>(size: number, f: (k: number) => T) => Array.from({ length: size }, (_, k) => f(k));

/** `n` operations of `workload` for repetition `rep`, each returning its rows. */
function operations(workload: Workload, n: number, rep: number): ((v: Variant) => unknown[])[] {
  switch (workload) {
    case 'authorsPosts':
    case 'authorsPostsComments':
    case 'postsTags':
    case 'tagsPosts': {
      const query = QUERIES[workload];
      return range(n, () => (v) => v.findMany(query));
    }
    case 'page':
      return range(n, (k) => {
        const query = QUERIES.page(authorId(pageStart(rep, k)));
        return (v) => v.findMany(query);
      });
    case 'hop1':
      return range(n, (k) => {
        const id = startAuthor(rep, k);
        return (v) => v.posts(id);
      });
    case 'hop2':
      return range(n, (k) => {
        const id = startAuthor(rep, k);
        return (v) => v.comments(id);
      });
  }
}

export class RelationsBench extends BenchObject<VariantName, Variant, Workload, RunResult> {
  #results: unknown[][] = [];

  protected openVariant(name: VariantName): Variant {
    return name === 'plain drizzle' ? new DrizzleVariant(this.ctx.storage) : new StoreVariant(this.ctx.storage, name === 'icetype rows' ? 'rows' : 'batched');
  }

  /** Runs the operations, keeping their results for `outcomes()`; returns what they cost. */
  protected inputs(workload: Workload, n: number, rep: number): (variant: Variant) => RunResult {
    const ops = operations(workload, n, rep);
    return (variant) => {
      const before = variant.cost();
      this.#results = ops.map((op) => op(variant));
      const after = variant.cost();
      return { rowsRead: after.rowsRead - before.rowsRead, rowsWritten: after.rowsWritten - before.rowsWritten, statements: after.statements - before.statements };
    };
  }

  /** Writes every document of `collection` (untimed); returns how many. */
  load(collection: CollectionName): number {
    return this.variant.load(collection, documents(collection));
  }

  /** What each operation of the last run returned: rows (nested ones included) and a digest of their ids in order. */
  outcomes(): Outcome[] {
    const outcomes = this.#results.map((rows) => new Tally().addAll(rows).outcome);
    this.#results = [];
    return outcomes;
  }

  /** Rows in the object's tables, read past the meters (what the variant's layout stores). */
  tableRows(): Record<string, number> {
    const sql = this.ctx.storage.sql;
    const names = "('Author', 'Post', 'Comment', 'Tag', 'PostTag', '_batches', '_rels', '_cdc')";
    const tables = sql.exec<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ${names}`).toArray();
    return Object.fromEntries(tables.map(({ name }) => [name, sql.exec<{ n: number }>(`SELECT count(*) AS n FROM "${name}"`).one().n]));
  }
}

interface Env {
  RELATIONS_BENCH: DurableObjectNamespace<RelationsBench>;
}

export default benchCallHandler((env: Env) => env.RELATIONS_BENCH, ['setup', 'load', 'noop', 'prepare', 'run', 'outcomes', 'tableRows']);
