/**
 * The definition given to `registerSchema`: one collection in the object
 * form (ICETYPE.md §1) or in the text form (§7), parsed, and checked to
 * survive the round trip through its stored form.
 */
import type { IceTypeSchema, SchemaIssue } from '../icetype/ast.js';
import { IceTypeParseError } from '../icetype/errors.js';
import { parseSchema } from '../icetype/schema.js';
import { parseSchemas } from '../icetype/text-form.js';
import { SchemaRegistryError } from './registry-error.js';
import { definitionText } from './schema-rows.js';

function invalid(message: string, issues: readonly SchemaIssue[], collection?: string, cause?: unknown): SchemaRegistryError {
  return new SchemaRegistryError('INVALID_SCHEMA', message, collection === undefined ? { issues, cause } : { collection, issues, cause });
}

function parse(definition: object | string, name: string | undefined): IceTypeSchema {
  if (typeof definition !== 'string') return parseSchema(definition, name === undefined ? undefined : { name });
  const schemas = parseSchemas(definition);
  const names = schemas.map((s) => s.name);
  if (name !== undefined) {
    const found = schemas.find((s) => s.name === name);
    if (found !== undefined) return found;
    const message = `expected a collection named ${JSON.stringify(name)} in the schema text, found ${names.length === 0 ? 'none' : names.join(', ')}`;
    throw invalid(message, [{ code: 'INVALID_SCHEMA', message, path: [name] }], name);
  }
  if (schemas.length === 1) return schemas[0]!;
  const message = `expected one collection in the schema text (or options.name), found ${schemas.length === 0 ? 'none' : names.join(', ')}`;
  throw invalid(message, [{ code: 'INVALID_SCHEMA', message, path: [] }]);
}

/**
 * Parses a definition and its stored text (`definitionText`). Throws
 * `SchemaRegistryError` `INVALID_SCHEMA` with every parse issue.
 */
export function readDefinition(definition: object | string, name: string | undefined): { schema: IceTypeSchema; text: string } {
  let schema: IceTypeSchema;
  try {
    schema = parse(definition, name);
  } catch (error) {
    if (!(error instanceof IceTypeParseError)) throw error;
    throw invalid('expected a valid schema, found issues', error.issues, name, error);
  }
  const text = definitionText(schema);
  // A safety net: the stored (printed) form must parse back to the same schema, field for field.
  const back = parseSchema(JSON.parse(text) as object);
  if (back.fields.size !== schema.fields.size || definitionText(back) !== text) {
    const lost = [...schema.fields.keys()].filter((f) => !back.fields.has(f));
    const message = `expected a schema whose printed form keeps every field, found ${lost.length > 0 ? `${lost.map((f) => JSON.stringify(f)).join(', ')} lost` : 'a different schema'}`;
    throw invalid(message, [{ code: 'INVALID_SCHEMA', message, path: [schema.name, ...lost.slice(0, 1)] }], schema.name);
  }
  return { schema, text };
}
