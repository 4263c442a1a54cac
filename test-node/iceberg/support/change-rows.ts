/**
 * What the exported tables must hold, from the change log itself (the
 * `db.cdc` entries as the Worker sends them, JSON): a changelog table one
 * row per entry — the document after the change (before it, for a delete;
 * only `$id` and `$type` without a before image) plus `_op`, `_seq`, `_ts`,
 * `_shard` (DESIGN.md §5) — and a current-state mirror the documents as
 * they stand; and one comparable form for those rows and for whatever a
 * reader returns, driven by the Iceberg type of each column.
 */
import type { ChangeEntry } from '../../../src/cdc/change-entry.js';
import type { IcebergFieldJson } from '../../../scripts/support/warehouse.js';

/** A `ChangeEntry` after JSON, as the Worker sends it: the time as an ISO string. */
export type ChangeEntryJson = Omit<ChangeEntry, 'timestamp'> & { readonly timestamp: string };

/** A row in comparable form: column name → canonical value. */
export type CanonicalRow = Record<string, unknown>;

/**
 * A value in comparable form by its Iceberg type: timestamps as epoch
 * milliseconds (a `Date`, an ISO string or µs as bigint), longs as decimal
 * text, decimals with exactly S fraction digits (text or number), lists
 * element by element; null and undefined as null.
 */
export function canonical(type: IcebergFieldJson['type'], value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof type !== 'string') return (value as unknown[]).map((v) => canonical(type.element, v));
  const decimal = type.match(/^decimal\(\d+,\s*(\d+)\)$/);
  if (decimal !== null) return Number(value).toFixed(Number(decimal[1]));
  switch (type) {
    case 'timestamptz':
      return value instanceof Date ? value.getTime() : typeof value === 'bigint' ? Number(value / 1000n) : Date.parse(String(value));
    case 'long':
      return String(BigInt(value as number | bigint | string));
    case 'int':
      return Number(value);
    case 'boolean':
      return Boolean(value);
    case 'string':
      return String(value);
    default:
      throw new Error(`change-rows: no comparable form for ${type}`);
  }
}

/** Rows of a reader in comparable form over `fields`, ordered by `_seq` (changelogs) or `$id` (mirrors). */
export function canonicalRows(fields: readonly IcebergFieldJson[], rows: readonly Readonly<Record<string, unknown>>[]): CanonicalRow[] {
  const out = rows.map((row) => Object.fromEntries(fields.map((f) => [f.name, canonical(f.type, row[f.name])])));
  return fields.some((f) => f.name === '_seq') ? out.sort((a, b) => Number(a['_seq']) - Number(b['_seq'])) : out.sort((a, b) => String(a['$id']).localeCompare(String(b['$id'])));
}

/** The changelog rows of `entries` over `fields`, in comparable form, ordered by `_seq`. */
export function expectedRows(fields: readonly IcebergFieldJson[], entries: readonly ChangeEntryJson[]): CanonicalRow[] {
  const rows = entries.map((entry) => {
    const image = entry.op === 'delete' ? entry.before : entry.after;
    return { ...image, $id: entry.id, $type: entry.collection, _op: entry.op, _seq: entry.seq, _ts: entry.timestamp, _shard: entry.shardId };
  });
  return canonicalRows(fields, rows);
}

/** The documents as they stand after `entries` (each `$id`'s last image; deleted ones gone) over `fields`, in comparable form. */
export function expectedDocuments(fields: readonly IcebergFieldJson[], entries: readonly ChangeEntryJson[]): CanonicalRow[] {
  const last = new Map<string, ChangeEntryJson>();
  for (const entry of [...entries].sort((a, b) => a.seq - b.seq)) last.set(entry.id, entry);
  return canonicalRows(fields, [...last.values()].flatMap((entry) => (entry.op === 'delete' || entry.after === null ? [] : [entry.after])));
}
