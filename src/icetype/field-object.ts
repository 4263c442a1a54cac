/**
 * Field objects (ICETYPE.md §1.2): `{ type, required?, indexed?, default?,
 * unique?, doc? }`, the long form of a type string. `type` is a full type
 * string; the other keys add to it and must not contradict it.
 */
import { ON_DELETE_ACTIONS, type DefaultValue, type FieldDefinition, type OnDeleteAction, type SchemaIssue } from './ast.js';
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
  /** Forward relations: what deleting the referenced document does to this one (default `'restrict'`). */
  readonly onDelete?: OnDeleteAction;
}

const KEYS: ReadonlySet<string> = new Set(['type', 'required', 'indexed', 'default', 'unique', 'doc', 'onDelete']);

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
      problem('INVALID_FIELD_OBJECT', `expected only the keys type, required, indexed, default, unique, doc and onDelete, found ${JSON.stringify(key)}`);
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

  if (value.onDelete !== undefined) {
    const bad = onDeleteProblem(field, value.onDelete);
    if (bad !== undefined) problem(bad.code, bad.message);
    else field.onDelete = value.onDelete as OnDeleteAction;
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

/**
 * Why `onDelete: action` cannot go on this field, or undefined when it can:
 * only forward relations (`-> T`, `-> T[]`) take one, it must be one of
 * `ON_DELETE_ACTIONS`, and `'set null'` needs a field that may be null (a
 * list drops the id instead, so any list takes it).
 */
export function onDeleteProblem(field: FieldDefinition, action: unknown): { code: SchemaIssue['code']; message: string } | undefined {
  if (typeof action !== 'string' || !(ON_DELETE_ACTIONS as readonly string[]).includes(action)) {
    return { code: 'INVALID_FIELD_OBJECT', message: `expected onDelete to be one of ${ON_DELETE_ACTIONS.map((a) => `"${a}"`).join(', ')}, found ${describeValue(action)}` };
  }
  const rel = field.relation;
  if (rel?.operator !== '->') {
    return { code: 'INVALID_RELATION', message: `expected onDelete only on a forward relation (-> T), found it on ${rel === undefined ? 'a field that is not a relation' : `a "${rel.operator}" relation`}` };
  }
  if (action === 'set null' && field.required && !field.isArray) {
    return { code: 'INVALID_RELATION', message: 'expected onDelete: "set null" on an optional relation (it clears the field), found a required one ("!")' };
  }
  return undefined;
}
