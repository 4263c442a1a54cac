/**
 * Document validation (ICETYPE.md §1, §4; issue 3 §2): one input object
 * against one collection's schema, for a create or a partial update. Every
 * issue is found before anything is thrown; messages never carry values.
 */
import type { FieldDefinition, IceTypeSchema } from '../../icetype/ast.js';
import { isStoredField } from '../../icetype/schema-checks.js';
import { defaultValue } from './default-value.js';
import { describeFound } from './describe-found.js';
import { DocumentError } from './document-error.js';
import { idProblem } from './document-id.js';
import { documentSizeIssue } from './document-size.js';
import { normalizeFieldValue } from './field-value.js';
import { INVALID, IssueList } from './issue-list.js';
import { hasOwn, setOwn, type NormalizedDocument } from './normalized-document.js';
import { normalizeJson } from './json-value.js';

/** Options of `validateDocument`. */
export interface ValidateDocumentOptions {
  /**
   * `create`: a whole new document — defaults applied, required fields
   * checked, absent optional fields set to `null`, `$id` filled.
   * `patch`: a partial update — only the given keys are checked and returned.
   */
  readonly mode: 'create' | 'patch';
  /**
   * The document's `$id` when the caller knows it: the target of a patch
   * (named in issues; a `$id` key in the patch must equal it), or on create
   * the id to use when the input has no `$id`.
   */
  readonly id?: string;
  /** The write's clock: the value of `now()` defaults. */
  readonly now: Date;
  /** The id generator: the value of `uuid()` defaults and of `$id` on create when none is given. */
  readonly newId: () => string;
  /**
   * Whether unknown keys are rejected when the schema has no `$strict`
   * (the config's `validation.strictByDefault`). Default true.
   */
  readonly strictByDefault?: boolean;
}

/** System fields the store sets; callers may not (`$id` is handled on its own). */
const STORE_MANAGED: Readonly<Record<string, string>> = {
  $type: 'the collection name',
  $version: '1 on create, +1 per update',
  $createdAt: 'the time of the create',
  $updatedAt: 'the time of the last write',
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** The value under an own key, `undefined` meaning absent (inherited names like `toString` are not values). */
function own(input: Record<string, unknown>, key: string): unknown {
  return hasOwn(input, key) ? input[key] : undefined;
}

function notSettableMessage(field: FieldDefinition, value: unknown): string {
  const r = field.relation!;
  const what =
    r.operator === '<-'
      ? `a backward relation derived from ${r.target}.${r.inverse ?? '?'}`
      : r.operator === '~>'
        ? 'a fuzzy relation, matched by similarity'
        : `a fuzzy backward relation derived from ${r.target}.${r.inverse ?? '?'}`;
  return `expected no value: "${r.operator} ${r.target}" is ${what} and stores nothing in this document, found ${describeFound(value)}`;
}

const FIELD_PATHS = new WeakMap<FieldDefinition, readonly string[]>();

/** `[field.name]`, made once per field: issues copy the paths they are given. */
function fieldPath(field: FieldDefinition): readonly string[] {
  let path = FIELD_PATHS.get(field);
  if (path === undefined) FIELD_PATHS.set(field, (path = Object.freeze([field.name])));
  return path;
}

/** Resolves, checks and records the `$id` of a create; returns it when valid. */
function createId(input: Record<string, unknown>, options: ValidateDocumentOptions, issues: IssueList): string | undefined {
  const given = own(input, '$id');
  const id: unknown = given !== undefined ? given : (options.id ?? options.newId());
  const problem = idProblem(id);
  if (problem !== undefined) {
    issues.add('INVALID_ID', ['$id'], problem);
    return undefined;
  }
  return id as string;
}

function checkPatchId(input: Record<string, unknown>, options: ValidateDocumentOptions, issues: IssueList): void {
  const given = own(input, '$id');
  if (given === undefined || (options.id !== undefined && given === options.id)) return;
  issues.add('SYSTEM_FIELD', ['$id'], `expected no $id in an update, or the updated document's own (a $id never changes), found ${describeFound(given)}${options.id !== undefined ? ' that differs' : ''}`);
}

/** ` (fields: a, b, …)` for a message: built only when there is an issue to report. */
function fieldList(schema: IceTypeSchema): string {
  const names = [...schema.fields.keys()];
  return names.length > 0 ? ` (fields: ${names.slice(0, 8).join(', ')}${names.length > 8 ? ', …' : ''})` : '';
}

function checkUnknownKeys(
  schema: IceTypeSchema,
  strict: boolean,
  input: Record<string, unknown>,
  out: NormalizedDocument,
  issues: IssueList,
): void {
  for (const key of Object.keys(input)) {
    if (key === '$id' || schema.fields.has(key)) continue;
    const value = input[key];
    if (value === undefined) continue;
    if (hasOwn(STORE_MANAGED, key)) {
      issues.add('SYSTEM_FIELD', [key], `expected ${key} to be left to the store (${STORE_MANAGED[key]}), found ${describeFound(value)}`);
    } else if (key.startsWith('$')) {
      issues.add('UNKNOWN_FIELD', [key], `expected a field of ${schema.name}${fieldList(schema)}; names starting with "$" are reserved for system fields, found an unknown one`);
    } else if (strict) {
      issues.add('UNKNOWN_FIELD', [key], `expected only fields ${schema.name} declares${fieldList(schema)} ($strict), found an unknown field`);
    } else {
      const json = normalizeJson(value, [key], issues);
      if (json !== INVALID) setOwn(out, key, json);
    }
  }
}

/**
 * Checks a document against its collection's schema and returns it in
 * canonical form (`NormalizedDocument`), or throws `DocumentError` with every
 * issue found. Keys whose value is `undefined` count as absent.
 *
 * - `create`: `$id` is the input's, else `options.id`, else `newId()`;
 *   defaults are applied (`now()` → `options.now`, `uuid()` → `newId()`);
 *   a required field without a value or default is `REQUIRED_FIELD`; an
 *   absent optional field is `null`.
 * - `patch`: only the given keys are checked and returned; `null` clears a
 *   nullable field; no defaults, no required checks.
 * - `$strict` (when the schema does not say: `options.strictByDefault`,
 *   default true) rejects unknown keys (`UNKNOWN_FIELD`); otherwise they are
 *   kept as JSON values (they have no column: `toRowValues` skips them). `$type`, `$version`, `$createdAt`,
 *   `$updatedAt` are `SYSTEM_FIELD`; backward and fuzzy relations
 *   (`<-`, `~>`, `<~`) are `NOT_SETTABLE`.
 * - The result must fit `MAX_DOCUMENT_BYTES` (`DOCUMENT_TOO_LARGE`); for a
 *   patch the store checks the merged document with `documentSizeIssue`.
 *
 * @example
 * const User = parseSchema({ $type: 'User', name: 'string!', score: 'decimal(5,2) = 0', createdAt: 'timestamp = now()' })
 * validateDocument(User, { name: 'Ada' }, { mode: 'create', now: new Date(0), newId: newDocumentId })
 * // { $id: '0190…', name: 'Ada', score: '0.00', createdAt: new Date(0) }
 */
export function validateDocument(schema: IceTypeSchema, input: unknown, options: ValidateDocumentOptions): NormalizedDocument {
  const issues = new IssueList(schema.name);
  if (!isPlainObject(input)) {
    issues.add('NOT_AN_OBJECT', [], `expected a ${schema.name} document (a plain object of fields), found ${describeFound(input)}`);
    throw new DocumentError(issues.issues);
  }
  const out: NormalizedDocument = {};
  if (options.mode === 'create') {
    const id = createId(input, options, issues);
    if (id !== undefined) {
      out.$id = id;
      issues.id = id;
    }
  } else {
    if (options.id !== undefined) issues.id = options.id;
    checkPatchId(input, options, issues);
  }

  for (const field of schema.fields.values()) {
    const path = fieldPath(field);
    const value = own(input, field.name);
    if (!isStoredField(field)) {
      if (value !== undefined) issues.add('NOT_SETTABLE', path, notSettableMessage(field, value));
      continue;
    }
    if (value !== undefined) {
      const v = normalizeFieldValue(field, value, path, issues);
      if (v !== INVALID) setOwn(out, field.name, v);
      continue;
    }
    if (options.mode === 'patch') continue;
    const def = defaultValue(field, options, path, issues);
    if (def !== undefined) {
      if (def !== INVALID) setOwn(out, field.name, def);
    } else if (field.required) {
      issues.add('REQUIRED_FIELD', path, `expected a value for the required ("!") field, found none`);
    } else setOwn(out, field.name, null);
  }
  checkUnknownKeys(schema, schema.directives.strict ?? options.strictByDefault ?? true, input, out, issues);

  const tooLarge = documentSizeIssue(schema, out, issues.id);
  if (tooLarge !== undefined) issues.issues.push(tooLarge);
  issues.throwIfAny();
  return out;
}
