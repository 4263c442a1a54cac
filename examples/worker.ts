import { r2ObjectStore } from '../src/index.js';
import { AppDatabase, type AppEnv } from './app-database.js';

export { AppDatabase };

interface Env extends AppEnv {
  APP_DATABASE: DurableObjectNamespace<AppDatabase>;
}

const ROUTES = 'try GET /demo, POST /export { "location": "file:///srv/warehouse" }, GET /objects, GET /objects/<key>';

/**
 * The example Worker:
 * - `GET /demo` runs the demo inside the `AppDatabase` Durable Object;
 * - `POST /export` `{ location }` exports its change log to Iceberg tables in the `WAREHOUSE` bucket;
 * - `GET /objects` lists the bucket's keys, `GET /objects/<key>` gives an object — how `npm run demo` copies the warehouse to disk.
 */
export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    const stub = env.APP_DATABASE.get(env.APP_DATABASE.idFromName('demo'));
    if (url.pathname === '/demo') return Response.json(await stub.demo());
    if (url.pathname === '/export' && request.method === 'POST') {
      const { location } = (await request.json()) as { location: string };
      return Response.json(await stub.exportTo(location));
    }
    const warehouse = r2ObjectStore(env.WAREHOUSE);
    if (url.pathname === '/objects') return Response.json(await warehouse.list(''));
    if (url.pathname.startsWith('/objects/')) {
      const bytes = await warehouse.get(decodeURIComponent(url.pathname.slice('/objects/'.length)));
      return bytes === null ? new Response('no such object', { status: 404 }) : new Response(bytes);
    }
    return new Response(ROUTES, { status: 404 });
  },
} satisfies ExportedHandler<Env>;
