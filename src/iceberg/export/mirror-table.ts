import type { ChangeEntry } from '../../cdc/change-entry.js';
import type { PositionDelete } from '../../parquet/index.js';
import type { ColumnMemo } from '../../parquet/writer/column-memo.js';
import type { StoredDocument } from '../../parquet/writer/stored-columns.js';
import { commitChange } from '../table/commit-change.js';
import { IcebergError } from '../table/iceberg-error.js';
import type { PositionChange } from '../table/position-index.js';
import type { AddedFile } from '../table/prepare-snapshot.js';
import { pathBelow, type LiveFile } from '../table/table-state.js';
import { byId, mirrorDocumentsTableOf, writeDataFiles, writeDeleteFiles, type WrittenFile } from './data-files.js';
import { openTable, type ExportTarget, type TableExport } from './export-target.js';
import { groupByDocumentPartition, groupByPartition } from './partition-values.js';

/**
 * The current-state mirror of a collection (DESIGN.md §5; research
 * iceberg.md §3.8 option 3): merge-on-read with position deletes. Each
 * export collapses the changes the table does not hold yet to the last
 * image per `$id`, writes the new images (sorted by `$id`, the table's sort
 * order) as data files per partition, and a position delete — in the
 * partition of the file it points into — for every touched `$id` that has
 * a live row, found in the position index (`_iceberg_positions`). The
 * index changes are staged with the recorded commit and land with it.
 * Position deletes apply to data files of sequence number ≤ theirs (spec
 * "Scan Planning"); here they always point into older files, as an export
 * writes one image per `$id`.
 */

/**
 * Applies the changes (of one collection, in `seq` order) the mirror does
 * not hold yet as one snapshot: `append` (new rows only), `overwrite` (new
 * rows and position deletes) or `delete` (position deletes only). When the
 * changes leave the table as it was (a document created and deleted in the
 * same run), no snapshot is made and only the table's `throughSeq`
 * advances. Undefined when no snapshot was made. Columns the changelog
 * built over the same documents are taken from `memo`.
 */
export async function exportMirror(target: ExportTarget, collection: string, changes: readonly ChangeEntry[], memo?: ColumnMemo): Promise<TableExport | undefined> {
  const { schema, state } = openTable(target, collection, 'mirror', true)!;
  const fresh = changes.filter((c) => c.seq > state.throughSeq);
  if (fresh.length === 0) return undefined;
  const throughSeq = fresh[fresh.length - 1]!.seq;
  const last = new Map<string, ChangeEntry>();
  for (const change of fresh) last.set(change.id, change);
  const documents: StoredDocument[] = [];
  for (const c of last.values()) if (c.op !== 'delete' && c.after !== null) documents.push(c.after);
  const build = mirrorDocumentsTableOf(state, schema, memo);
  const written: WrittenFile<StoredDocument>[] = [];
  for (const { partition, items } of groupByDocumentPartition(state.metadata, schema, documents, (document) => document)) {
    written.push(...(await writeDataFiles(target, state, partition, items.sort(byId), build, state.metadata['default-sort-order-id'])));
  }
  const previous = target.log.positions.lookup(state.key, [...last.keys()]);
  const filesByPath = new Map(state.files.data.map((f) => [pathBelow(state, f.path), f]));
  const deletes = [...previous].map(([id, at]): { file: LiveFile; delete: PositionDelete } => {
    const file = filesByPath.get(at.file);
    if (file === undefined) throw new IcebergError('CORRUPT_TABLE_STATE', `expected the row of ${id} in ${state.key} to be in a live data file, found it in ${at.file}, which is not live`);
    return { file, delete: { filePath: file.path, pos: at.pos } };
  });
  const deleteFiles: AddedFile[] = [];
  for (const { partition, items } of groupByPartition(deletes, (d) => d.file.partition)) {
    deleteFiles.push(...(await writeDeleteFiles(target, state, partition, items.map((d) => d.delete))));
  }
  if (written.length + deleteFiles.length === 0) {
    target.transaction(() => target.log.advance(state.key, throughSeq, target.now));
    return undefined;
  }
  // Removals first: a replaced document's new place (staged after) wins.
  const stage: PositionChange[] = [...previous.keys()].map((id) => [id, null]);
  for (const file of written) file.items.forEach((document, pos) => stage.push([document.$id as string, { file: file.path, pos }]));
  const operation = deleteFiles.length === 0 ? 'append' : written.length === 0 ? 'delete' : 'overwrite';
  const files = [...written.map((w) => w.added), ...deleteFiles];
  const prepared = await commitChange(target, state, { operation, files, throughSeq }, { apply: 'merge', stage });
  return { key: state.key, snapshotId: prepared.snapshotId, entries: fresh.length, files: written.length, deleteFiles: deleteFiles.length };
}
