import type { ParquetRow } from '../../parquet/index.js';
import { commitChange } from '../table/commit-change.js';
import { IcebergError } from '../table/iceberg-error.js';
import type { PositionChange } from '../table/position-index.js';
import { currentSchema, type AddedFile } from '../table/prepare-snapshot.js';
import { objectKeyOf, pathBelow } from '../table/table-state.js';
import { byId, mirrorTableOf, writeDataFiles } from './data-files.js';
import { openForCompaction, type ExportTarget } from './export-target.js';
import { groupByPartition, partitionKey } from './partition-values.js';
import { readRows } from './read-data-file.js';

/**
 * Compaction of a current-state mirror (research iceberg.md §3.8 option 4;
 * Iceberg spec "Snapshots": `replace`): in every partition with more than
 * one data file or a delete file, the live rows — each data file's rows at
 * the positions the position index still lists, which are exactly those no
 * position delete removed — are read back and written to new data files
 * (sorted by `$id`, at most `maxRowsPerFile` each); other partitions stay.
 * The `replace` snapshot's manifests list the new files as ADDED entries,
 * the partitions' old data and delete files as DELETED entries (with their
 * sequence numbers) and the kept files as EXISTING ones, so readers see
 * the same rows with no delete files to apply. The rewritten rows' new
 * places are staged as they are written and replace theirs in the index
 * when the commit lands (`TableLog.finish`), exactly once like an export:
 * a compaction that fails at any step leaves the table as it was, and the
 * next run finishes a commit it recorded.
 */

/** What a compaction did. */
export interface CompactionResult {
  /** The mirror table, `<namespace>/<Collection>`. */
  readonly key: string;
  /** The `replace` snapshot committed, or null when there was nothing to compact (no snapshot yet, or no delete file and at most one data file per partition). */
  readonly snapshotId: number | null;
  /** Live rows rewritten. */
  readonly rows: number;
  /** Live data files before and after. */
  readonly dataFiles: { readonly before: number; readonly after: number };
  /** Position-delete files the snapshot removed. */
  readonly deleteFiles: number;
}

/** Compacts the mirror table of `collection`; see the module comment. Throws `IcebergError` `UNKNOWN_COLLECTION` for a collection not in the schema. */
export async function compactMirror(target: ExportTarget, collection: string): Promise<CompactionResult> {
  const { log, store, transaction } = target;
  const { key, opened } = await openForCompaction(target, collection, 'mirror');
  const files = opened?.state.files.data.length ?? 0;
  const unchanged: CompactionResult = { key, snapshotId: null, rows: 0, dataFiles: { before: files, after: files }, deleteFiles: 0 };
  if (opened === undefined) return unchanged;
  const { schema, state } = opened;
  // Only partitions with more than one data file or a delete file are rewritten; the others stay as they are.
  const withDeletes = new Set(state.files.deletes.map((f) => partitionKey(f.partition)));
  const partitions = groupByPartition(state.files.data, (f) => f.partition).filter((p) => p.items.length > 1 || withDeletes.has(partitionKey(p.partition)));
  if (partitions.length === 0 && state.files.deletes.length === 0) return unchanged;
  const rewritten = new Set(partitions.map((p) => partitionKey(p.partition)));
  const removes = {
    data: partitions.flatMap((p) => p.items),
    deletes: state.files.deletes.filter((f) => rewritten.has(partitionKey(f.partition))),
  };

  const live = log.positions.liveRows(key);
  const livePaths = new Set(state.files.data.map((f) => pathBelow(state, f.path)));
  const stray = [...live.keys()].find((path) => !livePaths.has(path));
  if (stray !== undefined) throw new IcebergError('CORRUPT_TABLE_STATE', `expected the position index of ${key} to point into live data files only, found ${stray}`);
  transaction(() => log.positions.clearStaged(key));
  const fields = currentSchema(state.metadata).fields;
  const build = mirrorTableOf(state, schema.name);
  const added: AddedFile[] = [];
  let rows = 0;
  for (const { partition, items } of partitions) {
    let buffer: ParquetRow[] = [];
    const flush = async () => {
      const written = await writeDataFiles(target, state, partition, buffer.sort(byId), build, state.metadata['default-sort-order-id']);
      const places = written.flatMap((w) => w.items.map((row, pos): PositionChange => [row.$id as string, { file: w.path, pos }]));
      transaction(() => log.positions.stage(key, places));
      added.push(...written.map((w) => w.added));
      rows += buffer.length;
      buffer = [];
    };
    for (const file of items) {
      const positions = live.get(pathBelow(state, file.path));
      if (positions === undefined) continue; // every row deleted: nothing to read
      const bytes = await store.get(objectKeyOf(state, file.path));
      if (bytes === null) throw new IcebergError('MISSING_DATA_FILE', `expected the live data file ${file.path} of ${key} in the object store, found none`);
      for (const row of readRows(target.wasm, bytes, fields, positions, file.path)) {
        buffer.push(row);
        if (buffer.length >= target.maxRowsPerFile) await flush();
      }
    }
    if (buffer.length > 0) await flush();
  }
  // The rewritten rows' new places replace theirs in the index; the kept partitions' rows keep theirs.
  const prepared = await commitChange(target, state, { operation: 'replace', files: added, removes, throughSeq: state.throughSeq }, { apply: 'merge' });
  return { key, snapshotId: prepared.snapshotId, rows, dataFiles: { before: files, after: files - removes.data.length + added.length }, deleteFiles: removes.deletes.length };
}
