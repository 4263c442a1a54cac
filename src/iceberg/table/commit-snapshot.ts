import type { ObjectStore } from '../store/object-store.js';
import { IcebergError } from './iceberg-error.js';
import type { PendingCommit, TableLog } from './table-log.js';
import { tableKeys } from './table-state.js';

/**
 * Lands a recorded commit (DESIGN.md §5: atomic, exactly once):
 *
 * 1. the data files, manifests and manifest list are already written
 *    (`PreparedSnapshot.objects`), and the commit is recorded in the
 *    Durable Object (`TableLog.recordPending`) — both by the caller;
 * 2. the create-only put of `metadata/v{N+1}.metadata.json` is the commit
 *    point: it succeeds for exactly one writer;
 * 3. in one transaction the Durable Object takes the new state, forgets the
 *    pending commit and marks its change-log entries synced (`onCommitted`);
 * 4. `version-hint.text` is updated for readers that start from it.
 *
 * A failure before 2 leaves the commit recorded: the next run calls this
 * again with the same record and the same files. A failure after 2 (the put
 * landed, the record did not) is recognised by the snapshot id in the
 * metadata already there. Another writer's metadata at that version is a
 * `COMMIT_CONFLICT`: the record is dropped and nothing is marked synced.
 */
export async function commitSnapshot(
  store: ObjectStore,
  log: TableLog,
  key: string,
  pending: PendingCommit,
  transaction: <T>(fn: () => T) => T,
  onCommitted: (pending: PendingCommit) => void,
  now = new Date(),
): Promise<void> {
  if (!(await store.putIfAbsent(pending.metadataKey, pending.metadataJson))) {
    const existing = await store.get(pending.metadataKey);
    const current = existing === null ? undefined : (JSON.parse(new TextDecoder().decode(existing)) as { 'current-snapshot-id'?: number })['current-snapshot-id'];
    if (current !== pending.snapshotId) {
      transaction(() => log.dropPending(key, now));
      throw new IcebergError('COMMIT_CONFLICT', `expected to commit ${pending.metadataKey} with snapshot ${pending.snapshotId}, found another writer's metadata there (snapshot ${String(current)})`);
    }
  }
  transaction(() => {
    log.finish(key, pending, now);
    onCommitted(pending);
  });
  await store.put(tableKeys.versionHint(key), String(pending.state.version));
}
