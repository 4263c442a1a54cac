import { AppDatabase } from './app-database.js';

export { AppDatabase };

interface Env {
  APP_DATABASE: DurableObjectNamespace<AppDatabase>;
}

/** The example Worker: `GET /demo` runs the demo inside the `AppDatabase` Durable Object. */
export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname !== '/demo') return new Response('try GET /demo', { status: 404 });
    const stub = env.APP_DATABASE.get(env.APP_DATABASE.idFromName('demo'));
    return Response.json(await stub.demo());
  },
} satisfies ExportedHandler<Env>;
