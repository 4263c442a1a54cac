/**
 * The scenario test-node/iceberg/export-readers.test.ts drives through its
 * Worker (test-node/iceberg/worker): two collections — Order on the rows
 * layout partitioned by a string, Click batched partitioned by a timestamp
 * (`day`) — with inserts, updates, deletes and a schema change over four
 * exports, and what each snapshot the exports commit must hold.
 */
import { pathToFileURL } from 'node:url';
import type { ChangeEntryJson } from './change-rows.js';
import type { LocalWorker } from '../../../scripts/support/local-worker.js';
import { copyWarehouse } from '../../../scripts/support/warehouse.js';
import type { WriteOp } from '../worker/write-op.js';

export type Collection = 'Order' | 'Click';

/** A table the exports write: each collection's changelog and its current-state mirror. */
export interface TableRef {
  /** `shop/<Collection>_changelog` or `shop/<Collection>`: the object-key prefix. */
  readonly key: string;
  readonly collection: Collection;
  readonly kind: 'changelog' | 'mirror';
}

export const TABLES: readonly TableRef[] = (['Order', 'Click'] as const).flatMap((collection) => [
  { key: `shop/${collection}_changelog`, collection, kind: 'changelog' as const },
  { key: `shop/${collection}`, collection, kind: 'mirror' as const },
]);

const day = (d: number, h = 0) => new Date(Date.UTC(2026, 0, d, h)).toISOString();

/** One step per export; `evolve` switches the Durable Object to the schema where Click has `referrer`. */
const STEPS: readonly { readonly evolve?: true; readonly ops: readonly WriteOp[] }[] = [
  {
    ops: [
      { op: 'createMany', collection: 'Order', docs: [
        { $id: 'o1', region: 'eu', amount: '10.50', qty: 1, paid: true, placedAt: day(1), tags: ['gift', 'rush'] },
        { $id: 'o2', region: 'us', amount: '99.99', qty: 3, paid: false, placedAt: day(2), note: 'call first', tags: [] },
        { $id: 'o3', region: 'eu', amount: '0.01', placedAt: day(3) },
      ] },
      { op: 'createMany', collection: 'Click', docs: [
        { $id: 'c1', at: day(1, 10), page: '/' },
        { $id: 'c2', at: day(1, 23), page: '/cart' },
        { $id: 'c3', at: day(2, 0), page: '/pay' },
      ] },
    ],
  },
  {
    ops: [
      { op: 'update', collection: 'Order', id: 'o1', patch: { note: 'rush', tags: ['gift'] } },
      { op: 'delete', collection: 'Order', id: 'o3' },
      { op: 'createMany', collection: 'Order', docs: [{ $id: 'o4', region: 'apac', amount: '1234567.89', qty: 2, paid: true, placedAt: day(4) }] },
      { op: 'update', collection: 'Click', id: 'c1', patch: { page: '/home' } },
      { op: 'delete', collection: 'Click', id: 'c2' },
    ],
  },
  {
    evolve: true,
    ops: [
      { op: 'createMany', collection: 'Click', docs: [{ $id: 'c4', at: day(3, 12), page: '/x', referrer: 'search' }] },
      { op: 'update', collection: 'Click', id: 'c3', patch: { referrer: 'ad' } },
      { op: 'update', collection: 'Order', id: 'o2', patch: { paid: true } },
    ],
  },
  {
    ops: [
      { op: 'delete', collection: 'Order', id: 'o1' },
      { op: 'createMany', collection: 'Order', docs: [{ $id: 'o5', region: 'eu', amount: '5.00', qty: 5, paid: false, placedAt: day(5), tags: ['bulk'] }] },
    ],
  },
];

/** What the scenario left: the objects (copied into `dir`), the change log, and what each snapshot must hold. */
export interface ScenarioRun {
  /** Object keys of the tables above, sorted. */
  readonly keys: readonly string[];
  /** The change log after the last export. */
  readonly changes: readonly ChangeEntryJson[];
  /** The change-log entries of the table's collection that the export which committed `snapshotId` had synced. */
  entriesAt(table: TableRef, snapshotId: number): readonly ChangeEntryJson[];
}

/** Runs the steps on `worker`, each followed by an export to `file://<dir>`, compacts both collections' tables, then copies the warehouse into `dir`. */
export async function runScenario(worker: LocalWorker, dir: string): Promise<ScenarioRun> {
  const call = async <T>(method: string, body: unknown = null): Promise<T> => {
    const response = (await worker.fetch(`http://shop.test/db/${method}`, { method: 'POST', body: JSON.stringify(body) })) as unknown as Response;
    const text = await response.text();
    if (!response.ok) throw new Error(`export-readers worker: ${method} failed (${response.status}): ${text}`);
    return JSON.parse(text) as T;
  };
  const synced = new Map<string, ChangeEntryJson[]>();
  let changes: ChangeEntryJson[] = [];
  for (const step of STEPS) {
    if (step.evolve) await call('evolve');
    await call('write', step.ops);
    const result = await call<{ tables: { key: string; snapshotId: number }[] }>('export', { location: pathToFileURL(dir).href });
    changes = await call<ChangeEntryJson[]>('changes');
    for (const { key, snapshotId } of result.tables) synced.set(`${key}@${snapshotId}`, changes.filter((c) => c.synced));
  }
  // Last, both collections compacted: a `replace` snapshot of each mirror, holding the documents as they stand, and of
  // each changelog with small files to merge (Order's: several exports wrote to its "eu" partition), holding the same history.
  let changelogsCompacted = 0;
  for (const collection of ['Order', 'Click'] as const) {
    const { key, snapshotId, changelog } = await call<{ key: string; snapshotId: number | null; changelog: { key: string; snapshotId: number | null } }>('compact', { collection, location: pathToFileURL(dir).href });
    if (snapshotId === null) throw new Error(`scenario: expected the ${collection} mirror to need compaction, found nothing to compact`);
    synced.set(`${key}@${snapshotId}`, changes.filter((c) => c.synced));
    if (changelog.snapshotId !== null) {
      synced.set(`${changelog.key}@${changelog.snapshotId}`, changes.filter((c) => c.synced));
      changelogsCompacted++;
    }
  }
  if (changelogsCompacted === 0) throw new Error('scenario: expected a changelog with small files to merge, found none compacted');
  const keys = (await copyWarehouse(worker, dir)).filter((key) => TABLES.some((table) => key.startsWith(`${table.key}/`)));
  return {
    keys,
    changes,
    entriesAt(table, snapshotId) {
      const entries = synced.get(`${table.key}@${snapshotId}`);
      if (entries === undefined) throw new Error(`scenario: no export committed snapshot ${snapshotId} of ${table.key}`);
      return entries.filter((c) => c.collection === table.collection);
    },
  };
}
