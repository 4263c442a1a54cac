import type { ChangeEntry } from '../../cdc/change-entry.js';
import type { ColumnMemo } from '../../parquet/writer/column-memo.js';
import { imageOf, storedChangelogTable } from '../../parquet/writer/stored-tables.js';
import { commitChange } from '../table/commit-change.js';
import type { AddedFile } from '../table/prepare-snapshot.js';
import { writeDataFiles } from './data-files.js';
import { openTable, type ExportTarget, type TableExport } from './export-target.js';
import { groupByDocumentPartition } from './partition-values.js';

/**
 * The changelog table of a collection (DESIGN.md §5): append-only, one row
 * per change — the document's fields plus `_op`, `_seq`, `_ts`, `_shard`
 * (schema: `tableSchema('changelog', …)`). Each export appends the changes
 * the table does not hold yet as one `append` snapshot, a data file per
 * partition (more when one passes `maxRowsPerFile`), rows in `seq` order.
 * The change log's images are stored documents, so their columns are laid
 * out straight from them (`storedChangelogTable`).
 */

/** Appends the changes (of one collection, in `seq` order) the changelog does not hold yet; undefined when it holds them all. The columns it builds go into `memo`, for the mirror. */
export async function exportChangelog(target: ExportTarget, collection: string, changes: readonly ChangeEntry[], memo?: ColumnMemo): Promise<TableExport | undefined> {
  const { schema, fieldIds, state } = openTable(target, collection, 'changelog', true)!;
  const fresh = changes.filter((c) => c.seq > state.throughSeq);
  if (fresh.length === 0) return undefined;
  const build = (part: readonly ChangeEntry[]) => storedChangelogTable(schema, part, { ...(fieldIds === undefined ? {} : { fieldIds }), ...(memo === undefined ? {} : { memo }) });
  const files: AddedFile[] = [];
  for (const { partition, items } of groupByDocumentPartition(state.metadata, schema, fresh, imageOf, (change) => ({ $id: change.id, $type: change.collection }))) {
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
