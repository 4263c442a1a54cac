import { avroCompatibleName } from '../avro/index.js';
import type { IcebergTableMetadata } from '../metadata/index.js';
import { currentSchema } from '../table/prepare-snapshot.js';

/**
 * The partition tuple of a row (Iceberg spec "Partition Transforms"):
 * `identity` keeps the source value, `day` turns a timestamptz (µs) into
 * days since 1970-01-01 (floor, so instants before 1970 land on their own
 * day). Keyed by the Avro names of the manifest's partition struct.
 */
export function partitionOf(metadata: IcebergTableMetadata, row: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const spec = metadata['partition-specs'].find((s) => s['spec-id'] === metadata['default-spec-id'])!;
  const schema = currentSchema(metadata);
  const tuple: Record<string, unknown> = {};
  for (const field of spec.fields) {
    const source = schema.fields.find((f) => f.id === field['source-id'])!;
    const value = row[source.name] ?? null;
    tuple[avroCompatibleName(field.name)] = value === null ? null : field.transform === 'day' ? dayOf(value as bigint) : value;
  }
  return tuple;
}

const MICROS_PER_DAY = 86_400_000_000n;

function dayOf(micros: bigint): number {
  const days = micros / MICROS_PER_DAY;
  return Number(micros < 0n && days * MICROS_PER_DAY !== micros ? days - 1n : days);
}

/** Text that two partition tuples share exactly when their values are equal (bigints and bytes included). */
export function partitionKey(partition: Readonly<Record<string, unknown>>): string {
  return JSON.stringify(partition, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v instanceof Uint8Array ? [...v] : v));
}

/** Items grouped by their partition tuple, in order of first appearance; each group keeps its items' order. */
export function groupByPartition<T>(items: Iterable<T>, partition: (item: T) => Readonly<Record<string, unknown>>): { partition: Readonly<Record<string, unknown>>; items: T[] }[] {
  const groups = new Map<string, { partition: Readonly<Record<string, unknown>>; items: T[] }>();
  for (const item of items) {
    const tuple = partition(item);
    const key = partitionKey(tuple);
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = { partition: tuple, items: [] }));
    group.items.push(item);
  }
  return [...groups.values()];
}
