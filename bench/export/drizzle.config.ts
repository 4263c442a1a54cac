import { defineConfig } from 'drizzle-kit';

/** Migrations of the export benchmark's rows layout: `npx drizzle-kit generate --config bench/export/drizzle.config.ts`. */
export default defineConfig({
  schema: './bench/export/worker/rows-tables.ts',
  out: './bench/export/migrations',
  dialect: 'sqlite',
  driver: 'durable-sqlite',
});
