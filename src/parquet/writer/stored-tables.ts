/**
 * The exporter's Arrow tables from stored documents (DESIGN.md §5): a
 * collection's changelog rows and its current-state rows. Each is built on
 * the trusted path (`storedColumns`: canonical values straight into
 * columns) and, when that gives up, on the validating one
 * (`documentToParquetRow` + `arrowTableFor`/`arrowTableOf`) — the same
 * table either way, or the validating path's error.
 */
import type { Data, Table } from 'apache-arrow';
import type { IceTypeSchema } from '../../icetype/ast.js';
import { generateIcebergSchema, type IcebergField } from '../../iceberg/metadata/iceberg-schema.js';
import type { FieldIdAssignment } from '../../registry/field-ids.js';
import { documentToParquetRow, type ParquetRow } from '../schema/parquet-row.js';
import { arrowTableOf, tableOfColumns } from './arrow-table.js';
import { CHANGELOG_FIELDS, type ChangelogValues, type ChangeOp } from './changelog-columns.js';
import { arrowTableFor, changelogColumns, checkChangelogColumns, isChangeOp } from './collection-table.js';
import type { ColumnMemo } from './column-memo.js';
import { canonicalData, MICROS_PER_MS } from './canonical-data.js';
import { storedColumns, type StoredDocument } from './stored-columns.js';

/** One change as a changelog row takes it (a `ChangeEntry` of the change log is one). */
export interface ChangelogSource {
  readonly collection: string;
  /** The document's `$id`. */
  readonly id: string;
  readonly op: ChangeOp;
  readonly seq: number;
  readonly timestamp: Date;
  readonly shardId: string;
  readonly after: StoredDocument | null;
  readonly before: StoredDocument | null;
}

/** Options of the stored tables. */
export interface StoredTableOptions {
  /** Columns built for the same documents by another table of the export, to take again (`ColumnMemo`). */
  readonly memo?: ColumnMemo;
}

/** The document a changelog row shows: the one after the change, the one before it for a delete. */
export const imageOf = (change: ChangelogSource): StoredDocument | null => (change.op === 'delete' ? change.before : change.after);

/** A change as a changelog row on the validating path: the document's values (only `$id` and `$type` without an image) and the change columns. */
function changelogRow(schema: IceTypeSchema, change: ChangelogSource): ParquetRow & ChangelogValues {
  const image = imageOf(change);
  const row: ParquetRow = image === null ? { $id: change.id, $type: change.collection } : documentToParquetRow(schema, image);
  return Object.assign(row, { _op: change.op, _seq: BigInt(change.seq), _ts: BigInt(change.timestamp.getTime()) * MICROS_PER_MS, _shard: change.shardId });
}

/** The `_op`, `_seq`, `_ts`, `_shard` columns on the trusted path, or undefined when a value is not what they hold. */
function changeColumns(changes: readonly ChangelogSource[]): Data[] | undefined {
  const [op, seq, ts, shard] = CHANGELOG_FIELDS as readonly (IcebergField & { type: 'string' | 'long' | 'timestamptz' })[];
  if (!changes.every((c) => isChangeOp(c.op))) return undefined;
  const data = [
    canonicalData(op!, 'string', changes.map((c) => c.op)),
    canonicalData(seq!, 'long', changes.map((c) => c.seq)),
    canonicalData(ts!, 'timestamp', changes.map((c) => c.timestamp)),
    canonicalData(shard!, 'string', changes.map((c) => c.shardId)),
  ];
  return data.every((d) => d !== undefined) ? (data as Data[]) : undefined;
}

function trustedChangelog(schema: IceTypeSchema, changes: readonly ChangelogSource[], fieldIds: FieldIdAssignment | undefined, memo: ColumnMemo | undefined): Table | undefined {
  let columns: IcebergField[];
  try {
    columns = changelogColumns(generateIcebergSchema(schema, fieldIds).fields);
    checkChangelogColumns(schema, fieldIds);
  } catch {
    return undefined;
  }
  const documentColumns = columns.slice(0, columns.length - CHANGELOG_FIELDS.length);
  const data = storedColumns(schema, documentColumns, changes.map(imageOf), (i) => ({ $id: changes[i]!.id, $type: changes[i]!.collection }), memo);
  const tail = data === undefined ? undefined : changeColumns(changes);
  return tail === undefined ? undefined : tableOfColumns(columns, [...data!, ...tail], changes.length);
}

/**
 * The changelog table of `changes` (of one collection): the table
 * `arrowTableFor(schema, rows, { changelog: true, fieldIds })` gives for
 * the rows `documentToParquetRow` makes of each change's image (the
 * document after it, before it for a delete, only `$id` and `$type`
 * without one) with its `_op`, `_seq`, `_ts` and `_shard`. Throws what
 * that path throws.
 *
 * @example
 * storedChangelogTable(Order, db.cdc.getUnsyncedChanges(1000), { fieldIds: db.registry.getFieldIds('Order')! })
 * // Table<{ $id: Utf8, …, tags: List<Utf8>, _op: Utf8, _seq: Int64, _ts: Timestamp<MICROSECOND, UTC>, _shard: Utf8 }>
 */
export function storedChangelogTable(schema: IceTypeSchema, changes: readonly ChangelogSource[], options: StoredTableOptions & { readonly fieldIds?: FieldIdAssignment } = {}): Table {
  const trusted = trustedChangelog(schema, changes, options.fieldIds, options.memo);
  if (trusted !== undefined) return trusted;
  const rows = changes.map((change) => changelogRow(schema, change));
  return arrowTableFor(schema, rows, { changelog: true, ...(options.fieldIds === undefined ? {} : { fieldIds: options.fieldIds }) });
}

/**
 * The table of stored documents over `columns` (a current-state mirror's
 * columns, which may lag or lead the collection's fields): what
 * `arrowTableOf(columns, documents.map((d) => documentToParquetRow(schema, d)), schema.name)`
 * gives. Throws what that path throws.
 *
 * @example
 * storedDocumentsTable(Order, currentSchema(metadata).fields, [db.store.get('Order', id)!])
 */
export function storedDocumentsTable(schema: IceTypeSchema, columns: readonly IcebergField[], documents: readonly StoredDocument[], options: StoredTableOptions = {}): Table {
  const data = storedColumns(schema, columns, documents, undefined, options.memo);
  if (data !== undefined) return tableOfColumns(columns, data, documents.length);
  return arrowTableOf(columns, documents.map((document) => documentToParquetRow(schema, document)), schema.name);
}
