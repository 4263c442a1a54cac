/**
 * Shared by the Iceberg export tests (export.test.ts, mirror.test.ts): the
 * schema and its seed, a database exporting into the test worker's R2
 * binding, object stores that count or fail their calls, and readers of
 * what was committed — the changelog's rows, and the mirror's live rows
 * computed as a reader must (Iceberg spec "Scan Planning"): every live data
 * file's rows less those a position-delete file of the same partition and
 * a data sequence number ≥ the data file's names. Parquet is read with
 * parquet-wasm's reader; the file lists come from the Durable Object's
 * record of the table (no Avro is decoded in workerd).
 */
import { env } from 'cloudflare:workers';
import { tableFromIPC, type Table } from 'apache-arrow';
import { expect } from 'vitest';
import { defineSchema, drizzle, migrate, r2ObjectStore, type ObjectStore } from '../../src/index.js';
import { workerdParquetWasm } from '../../src/parquet/writer/workerd-wasm.js';
import { createTablesSql } from '../search/support.js';
import { inDurableObject } from '../support/do.js';

export const schema = defineSchema({
  Order: { $partitionBy: ['region'], region: 'string!', amount: 'decimal(10,2)', placedAt: 'timestamp!', note: 'string?' },
  Click: { $storage: 'batched', $partitionBy: ['at'], at: 'timestamp!', page: 'string!' },
} as const);

export const LOCATION = 'r2://warehouse-bucket/warehouse';

/** A store under a fresh prefix of the test bucket. */
export const freshStore = (): ObjectStore => r2ObjectStore(env.BUCKET, `${crypto.randomUUID()}/`);

/** A database over `storage` exporting to `store` in namespace `shop`. */
export async function open(storage: DurableObjectStorage, store: ObjectStore, options: { maxRowsPerFile?: number; maxSnapshots?: number; maxMetadataLog?: number; maxManifests?: number; autoCompactFiles?: number } = {}) {
  for (const ddl of createTablesSql(schema)) if (ddl.includes('"Order"')) storage.sql.exec(ddl);
  const db = drizzle(storage, { schema, iceberg: { store, location: LOCATION, namespace: 'shop', wasm: workerdParquetWasm, ...options } });
  await migrate(db, { migrations: {} });
  return db;
}

export type Db = Awaited<ReturnType<typeof open>>;

const DAY = 86_400_000;

/** Three orders in two regions (seq 1–3), three clicks over two days (seq 4–6). */
export function seed(db: Db): void {
  db.store.createMany('Order', [
    { $id: 'o1', region: 'eu', amount: '10.50', placedAt: new Date(Date.UTC(2026, 0, 1)) },
    { $id: 'o2', region: 'us', amount: '99.99', placedAt: new Date(Date.UTC(2026, 0, 2)), note: 'gift' },
    { $id: 'o3', region: 'eu', amount: '0.01', placedAt: new Date(Date.UTC(2026, 0, 3)) },
  ]);
  db.store.createMany('Click', [
    { $id: 'c1', at: new Date(Date.UTC(2026, 0, 1, 10)), page: '/' },
    { $id: 'c2', at: new Date(Date.UTC(2026, 0, 1, 23)), page: '/cart' },
    { $id: 'c3', at: new Date(Date.UTC(2026, 0, 1) + DAY), page: '/pay' },
  ]);
}

/** Updates, a partition move, a delete and an insert (seq 7–10). */
export function mutate(db: Db): void {
  db.store.update('Order', 'o1', { note: 'rush' });
  db.store.update('Order', 'o2', { region: 'eu' }); // moves to another partition: the delete lands in the old one
  db.store.delete('Order', 'o3');
  db.store.create('Click', { $id: 'c4', at: new Date(Date.UTC(2026, 0, 1, 12)), page: '/help' });
}

/** A table's state as the Durable Object records it (partition values here are strings and numbers: plain JSON). */
export interface RecordedState {
  version: number;
  throughSeq: number;
  metadata: { location: string; 'current-snapshot-id'?: number };
  manifests: { manifest_path: string; content: number; added_snapshot_id: number; added_files_count: number; existing_files_count: number; deleted_files_count: number }[];
  files: Record<'data' | 'deletes', { path: string; partition: Record<string, unknown>; recordCount: number; sequenceNumber: number }[]>;
}

export function recordedState(storage: DurableObjectStorage, key: string): RecordedState {
  return JSON.parse(storage.sql.exec<{ state: string }>('SELECT state FROM _iceberg_tables WHERE key = ?', key).one().state) as RecordedState;
}

export async function readParquet(store: ObjectStore, path: string): Promise<Table> {
  const bytes = await store.get(path.slice(`${LOCATION}/`.length));
  expect(bytes, `${path} is in the store`).not.toBeNull();
  return tableFromIPC(workerdParquetWasm().readParquet(bytes!).intoIPCStream());
}

/** The changelog's rows (every live data file), in `_seq` order. */
export async function changelogRows(storage: DurableObjectStorage, store: ObjectStore, key: string): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  for (const file of recordedState(storage, key).files.data) {
    for (const record of (await readParquet(store, file.path)).toArray()) rows.push(record.toJSON() as Record<string, unknown>);
  }
  return rows.sort((a, b) => Number(a._seq) - Number(b._seq));
}

/** A live row of the mirror, with where it is. */
export type MirrorRow = Record<string, unknown> & { readonly _file: string; readonly _pos: number };

/** The mirror's live rows at `state` (default: the recorded one), by `$id`; see the module comment. */
export async function mirrorRows(storage: DurableObjectStorage, store: ObjectStore, key: string, state = recordedState(storage, key)): Promise<MirrorRow[]> {
  const deleted = new Set<string>();
  const partitionOf = new Map(state.files.data.map((f) => [f.path, JSON.stringify(f.partition)]));
  const seqOf = new Map(state.files.data.map((f) => [f.path, f.sequenceNumber]));
  for (const file of state.files.deletes) {
    for (const record of (await readParquet(store, file.path)).toArray()) {
      const { file_path: path, pos } = record.toJSON() as { file_path: string; pos: bigint };
      expect(partitionOf.get(path), `a delete in ${file.path} points into a live data file of its partition`).toBe(JSON.stringify(file.partition));
      if (seqOf.get(path)! <= file.sequenceNumber) deleted.add(`${path}#${pos}`);
    }
  }
  const rows: MirrorRow[] = [];
  for (const file of state.files.data) {
    const table = await readParquet(store, file.path);
    expect(table.numRows).toBe(file.recordCount);
    table.toArray().forEach((record, pos) => {
      if (!deleted.has(`${file.path}#${pos}`)) rows.push({ ...(record.toJSON() as Record<string, unknown>), _file: file.path, _pos: pos });
    });
  }
  return rows.sort((a, b) => String(a.$id).localeCompare(String(b.$id)));
}

/** Comparable columns of an Order or a Click, from a mirror row (Arrow's JSON: longs as bigint, timestamps in ms, decimals unscaled). */
export function rowColumns(row: Record<string, unknown>): unknown[] {
  const ms = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return [row.$id, Number(row.$version), row.region ?? row.page, row.note ?? null, row.amount === null || row.amount === undefined ? null : String(row.amount), ms(row.placedAt ?? row.at)];
}

/** The same columns of a document as the store returns it. */
export function documentColumns(doc: Record<string, unknown>): unknown[] {
  const amount = typeof doc.amount === 'string' ? unscaled(doc.amount) : null;
  const at = (doc.placedAt ?? doc.at) as Date;
  return [doc.$id, Number(doc.$version), doc.region ?? doc.page, doc.note ?? null, amount, at.getTime()];
}

/** `'10.5'` → `'1050'` at scale 2. */
function unscaled(decimal: string): string {
  const [whole, fraction = ''] = decimal.split('.');
  return BigInt(`${whole}${fraction.padEnd(2, '0')}`).toString();
}

/** The documents of a collection now, as comparable columns by `$id`. */
export function currentDocuments(db: Db, collection: 'Order' | 'Click'): unknown[][] {
  return (db.store.query(collection, { limit: 1000 }).documents as Record<string, unknown>[]).map(documentColumns).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
}

/** Counts the calls made through it. */
export function countingStore(inner: ObjectStore) {
  let n = 0;
  const count =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    (...args: A) => {
      n++;
      return fn(...args);
    };
  return { store: { get: count(inner.get), put: count(inner.put), putIfAbsent: count(inner.putIfAbsent), list: count(inner.list), delete: count(inner.delete) } as ObjectStore, calls: () => n };
}

/** `inner`, except that call number `failAt` throws: `before` doing anything, or `after` the call took effect (its answer lost). */
export function failingStore(inner: ObjectStore, failAt: number, when: 'before' | 'after'): ObjectStore {
  let n = 0;
  const guard =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A) => {
      const failing = ++n === failAt;
      if (failing && when === 'before') throw new Error(`injected failure before call ${failAt}`);
      const result = await fn(...args);
      if (failing) throw new Error(`injected failure after call ${failAt}`);
      return result;
    };
  return { get: guard(inner.get), put: guard(inner.put), putIfAbsent: guard(inner.putIfAbsent), list: guard(inner.list), delete: guard(inner.delete) };
}

/** The parsed `vN.metadata.json` of a table. */
export const metadataOf = async (store: ObjectStore, key: string, version: number) =>
  JSON.parse(new TextDecoder().decode((await store.get(`${key}/metadata/v${version}.metadata.json`))!)) as Record<string, unknown> & {
    'current-snapshot-id': number;
    snapshots: { 'snapshot-id': number; 'parent-snapshot-id'?: number; summary: Record<string, string>; 'sequence-number': number }[];
    schemas: { 'schema-id': number; 'identifier-field-ids': number[]; fields: { id: number; name: string; required: boolean }[] }[];
  };

/** Every metadata version and the version hint agree: `v1`…`vN` exist and the hint names `N`. */
export async function expectVersionsConsistent(store: ObjectStore, key: string, message: string): Promise<number> {
  const versions = (await store.list(`${key}/metadata/`)).filter((k) => k.endsWith('.metadata.json'));
  const hint = Number(new TextDecoder().decode((await store.get(`${key}/metadata/version-hint.text`))!));
  expect(versions.length, message).toBe(hint);
  return hint;
}

/** The position index of a table: `$id` → `[file, pos]`. */
export function positionIndex(storage: DurableObjectStorage, key: string): Record<string, [string, number]> {
  const rows = storage.sql.exec<{ doc_id: string; file: string; pos: number }>('SELECT doc_id, file, pos FROM _iceberg_positions WHERE table_key = ? ORDER BY doc_id', key).toArray();
  return Object.fromEntries(rows.map((r) => [r.doc_id, [r.file, r.pos]]));
}

/** The mirror is exactly the documents, and the position index says where each of its rows is (and holds nothing else). */
export async function expectMirrorMatches(storage: DurableObjectStorage, store: ObjectStore, db: Db, collection: 'Order' | 'Click', message: string = collection): Promise<void> {
  const key = `shop/${collection}`;
  const rows = await mirrorRows(storage, store, key);
  expect(rows.map(rowColumns), message).toEqual(currentDocuments(db, collection));
  const location = `${LOCATION}/${key}/`;
  expect(positionIndex(storage, key), message).toEqual(Object.fromEntries(rows.map((r) => [r.$id, [r._file.slice(location.length), r._pos]])));
  expect(storage.sql.exec("SELECT count(*) AS n FROM _iceberg_positions WHERE table_key LIKE 'staged:%'").one().n, `${message}: nothing left staged`).toBe(0);
}

/** A database ready for the call under test, opened on a fresh store in a fresh Durable Object. */
export type Prepared = { storage: DurableObjectStorage; store: ObjectStore; db: Db };

/**
 * Runs `act` once to count its object-store calls, then once per call and
 * side (before it, after it took effect) with that call failing — each
 * time on a database `prepare` makes afresh — reruns it without failures,
 * and hands the result to `check` with a message naming the failure.
 * Returns how many calls `act` makes.
 */
export async function withEachFailure(
  label: string,
  prepare: (storage: DurableObjectStorage, store: ObjectStore) => Promise<Db>,
  act: (db: Db, store: ObjectStore) => Promise<unknown>,
  check: (prepared: Prepared, message: string) => Promise<void>,
): Promise<number> {
  const calls = await inDurableObject(async (storage) => {
    const inner = freshStore();
    const db = await prepare(storage, inner);
    const counting = countingStore(inner);
    await act(db, counting.store);
    return counting.calls();
  });
  for (let failAt = 1; failAt <= calls; failAt++) {
    for (const when of ['before', 'after'] as const) {
      await inDurableObject(async (storage) => {
        const message = `${label}, failure ${when} call ${failAt}`;
        const store = freshStore();
        const db = await prepare(storage, store);
        await expect(act(db, failingStore(store, failAt, when)), message).rejects.toThrow(/injected failure/);
        await act(db, store);
        await check({ storage, store, db }, message);
      });
    }
  }
  return calls;
}