/**
 * The bench Workers' entry point: the runner (Node) sends each call on a
 * Durable Object as JSON, and the Worker forwards it over RPC to the object
 * named in it. Errors come back as status 500 with their stack.
 */

/** One call on one object, as JSON: `POST /call` with `{ object, method, args }`. */
export interface BenchCall {
  object: string;
  method: string;
  args: unknown[];
}

/**
 * A fetch handler that serves `POST /call` by calling `method(...args)` on
 * the object `namespace(env)` names `object`; only the listed `methods`
 * may be called.
 *
 * @example
 * export default benchCallHandler((env: Env) => env.STORE_BENCH, ['setup', 'noop', 'prepare', 'run']);
 */
export function benchCallHandler<Env, T extends Rpc.DurableObjectBranded>(
  namespace: (env: Env) => DurableObjectNamespace<T>,
  methods: readonly (keyof T & string)[],
): ExportedHandler<Env> {
  const callable: readonly string[] = methods;
  return {
    async fetch(request, env) {
      if (request.method !== 'POST' || new URL(request.url).pathname !== '/call') return new Response('POST /call', { status: 404 });
      const call = (await request.json()) as BenchCall;
      const stub = namespace(env).getByName(call.object) as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
      try {
        if (!callable.includes(call.method)) throw new Error(`bench: unknown method ${String(call.method)}`);
        return Response.json((await stub[call.method]!(...call.args)) ?? null);
      } catch (error) {
        return new Response(error instanceof Error ? (error.stack ?? error.message) : String(error), { status: 500 });
      }
    },
  };
}
