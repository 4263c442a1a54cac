/**
 * The original `IcebergMetadataGenerator` API (seed README), over the pure
 * functions of this folder. Stateless: unlike the published class, nothing
 * carries over between calls, so ids never restart or drift.
 */
import type { IceTypeSchema } from '../../icetype/ast.js';
import type { FieldIdAssignment } from '../../registry/field-ids.js';
import { checkSchema } from './check-schema.js';
import { generateIcebergSchema, type IcebergSchema } from './iceberg-schema.js';
import type { TableMetadataOptions } from './metadata-options.js';
import { partitionSpecOf, type IcebergPartitionSpec } from './partition-spec.js';
import { sortOrderOf, type IcebergSortOrder } from './sort-order.js';
import { generateTableMetadata, type IcebergTableMetadata } from './table-metadata.js';

/**
 * Generates Iceberg metadata from IceType schemas.
 *
 * @example
 * const generator = new IcebergMetadataGenerator()
 * const icebergSchema = generator.generateSchema(User, db.registry.getFieldIds('User')!)
 * generator.generatePartitionSpec(User, icebergSchema) // { 'spec-id': 0, fields: [{ 'source-id': 6, 'field-id': 1000, name: 'tenantId', transform: 'identity' }] }
 * generator.generateSortOrder(User, icebergSchema)     // { 'order-id': 1, fields: [{ transform: 'identity', 'source-id': 1, direction: 'asc', 'null-order': 'nulls-first' }] }
 * generator.generateTableMetadata(User, { location: 's3://my-bucket/tables/users' })
 */
export class IcebergMetadataGenerator {
  /** The Iceberg schema (schema-id 0); see `generateIcebergSchema`. */
  generateSchema(schema: IceTypeSchema, fieldIds?: FieldIdAssignment): IcebergSchema {
    return generateIcebergSchema(schema, fieldIds);
  }

  /** The partition spec of `$partitionBy`, source ids taken from `icebergSchema`; unpartitioned without `$partitionBy`. */
  generatePartitionSpec(schema: IceTypeSchema, icebergSchema: IcebergSchema): IcebergPartitionSpec {
    checkSchema(schema);
    return partitionSpecOf(schema, icebergSchema);
  }

  /** The default sort order: order-id 1, `$id` ascending (the table also declares the unsorted order 0). */
  generateSortOrder(schema: IceTypeSchema, icebergSchema: IcebergSchema): IcebergSortOrder {
    checkSchema(schema);
    return sortOrderOf(schema, icebergSchema);
  }

  /** The metadata of a new v2 table; see `generateTableMetadata`. */
  generateTableMetadata(schema: IceTypeSchema, options: TableMetadataOptions): IcebergTableMetadata {
    return generateTableMetadata(schema, options);
  }
}
