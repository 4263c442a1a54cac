/**
 * `drizzle-icetype/workerd`: what only runs in Workers — parquet-wasm loaded
 * from its `.wasm` file imported as a module (wrangler bundles it), for
 * `drizzle(storage, { iceberg: { wasm: workerdParquetWasm } })`. Kept out of
 * the main entry so apps that never export do not bundle the 5 MB wasm.
 */
export { workerdParquetWasm } from './parquet/writer/workerd-wasm.js';
