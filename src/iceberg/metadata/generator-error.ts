/**
 * The error of the Iceberg and Parquet generators (issue 6 §1): a stable
 * `code`, a message that says what was expected and what was found, and the
 * collection and field concerned. Document problems in
 * `documentToParquetRow` are the store's `DocumentError` instead.
 */
import { IceTypeError } from '../../errors.js';
import { formatIssue } from '../../icetype/errors.js';
import type { SchemaIssue } from '../../icetype/ast.js';

/** Why a generator refused its input. Adding a code is compatible; renaming one is a breaking change. */
export type GeneratorErrorCode =
  /** Not a valid `IceTypeSchema` (parse a definition with `parseSchema` first); `issues` says why. */
  | 'INVALID_SCHEMA'
  /** The field ids are malformed: not `{ fields, lastId, retired }`, a system field not 1–5, an id repeated, retired or above `lastId`. */
  | 'INVALID_FIELD_IDS'
  /** The field ids are another schema's (or another version's): a stored field has no id, or an id names a field the schema lacks. */
  | 'FIELD_IDS_MISMATCH'
  /** The Iceberg schema given to `generatePartitionSpec`/`generateSortOrder` lacks a field the IceType schema names. */
  | 'SCHEMA_MISMATCH'
  /** A `$partitionBy` field Iceberg cannot partition by (a list), or whose partition name collides with a column. */
  | 'UNPARTITIONABLE_FIELD'
  /** A bad option: a location without a scheme, a non-string property, a malformed table UUID or timestamp. */
  | 'INVALID_OPTION';

/**
 * A generator refused its input; nothing was produced.
 *
 * @example
 * try { generateParquetSchema(User, db.registry.getFieldIds('Post')!) } catch (e) {
 *   if (e instanceof GeneratorError) e.code // 'FIELD_IDS_MISMATCH'
 * }
 */
export class GeneratorError extends IceTypeError {
  override readonly name = 'GeneratorError';
  declare readonly code: GeneratorErrorCode;
  /** The collection concerned, when known. */
  readonly collection: string | undefined;
  /** The field (or field-id path, `tags.element`) concerned, when there is one. */
  readonly field: string | undefined;
  /** For `INVALID_SCHEMA`: every issue `validateSchema` found. */
  readonly issues: readonly SchemaIssue[];

  constructor(
    code: GeneratorErrorCode,
    message: string,
    details: { readonly collection?: string; readonly field?: string; readonly issues?: readonly SchemaIssue[] } = {},
  ) {
    const lines = (details.issues ?? []).map((i) => `  - ${formatIssue(i)}`);
    const subject = details.collection === undefined ? '' : ` ${details.collection}${details.field === undefined ? '' : `.${details.field}`}`;
    super(code, `generator${subject}: ${message}${lines.length > 0 ? `\n${lines.join('\n')}` : ''}`);
    this.collection = details.collection;
    this.field = details.field;
    this.issues = details.issues ?? [];
  }
}
