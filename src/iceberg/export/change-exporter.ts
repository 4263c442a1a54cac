import { IcebergError } from '../table/iceberg-error.js';
import { compactChangelog, type ChangelogCompactionResult } from './compact-changelog.js';
import { compactMirror, type CompactionResult } from './compact-mirror.js';
import { exportChanges, type ExportResult } from './export-changes.js';
import type { ExportOptions } from './export-options.js';
import { exportTarget, type ExportContext } from './export-target.js';

/** `db.cdc.exportNow` and `db.cdc.compactIceberg`: on demand, one at a time per database. */
export interface ChangeExporter<Collection extends string = string> {
  /**
   * Exports the unsynced change log to Iceberg now (`exportChanges`): each
   * collection's changelog and current-state mirror tables, with the
   * `iceberg` options given to `drizzle()` overridden by `options`. Calls
   * made while an export or compaction runs wait for it, so they never
   * overlap.
   *
   * @example
   * await db.cdc.exportNow()
   * // { tables: [{ key: 'app/Order_changelog', snapshotId, entries: 3, files: 2, deleteFiles: 0 }, { key: 'app/Order', … }], entries: 3, skipped: 0 }
   */
  exportNow(options?: Partial<ExportOptions>): Promise<ExportResult>;
  /**
   * Compacts the collection's two tables: the changelog's small files
   * merged (`compactChangelog`), then the current-state mirror's live rows
   * rewritten into new data files without the deleted ones
   * (`compactMirror`), each committed as one `replace` snapshot (or none
   * when there is nothing to compact). Exports also do this by themselves
   * past `autoCompactFiles`. Queued with `exportNow`, same options.
   *
   * @example
   * await db.cdc.compactIceberg('Order')
   * // { key: 'app/Order', snapshotId, rows: 1200, dataFiles: { before: 14, after: 2 }, deleteFiles: 12,
   * //   changelog: { key: 'app/Order_changelog', snapshotId, rows: 5000, dataFiles: { before: 40, after: 4 } } }
   */
  compactIceberg(collection: Collection, options?: Partial<ExportOptions>): Promise<IcebergCompaction>;
}

/** What `compactIceberg` did: the mirror's compaction, and the changelog's under `changelog`. */
export interface IcebergCompaction extends CompactionResult {
  readonly changelog: ChangelogCompactionResult;
}

function complete(options: Partial<ExportOptions>, call: string): ExportOptions {
  if (options.store === undefined || options.location === undefined || options.wasm === undefined) {
    const missing = (['store', 'location', 'wasm'] as const).filter((k) => options[k] === undefined).join(', ');
    throw new IcebergError('INVALID_OPTION', `expected drizzle(…, { iceberg: { store, location, wasm } }) or ${call}({ store, location, wasm }), found no ${missing}`);
  }
  return options as ExportOptions;
}

/** The exporter of a database, over its context and its configured options. */
export function createChangeExporter<Collection extends string = string>(context: ExportContext, defaults: Partial<ExportOptions> = {}): ChangeExporter<Collection> {
  let last: Promise<unknown> = Promise.resolve();
  const queued = <T>(run: () => Promise<T>): Promise<T> => {
    const next = last.then(run, run);
    last = next.catch(() => undefined);
    return next;
  };
  return {
    exportNow: (options = {}) => queued(() => exportChanges(context, complete({ ...defaults, ...options }, 'exportNow'))),
    compactIceberg: (collection, options = {}) =>
      queued(async () => {
        const target = exportTarget(context, complete({ ...defaults, ...options }, 'compactIceberg'), new Date());
        const changelog = await compactChangelog(target, collection);
        return { ...(await compactMirror(target, collection)), changelog };
      }),
  };
}
