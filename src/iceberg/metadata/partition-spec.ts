/**
 * The partition spec of a table from `$partitionBy` (Iceberg spec
 * "Partitioning", "Partition Transforms", Appendix C "Partition Specs"):
 * spec-id 0, partition field ids from 1000. Pure.
 */
import type { IceTypeSchema } from '../../icetype/ast.js';
import { GeneratorError } from './generator-error.js';
import type { IcebergField, IcebergSchema } from './iceberg-schema.js';

/** The transforms the generator uses. */
export type IcebergTransform = 'identity' | 'day';

/** One partition field (v2: `field-id` required, unique across all specs). */
export interface IcebergPartitionField {
  readonly 'source-id': number;
  readonly 'field-id': number;
  readonly name: string;
  readonly transform: IcebergTransform;
}

/** A partition spec. An unpartitioned table has `fields: []`. */
export interface IcebergPartitionSpec {
  readonly 'spec-id': number;
  readonly fields: readonly IcebergPartitionField[];
}

/** The first partition field id (the Java reference implementation's convention, which the spec describes). */
export const FIRST_PARTITION_FIELD_ID = 1000;

/**
 * The transform of a partition source. A timestamp becomes `day`: identity
 * on a µs instant would make one partition per distinct instant (one file
 * each), while days match how such tables are queried and pruned. Every
 * other primitive is `identity` (dates are already days). Lists cannot be
 * partition sources (spec: "must be a primitive type").
 */
function transformOf(collection: string, source: IcebergField): IcebergTransform {
  if (typeof source.type !== 'string') {
    throw new GeneratorError(
      'UNPARTITIONABLE_FIELD',
      'expected a $partitionBy field of a primitive type (Iceberg partitions by primitives only), found a list',
      { collection, field: source.name },
    );
  }
  return source.type === 'timestamptz' ? 'day' : 'identity';
}

/** The field of `icebergSchema` named `name`; `SCHEMA_MISMATCH` when it lacks one. */
export function sourceField(schema: IceTypeSchema, icebergSchema: IcebergSchema, name: string): IcebergField {
  const field = icebergSchema.fields.find((f) => f.name === name);
  if (field === undefined) {
    throw new GeneratorError('SCHEMA_MISMATCH', `expected the Iceberg schema of ${schema.name} to have a field ${JSON.stringify(name)}, found none`, {
      collection: schema.name,
      field: name,
    });
  }
  return field;
}

/**
 * The partition spec: one field per `$partitionBy` entry, in order, with
 * `identity` (named after the source) or, for timestamps, `day` (named
 * `<source>_day`, as Java names it); partition field ids 1000, 1001, ….
 * Without `$partitionBy` the table is unpartitioned (`fields: []`), unlike
 * the published generator's `identity($type)`, which partitions a
 * one-collection table by a constant. `icebergSchema` gives the source ids.
 *
 * @example
 * partitionSpecOf(parseSchema({ $type: 'Event', $partitionBy: ['tenant', 'at'], tenant: 'string!', at: 'timestamp!' }), icebergSchema)
 * // { 'spec-id': 0, fields: [
 * //   { 'source-id': 6, 'field-id': 1000, name: 'tenant', transform: 'identity' },
 * //   { 'source-id': 7, 'field-id': 1001, name: 'at_day', transform: 'day' } ] }
 */
export function partitionSpecOf(schema: IceTypeSchema, icebergSchema: IcebergSchema): IcebergPartitionSpec {
  const columns = new Set(icebergSchema.fields.map((f) => f.name));
  const fields = schema.directives.partitionBy.map((name, i): IcebergPartitionField => {
    const source = sourceField(schema, icebergSchema, name);
    const transform = transformOf(schema.name, source);
    const partitionName = transform === 'identity' ? name : `${name}_${transform}`;
    // The reference implementation (Java) refuses a non-identity partition named like a column.
    if (transform !== 'identity' && columns.has(partitionName)) {
      throw new GeneratorError(
        'UNPARTITIONABLE_FIELD',
        `expected the partition name ${JSON.stringify(partitionName)} (${transform} of ${name}) to differ from every column, found a column of that name`,
        { collection: schema.name, field: name },
      );
    }
    return { 'source-id': source.id, 'field-id': FIRST_PARTITION_FIELD_ID + i, name: partitionName, transform };
  });
  return { 'spec-id': 0, fields };
}
