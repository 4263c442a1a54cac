import { DurableObject } from 'cloudflare:workers';

/** A bare SQLite-backed Durable Object: tests run code inside it with `runInDurableObject`. */
export class TestDurableObject extends DurableObject {}

export default {
  async fetch(): Promise<Response> {
    return new Response('drizzle-icetype test worker');
  },
} satisfies ExportedHandler;
