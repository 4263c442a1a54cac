import { defineConfig } from 'drizzle-kit';

/** `npm run db:generate` writes the example app's migrations into migrations/. */
export default defineConfig({
  schema: './examples/schema.ts',
  out: './migrations',
  dialect: 'sqlite',
  driver: 'durable-sqlite',
});
