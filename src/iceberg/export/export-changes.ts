import type { ChangeEntry } from '../../cdc/change-entry.js';
import { ColumnMemo } from '../../parquet/writer/column-memo.js';
import { finishRecorded } from '../table/commit-snapshot.js';
import { exportChangelog } from './changelog-table.js';
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
  }
  return { tables, entries, skipped };
}
