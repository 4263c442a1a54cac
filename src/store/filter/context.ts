import type { IceTypeSchema } from '../../icetype/ast.js';
import { FilterError, type FilterErrorCode } from './filter-error.js';
import type { FilterOptions } from './types.js';

/** What planning a filter or ordering needs: the schema (undefined: schemaless) and the unknown-field policy. */
export interface PlanContext {
  readonly schema: IceTypeSchema | undefined;
  readonly unknownFields: 'reject' | 'absent' | 'document';
}

/** The context for a schema and options: unknown fields are rejected in `$strict` schemas unless the options say otherwise. */
export function planContext(schema: IceTypeSchema | undefined, options: FilterOptions = {}): PlanContext {
  const strict = schema?.directives.strict ?? true;
  return { schema, unknownFields: options.unknownFields ?? (strict ? 'reject' : 'absent') };
}

/** A `FilterError` located in the filter and named after the context's collection. */
export function filterError(ctx: PlanContext, code: FilterErrorCode, message: string, path: readonly string[]): FilterError {
  return new FilterError(code, message, path, ctx.schema?.name);
}
