/**
 * A collection's documents as an Arrow table (issue 6 §2): the columns of
 * `generateParquetSchema` — same names, types (ICETYPE.md §4) and field ids
 * — and, for the changelog table, `_op`, `_seq`, `_ts`, `_shard` after them.
 */
import type { IceTypeSchema } from '../../icetype/ast.js';
import { generateIcebergSchema, type IcebergField } from '../../iceberg/metadata/iceberg-schema.js';
import type { FieldIdAssignment } from '../../registry/field-ids.js';
import type { ParquetRow } from '../schema/parquet-row.js';
import type { Table } from 'apache-arrow';
import { arrowTableOf } from './arrow-table.js';
import { CHANGELOG_FIELD_ID_BASE, CHANGELOG_FIELDS, type ChangelogValues, type ChangeOp } from './changelog-columns.js';
import { ParquetWriteError } from './parquet-write-error.js';

/** Options of `arrowTableFor`. */
export interface ArrowTableOptions {
  /** The registry's ids of this schema version (`db.registry.getFieldIds(name)`); without them, the first-version assignment. */
  readonly fieldIds?: FieldIdAssignment;
  /** Append the changelog columns (`CHANGELOG_FIELDS`); every row then carries `_op`, `_seq`, `_ts` and `_shard`, and may leave out all but `$id`. */
  readonly changelog?: boolean;
}

const OPS: ReadonlySet<unknown> = new Set(['insert', 'update', 'delete']);

/** Throws `ParquetWriteError` `COLUMN_COLLISION` when the schema or its registry ids reach into the changelog columns. */
export function checkChangelogColumns(schema: IceTypeSchema, fieldIds: FieldIdAssignment | undefined): void {
  const collection = schema.name;
  for (const { name } of CHANGELOG_FIELDS) {
    if (schema.fields.has(name)) {
      throw new ParquetWriteError('COLUMN_COLLISION', `expected no field named ${name} (a changelog column), found one in the schema`, { collection, column: name });
    }
  }
  if ((fieldIds?.lastId ?? 0) >= CHANGELOG_FIELD_ID_BASE) {
    throw new ParquetWriteError('COLUMN_COLLISION', `expected registry field ids below ${CHANGELOG_FIELD_ID_BASE} (the changelog columns' range), found lastId ${fieldIds!.lastId}`, { collection });
  }
}

/** Is `op` one a changelog row may hold? */
export const isChangeOp = (op: unknown): op is ChangeOp => OPS.has(op);

function checkChangelog(schema: IceTypeSchema, fieldIds: FieldIdAssignment | undefined, rows: readonly ParquetRow[]): void {
  const collection = schema.name;
  checkChangelogColumns(schema, fieldIds);
  rows.forEach((row, i) => {
    if (typeof row._op === 'string' && !OPS.has(row._op)) {
      throw new ParquetWriteError('TYPE_MISMATCH', "expected _op 'insert', 'update' or 'delete', found another string", { collection, column: '_op', row: i });
    }
  });
}

/**
 * The Arrow table of a collection's rows (`documentToParquetRow` of each
 * document): system fields, then stored fields in declaration order, typed
 * per ICETYPE.md §4 (Utf8, Int32, Int64, Float32, Float64, Bool,
 * Timestamp(µs, UTC), Date32, Time64(µs), Decimal128(P,S), Binary,
 * List<element> with non-null elements; `vector(N)` as List<Float32>, as
 * the Parquet schema declares it), every field — list elements too — with
 * metadata `PARQUET:field_id` = its Iceberg field id.
 *
 * With `changelog: true` the columns `_op`, `_seq`, `_ts`, `_shard`
 * (`CHANGELOG_FIELDS`, fixed ids from `CHANGELOG_FIELD_ID_BASE`, required)
 * follow, and every document column but `$id` is nullable: a delete
 * without a before image has only its `$id`.
 *
 * Throws `ParquetWriteError` (`NULL_NOT_ALLOWED`, `TYPE_MISMATCH`,
 * `OUT_OF_RANGE`, `COLUMN_COLLISION`) naming the column and row index,
 * and `GeneratorError` for a bad schema or ids.
 *
 * @example
 * const rows = docs.map((doc) => documentToParquetRow(User, doc))
 * arrowTableFor(User, rows, { fieldIds: db.registry.getFieldIds('User')! })
 * // Table<{ $id: Utf8, $type: Utf8, $version: Int64, $createdAt: Timestamp<MICROSECOND, UTC>, …, tags: List<Utf8> }>
 * arrowTableFor(User, rows.map((row, i) => ({ ...row, _op: 'insert', _seq: BigInt(changes[i].seq), _ts: 1705314600123000n, _shard: 'shard-0' })), { changelog: true })
 */
export function arrowTableFor(schema: IceTypeSchema, rows: readonly ParquetRow[], options?: ArrowTableOptions & { readonly changelog?: false }): Table;
export function arrowTableFor(schema: IceTypeSchema, rows: readonly (ParquetRow & ChangelogValues)[], options: ArrowTableOptions & { readonly changelog: true }): Table;
export function arrowTableFor(schema: IceTypeSchema, rows: readonly ParquetRow[], options: ArrowTableOptions = {}): Table {
  const { fields } = generateIcebergSchema(schema, options.fieldIds);
  if (options.changelog !== true) return arrowTableOf(fields, rows, schema.name);
  checkChangelog(schema, options.fieldIds, rows);
  return arrowTableOf(changelogColumns(fields), rows, schema.name);
}

/** The changelog table's columns over the collection's fields: a delete without a before image knows only its `$id` (DESIGN.md §5), so every other column may be null. */
export function changelogColumns(fields: readonly IcebergField[]): IcebergField[] {
  return [...fields.map((field) => (field.name === '$id' ? field : { ...field, required: false })), ...CHANGELOG_FIELDS];
}
