import { IcebergError } from '../table/iceberg-error.js';
import { exportChanges, type ExportContext, type ExportOptions, type ExportResult } from './export-changes.js';

/** `db.cdc.exportNow`: exports on demand, one export at a time per database. */
export interface ChangeExporter {
  /**
   * Exports the unsynced change log to Iceberg now (`exportChanges`), with
   * the `iceberg` options given to `drizzle()` overridden by `options`.
   * Calls made while an export runs wait for it, so exports never overlap.
   */
  exportNow(options?: Partial<ExportOptions>): Promise<ExportResult>;
}

function complete(options: Partial<ExportOptions>): ExportOptions {
  if (options.store === undefined || options.location === undefined || options.wasm === undefined) {
    const missing = (['store', 'location', 'wasm'] as const).filter((k) => options[k] === undefined).join(', ');
    throw new IcebergError('INVALID_OPTION', `expected drizzle(…, { iceberg: { store, location, wasm } }) or exportNow({ store, location, wasm }), found no ${missing}`);
  }
  return options as ExportOptions;
}

/** The exporter of a database, over its context and its configured options. */
export function createChangeExporter(context: ExportContext, defaults: Partial<ExportOptions> = {}): ChangeExporter {
  let last: Promise<unknown> = Promise.resolve();
  return {
    exportNow(options = {}) {
      const run = last.then(
        () => exportChanges(context, complete({ ...defaults, ...options })),
        () => exportChanges(context, complete({ ...defaults, ...options })),
      );
      last = run.catch(() => undefined);
      return run;
    },
  };
}
