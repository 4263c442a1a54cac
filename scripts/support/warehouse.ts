/**
 * A local Iceberg warehouse as readers other than ours see it: the objects
 * a Worker exported to R2, copied into a directory in the standard layout
 * (`<namespace>/<table>/metadata/vN.metadata.json`, …), and a table's
 * snapshots walked from the metadata through the manifest list to the
 * manifests, each Avro file decoded with avsc (spec "Manifest Lists",
 * "Manifests"). Shared by test-node/iceberg and `npm run demo`.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { avscFile, type AvscFile } from './avsc-decode.ts';
import { sqlString } from './duckdb.ts';
import type { LocalWorker } from './local-worker.ts';

/** A response's bytes, or an error naming the request and what the Worker said. */
async function ok(response: Response, what: string): Promise<Uint8Array> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (!response.ok) throw new Error(`expected 200 from ${what}, found ${response.status}: ${new TextDecoder().decode(bytes)}`);
  return bytes;
}

/**
 * Copies every object of the Worker's bucket into `dir`, keys as relative
 * paths: `GET /objects` lists the keys, `GET /objects/<key>` gives each
 * object. Returns the keys, sorted.
 */
export async function copyWarehouse(worker: Pick<LocalWorker, 'fetch'>, dir: string): Promise<string[]> {
  const get = async (path: string) => ok((await worker.fetch(`http://warehouse.test${path}`)) as unknown as Response, `GET ${path}`);
  const keys = (JSON.parse(new TextDecoder().decode(await get('/objects'))) as string[]).sort();
  const copy = async (key: string) => {
    const path = join(dir, ...key.split('/'));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, await get(`/objects/${encodeURIComponent(key)}`));
  };
  // A few requests at a time: local workerd answers each in milliseconds.
  for (let i = 0; i < keys.length; i += 8) await Promise.all(keys.slice(i, i + 8).map(copy));
  return keys;
}

/** The parts of Iceberg table metadata (spec "Table Metadata Fields") the readers here use. */
export interface TableMetadata {
  readonly 'format-version': number;
  readonly location: string;
  readonly 'current-snapshot-id'?: number;
  readonly 'current-schema-id': number;
  readonly schemas: readonly IcebergSchemaJson[];
  readonly 'partition-specs': readonly { readonly 'spec-id': number; readonly fields: readonly { readonly name: string; readonly transform: string; readonly 'source-id': number; readonly 'field-id': number }[] }[];
  readonly snapshots: readonly {
    readonly 'snapshot-id': number;
    readonly 'parent-snapshot-id'?: number;
    readonly 'sequence-number': number;
    readonly 'manifest-list': string;
    readonly 'schema-id': number;
    readonly summary: Readonly<Record<string, string>>;
  }[];
}

export interface IcebergSchemaJson {
  readonly 'schema-id': number;
  readonly fields: readonly IcebergFieldJson[];
}

export interface IcebergFieldJson {
  readonly id: number;
  readonly name: string;
  readonly required: boolean;
  readonly type: string | { readonly type: 'list'; readonly 'element-id': number; readonly element: string; readonly 'element-required': boolean };
}

/** `N` of `metadata/version-hint.text`, and the metadata of `metadata/vN.metadata.json` (`version` overrides the hint). */
export async function readTableMetadata(tableDir: string, version?: number): Promise<{ version: number; metadata: TableMetadata }> {
  const hinted = version ?? Number((await readFile(join(tableDir, 'metadata', 'version-hint.text'), 'utf8')).trim());
  const metadata = JSON.parse(await readFile(join(tableDir, 'metadata', `v${hinted}.metadata.json`), 'utf8')) as TableMetadata;
  return { version: hinted, metadata };
}

/** A `data_file` as avsc decodes it (longs as bigint). */
export interface DataFileJson {
  readonly content: number;
  readonly file_path: string;
  readonly file_format: string;
  readonly partition: Readonly<Record<string, unknown>>;
  readonly record_count: bigint;
  readonly file_size_in_bytes: bigint;
}

/** A `manifest_file` of a manifest list, as avsc decodes it. */
export interface ManifestFileJson {
  readonly manifest_path: string;
  readonly manifest_length: bigint;
  readonly content: number;
  readonly sequence_number: bigint;
  readonly added_snapshot_id: bigint;
  readonly added_files_count: number;
  readonly existing_files_count: number;
  readonly deleted_files_count: number;
  readonly added_rows_count: bigint;
  readonly existing_rows_count: bigint;
  readonly partitions: readonly { readonly contains_null: boolean; readonly contains_nan: boolean | null; readonly lower_bound: Uint8Array | null; readonly upper_bound: Uint8Array | null }[] | null;
}

/** One snapshot's files: its manifest list and each manifest it lists, decoded, with their local paths. */
export interface SnapshotFiles {
  readonly manifestList: { readonly path: string; readonly file: AvscFile; readonly records: readonly ManifestFileJson[] };
  readonly manifests: readonly {
    readonly path: string;
    readonly record: ManifestFileJson;
    readonly file: AvscFile;
    readonly entries: readonly { readonly status: number; readonly snapshot_id: bigint | null; readonly sequence_number: bigint | null; readonly data_file: DataFileJson }[];
  }[];
}

/** The local path of a `file://` location (metadata paths are absolute URIs). */
export const localPath = (uri: string): string => fileURLToPath(uri);

/** Decodes the manifest list of snapshot `snapshotId` and every manifest it lists. */
export async function readSnapshotFiles(metadata: TableMetadata, snapshotId: number): Promise<SnapshotFiles> {
  const snapshot = metadata.snapshots.find((s) => s['snapshot-id'] === snapshotId);
  if (snapshot === undefined) throw new Error(`expected snapshot ${snapshotId} in the metadata of ${metadata.location}, found none`);
  const listPath = localPath(snapshot['manifest-list']);
  const listFile = await avscFile(await readFile(listPath));
  const records = listFile.records as ManifestFileJson[];
  const manifests = [];
  for (const record of records) {
    const path = localPath(record.manifest_path);
    const file = await avscFile(await readFile(path));
    manifests.push({ path, record, file, entries: file.records as SnapshotFiles['manifests'][number]['entries'] });
  }
  return { manifestList: { path: listPath, file: listFile, records }, manifests };
}

/** The live files of a snapshot's data manifests (`content` 0) or delete manifests (1): entries not marked deleted (status 2). */
export function liveFiles(files: SnapshotFiles, content: 0 | 1 = 0): DataFileJson[] {
  return files.manifests.filter((m) => m.record.content === content).flatMap((m) => m.entries.filter((e) => e.status !== 2).map((e) => e.data_file));
}

/** The live data files of a snapshot. */
export const liveDataFiles = (files: SnapshotFiles): DataFileJson[] => liveFiles(files, 0);

/**
 * DuckDB SQL for a snapshot's rows, merge-on-read: its data files less the
 * rows its position-delete files name (spec "Position Delete Files":
 * `file_path`, `pos`, a row's position in its file). File paths are unique
 * per file, so matching them also keeps the spec's sequence-number rule
 * (a delete applies to files committed no later than it). Equality deletes
 * are not read (the exporter writes none). Null when there is no data file.
 */
export function snapshotRowsSql(files: SnapshotFiles): string | null {
  const data = liveDataFiles(files);
  if (data.length === 0) return null;
  const list = (paths: readonly DataFileJson[]) => `[${paths.map((f) => sqlString(localPath(f.file_path))).join(', ')}]`;
  const deletes = liveFiles(files, 1);
  if (deletes.length === 0) return `SELECT * FROM read_parquet(${list(data)}, union_by_name = true)`;
  const paths = data.map((f) => `(${sqlString(f.file_path)}, ${sqlString(localPath(f.file_path))})`).join(', ');
  return [
    `SELECT d.* EXCLUDE (filename, file_row_number) FROM read_parquet(${list(data)}, union_by_name = true, filename = true, file_row_number = true) AS d`,
    `ANTI JOIN (SELECT m.path, x.pos FROM read_parquet(${list(deletes)}) AS x JOIN (VALUES ${paths}) AS m(uri, path) ON m.uri = x.file_path) AS deleted`,
    'ON deleted.path = d.filename AND deleted.pos = d.file_row_number',
  ].join(' ');
}
