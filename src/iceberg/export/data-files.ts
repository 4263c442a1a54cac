import type { Table } from 'apache-arrow';
import { arrowTableOf } from '../../parquet/writer/arrow-table.js';
import type { IceTypeSchema } from '../../icetype/ast.js';
import type { ParquetRow } from '../../parquet/index.js';
import { dataFileMetrics, type DataFileMetrics } from '../../parquet/writer/data-file-metrics.js';
import { compareCodePoints, POSITION_DELETE_FIELDS, positionDeletesTable, type PositionDelete } from '../../parquet/writer/position-deletes.js';
import type { ColumnMemo } from '../../parquet/writer/column-memo.js';
import type { StoredDocument } from '../../parquet/writer/stored-columns.js';
import { storedDocumentsTable } from '../../parquet/writer/stored-tables.js';
import { writeParquet } from '../../parquet/writer/write-parquet.js';
import type { DataFileRecord, MetricEntry } from '../avro/index.js';
import type { IcebergField, IcebergPrimitiveType } from '../metadata/index.js';
import { chunks } from '../table/chunks.js';
import { currentSchema, type AddedFile } from '../table/prepare-snapshot.js';
import { serializeSingleValue } from '../table/single-value.js';
import { locationOf, pathBelow, tableKeys, type TableState } from '../table/table-state.js';
import type { ExportTarget } from './export-target.js';

/**
 * Data and position-delete files of one partition written to the object
 * store (Iceberg spec "Manifests": `data_file` with metrics by field id;
 * "Position Delete Files"), at most `maxRowsPerFile` rows each so no file
 * needs more memory than that to build.
 */

/** A data file written: its entry, its path below the table (as the position index has it) and the items of its rows, in file order. */
export interface WrittenFile<T> {
  readonly added: AddedFile;
  readonly path: string;
  readonly items: readonly T[];
}

type Partition = Readonly<Record<string, unknown>>;

/** `data_file` metrics (counts by field id, bounds in the single-value serialization) for the columns written. */
function metricsRecord(metrics: DataFileMetrics, columns: readonly IcebergField[]): Pick<DataFileRecord, 'value_counts' | 'null_value_counts' | 'nan_value_counts' | 'lower_bounds' | 'upper_bounds'> {
  const types = new Map(columns.filter((c) => typeof c.type === 'string').map((c) => [c.id, c.type as IcebergPrimitiveType]));
  const counts = (map: ReadonlyMap<number, number>): MetricEntry<number>[] => [...map].map(([key, value]) => ({ key, value }));
  const bounds = (map: ReadonlyMap<number, unknown>): MetricEntry<Uint8Array>[] =>
    [...map].flatMap(([key, value]) => (types.has(key) ? [{ key, value: serializeSingleValue(types.get(key)!, value) }] : []));
  return {
    value_counts: counts(metrics.valueCounts),
    null_value_counts: counts(metrics.nullValueCounts),
    nan_value_counts: counts(metrics.nanValueCounts),
    lower_bounds: bounds(metrics.lowerBounds),
    upper_bounds: bounds(metrics.upperBounds),
  };
}

/** Writes `table` as Parquet at `key` and returns its `data_file` entry. */
async function writeFile(
  target: ExportTarget,
  state: TableState,
  key: string,
  table: Table,
  columns: readonly IcebergField[],
  entry: Pick<DataFileRecord, 'content' | 'partition' | 'sort_order_id' | 'referenced_data_file'>,
): Promise<DataFileRecord> {
  const bytes = writeParquet(table, { wasm: target.wasm });
  await target.store.put(key, bytes);
  return {
    ...entry,
    file_path: locationOf(state, key),
    file_format: 'PARQUET',
    record_count: table.numRows,
    file_size_in_bytes: bytes.length,
    ...metricsRecord(dataFileMetrics(table), columns),
  };
}

/**
 * Writes the rows of one partition as data files, in order, `build` making
 * each file's Arrow table from its items (a row each: Parquet rows, stored
 * documents, changes); `sortOrderId` is the table's order the rows are in
 * (0: unsorted).
 */
export async function writeDataFiles<T>(target: ExportTarget, state: TableState, partition: Partition, items: readonly T[], build: (items: readonly T[]) => Table, sortOrderId: number): Promise<WrittenFile<T>[]> {
  const columns = currentSchema(state.metadata).fields;
  const written: WrittenFile<T>[] = [];
  for (const chunk of chunks(items, target.maxRowsPerFile)) {
    const key = tableKeys.dataFile(state.key, crypto.randomUUID());
    const record = await writeFile(target, state, key, build(chunk), columns, { content: 0, partition, sort_order_id: sortOrderId });
    written.push({ added: { content: 'data', record }, path: pathBelow(state, record.file_path), items: chunk });
  }
  return written;
}

/** Writes position deletes of one partition's data files as delete files, sorted by file path then position. */
export async function writeDeleteFiles(target: ExportTarget, state: TableState, partition: Partition, deletes: readonly PositionDelete[]): Promise<AddedFile[]> {
  const sorted = [...deletes].sort((a, b) => compareCodePoints(a.filePath, b.filePath) || Number(a.pos) - Number(b.pos));
  const added: AddedFile[] = [];
  for (const chunk of chunks(sorted, target.maxRowsPerFile)) {
    const key = tableKeys.deleteFile(state.key, crypto.randomUUID());
    // Spec: set when every delete targets one data file, so readers skip the file for the others.
    const only = chunk[0]!.filePath === chunk[chunk.length - 1]!.filePath ? chunk[0]!.filePath : null;
    const record = await writeFile(target, state, key, positionDeletesTable(chunk), POSITION_DELETE_FIELDS, { content: 1, partition, sort_order_id: null, referenced_data_file: only });
    added.push({ content: 'position-deletes', record });
  }
  return added;
}

/**
 * Builds a mirror file's Arrow table over the table's current columns, not
 * the collection's: a field the collection requires but the table took as
 * optional (added later, see `withCurrentSchema`) may be null in old rows.
 */
export function mirrorTableOf(state: TableState, collection: string): (rows: readonly ParquetRow[]) => Table {
  const columns = currentSchema(state.metadata).fields;
  return (rows) => arrowTableOf(columns, rows, collection);
}

/** `mirrorTableOf` for stored documents of the collection `schema` (`storedDocumentsTable`), taking columns from `memo` where it has them. */
export function mirrorDocumentsTableOf(state: TableState, schema: IceTypeSchema, memo?: ColumnMemo): (documents: readonly StoredDocument[]) => Table {
  const columns = currentSchema(state.metadata).fields;
  return (documents) => storedDocumentsTable(schema, columns, documents, memo === undefined ? {} : { memo });
}

/** Orders rows (Parquet rows or stored documents) by `$id` in code-point order (the byte order of UTF-8, as Iceberg sorts strings): the table's sort order 1. */
export function byId(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): number {
  return compareCodePoints(a.$id as string, b.$id as string);
}
