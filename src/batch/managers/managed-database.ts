import type { IceTypeConfig } from '../../config/icetype-config.js';
import type { IceTypeSchema } from '../../icetype/ast.js';
import type { IceTypeSchemaSet } from '../../icetype/define-schema.js';
import { IceTypeError } from '../../errors.js';

/** What the managers read of a database opened with `drizzle()`. */
export interface ManagedDatabase {
  readonly $client: DurableObjectStorage;
  readonly $schema: IceTypeSchemaSet;
  readonly $config: IceTypeConfig;
}

/** Why a manager call failed. */
export type PruningManagerErrorCode = 'INVALID_ARGUMENT' | 'NOT_INITIALIZED';

/** A malformed manager call (`INVALID_ARGUMENT`) or a database without the statistics table (`NOT_INITIALIZED`: run `migrate` or `initialize()`). */
export class PruningManagerError extends IceTypeError {
  override readonly name = 'PruningManagerError';
  constructor(
    override readonly code: PruningManagerErrorCode,
    message: string,
  ) {
    super(code, message);
  }
}

export function checkName(what: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new PruningManagerError('INVALID_ARGUMENT', `expected ${what} to be a non-empty string, found ${typeof value === 'string' ? 'an empty string' : typeof value}`);
  }
  return value;
}

/** The collection's schema (undefined: schemaless) and whether the store keeps it batched. */
export function collectionOf(db: ManagedDatabase, collection: string): { schema: IceTypeSchema | undefined; batched: boolean } {
  const schema = db.$schema.collections.get(collection);
  const layout = schema === undefined ? 'batched' : (schema.directives.storage ?? db.$config.storage.defaultLayout);
  return { schema, batched: layout === 'batched' };
}

/** Runs `fn`, turning "no such table: _pruning_stats" into `NOT_INITIALIZED`. */
export function withStatsTable<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof Error && error.message.includes('no such table: _pruning_stats')) {
      throw new PruningManagerError('NOT_INITIALIZED', 'expected the _pruning_stats table (created by migrate() or initialize()), found none');
    }
    throw error;
  }
}
