import type { IceTypeSchema } from '../../icetype/ast.js';
import { documentToParquetRow } from '../../parquet/index.js';
import { storedValue, type StoredDocument } from '../../parquet/writer/stored-columns.js';
import { avroCompatibleName } from '../avro/index.js';
import type { IcebergTableMetadata } from '../metadata/index.js';
import { currentSchema } from '../table/prepare-snapshot.js';

/**
 * The partition tuple of a row (Iceberg spec "Partition Transforms"):
 * `identity` keeps the source value, `day` turns a timestamptz (µs) into
 * days since 1970-01-01 (floor, so instants before 1970 land on their own
 * day). Keyed by the Avro names of the manifest's partition struct.
 */

/** One field of the default partition spec: its source column's name, its key in the tuple, its transform. */
interface PartitionSource {
  readonly name: string;
  readonly key: string;
  readonly day: boolean;
}

function sourcesOf(metadata: IcebergTableMetadata): PartitionSource[] {
  const spec = metadata['partition-specs'].find((s) => s['spec-id'] === metadata['default-spec-id'])!;
  const schema = currentSchema(metadata);
  return spec.fields.map((field) => ({ name: schema.fields.find((f) => f.id === field['source-id'])!.name, key: avroCompatibleName(field.name), day: field.transform === 'day' }));
}

/**
 * Items grouped by the partition tuple of their row (the tuple of the
 * source columns' values in `documentToParquetRow` form), in order of first
 * appearance, each group keeping its items' order: each source value converted alone (`storedValue`, the validating path
 * where that gives up), a group's tuple built once. An item without a
 * document (a delete with no before image) is a row of only `$id` and
 * `$type` (`stubOf`).
 */
export function groupByDocumentPartition<T>(
  metadata: IcebergTableMetadata,
  schema: IceTypeSchema,
  items: readonly T[],
  documentOf: (item: T) => StoredDocument | null,
  stubOf?: (item: T) => { readonly $id: string; readonly $type: string },
): { partition: Readonly<Record<string, unknown>>; items: T[] }[] {
  const sources = sourcesOf(metadata);
  if (sources.length === 0) return items.length === 0 ? [] : [{ partition: {}, items: [...items] }];
  const groups = new Map<string, { partition: Readonly<Record<string, unknown>>; items: T[] }>();
  const values = new Array<unknown>(sources.length);
  for (const item of items) {
    const document = documentOf(item);
    const stub = document === null ? stubOf?.(item) : undefined;
    let key = '';
    for (let k = 0; k < sources.length; k++) {
      const { name, day } = sources[k]!;
      let value: unknown;
      if (document === null) value = name === '$id' ? stub?.$id : name === '$type' ? stub?.$type : null;
      else {
        value = storedValue(schema, name, document);
        if (value === undefined) value = documentToParquetRow(schema, document)[name];
      }
      value ??= null;
      if (value !== null && day) value = dayOf(value as bigint);
      values[k] = value;
      key += typeof value === 'string' ? `s${value.length}:${value}` : partitionKey({ v: value });
    }
    let group = groups.get(key);
    if (group === undefined) {
      const tuple: Record<string, unknown> = {};
      sources.forEach((source, k) => (tuple[source.key] = values[k]));
      groups.set(key, (group = { partition: tuple, items: [] }));
    }
    group.items.push(item);
  }
  return [...groups.values()];
}

const MICROS_PER_DAY = 86_400_000_000n;

function dayOf(micros: bigint): number {
  const days = micros / MICROS_PER_DAY;
  return Number(micros < 0n && days * MICROS_PER_DAY !== micros ? days - 1n : days);
}

/** Text that two partition tuples share exactly when their values are equal (bigints and bytes included). */
export function partitionKey(partition: Readonly<Record<string, unknown>>): string {
  let key = '';
  for (const name in partition) {
    const value = partition[name];
    // Typed and length-prefixed, so no two tuples share a key; anything unusual goes through JSON.
    if (typeof value === 'string') key += `${name.length}:${name}s${value.length}:${value}`;
    else if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean' || value === null) key += `${name.length}:${name}${typeof value}${String(value)};`;
    else key += `${name.length}:${name}j${JSON.stringify(value, (_k, v: unknown) => (v instanceof Uint8Array ? [...v] : v))};`;
  }
  return key;
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
