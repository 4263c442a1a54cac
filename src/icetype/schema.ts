/**
 * `parseSchema`: one collection in the object form (ICETYPE.md §1, §2, §3)
 * to an `IceTypeSchema`. Every field and directive is checked before
 * anything is thrown, so the error carries all issues at once.
 */
import type { FieldDefinition, IceTypeSchema } from './ast.js';
import { describeValue } from './defaults.js';
import { isPlainObject, readDirectives, resolveCollectionName, DEFAULT_DIRECTIVES } from './directives.js';
import { IceTypeParseError } from './errors.js';
import { readFieldObject } from './field-object.js';
import { parseTypeString } from './field.js';
import { checkFieldName } from './names.js';
import { Reporter } from './reporter.js';
import { checkSchemaRules } from './schema-checks.js';

/** Options of `parseSchema`. */
export interface ParseSchemaOptions {
  /** The collection name when the definition has no `$type` (e.g. its key in a schema set). */
  readonly name?: string;
}

/**
 * Reads an object schema into `rep` without throwing. Used by `parseSchema`
 * and by callers that parse a whole set of collections.
 */
export function readSchemaObject(definition: unknown, keyName: string | undefined, rep: Reporter): IceTypeSchema {
  if (!isPlainObject(definition)) {
    rep.error(
      'INVALID_SCHEMA',
      `expected a schema object such as { $type: "User", name: "string" }, found ${describeValue(definition)}`,
      keyName === undefined ? [] : [keyName],
    );
    return { name: keyName ?? '?', fields: new Map(), directives: DEFAULT_DIRECTIVES };
  }
  const name = resolveCollectionName(definition, keyName, rep);
  const directives = readDirectives(definition, name, rep);
  const fields = new Map<string, FieldDefinition>();
  let broken: Set<string> | undefined;
  const keys = Object.keys(definition);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (key.charCodeAt(0) === 36) continue;
    const path = [name, key];
    const bad = checkFieldName(key);
    if (bad !== undefined) rep.error(bad.code, bad.message, path);
    const value = definition[key];
    try {
      fields.set(key, typeof value === 'string' ? parseTypeString(value, key, path, false) : readFieldObject(value, key, path));
    } catch (e) {
      if (!(e instanceof IceTypeParseError)) throw e;
      rep.addAll(e.issues);
      (broken ??= new Set()).add(key);
    }
  }
  const schema: IceTypeSchema = { name, fields, directives };
  checkSchemaRules(schema, rep, false, broken);
  return schema;
}

/**
 * Parses one collection in the object form. Keys starting with `$` are
 * directives; every other key is a field whose value is a type string or a
 * field object. Throws `IceTypeParseError` carrying every issue (paths like
 * `['User', 'age']`).
 *
 * @example
 * const user = parseSchema({
 *   $type: 'User',
 *   $partitionBy: ['tenantId'],
 *   tenantId: 'string!',
 *   email: { type: 'string#', unique: true },
 *   age: 'int?',
 * })
 * user.fields.get('tenantId')?.required // true (and not unique: "!" means required only)
 */
export function parseSchema(definition: object, options?: ParseSchemaOptions): IceTypeSchema {
  const rep = new Reporter();
  const schema = readSchemaObject(definition, options?.name, rep);
  if (rep.errors.length > 0) throw new IceTypeParseError(rep.errors);
  return schema;
}

/**
 * Every unique constraint of a collection: `$unique` entries, unique
 * `$index` entries and fields with `unique: true`, each once.
 *
 * @example
 * uniqueConstraints(parseSchema({ $type: 'U', $unique: [['a', 'b']], a: 'string', b: 'string', c: { type: 'string', unique: true } }))
 * // [['a', 'b'], ['c']]
 */
export function uniqueConstraints(schema: IceTypeSchema): string[][] {
  const out: string[][] = [];
  const seen = new Set<string>();
  const add = (fields: readonly string[]): void => {
    const key = fields.join(',');
    if (seen.has(key)) return;
    seen.add(key);
    out.push([...fields]);
  };
  for (const list of schema.directives.unique) add(list);
  for (const index of schema.directives.index) if (index.unique) add(index.fields);
  for (const field of schema.fields.values()) if (field.unique) add([field.name]);
  return out;
}
