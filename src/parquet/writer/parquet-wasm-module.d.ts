/** wrangler's CompiledWasm rule turns a `.wasm` import into a compiled module. */
declare module 'parquet-wasm/esm/parquet_wasm_bg.wasm' {
  const module: WebAssembly.Module;
  export default module;
}
