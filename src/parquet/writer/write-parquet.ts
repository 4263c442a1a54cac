/**
 * An Arrow table as a Parquet file, written by parquet-wasm (parquet-rs):
 * the table crosses into wasm as an Arrow IPC stream, field metadata
 * `PARQUET:field_id` becomes each column's Parquet `field_id`, and the
 * footer carries chunk and page statistics (min, max, null count) and
 * column indexes (research iceberg.md §1.3).
 */
import { tableToIPC, type Table } from 'apache-arrow';
import type { ParquetWasmLoader } from './parquet-wasm.js';
import { ParquetWriteError } from './parquet-write-error.js';

/** Codecs offered: ZSTD (Iceberg's default since 1.4), SNAPPY, or none. LZO panics parquet-wasm and LZ4 (hadoop framing) is unreadable by DuckDB, so neither is offered. */
export type ParquetCompression = 'zstd' | 'snappy' | 'uncompressed';

/** Options of `writeParquet`. */
export interface WriteParquetOptions {
  /** Where parquet-wasm comes from: `workerdParquetWasm` in Workers, `nodeParquetWasm` in Node. */
  readonly wasm: ParquetWasmLoader;
  /** Default `'zstd'`. */
  readonly compression?: ParquetCompression;
  /** Most rows per row group; default parquet-rs's 1,048,576. */
  readonly rowGroupSize?: number;
  /** File key-value metadata, e.g. `{ 'iceberg.schema': JSON.stringify(schema) }` as Iceberg Java writes it. */
  readonly keyValueMetadata?: Readonly<Record<string, string>>;
}

const CODECS = { zstd: 'ZSTD', snappy: 'SNAPPY', uncompressed: 'UNCOMPRESSED' } as const;

function checkOptions(options: WriteParquetOptions): void {
  if (options.compression !== undefined && !Object.hasOwn(CODECS, options.compression)) {
    throw new ParquetWriteError('INVALID_OPTION', `expected compression 'zstd', 'snappy' or 'uncompressed', found ${JSON.stringify(String(options.compression))}`);
  }
  const size = options.rowGroupSize;
  if (size !== undefined && !(Number.isSafeInteger(size) && size >= 1)) {
    throw new ParquetWriteError('INVALID_OPTION', `expected rowGroupSize to be a whole number ≥ 1, found ${typeof size === 'number' ? size : typeof size}`);
  }
}

/**
 * The bytes of a Parquet file holding `table` (`arrowTableFor`,
 * `positionDeletesTable`): ZSTD unless told otherwise, statistics at page
 * and chunk level, `created_by` parquet-rs's own. The table is not consumed.
 * Throws `ParquetWriteError` `INVALID_OPTION`, or `WRITE_FAILED` when
 * parquet-wasm refuses the table (the cause attached).
 *
 * @example
 * const bytes = writeParquet(arrowTableFor(User, rows), { wasm: workerdParquetWasm })
 * await env.BUCKET.put(`${location}/data/${uuid}.parquet`, bytes)
 */
export function writeParquet(table: Table, options: WriteParquetOptions): Uint8Array {
  checkOptions(options);
  const wasm = options.wasm();
  try {
    // Both the wasm table and the properties are consumed (freed) by the write; the table first, as only it can fail.
    const wasmTable = wasm.Table.fromIPCStream(tableToIPC(table, 'stream'));
    let builder = new wasm.WriterPropertiesBuilder()
      .setCompression(wasm.Compression[CODECS[options.compression ?? 'zstd']])
      .setStatisticsEnabled(wasm.EnabledStatistics.Page);
    if (options.rowGroupSize !== undefined) builder = builder.setMaxRowGroupSize(options.rowGroupSize);
    if (options.keyValueMetadata !== undefined) builder = builder.setKeyValueMetadata(new Map(Object.entries(options.keyValueMetadata)));
    return wasm.writeParquet(wasmTable, builder.build());
  } catch (cause) {
    throw new ParquetWriteError('WRITE_FAILED', `expected parquet-wasm to write the table, found it refused: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}
