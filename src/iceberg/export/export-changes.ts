import type { ChangeEntry } from '../../cdc/change-entry.js';
import { ColumnMemo } from '../../parquet/writer/column-memo.js';
import { finishRecorded } from '../table/commit-snapshot.js';
import { exportChangelog } from './changelog-table.js';
import { changelogNeedsCompaction, compactChangelog } from './compact-changelog.js';
import { compactMirror } from './compact-mirror.js';
import type { ExportOptions } from './export-options.js';
import { exportTarget, tableKey, type ExportContext, type ExportTarget, type TableExport } from './export-target.js';
import { exportMirror } from './mirror-table.js';

/**
 * The export of the change log to Iceberg (DESIGN.md §5, issue 6 §2): the
 * unsynced entries of each collection go to its two tables — the
 * changelog (`exportChangelog`) and the current-state mirror
 * (`exportMirror`) — each committing one snapshot with `commitChange`.
 *
 * Exactly once across the two: each table's state records the highest
 * `seq` it holds (`throughSeq`, also its snapshots' `icetype.cdc.max-seq`),
 * and a table skips the entries at or below it; an entry is marked synced
 * only once every table of its collection holds it, after their commits.
 * A run first finishes any commit a failed run left recorded, so whatever
 * step failed — before, between or after the two tables' commits — the
 * rerun neither loses nor repeats a change.
 */

/** What one export did. */
export interface ExportResult {
  /** Snapshots committed, by table (`<namespace>/<Collection>_changelog`, then `<namespace>/<Collection>`). */
  readonly tables: readonly TableExport[];
  /** Change-log entries both tables of their collection now hold, marked synced by this run. */
  readonly entries: number;
  /** Entries left unsynced because their collection is not in the schema (schemaless collections are not exported yet). */
  readonly skipped: number;
  /** Tables the export compacted after committing, having passed `autoCompactFiles` live files: their `replace` snapshots. */
  readonly compacted: readonly { readonly key: string; readonly snapshotId: number }[];
  /**
   * Compactions that failed (a missing data file, an object-store error):
   * the export itself stands — its entries are synced — and the next export
   * tries again, first finishing any commit the failed one recorded.
   */
  readonly compactionErrors: readonly { readonly key: string; readonly code: string; readonly message: string }[];
}

/** The highest `seq` every table of the collection holds. */
function passedBy(target: ExportTarget, collection: string): number {
  const through = (['changelog', 'mirror'] as const).map((kind) => target.log.load(tableKey(target.namespace, collection, kind))?.state.throughSeq ?? 0);
  return Math.min(...through);
}

/** Exports the change log's unsynced entries; see the module comment. */
export async function exportChanges(context: ExportContext, options: ExportOptions, now = new Date()): Promise<ExportResult> {
  const target = exportTarget(context, options, now);
  await finishRecorded(target.store, target.log, target.transaction, now);
  const byCollection = new Map<string, ChangeEntry[]>();
  let skipped = 0;
  for (const entry of context.unsynced(target.limit)) {
    if (!context.collections.has(entry.collection)) {
      skipped++;
      continue;
    }
    let list = byCollection.get(entry.collection);
    if (list === undefined) byCollection.set(entry.collection, (list = []));
    list.push(entry);
  }
  const tables: TableExport[] = [];
  const compacted: { key: string; snapshotId: number }[] = [];
  const compactionErrors: { key: string; code: string; message: string }[] = [];
  let entries = 0;
  for (const [collection, changes] of byCollection) {
    // The two tables share the columns they build over the same documents (an export of inserts).
    const memo = new ColumnMemo();
    for (const step of [exportChangelog, exportMirror]) {
      const committed = await step(target, collection, changes, memo);
      if (committed !== undefined) tables.push(committed);
    }
    const passed = passedBy(target, collection);
    const synced = changes.filter((c) => c.seq <= passed).map((c) => c.seq);
    context.markSynced(synced);
    entries += synced.length;
    await compactPastLimit(target, collection, compacted, compactionErrors);
  }
  return { tables, entries, skipped, compacted, compactionErrors };
}

/**
 * Compacts the collection's tables that hold more than `autoCompactFiles`
 * live files (data and delete files): the changelog when it has small files
 * to merge, the mirror when it has more than one file per partition or any
 * delete file. Runs after the export's entries are marked synced, so a
 * failure here loses nothing: it is reported in `errors`, and the next run
 * finishes a commit it recorded and tries again.
 */
async function compactPastLimit(
  target: ExportTarget,
  collection: string,
  done: { key: string; snapshotId: number }[],
  errors: { key: string; code: string; message: string }[],
): Promise<void> {
  if (target.autoCompactFiles === 0) return;
  const liveFiles = (kind: 'changelog' | 'mirror') => {
    const files = target.log.load(tableKey(target.namespace, collection, kind))?.state.files;
    return files === undefined ? { count: 0, data: [] } : { count: files.data.length + files.deletes.length, data: files.data };
  };
  const attempt = async (kind: 'changelog' | 'mirror', compact: () => Promise<{ key: string; snapshotId: number | null }>) => {
    try {
      const { key, snapshotId } = await compact();
      if (snapshotId !== null) done.push({ key, snapshotId });
    } catch (error) {
      const code = typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : 'COMPACTION_FAILED';
      errors.push({ key: tableKey(target.namespace, collection, kind), code, message: error instanceof Error ? error.message : String(error) });
    }
  };
  const changelog = liveFiles('changelog');
  if (changelog.count > target.autoCompactFiles && changelogNeedsCompaction(changelog.data, target.maxRowsPerFile)) {
    await attempt('changelog', () => compactChangelog(target, collection));
  }
  if (liveFiles('mirror').count > target.autoCompactFiles) await attempt('mirror', () => compactMirror(target, collection));
}
