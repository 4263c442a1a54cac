/**
 * A benchmark's Durable Object: each object runs one variant. The runner
 * opens it (`setup`), builds a workload's inputs (`prepare`, untimed), then
 * times `run`, which runs them once — workerd's clocks stand still during
 * synchronous code, so time is measured in Node around the round trip —
 * and subtracts the round trip of `noop`.
 */
import { DurableObject } from 'cloudflare:workers';

/** What a benchmark variant offers its object. */
export interface BenchVariant {
  /** Creates the variant's tables (untimed). */
  setup(): Promise<void>;
}

/**
 * The calls every benchmark object serves; a benchmark names its variants
 * (`openVariant`) and builds its workloads (`inputs`).
 *
 * @example
 * export class MyBench extends BenchObject<'a' | 'b', MyVariant, 'get', Result> {
 *   protected openVariant(name: 'a' | 'b') { return new MyVariant(this.ctx.storage, name); }
 *   protected inputs(workload: 'get', n: number, rep: number) { return (v: MyVariant) => v.get(ids(n, rep)); }
 * }
 */
export abstract class BenchObject<Name extends string, V extends BenchVariant, Workload extends string, Result> extends DurableObject {
  #variant: V | undefined;
  #prepared: ((variant: V) => Result) | undefined;

  /** The variant `name`, over this object's storage. */
  protected abstract openVariant(name: Name): V;

  /** `n` operations of `workload` for repetition `rep`, to run on the variant. */
  protected abstract inputs(workload: Workload, n: number, rep: number): (variant: V) => Result;

  /** Opens this object as variant `name` and creates its tables. */
  async setup(name: Name): Promise<void> {
    if (this.#variant !== undefined) throw new Error('bench: setup twice');
    this.#variant = this.openVariant(name);
    await this.#variant.setup();
  }

  /** The empty call whose round trip the runner subtracts. */
  noop(): null {
    return null;
  }

  /** Builds the inputs of `n` operations of `workload` for repetition `rep`; untimed. */
  prepare(workload: Workload, n: number, rep: number): void {
    this.#prepared = this.inputs(workload, n, rep);
  }

  /** Runs the prepared workload once; the runner times this call. */
  run(): Result {
    const prepared = this.#prepared;
    if (prepared === undefined) throw new Error('bench: expected prepare before run');
    this.#prepared = undefined;
    return prepared(this.variant);
  }

  /** The variant this object was opened as. */
  protected get variant(): V {
    if (this.#variant === undefined) throw new Error('bench: expected setup first');
    return this.#variant;
  }
}
