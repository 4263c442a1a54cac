/**
 * The Parquet schema of an IceType schema: its Iceberg schema (ICETYPE.md
 * §4) mapped node by node to Parquet (Iceberg spec Appendix A), so both
 * share one type mapping and one set of field ids. Pure.
 */
import type { IceTypeSchema } from '../../icetype/ast.js';
import { generateIcebergSchema } from '../../iceberg/metadata/iceberg-schema.js';
import type { FieldIdAssignment } from '../../registry/field-ids.js';
import { parquetFieldOf } from './parquet-field.js';
import type { ParquetSchema } from './parquet-types.js';

/**
 * The Parquet schema of `schema`, named after the collection: system
 * fields, then stored fields in declaration order, each node with its field
 * id from `fieldIds` (the registry's, `db.registry.getFieldIds(name)`) or,
 * without it, the registry's first-version assignment. Throws
 * `GeneratorError` (`INVALID_SCHEMA`, `INVALID_FIELD_IDS`, `FIELD_IDS_MISMATCH`).
 *
 * @example
 * generateParquetSchema(parseSchema({ $type: 'User', email: 'string!' }))
 * // { name: 'User', fields: [
 * //   { kind: 'primitive', name: '$id', repetition: 'REQUIRED', type: 'BYTE_ARRAY', logicalType: { type: 'STRING' }, fieldId: 1 }, …,
 * //   { kind: 'primitive', name: 'email', repetition: 'REQUIRED', type: 'BYTE_ARRAY', logicalType: { type: 'STRING' }, fieldId: 6 } ] }
 */
export function generateParquetSchema(schema: IceTypeSchema, fieldIds?: FieldIdAssignment): ParquetSchema {
  const iceberg = generateIcebergSchema(schema, fieldIds);
  return { name: schema.name, fields: iceberg.fields.map(parquetFieldOf) };
}
