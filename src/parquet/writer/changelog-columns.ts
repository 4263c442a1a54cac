/**
 * The columns a collection's changelog table adds to its fields (DESIGN.md
 * §5: `_op`, `_seq`, `_ts`, `_shard`), with field ids of their own.
 *
 * Why 2_000_000_001…: the registry numbers a collection's fields 1, 2, 3…
 * and never reuses an id (ICETYPE.md §4), so ids this high are out of its
 * reach in practice (two billion schema changes), and `arrowTableFor` refuses
 * a registry that gets there. They stay well below the ids the Iceberg spec
 * reserves for metadata columns (above 2147483447, i.e. 2^31 − 1 − 200:
 * `_file`, `_pos`, the position-delete columns), so no engine reads them as
 * its own. They are fixed forever: renumbering would orphan existing files.
 */
import type { IcebergField } from '../../iceberg/metadata/iceberg-schema.js';

/** The first id of the range reserved for changelog columns; the registry must stay below it. */
export const CHANGELOG_FIELD_ID_BASE = 2_000_000_000;

/** `_op`: `'insert' | 'update' | 'delete'`, Iceberg `string`. */
export const CHANGELOG_OP_FIELD_ID = 2_000_000_001;
/** `_seq`: the change's CDC sequence number, Iceberg `long`. */
export const CHANGELOG_SEQ_FIELD_ID = 2_000_000_002;
/** `_ts`: when the change was made, Iceberg `timestamptz` (µs). */
export const CHANGELOG_TS_FIELD_ID = 2_000_000_003;
/** `_shard`: the shard (Durable Object) that made it, Iceberg `string`. */
export const CHANGELOG_SHARD_FIELD_ID = 2_000_000_004;

/** The changelog columns as Iceberg fields, in column order, all required: append them to the collection's schema for the changelog table. */
export const CHANGELOG_FIELDS: readonly IcebergField[] = [
  { id: CHANGELOG_OP_FIELD_ID, name: '_op', required: true, type: 'string' },
  { id: CHANGELOG_SEQ_FIELD_ID, name: '_seq', required: true, type: 'long' },
  { id: CHANGELOG_TS_FIELD_ID, name: '_ts', required: true, type: 'timestamptz' },
  { id: CHANGELOG_SHARD_FIELD_ID, name: '_shard', required: true, type: 'string' },
];

/** What a change did. */
export type ChangeOp = 'insert' | 'update' | 'delete';

/** The changelog values of one row, next to the document's columns. */
export interface ChangelogValues {
  readonly _op: ChangeOp;
  /** The CDC `seq`, as bigint (a `long`). */
  readonly _seq: bigint;
  /** The change time in µs since 1970-01-01T00:00Z (`timestampMicros(entry.timestamp)`). */
  readonly _ts: bigint;
  readonly _shard: string;
}
