/**
 * Compile-time IceType (ICETYPE.md §6): type strings parsed by the
 * TypeScript checker into document types, with malformed schemas rejected
 * as type errors. Types only; nothing here exists at run time.
 */

export type { IceTypeCompileError } from './error.js';
export type { FieldInfo, FieldKind, RelationInfo, RelationKind, TypeName } from './field-info.js';
export type { FieldTypeInfo, ValidateTypeString } from './field-type-info.js';
export type {
  FieldHasDefault,
  FieldInfoOf,
  FieldIsStored,
  FieldNullable,
  FieldObject,
  FieldSelectValue,
  FieldSpec,
  FieldValue,
} from './field-spec.js';
export type {
  CollectionDefinition,
  DirectiveName,
  DirectiveValue,
  FieldNames,
  SchemaSetDefinition,
} from './schema-set.js';
export type { ValidateSchemaSet } from './validate-schema-set.js';
export type {
  FieldInfos,
  InferInsert,
  InferSchemaSet,
  InferSelect,
  RelationFields,
  Simplify,
  StoredFieldNames,
  SystemFields,
} from './infer.js';
