/**
 * parquet-wasm in Node (tests, benchmarks, the demo's local export): the
 * same esm build as in workerd, initialised from the bytes of its `.wasm`
 * file.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { initParquetWasm, type ParquetWasm } from './parquet-wasm.js';

/**
 * The `ParquetWasmLoader` of Node: reads and compiles the wasm on the
 * first call.
 *
 * @example
 * writeParquet(arrowTableFor(User, rows), { wasm: nodeParquetWasm })
 */
export function nodeParquetWasm(): ParquetWasm {
  return initParquetWasm(() => readFileSync(createRequire(import.meta.url).resolve('parquet-wasm/esm/parquet_wasm_bg.wasm')));
}
