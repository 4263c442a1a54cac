import { IceTypeError } from '../errors.js';
import { formatIssue } from '../icetype/errors.js';
import type { SchemaIssue } from '../icetype/ast.js';
import type { SchemaProblem } from './schema-change.js';

/** Why the schema registry refused or failed an operation. */
export type SchemaRegistryErrorCode =
  /** The definition does not parse; `issues` says why. */
  | 'INVALID_SCHEMA'
  /** The new version cannot replace the registered one; `problems` says why. */
  | 'INCOMPATIBLE_SCHEMA'
  /** The `_schemas` table does not exist: run `migrate` first. */
  | 'REGISTRY_NOT_MIGRATED'
  /** A stored row of `_schemas` cannot be read back (edited by hand, or by another program). */
  | 'CORRUPT_REGISTRY';

/**
 * A failed registry operation. Nothing was written: every write of the
 * registry runs in one transaction. Messages name schema elements only,
 * never document values.
 *
 * @example
 * try { registry.registerSchema({ $type: 'User', age: 'string' }) } catch (e) {
 *   if (e instanceof SchemaRegistryError && e.code === 'INCOMPATIBLE_SCHEMA') e.problems[0]?.code // 'TYPE_CHANGED'
 * }
 */
export class SchemaRegistryError extends IceTypeError {
  override readonly name = 'SchemaRegistryError';
  declare readonly code: SchemaRegistryErrorCode;
  /** The collection concerned, when known. */
  readonly collection: string | undefined;
  /** For `INCOMPATIBLE_SCHEMA`: every reason, in the order of `checkEvolution`. */
  readonly problems: readonly SchemaProblem[];
  /** For `INVALID_SCHEMA`: every parse issue. */
  readonly issues: readonly SchemaIssue[];

  constructor(
    code: SchemaRegistryErrorCode,
    message: string,
    details: {
      readonly collection?: string;
      readonly problems?: readonly SchemaProblem[];
      readonly issues?: readonly SchemaIssue[];
      readonly cause?: unknown;
    } = {},
  ) {
    const lines = [
      ...(details.problems ?? []).map((p) => `  - ${p.path.join('.')} (${p.code}): ${p.message}`),
      ...(details.issues ?? []).map((i) => `  - ${formatIssue(i)}`),
    ];
    const prefix = details.collection === undefined ? 'schema registry' : `schema registry: ${details.collection}`;
    super(code, `${prefix}: ${message}${lines.length > 0 ? `\n${lines.join('\n')}` : ''}`, details.cause === undefined ? undefined : { cause: details.cause });
    this.collection = details.collection;
    this.problems = details.problems ?? [];
    this.issues = details.issues ?? [];
  }
}
