/**
 * `drizzle-icetype/node`: what only runs in Node — the directory object
 * store for local Iceberg warehouses (tests, the demo, batch jobs) and
 * parquet-wasm loaded from disk.
 */
export { directoryObjectStore } from './iceberg/store/directory-object-store.js';
export { nodeParquetWasm } from './parquet/writer/node-wasm.js';
