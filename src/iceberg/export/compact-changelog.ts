import type { ParquetRow } from '../../parquet/index.js';
import { commitChange } from '../table/commit-change.js';
import { IcebergError } from '../table/iceberg-error.js';
import { currentSchema, type AddedFile } from '../table/prepare-snapshot.js';
import { objectKeyOf, type LiveFile } from '../table/table-state.js';
import { mirrorTableOf, writeDataFiles } from './data-files.js';
import { openForCompaction, type ExportTarget } from './export-target.js';
import { groupByPartition } from './partition-values.js';
import { readRows } from './read-data-file.js';

/**
 * Compaction of a changelog table (Iceberg spec "Snapshots": `replace`):
 * every export appends a data file per partition it touches, so a streaming
 * export leaves many small files. In each partition holding two or more
 * files of fewer than `maxRowsPerFile` rows, those files' rows are read
 * back and written, in `_seq` order, into files of `maxRowsPerFile` rows
 * (the last of a partition fewer); full files and lone small ones stay. One `replace` snapshot
 * commits it: the new files ADDED, the merged ones DELETED (with their
 * sequence numbers), the others listed as EXISTING — readers see the same
 * rows. Exactly once like an export: a compaction that fails at any step
 * leaves the table as it was, and the next run finishes a commit it
 * recorded.
 */

/** What a changelog compaction did. */
export interface ChangelogCompactionResult {
  /** The changelog table, `<namespace>/<Collection>_changelog`. */
  readonly key: string;
  /** The `replace` snapshot committed, or null when no partition had two small files. */
  readonly snapshotId: number | null;
  /** Rows rewritten. */
  readonly rows: number;
  /** Live data files before and after. */
  readonly dataFiles: { readonly before: number; readonly after: number };
}

/** Partitions' small files worth merging: two or more of fewer than `maxRowsPerFile` rows in one partition. */
function smallFileGroups(files: readonly LiveFile[], maxRowsPerFile: number): { partition: Readonly<Record<string, unknown>>; items: LiveFile[] }[] {
  const small = files.filter((f) => f.recordCount < maxRowsPerFile);
  return groupByPartition(small, (f) => f.partition).filter((group) => group.items.length > 1);
}

/** Whether compacting the changelog of these live files would merge anything. */
export function changelogNeedsCompaction(files: readonly LiveFile[], maxRowsPerFile: number): boolean {
  return smallFileGroups(files, maxRowsPerFile).length > 0;
}

/** Compacts the changelog table of `collection`; see the module comment. Throws `IcebergError` `UNKNOWN_COLLECTION` for a collection not in the schema. */
export async function compactChangelog(target: ExportTarget, collection: string): Promise<ChangelogCompactionResult> {
  const { store } = target;
  const { key, opened } = await openForCompaction(target, collection, 'changelog');
  const files = opened?.state.files.data.length ?? 0;
  const unchanged: ChangelogCompactionResult = { key, snapshotId: null, rows: 0, dataFiles: { before: files, after: files } };
  if (opened === undefined) return unchanged;
  const { schema, state } = opened;
  const groups = smallFileGroups(state.files.data, target.maxRowsPerFile);
  if (groups.length === 0) return unchanged;
  const fields = currentSchema(state.metadata).fields;
  // The changelog's columns are the table's current fields: its rows are rebuilt from them, as a mirror's are.
  const build = mirrorTableOf(state, schema.name);
  const added: AddedFile[] = [];
  const removed: LiveFile[] = [];
  let rows = 0;
  for (const { partition, items } of groups) {
    // Files go out as the buffer fills, so memory stays within one file's rows. The table is unsorted (order 0);
    // rows keep `_seq` order within each new file, and across them as the files are read in commit order.
    let buffer: ParquetRow[] = [];
    const flush = async () => {
      for (const written of await writeDataFiles(target, state, partition, buffer.sort(bySeq), build, 0)) added.push(written.added);
      rows += buffer.length;
      buffer = [];
    };
    for (const file of items) {
      const bytes = await store.get(objectKeyOf(state, file.path));
      if (bytes === null) throw new IcebergError('MISSING_DATA_FILE', `expected the live data file ${file.path} of ${key} in the object store, found none`);
      for (const row of readRows(target.wasm, bytes, fields, Array.from({ length: file.recordCount }, (_, i) => i), file.path)) {
        buffer.push(row);
        if (buffer.length >= target.maxRowsPerFile) await flush();
      }
      removed.push(file);
    }
    if (buffer.length > 0) await flush();
  }
  const prepared = await commitChange(target, state, { operation: 'replace', files: added, removes: { data: removed, deletes: [] }, throughSeq: state.throughSeq });
  return { key, snapshotId: prepared.snapshotId, rows, dataFiles: { before: files, after: files - removed.length + added.length } };
}

/** Orders changelog rows by `_seq` (a bigint column). */
function bySeq(a: ParquetRow, b: ParquetRow): number {
  const x = a['_seq'] as bigint;
  const y = b['_seq'] as bigint;
  return x < y ? -1 : x > y ? 1 : 0;
}
