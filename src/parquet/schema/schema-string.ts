/**
 * A Parquet schema in the message syntax parquet-mr prints
 * (`MessageType.toString()`): lower-case repetition and physical type
 * (`binary` for BYTE_ARRAY), `fixed_len_byte_array(N)`, the logical type in parentheses
 * (`TIMESTAMP(MICROS,true)`, `DECIMAL(10,2)`), `= id` for the field id.
 */
import type { IceTypeSchema } from '../../icetype/ast.js';
import type { FieldIdAssignment } from '../../registry/field-ids.js';
import { generateParquetSchema } from './parquet-schema.js';
import type { ParquetField, ParquetLogicalType, ParquetPrimitiveField, ParquetSchema } from './parquet-types.js';

/** parquet-mr's names of physical types: thrift's BYTE_ARRAY is its BINARY. */
function physicalText(field: ParquetPrimitiveField): string {
  if (field.type === 'FIXED_LEN_BYTE_ARRAY') return `fixed_len_byte_array(${field.typeLength})`;
  return field.type === 'BYTE_ARRAY' ? 'binary' : field.type.toLowerCase();
}

function logicalText(t: ParquetLogicalType): string {
  switch (t.type) {
    case 'TIME':
    case 'TIMESTAMP':
      return `${t.type}(${t.unit},${t.isAdjustedToUTC})`;
    case 'DECIMAL':
      return `DECIMAL(${t.precision},${t.scale})`;
    default:
      return t.type;
  }
}

function writeField(field: ParquetField, indent: string, out: string[]): void {
  const annotation = field.logicalType === undefined ? '' : ` (${logicalText(field.logicalType)})`;
  const id = field.fieldId === undefined ? '' : ` = ${field.fieldId}`;
  const repetition = field.repetition.toLowerCase();
  if (field.kind === 'primitive') {
    out.push(`${indent}${repetition} ${physicalText(field)} ${field.name}${annotation}${id};\n`);
    return;
  }
  out.push(`${indent}${repetition} group ${field.name}${annotation}${id} {\n`);
  for (const child of field.fields) writeField(child, `${indent}  `, out);
  out.push(`${indent}}\n`);
}

/**
 * The message syntax of a Parquet schema, as parquet-mr prints it.
 *
 * @example
 * printParquetSchema(generateParquetSchema(User))
 * // message User {
 * //   required binary $id (STRING) = 1;
 * //   required binary $type (STRING) = 2;
 * //   required int64 $version = 3;
 * //   required int64 $createdAt (TIMESTAMP(MICROS,true)) = 4;
 * //   …
 * //   optional group tags (LIST) = 9 {
 * //     repeated group list {
 * //       required binary element (STRING) = 14;
 * //     }
 * //   }
 * // }
 */
export function printParquetSchema(schema: ParquetSchema): string {
  const out = [`message ${schema.name} {\n`];
  for (const field of schema.fields) writeField(field, '  ', out);
  out.push('}\n');
  return out.join('');
}

/**
 * `generateParquetSchema` printed in the message syntax (for debugging and
 * for comparing with `parquet schema` / `parquet-tools` output).
 *
 * @example
 * console.log(generateParquetSchemaString(userSchema))
 */
export function generateParquetSchemaString(schema: IceTypeSchema, fieldIds?: FieldIdAssignment): string {
  return printParquetSchema(generateParquetSchema(schema, fieldIds));
}
