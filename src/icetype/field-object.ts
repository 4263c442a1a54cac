/**
 * Field objects (ICETYPE.md §1.2): `{ type, required?, indexed?, default?,
 * unique?, doc? }`, the long form of a type string. `type` is a full type
 * string; the other keys add to it and must not contradict it.
 */
import type { DefaultValue, FieldDefinition, SchemaIssue } from './ast.js';
import { checkDefault, describeValue, toDefaultValue } from './defaults.js';
import { IceTypeParseError, makeIssue } from './errors.js';
import { isForwardOperator } from './field-parser.js';
import { lastTypeStringFacts, parseTypeString } from './field.js';
import { isPlainObject } from './directives.js';

/** The long form of a field, as accepted in object schemas. */
export interface FieldObject {
  /** A type string, e.g. `'string'`, `'decimal(10,2)'`, `'-> User'`. */
  readonly type: string;
  /** `!` */
  readonly required?: boolean;
  /** `#` */
  readonly indexed?: boolean;
  /** A JSON value (decimal fields also take numbers, numeric strings and bigints). */
  readonly default?: unknown;
  /** Shorthand for a one-field `$unique`. */
  readonly unique?: boolean;
  /** Documentation, kept on the field. */
  readonly doc?: string;
}

const KEYS: ReadonlySet<string> = new Set(['type', 'required', 'indexed', 'default', 'unique', 'doc']);

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Reads a field object. Throws `IceTypeParseError` with every problem found
 * (`INVALID_FIELD_OBJECT`, `CONFLICTING_MODIFIERS`, `INVALID_DEFAULT`,
 * `INVALID_RELATION`, or the type string's own issues).
 */
export function readFieldObject(value: unknown, name: string, path: readonly string[]): FieldDefinition {
  if (!isPlainObject(value)) {
    throw new IceTypeParseError([
      makeIssue(
        'INVALID_FIELD_OBJECT',
        `expected a type string or a field object { type, required?, indexed?, default?, unique?, doc? }, found ${describeValue(value)}`,
        path,
      ),
    ]);
  }
  const issues: SchemaIssue[] = [];
  const problem = (code: SchemaIssue['code'], message: string): void => {
    issues.push(makeIssue(code, message, path));
  };
  for (const key of Object.keys(value)) {
    if (!KEYS.has(key)) {
      problem('INVALID_FIELD_OBJECT', `expected only the keys type, required, indexed, default, unique and doc, found ${JSON.stringify(key)}`);
    }
  }
  if (typeof value.type !== 'string') {
    problem('INVALID_FIELD_OBJECT', `expected "type" to be a type string such as "string", found ${describeValue(value.type)}`);
    throw new IceTypeParseError(issues);
  }
  const base = parseTypeString(value.type, name, path, false);
  const { optionalMarked, defaultWritten } = lastTypeStringFacts();
  const field: Mutable<FieldDefinition> = { ...base };

  const flag = (key: 'required' | 'indexed' | 'unique'): boolean | undefined => {
    const v = value[key];
    if (v === undefined || typeof v === 'boolean') return v;
    problem('INVALID_FIELD_OBJECT', `expected "${key}" to be true or false, found ${describeValue(v)}`);
    return undefined;
  };
  const required = flag('required');
  const indexed = flag('indexed');
  const unique = flag('unique');
  const rel = base.relation;

  if (required === true && optionalMarked) problem('CONFLICTING_MODIFIERS', 'expected either required: true or "?" in the type, found both');
  else if (required === false && base.required) problem('CONFLICTING_MODIFIERS', 'expected either required: false or "!" in the type, found both');
  else if (required !== undefined) {
    if (rel !== undefined && !isForwardOperator(rel.operator) && required) {
      problem('INVALID_RELATION', `expected no "required" on a backward relation (it stores nothing), found required: true`);
    }
    field.required = required;
  }

  if (indexed === false && base.indexed) problem('CONFLICTING_MODIFIERS', 'expected either indexed: false or "#" in the type, found both');
  else if (indexed === true && rel !== undefined) problem('INVALID_FIELD_OBJECT', 'expected no "indexed" on a relation, found indexed: true');
  else if (indexed !== undefined) field.indexed = indexed;

  if (unique === true && rel !== undefined && rel.operator !== '->') {
    problem('INVALID_FIELD_OBJECT', `expected "unique" only on stored fields, found it on a "${rel.operator}" relation`);
  } else if (unique !== undefined) field.unique = unique;

  if (value.doc !== undefined) {
    if (typeof value.doc === 'string') field.doc = value.doc;
    else problem('INVALID_FIELD_OBJECT', `expected "doc" to be a string, found ${describeValue(value.doc)}`);
  }

  if (value.default !== undefined) {
    if (defaultWritten) problem('INVALID_FIELD_OBJECT', 'expected the default once, found both "=" in the type and a "default" key');
    else if (rel !== undefined) problem('INVALID_FIELD_OBJECT', 'expected no default on a relation, found a "default" key');
    else {
      const converted = toDefaultValue(field.type, field.isArray, value.default);
      if ('problem' in converted) problem('INVALID_DEFAULT', converted.problem);
      else field.default = converted.value;
    }
  }
  const def: DefaultValue | undefined = field.default;
  if (def !== undefined && issues.length === 0) {
    const bad = checkDefault(field.type, field.isArray, field.required, def);
    if (bad !== undefined) problem('INVALID_DEFAULT', bad);
  }
  if (issues.length > 0) throw new IceTypeParseError(issues);
  return field;
}
