import { DurableObject } from 'cloudflare:workers';

/** A bare SQLite-backed Durable Object: tests run code inside it with `runInDurableObject`. */
export class TestDurableObject extends DurableObject {
  /** Export scheduling sets alarms; tests run the handler themselves (`db.cdc.alarm()`) on the database they opened. */
  override async alarm(): Promise<void> {}
}

export default {
  async fetch(): Promise<Response> {
    return new Response('drizzle-icetype test worker');
  },
} satisfies ExportedHandler;
