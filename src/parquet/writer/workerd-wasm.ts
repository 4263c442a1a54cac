/**
 * parquet-wasm in workerd: the `.wasm` file imported as a compiled
 * `WebAssembly.Module` (wrangler's default CompiledWasm rule for `*.wasm`),
 * because Workers may not compile wasm from bytes at runtime.
 */
/// <reference path="./parquet-wasm-module.d.ts" />
import wasmModule from 'parquet-wasm/esm/parquet_wasm_bg.wasm';
import { initParquetWasm, type ParquetWasm } from './parquet-wasm.js';

/**
 * The `ParquetWasmLoader` of Workers and Durable Objects: initialises on
 * the first call (the first write), not at import.
 *
 * @example
 * writeParquet(arrowTableFor(User, rows), { wasm: workerdParquetWasm })
 */
export function workerdParquetWasm(): ParquetWasm {
  return initParquetWasm(() => wasmModule);
}
