import type { ChangeEntry } from '../../cdc/change-entry.js';
import type { IceTypeSchema } from '../../icetype/ast.js';
import { arrowTableFor, documentToParquetRow, type ChangelogValues, type ParquetRow } from '../../parquet/index.js';
import { commitChange } from '../table/commit-change.js';
import type { AddedFile } from '../table/prepare-snapshot.js';
import { writeDataFiles } from './data-files.js';
import { openTable, type ExportTarget, type TableExport } from './export-target.js';
import { groupByPartition, partitionOf } from './partition-values.js';

/**
 * The changelog table of a collection (DESIGN.md §5): append-only, one row
 * per change — the document's fields plus `_op`, `_seq`, `_ts`, `_shard`
 * (schema: `tableSchema('changelog', …)`). Each export appends the changes
 * the table does not hold yet as one `append` snapshot, a data file per
 * partition (more when one passes `maxRowsPerFile`), rows in `seq` order.
 */

const MICROS_PER_MS = 1000n;

/** A change as a changelog row: the document after it (before it, for deletes; only `$id` without a before image) and the change columns. */
function changelogRow(schema: IceTypeSchema, entry: ChangeEntry): ParquetRow & ChangelogValues {
  const image = entry.op === 'delete' ? entry.before : entry.after;
  const row: ParquetRow = image === null ? { $id: entry.id, $type: entry.collection } : documentToParquetRow(schema, image);
  return Object.assign(row, { _op: entry.op, _seq: BigInt(entry.seq), _ts: BigInt(entry.timestamp.getTime()) * MICROS_PER_MS, _shard: entry.shardId });
}

/** Appends the changes (of one collection, in `seq` order) the changelog does not hold yet; undefined when it holds them all. */
export async function exportChangelog(target: ExportTarget, collection: string, changes: readonly ChangeEntry[]): Promise<TableExport | undefined> {
  const { schema, fieldIds, state } = openTable(target, collection, 'changelog', true)!;
  const fresh = changes.filter((c) => c.seq > state.throughSeq);
  if (fresh.length === 0) return undefined;
  const rows = fresh.map((change) => changelogRow(schema, change));
  const build = (part: readonly ParquetRow[]) => arrowTableFor(schema, part as (ParquetRow & ChangelogValues)[], { changelog: true, ...(fieldIds === undefined ? {} : { fieldIds }) });
  const files: AddedFile[] = [];
  for (const { partition, items } of groupByPartition(rows, (row) => partitionOf(state.metadata, row))) {
    for (const written of await writeDataFiles(target, state, partition, items, build, 0)) files.push(written.added);
  }
  const prepared = await commitChange(target, state, {
    operation: 'append',
    files,
    throughSeq: fresh[fresh.length - 1]!.seq,
    properties: { 'icetype.cdc.min-seq': String(fresh[0]!.seq) },
  });
  return { key: state.key, snapshotId: prepared.snapshotId, entries: fresh.length, files: files.length, deleteFiles: 0 };
}
