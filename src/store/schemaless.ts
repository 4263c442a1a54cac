import { DEFAULT_DIRECTIVES } from '../icetype/directives.js';
import type { IceTypeSchema } from '../icetype/ast.js';

/**
 * The schema a schemaless collection is validated with: no declared fields
 * and not strict, so every field is an open one — any JSON value under a
 * name that does not start with `$` — and the store still manages `$id`,
 * `$type`, `$version`, `$createdAt` and `$updatedAt` (DESIGN.md §2:
 * collections without a schema use the batched layout).
 */
export function schemalessSchema(name: string): IceTypeSchema {
  return { name, fields: new Map(), directives: { ...DEFAULT_DIRECTIVES, strict: false, storage: 'batched' } };
}
