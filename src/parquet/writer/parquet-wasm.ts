/**
 * parquet-wasm's esm build, initialised once per isolate (research
 * iceberg.md §1.2). How the wasm bytes arrive differs by runtime —
 * workerd imports a compiled `WebAssembly.Module` (`workerd-wasm.ts`),
 * Node reads the file (`node-wasm.ts`) — and everything else is shared: a
 * writer takes a `ParquetWasmLoader` and calls it on its first write.
 */
import * as parquetWasm from 'parquet-wasm/esm';

/** The initialised parquet-wasm module (its esm build's exports). */
export type ParquetWasm = typeof parquetWasm;

/** Returns the initialised module, initialising it on the first call: `workerdParquetWasm` or `nodeParquetWasm`. */
export type ParquetWasmLoader = () => ParquetWasm;

let initialised = false;

/**
 * Initialises parquet-wasm from the module `load` returns, unless already
 * done in this isolate, and returns it. `load` runs at most once.
 *
 * @example
 * initParquetWasm(() => wasmModule) // workerd: the CompiledWasm import
 */
export function initParquetWasm(load: () => WebAssembly.Module | Uint8Array): ParquetWasm {
  if (!initialised) {
    parquetWasm.initSync({ module: load() });
    initialised = true;
  }
  return parquetWasm;
}
