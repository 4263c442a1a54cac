/**
 * The rows variant's tables, compiled from the IceType schema, for
 * drizzle-kit: `npx drizzle-kit generate --config bench/relations/drizzle.config.ts`
 * writes bench/relations/migrations (the system tables are `migrate`'s own).
 */
import { compileSchema } from '../../../src/index.js';
import { rowsSchema } from './schema.js';

export const { Author, Post, Comment, Tag } = compileSchema(rowsSchema).tables;
