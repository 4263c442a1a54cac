import type { ObjectStore } from '../store/object-store.js';
import { commitSnapshot } from './commit-snapshot.js';
import type { PositionApply, PositionChange } from './position-index.js';
import { prepareSnapshot, type PreparedSnapshot, type SnapshotChange } from './prepare-snapshot.js';
import type { TableLimits } from './table-limits.js';
import type { PendingCommit, TableLog } from './table-log.js';
import type { TableState } from './table-state.js';

/** Where a table's commits go: the object store, the Durable Object's record, its transactions, the commit time, and how much history the metadata keeps. */
export interface CommitTarget {
  readonly store: ObjectStore;
  readonly log: TableLog;
  readonly transaction: <T>(fn: () => T) => T;
  readonly now: Date;
  /** Default `TABLE_LIMIT_DEFAULTS`. */
  readonly limits?: TableLimits;
}

/** The position-index side of a mirror commit: how its staged changes land, and the changes to stage with the record (compaction stages its own as it writes). */
export interface CommitPositions {
  readonly apply: PositionApply;
  readonly stage?: readonly PositionChange[];
}

/**
 * Commits `change` as the table's next snapshot: prepares it, writes its
 * manifests and manifest list, records the commit (staging `positions`
 * in the same transaction) and lands it with `commitSnapshot`. The change's
 * data and delete files are already written.
 */
export async function commitChange(target: CommitTarget, state: TableState, change: SnapshotChange, positions?: CommitPositions): Promise<PreparedSnapshot> {
  const { store, log, transaction, now } = target;
  const prepared = prepareSnapshot(state, change, now, target.limits);
  for (const object of prepared.objects) await store.put(object.key, object.body);
  const pending: PendingCommit = {
    snapshotId: prepared.snapshotId,
    metadataKey: prepared.metadataKey,
    state: prepared.state,
    ...(positions === undefined ? {} : { positions: positions.apply }),
  };
  transaction(() => {
    if (positions?.stage !== undefined) {
      log.positions.clearStaged(state.key);
      log.positions.stage(state.key, positions.stage);
    }
    log.recordPending(state.key, pending, now);
  });
  await commitSnapshot(store, log, state.key, pending, transaction, now);
  return prepared;
}
