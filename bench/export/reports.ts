/**
 * What the export benchmark's Worker reports to its runner, as JSON: shared
 * by bench/export/worker (which fills it in) and bench/export/run.ts (which
 * reads it), so neither restates the other's shapes. No Workers types here:
 * the runner typechecks with Node's.
 */

export type Layout = 'rows' | 'batched';
export const LAYOUTS: readonly Layout[] = ['rows', 'batched'];
/** What an object can be opened as: a layout, or the batched Orders without partitions (one data file per export, for the memory probe). */
export type Variant = Layout | 'batched, unpartitioned';

/** What `db.cdc.exportNow()` resolved to, as far as the runner reads it (`ExportResult` is assignable to it). */
export interface ExportSummary {
  readonly tables: readonly { readonly key: string; readonly entries: number; readonly files: number }[];
  readonly entries: number;
}

/** The kinds of object an Iceberg table holds: data and delete files (Parquet), manifests and manifest lists (Avro), `vN.metadata.json` and the version hint. */
export type ObjectKind = 'data' | 'deletes' | 'avro' | 'metadata';

/** What one table of the warehouse holds in the bucket. */
export interface TableUsage {
  /** `<namespace>/<table>`. */
  table: string;
  objects: Record<ObjectKind, { count: number; bytes: number }>;
  /** Manifest lists written: one per snapshot. */
  snapshots: number;
}

/** Change-log entries and the UTF-8 bytes of `JSON.stringify` of their after images. */
export interface JsonSize {
  entries: number;
  bytes: number;
}
