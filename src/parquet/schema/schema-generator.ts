/**
 * The original `ParquetSchemaGenerator` API (seed README), over the pure
 * functions of this folder.
 */
import type { IceTypeSchema } from '../../icetype/ast.js';
import type { FieldIdAssignment } from '../../registry/field-ids.js';
import { generateParquetSchema } from './parquet-schema.js';
import type { ParquetSchema } from './parquet-types.js';
import { printParquetSchema } from './schema-string.js';

/**
 * Generates Parquet schemas from IceType schemas.
 *
 * @example
 * const generator = new ParquetSchemaGenerator()
 * const parquetSchema = generator.generateSchema(User, db.registry.getFieldIds('User')!)
 * generator.toSchemaString(parquetSchema) // 'message User {\n  required binary $id (STRING) = 1;\n …}\n'
 */
export class ParquetSchemaGenerator {
  /** The Parquet schema; see `generateParquetSchema`. */
  generateSchema(schema: IceTypeSchema, fieldIds?: FieldIdAssignment): ParquetSchema {
    return generateParquetSchema(schema, fieldIds);
  }

  /** The message syntax parquet-mr prints. */
  toSchemaString(schema: ParquetSchema): string {
    return printParquetSchema(schema);
  }
}
