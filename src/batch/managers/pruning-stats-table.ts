import { blobOf } from '../../util/blob.js';

/**
 * Rows of `_pruning_stats`, where the seed-compatible managers keep the
 * statistics apps give them: zone maps under a batch key, bloom filters
 * under a field name. One statement per call.
 */
export type StatsKind = 'zone' | 'bloom';

export class PruningStatsTable {
  constructor(readonly sql: SqlStorage) {}

  readZoneMap(collection: string, key: string): string | undefined {
    const row = this.sql.exec<{ zone_map: string | null }>("SELECT zone_map FROM _pruning_stats WHERE kind = 'zone' AND collection = ? AND key = ?", collection, key).toArray()[0];
    return row?.zone_map ?? undefined;
  }

  writeZoneMap(collection: string, key: string, zoneMap: string, now: Date): void {
    this.sql.exec(
      "INSERT INTO _pruning_stats (kind, collection, key, zone_map, updated_at) VALUES ('zone', ?, ?, ?, ?) ON CONFLICT DO UPDATE SET zone_map = excluded.zone_map, updated_at = excluded.updated_at",
      collection,
      key,
      zoneMap,
      now.getTime(),
    );
  }

  readBloom(collection: string, field: string): ArrayBuffer | undefined {
    const row = this.sql.exec<{ bloom: ArrayBuffer | null }>("SELECT bloom FROM _pruning_stats WHERE kind = 'bloom' AND collection = ? AND key = ?", collection, field).toArray()[0];
    return row?.bloom ?? undefined;
  }

  writeBloom(collection: string, field: string, bloom: Uint8Array, now: Date): void {
    this.sql.exec(
      "INSERT INTO _pruning_stats (kind, collection, key, bloom, updated_at) VALUES ('bloom', ?, ?, ?, ?) ON CONFLICT DO UPDATE SET bloom = excluded.bloom, updated_at = excluded.updated_at",
      collection,
      field,
      blobOf(bloom),
      now.getTime(),
    );
  }

  /** Deletes a collection's statistics of one kind (all kinds when omitted); returns how many rows. */
  clear(collection: string, kind?: StatsKind): number {
    return kind === undefined
      ? this.sql.exec('DELETE FROM _pruning_stats WHERE collection = ?', collection).rowsWritten
      : this.sql.exec('DELETE FROM _pruning_stats WHERE kind = ? AND collection = ?', kind, collection).rowsWritten;
  }
}
