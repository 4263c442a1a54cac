import type { ManifestFileRecord } from '../avro/index.js';
import type { IcebergTableMetadata } from '../metadata/index.js';

/**
 * What a writer needs to know of an Iceberg table to commit the next
 * snapshot: the metadata version it read (`vN.metadata.json`), the metadata,
 * and the current snapshot's manifest-list entries — the manifests a new
 * snapshot carries over. The Durable Object keeps this for the tables it
 * writes, so it never has to decode its own Avro back.
 */
export interface TableState {
  /** The object-store key of the table's directory: `<namespace>/<table>`. */
  readonly key: string;
  /** `N` of `metadata/vN.metadata.json`. */
  readonly version: number;
  readonly metadata: IcebergTableMetadata;
  /** The manifest list of the current snapshot (`[]` before the first). */
  readonly manifests: readonly ManifestFileRecord[];
  /** The live files of the current snapshot, by kind: the locations its manifests list. */
  readonly files: { readonly data: readonly string[]; readonly deletes: readonly string[] };
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
