/**
 * An IceType schema as an Iceberg schema (Iceberg spec "Schemas and Data
 * Types", Appendix C "Schemas"; ICETYPE.md §4, the Iceberg column): system
 * fields first, then stored fields in declaration order, ids from the
 * schema registry, `$id` the identifier field. Pure.
 */
import type { FieldDefinition, IceTypeSchema, ScalarType } from '../../icetype/ast.js';
import { isStoredField } from '../../icetype/schema-checks.js';
import { elementPath, type FieldIdAssignment } from '../../registry/field-ids.js';
import { checkSchema } from './check-schema.js';
import { resolveFieldIds } from './resolve-field-ids.js';

/** An Iceberg primitive type as written in metadata JSON: the ones ICETYPE.md §4 produces. */
export type IcebergPrimitiveType =
  | 'boolean'
  | 'int'
  | 'long'
  | 'float'
  | 'double'
  | 'date'
  | 'time'
  | 'timestamptz'
  | 'string'
  | 'binary'
  | `decimal(${number},${number})`;

/** `list<T>` (Appendix C): the element has its own field id; IceType arrays never hold nulls, so `element-required` is true. */
export interface IcebergListType {
  readonly type: 'list';
  readonly 'element-id': number;
  readonly 'element-required': boolean;
  readonly element: IcebergType;
}

/** A field's type: a primitive or a list. */
export type IcebergType = IcebergPrimitiveType | IcebergListType;

/** A field of the table's struct. */
export interface IcebergField {
  readonly id: number;
  readonly name: string;
  readonly required: boolean;
  readonly type: IcebergType;
  /** The field object's `doc`, when it has one. */
  readonly doc?: string;
}

/** A table schema (Appendix C: a struct plus `schema-id` and `identifier-field-ids`). */
export interface IcebergSchema {
  readonly type: 'struct';
  readonly 'schema-id': number;
  /** `[1]`: `$id`, the primary key (required, a string, not in a list). */
  readonly 'identifier-field-ids': readonly number[];
  readonly fields: readonly IcebergField[];
}

/** `$id` string, `$type` string, `$version` long, `$createdAt`/`$updatedAt` timestamptz; all required (the store always sets them). */
const SYSTEM_TYPES: readonly (readonly [string, IcebergPrimitiveType])[] = [
  ['$id', 'string'],
  ['$type', 'string'],
  ['$version', 'long'],
  ['$createdAt', 'timestamptz'],
  ['$updatedAt', 'timestamptz'],
];

/**
 * The Iceberg column of ICETYPE.md §4 for one value of `type`: string, text,
 * varchar, uuid, enum and json are `string` (uuid too: §4 stores it as
 * text, and parquet-wasm cannot write the UUID annotation); timestamp is
 * `timestamptz` (µs; the store keeps instants); `vector(N)` is the element
 * type `float` of a list.
 */
export function icebergPrimitiveOf(type: ScalarType): IcebergPrimitiveType {
  switch (type.kind) {
    case 'decimal':
      return `decimal(${type.precision},${type.scale})`;
    case 'vector':
      return 'float';
    case 'varchar':
    case 'enum':
      return 'string';
    case 'primitive':
      switch (type.name) {
        case 'int':
          return 'int';
        case 'long':
          return 'long';
        case 'float':
          return 'float';
        case 'double':
          return 'double';
        case 'bool':
          return 'boolean';
        case 'timestamp':
          return 'timestamptz';
        case 'date':
          return 'date';
        case 'time':
          return 'time';
        case 'binary':
          return 'binary';
        case 'string':
        case 'text':
        case 'uuid':
        case 'json':
          return 'string';
      }
  }
}

/** A stored field's Iceberg type: `T[]`, `-> T[]` and `vector(N)` are lists whose element id is the registry's `field.element`. */
function icebergTypeOf(field: FieldDefinition, ids: FieldIdAssignment): IcebergType {
  const element = icebergPrimitiveOf(field.type);
  if (!field.isArray && field.type.kind !== 'vector') return element;
  return { type: 'list', 'element-id': ids.fields[elementPath(field.name)]!, 'element-required': true, element };
}

/**
 * The Iceberg schema of `schema`. Ids come from `fieldIds` (the registry's,
 * `db.registry.getFieldIds(name)`), or, without it, from the registry's
 * first-version assignment. Backward and fuzzy relations store nothing and
 * are not columns. Throws `GeneratorError` (`INVALID_SCHEMA`,
 * `INVALID_FIELD_IDS`, `FIELD_IDS_MISMATCH`).
 *
 * @example
 * generateIcebergSchema(parseSchema({ $type: 'Post', title: 'string!', tags: 'string[]' }))
 * // { type: 'struct', 'schema-id': 0, 'identifier-field-ids': [1], fields: [
 * //   { id: 1, name: '$id', required: true, type: 'string' }, …, { id: 5, name: '$updatedAt', required: true, type: 'timestamptz' },
 * //   { id: 6, name: 'title', required: true, type: 'string' },
 * //   { id: 7, name: 'tags', required: false, type: { type: 'list', 'element-id': 8, 'element-required': true, element: 'string' } } ] }
 */
export function generateIcebergSchema(schema: IceTypeSchema, fieldIds?: FieldIdAssignment, schemaId = 0): IcebergSchema {
  checkSchema(schema);
  return icebergSchemaOf(schema, resolveFieldIds(schema, fieldIds), schemaId);
}

/** `generateIcebergSchema` for a checked schema and resolved ids. */
export function icebergSchemaOf(schema: IceTypeSchema, ids: FieldIdAssignment, schemaId: number): IcebergSchema {
  const fields: IcebergField[] = SYSTEM_TYPES.map(([name, type]) => ({ id: ids.fields[name]!, name, required: true, type }));
  for (const field of schema.fields.values()) {
    if (!isStoredField(field)) continue;
    const column: IcebergField = { id: ids.fields[field.name]!, name: field.name, required: field.required, type: icebergTypeOf(field, ids) };
    fields.push(field.doc === undefined ? column : { ...column, doc: field.doc });
  }
  return { type: 'struct', 'schema-id': schemaId, 'identifier-field-ids': [ids.fields.$id!], fields };
}
