/**
 * `IceTypeParser`: the class API of the original IceType README
 * (`parse`, `parseField`, `parseRelation`, `parseDirectives`,
 * `validateSchema`), each a thin shell over the module functions.
 */
import type { FieldDefinition, IceTypeSchema, RelationDefinition, SchemaDirectives, ValidationResult } from './ast.js';
import { parseDirectives } from './directives.js';
import { IceTypeParseError } from './errors.js';
import { parseField, type ParseFieldOptions } from './field.js';
import { parseRelation } from './relation.js';
import { parseSchema, type ParseSchemaOptions } from './schema.js';
import { validateSchema } from './validate.js';

/**
 * The IceType parser with the method names of the original API.
 *
 * @example
 * const parser = new IceTypeParser()
 * const user = parser.parse({ $type: 'User', email: 'string#' })
 * parser.validateSchema(user).valid // true
 */
export class IceTypeParser {
  /** Parses one collection in the object form (`parseSchema`). Throws `IceTypeParseError`. */
  parse(definition: object, options?: ParseSchemaOptions): IceTypeSchema {
    return parseSchema(definition, options);
  }

  /** Parses one type string (`parseField`). Throws `IceTypeParseError`. */
  parseField(fieldDef: string, options?: ParseFieldOptions): FieldDefinition {
    return parseField(fieldDef, options);
  }

  /** Parses one relation string (`parseRelation`). Throws `IceTypeParseError`. */
  parseRelation(relDef: string): RelationDefinition {
    return parseRelation(relDef);
  }

  /** Reads the `$` directives of an object schema. Throws `IceTypeParseError` on any issue. */
  parseDirectives(definition: object): SchemaDirectives {
    const { directives, issues } = parseDirectives(definition);
    if (issues.length > 0) throw new IceTypeParseError(issues);
    return directives;
  }

  /** Checks a schema or a set of schemas (`validateSchema`). Never throws. */
  validateSchema(schema: IceTypeSchema | readonly IceTypeSchema[]): ValidationResult {
    return validateSchema(schema);
  }
}
