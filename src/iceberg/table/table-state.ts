import type { ManifestFileRecord } from '../avro/index.js';
import type { IcebergTableMetadata } from '../metadata/index.js';

/**
 * What a writer needs to know of an Iceberg table to commit the next
 * snapshot: the metadata version it read (`vN.metadata.json`), the metadata,
 * the current snapshot's manifest-list entries — the manifests a new
 * snapshot carries over — and its live files. The Durable Object keeps this
 * for the tables it writes, so it never has to decode its own Avro back.
 */
export interface TableState {
  /** The object-store key of the table's directory: `<namespace>/<table>`. */
  readonly key: string;
  /** `N` of `metadata/vN.metadata.json`. */
  readonly version: number;
  readonly metadata: IcebergTableMetadata;
  /** The manifest list of the current snapshot (`[]` before the first). */
  readonly manifests: readonly ManifestFileRecord[];
  /** The live files of the current snapshot, by kind: what its manifests list as added or existing. */
  readonly files: { readonly data: readonly LiveFile[]; readonly deletes: readonly LiveFile[] };
  /** The highest change-log `seq` the table holds (0 before the first): an export skips entries at or below it. */
  readonly throughSeq: number;
}

/** A live data or position-delete file, as its manifest entry has it. */
export interface LiveFile {
  /** The full location (`file_path`). */
  readonly path: string;
  /** The partition tuple, keyed by the manifest's Avro names. */
  readonly partition: Readonly<Record<string, unknown>>;
  readonly recordCount: number;
  readonly sizeInBytes: number;
  /** The data (and file) sequence number: that of the snapshot that added it. */
  readonly sequenceNumber: number;
  /** The snapshot that added it (absent in states recorded before 2026-11-26: then found by its sequence number). */
  readonly snapshotId?: number;
}

/** Object keys of a table's files, in the standard (Hadoop) layout. */
export const tableKeys = {
  metadata: (table: string, version: number) => `${table}/metadata/v${version}.metadata.json`,
  versionHint: (table: string) => `${table}/metadata/version-hint.text`,
  manifestList: (table: string, snapshotId: number, id: string) => `${table}/metadata/snap-${snapshotId}-1-${id}.avro`,
  manifest: (table: string, id: string, n: number) => `${table}/metadata/${id}-m${n}.avro`,
  dataFile: (table: string, id: string) => `${table}/data/${id}.parquet`,
  deleteFile: (table: string, id: string) => `${table}/data/${id}-deletes.parquet`,
} as const;

/** The location a reader resolves for an object key: the table's `location` with the key's path below the table. */
export function locationOf(state: Pick<TableState, 'key' | 'metadata'>, objectKey: string): string {
  return `${state.metadata.location}${objectKey.slice(state.key.length)}`;
}

/** The object key of a location below the table (`locationOf` reversed). */
export function objectKeyOf(state: Pick<TableState, 'key' | 'metadata'>, location: string): string {
  return `${state.key}${location.slice(state.metadata.location.length)}`;
}

/** A location's path below the table's location, as the position index stores it: `data/<uuid>.parquet`. */
export function pathBelow(state: Pick<TableState, 'metadata'>, location: string): string {
  return location.slice(state.metadata.location.length + 1);
}
