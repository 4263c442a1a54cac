/**
 * The rows variant's table, compiled from the IceType schema, for
 * drizzle-kit: `npx drizzle-kit generate --config bench/batched/drizzle.config.ts`
 * writes bench/batched/migrations (the system tables are `migrate`'s own).
 */
import { compileSchema } from '../../../src/index.js';
import { rowsSchema } from './events.js';

export const { Event } = compileSchema(rowsSchema).tables;
