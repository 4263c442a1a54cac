/**
 * `drizzle-icetype/node`: what only runs in Node — the directory object
 * store for local Iceberg warehouses (tests, the demo, batch jobs).
 */
export { directoryObjectStore } from './iceberg/store/directory-object-store.js';
