/**
 * The IceType schema language (ICETYPE.md): tokenizer, parsers for type
 * strings, relations, directives, object schemas and the text form,
 * validation, type inference and printers. Explicit exports only.
 */
export type {
  DefaultValue,
  FieldDefinition,
  IceTypeSchema,
  IndexDefinition,
  IssueCode,
  JsonValue,
  PrimitiveName,
  RelationDefinition,
  RelationOperator,
  ScalarType,
  SchemaDirectives,
  SchemaIssue,
  StorageLayout,
  ValidationResult,
  VectorDirective,
} from './ast.js';
export { IceTypeParseError, formatIssue, type SourcePosition } from './errors.js';
export { tokenize, type Token, type TokenKind } from './tokenizer.js';
export { parseField, type ParseFieldOptions } from './field.js';
export { parseRelation } from './relation.js';
export { parseDirectives, DIRECTIVE_NAMES, DEFAULT_DIRECTIVES } from './directives.js';
export { type FieldObject } from './field-object.js';
export { parseSchema, uniqueConstraints, type ParseSchemaOptions } from './schema.js';
export { parseSchemas } from './text-form.js';
export { TEXT_DIRECTIVES } from './text-directives.js';
export { validateSchema, validateSchemas } from './validate.js';
export { positionOf, sourcePositions } from './source-map.js';
export { inferType, mergeInferredTypes, type InferredType } from './infer.js';
export { printTypeString, printSchema, printSchemas, type SchemaObject } from './printer.js';
export { IceTypeParser } from './parser.js';
export { PRIMITIVE_NAMES } from './type-names.js';
export { isStoredField } from './schema-checks.js';
export {
  FIELD_NAME_PATTERN,
  COLLECTION_NAME_PATTERN,
  SYSTEM_FIELDS,
  RESERVED_PREFIXES,
  MAX_USER_COLUMNS,
} from './names.js';
