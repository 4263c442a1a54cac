import type { ParquetWasmLoader } from '../../parquet/writer/parquet-wasm.js';
import type { ObjectStore } from '../store/object-store.js';
import { IcebergError } from '../table/iceberg-error.js';
import { TABLE_LIMIT_DEFAULTS } from '../table/table-limits.js';

/** Where and how to export (and compact). */
export interface ExportOptions {
  /** The object store holding the warehouse (`r2ObjectStore(env.BUCKET, 'warehouse/')`, `directoryObjectStore(dir)`). */
  readonly store: ObjectStore;
  /** The warehouse's URI as readers resolve it, without a trailing `/`: `s3://bucket/warehouse`, `file:///srv/warehouse`. Table locations are `<location>/<namespace>/<table>`. */
  readonly location: string;
  /** The namespace (directory) of the tables; default `'default'`. */
  readonly namespace?: string;
  /** How parquet-wasm is loaded: `workerdParquetWasm` in Workers, `nodeParquetWasm` in Node. */
  readonly wasm: ParquetWasmLoader;
  /** Most change-log entries per run; default 100,000. */
  readonly limit?: number;
  /** Most rows per data or delete file, which bounds the memory a file takes to build (the isolate has 128 MB); default 50,000. */
  readonly maxRowsPerFile?: number;
  /**
   * Snapshots each table's metadata keeps, the newest; older ones expire
   * (no time travel to them; their files stay in the bucket). Default 100.
   * Together with `maxMetadataLog` and `maxManifests` this keeps the
   * metadata — and the Durable Object's record of each table — from growing
   * with every export.
   */
  readonly maxSnapshots?: number;
  /** Earlier metadata files each table's metadata log keeps, the newest; default 100. */
  readonly maxMetadataLog?: number;
  /** Most manifests a snapshot's manifest list carries before they are merged into one per content kind; default 100. */
  readonly maxManifests?: number;
  /**
   * Live files past which an export compacts a table when it is done
   * (`compactIceberg`): the changelog's small files merged, the mirror
   * rewritten without its deleted rows. Each export adds files, so this
   * bounds them and the Durable Object's record of them. Default 200;
   * 0 never compacts (then call `db.cdc.compactIceberg` yourself).
   */
  readonly autoCompactFiles?: number;
}

/** Defaults of the optional options. */
export const EXPORT_DEFAULTS = { namespace: 'default', limit: 100_000, maxRowsPerFile: 50_000, ...TABLE_LIMIT_DEFAULTS, autoCompactFiles: 200 } as const;

const NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,127}$/;

type CountOption = 'limit' | 'maxRowsPerFile' | 'maxSnapshots' | 'maxMetadataLog' | 'maxManifests';

function checkCount(name: CountOption, value: number | undefined): void {
  if (value !== undefined && !(Number.isSafeInteger(value) && value >= 1)) throw new IcebergError('INVALID_OPTION', `expected ${name} to be a whole number ≥ 1, found ${String(value)}`);
}

/** Throws `IcebergError` `INVALID_OPTION` for a malformed namespace, location, limit, file size or history limit. */
export function checkOptions(options: ExportOptions): void {
  const namespace = options.namespace ?? EXPORT_DEFAULTS.namespace;
  if (!NAME.test(namespace)) throw new IcebergError('INVALID_OPTION', `expected a namespace of letters, digits, "_" and "-" (at most 128), found ${JSON.stringify(namespace)}`);
  if (typeof options.location !== 'string' || !/^[a-z][a-z0-9+.-]*:\/\/\S*[^/]$/.test(options.location)) {
    throw new IcebergError('INVALID_OPTION', `expected a location URI without a trailing "/" (s3://bucket/warehouse, file:///srv/warehouse), found ${typeof options.location === 'string' ? JSON.stringify(options.location) : typeof options.location}`);
  }
  for (const name of ['limit', 'maxRowsPerFile', 'maxSnapshots', 'maxMetadataLog', 'maxManifests'] as const) checkCount(name, options[name]);
  const auto = options.autoCompactFiles;
  if (auto !== undefined && !(Number.isSafeInteger(auto) && auto >= 0)) throw new IcebergError('INVALID_OPTION', `expected autoCompactFiles to be a whole number ≥ 0, found ${String(auto)}`);
}
