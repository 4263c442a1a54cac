import type { ParquetWasmLoader } from '../../parquet/writer/parquet-wasm.js';
import type { ObjectStore } from '../store/object-store.js';
import { IcebergError } from '../table/iceberg-error.js';

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
}

/** Defaults of the optional options. */
export const EXPORT_DEFAULTS = { namespace: 'default', limit: 100_000, maxRowsPerFile: 50_000 } as const;

const NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,127}$/;

function checkCount(name: 'limit' | 'maxRowsPerFile', value: number | undefined): void {
  if (value !== undefined && !(Number.isSafeInteger(value) && value >= 1)) throw new IcebergError('INVALID_OPTION', `expected ${name} to be a whole number ≥ 1, found ${String(value)}`);
}

/** Throws `IcebergError` `INVALID_OPTION` for a malformed namespace, location, limit or file size. */
export function checkOptions(options: ExportOptions): void {
  const namespace = options.namespace ?? EXPORT_DEFAULTS.namespace;
  if (!NAME.test(namespace)) throw new IcebergError('INVALID_OPTION', `expected a namespace of letters, digits, "_" and "-" (at most 128), found ${JSON.stringify(namespace)}`);
  if (typeof options.location !== 'string' || !/^[a-z][a-z0-9+.-]*:\/\/\S*[^/]$/.test(options.location)) {
    throw new IcebergError('INVALID_OPTION', `expected a location URI without a trailing "/" (s3://bucket/warehouse, file:///srv/warehouse), found ${typeof options.location === 'string' ? JSON.stringify(options.location) : typeof options.location}`);
  }
  checkCount('limit', options.limit);
  checkCount('maxRowsPerFile', options.maxRowsPerFile);
}
