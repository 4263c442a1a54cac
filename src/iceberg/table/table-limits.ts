import type { IcebergTableMetadata } from '../metadata/index.js';

/**
 * What keeps a table's metadata — and the Durable Object's record of it —
 * from growing with every commit (a streaming export commits every few
 * seconds): how many snapshots and earlier metadata files the metadata
 * lists, and how many manifests a snapshot's manifest list may carry before
 * they are merged. Iceberg's own settings for the same are
 * `history.expire.min-snapshots-to-keep`, `write.metadata.previous-versions-max`
 * and `commit.manifest.min-count-to-merge`.
 */
export interface TableLimits {
  /** Snapshots the metadata keeps, the newest (the current one always among them); older ones expire: readers can no longer time-travel to them. */
  readonly maxSnapshots: number;
  /** Entries of the metadata log (earlier metadata files) the metadata keeps, the newest. */
  readonly maxMetadataLog: number;
  /** Most manifests a manifest list carries: past it, the carried manifests are merged into one per content kind. */
  readonly maxManifests: number;
}

/** The limits unless the export options say otherwise. */
export const TABLE_LIMIT_DEFAULTS: TableLimits = { maxSnapshots: 100, maxMetadataLog: 100, maxManifests: 100 };

/**
 * `metadata` with only its newest `maxSnapshots` snapshots (by sequence
 * number; the current snapshot is the newest), the snapshot log of those,
 * and the newest `maxMetadataLog` metadata-log entries (Iceberg spec
 * "Snapshot Expiration"; the oldest kept snapshot's parent may be gone,
 * as after Iceberg's own `expireSnapshots`). The expired snapshots' files
 * stay in the object store.
 */
export function retainHistory(metadata: IcebergTableMetadata, limits: TableLimits): IcebergTableMetadata {
  const { snapshots } = metadata;
  const log = metadata['metadata-log'];
  if (snapshots.length <= limits.maxSnapshots && log.length <= limits.maxMetadataLog) return metadata;
  const kept = [...snapshots].sort((a, b) => a['sequence-number'] - b['sequence-number']).slice(-limits.maxSnapshots);
  const ids = new Set(kept.map((s) => s['snapshot-id']));
  return {
    ...metadata,
    snapshots: kept,
    'snapshot-log': metadata['snapshot-log'].filter((entry) => ids.has(entry['snapshot-id'])),
    'metadata-log': log.slice(-limits.maxMetadataLog),
  };
}
