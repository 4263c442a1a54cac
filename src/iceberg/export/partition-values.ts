import { avroCompatibleName } from '../avro/index.js';
import type { IcebergTableMetadata } from '../metadata/index.js';

/**
 * The partition tuple of a row (Iceberg spec "Partition Transforms"):
 * `identity` keeps the source value, `day` turns a timestamptz (µs) into
 * days since 1970-01-01 (floor, so instants before 1970 land on their own
 * day). Keyed by the Avro names of the manifest's partition struct.
 */
export function partitionOf(metadata: IcebergTableMetadata, row: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const spec = metadata['partition-specs'].find((s) => s['spec-id'] === metadata['default-spec-id'])!;
  const schema = metadata.schemas.find((s) => s['schema-id'] === metadata['current-schema-id'])!;
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
