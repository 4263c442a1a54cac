import { defineConfig } from 'drizzle-kit';

/** Migrations of the relations benchmark's rows variant: `npx drizzle-kit generate --config bench/relations/drizzle.config.ts`. */
export default defineConfig({
  schema: './bench/relations/worker/rows-tables.ts',
  out: './bench/relations/migrations',
  dialect: 'sqlite',
  driver: 'durable-sqlite',
});
