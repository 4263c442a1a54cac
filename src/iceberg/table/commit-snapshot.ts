import type { ObjectStore } from '../store/object-store.js';
import { IcebergError } from './iceberg-error.js';
import type { PendingCommit, TableLog } from './table-log.js';
import { tableKeys } from './table-state.js';

/**
 * Lands a recorded commit (DESIGN.md §5: atomic, exactly once):
 *
 * 1. the data files, manifests and manifest list are already written
 *    (`PreparedSnapshot.objects`), and the commit is recorded in the
 *    Durable Object (`TableLog.recordPending`, with any position changes
 *    staged) — both by the caller;
 * 2. the create-only put of `metadata/v{N+1}.metadata.json` is the commit
 *    point: it succeeds for exactly one writer;
 * 3. in one transaction the Durable Object takes the new state (its
 *    `throughSeq` included), applies the staged position changes and
 *    forgets the pending commit (`TableLog.finish`);
 * 4. `version-hint.text` is updated for readers that start from it.
 *
 * The change log is marked synced later, by the exporter, once every table
 * of a collection holds the entries (their `throughSeq`). A failure before
 * 2 leaves the commit recorded: the next run calls this again with the same
 * record and the same files. A failure after 2 (the put landed, the record
 * did not) is recognised by the snapshot id in the metadata already there.
 * Another writer's metadata at that version is a `COMMIT_CONFLICT`: the
 * record and its staged positions are dropped.
 */
export async function commitSnapshot(store: ObjectStore, log: TableLog, key: string, pending: PendingCommit, transaction: <T>(fn: () => T) => T, now = new Date()): Promise<void> {
  if (!(await store.putIfAbsent(pending.metadataKey, JSON.stringify(pending.state.metadata)))) {
    const existing = await store.get(pending.metadataKey);
    const current = existing === null ? undefined : (JSON.parse(new TextDecoder().decode(existing)) as { 'current-snapshot-id'?: number })['current-snapshot-id'];
    if (current !== pending.snapshotId) {
      transaction(() => log.dropPending(key, now));
      throw new IcebergError('COMMIT_CONFLICT', `expected to commit ${pending.metadataKey} with snapshot ${pending.snapshotId}, found another writer's metadata there (snapshot ${String(current)})`);
    }
  }
  transaction(() => log.finish(key, pending, now));
  await store.put(tableKeys.versionHint(key), String(pending.state.version));
}

/**
 * Finishes what a failed run left: lands (or finds landed) every recorded
 * commit, and writes a version hint a failed run did not. Runs first in
 * every export and compaction.
 */
export async function finishRecorded(store: ObjectStore, log: TableLog, transaction: <T>(fn: () => T) => T, now = new Date()): Promise<void> {
  for (const { key } of log.keys()) {
    const record = log.load(key)!;
    if (record.pending !== null) await commitSnapshot(store, log, key, record.pending, transaction, now);
    else if (record.state.version > 0) await ensureVersionHint(store, key, record.state.version);
  }
}

/** Writes `version-hint.text` unless it already names `version`. */
async function ensureVersionHint(store: ObjectStore, key: string, version: number): Promise<void> {
  const hint = await store.get(tableKeys.versionHint(key));
  if (hint === null || new TextDecoder().decode(hint) !== String(version)) await store.put(tableKeys.versionHint(key), String(version));
}
