import { defineConfig } from 'drizzle-kit';

/** Migrations of the batched benchmark's rows variant: `npx drizzle-kit generate --config bench/batched/drizzle.config.ts`. */
export default defineConfig({
  schema: './bench/batched/worker/rows-tables.ts',
  out: './bench/batched/migrations',
  dialect: 'sqlite',
  driver: 'durable-sqlite',
});
