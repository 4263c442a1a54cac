/**
 * The rows layout's table, compiled from the IceType schema, for
 * drizzle-kit: `npx drizzle-kit generate --config bench/export/drizzle.config.ts`
 * writes bench/export/migrations (the system tables are `migrate`'s own).
 */
import { compileSchema } from '../../../src/index.js';
import { rowsSchema } from './orders.js';

export const { Order } = compileSchema(rowsSchema).tables;
