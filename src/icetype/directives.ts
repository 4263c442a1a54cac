/**
 * Directives of ICETYPE.md §2 in the object form: `$type`, `$partitionBy`,
 * `$index`, `$unique`, `$fts`, `$vector`, `$storage`, `$cdc`, `$strict`.
 * Wrong shapes and unknown directives are errors, never dropped. Whether the
 * named fields exist is checked afterwards (`schema-checks.ts`).
 */
import type { IndexDefinition, SchemaDirectives, SchemaIssue, VectorDirective } from './ast.js';
import { describeValue } from './defaults.js';
import { checkCollectionName, SYSTEM_FIELDS } from './names.js';
import { Reporter } from './reporter.js';
import { MAX_VECTOR_DIMENSIONS } from './type-names.js';

/** Every directive key, in the order of ICETYPE.md §2. */
export const DIRECTIVE_NAMES: readonly string[] = [
  '$type',
  '$partitionBy',
  '$index',
  '$unique',
  '$fts',
  '$vector',
  '$storage',
  '$cdc',
  '$strict',
];

const NONE: readonly never[] = Object.freeze([]);

/** Directives when none are given. */
export const DEFAULT_DIRECTIVES: SchemaDirectives = Object.freeze({
  partitionBy: NONE,
  index: NONE,
  unique: NONE,
  fts: NONE,
  vector: NONE,
});

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Whether a value is a plain object (`{}` literal or null-prototype), not an array, Map or class instance. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * The collection name of an object schema: `$type`, else `keyName`. Reports
 * a missing, non-string, badly formed or contradicting name; returns the best
 * name it has (`'?'` when none) so paths stay readable.
 */
export function resolveCollectionName(
  definition: Readonly<Record<string, unknown>>,
  keyName: string | undefined,
  rep: Reporter,
): string {
  const declared = definition.$type;
  if (declared === undefined) {
    if (keyName === undefined) {
      rep.error('INVALID_DIRECTIVE', 'expected $type (the collection name, e.g. "User"), found none', ['$type']);
      return '?';
    }
    const bad = checkCollectionName(keyName);
    if (bad !== undefined) rep.error(bad.code, bad.message, [keyName]);
    return keyName;
  }
  if (typeof declared !== 'string') {
    rep.error('INVALID_DIRECTIVE', `expected $type to be a collection name string, found ${describeValue(declared)}`, [
      keyName ?? '?',
      '$type',
    ]);
    return keyName ?? '?';
  }
  const bad = checkCollectionName(declared);
  if (bad !== undefined) rep.error(bad.code, bad.message, [declared, '$type']);
  if (keyName !== undefined && keyName !== declared) {
    rep.error(
      'INVALID_DIRECTIVE',
      `expected $type to match the collection name ${JSON.stringify(keyName)}, found ${JSON.stringify(declared)}`,
      [keyName, '$type'],
    );
  }
  return declared;
}

/** A list of distinct field names. Reports and returns undefined when it is not one. */
function fieldList(
  value: unknown,
  path: readonly string[],
  rep: Reporter,
  nonEmpty: boolean,
  example: string,
): string[] | undefined {
  if (!Array.isArray(value)) {
    rep.error(
      'INVALID_DIRECTIVE',
      `expected an array of field names such as ${example}, found ${describeValue(value)}`,
      path,
    );
    return undefined;
  }
  if (nonEmpty && value.length === 0) {
    rep.error('INVALID_DIRECTIVE', `expected at least one field name such as ${example}, found []`, path);
    return undefined;
  }
  let ok = true;
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (typeof item !== 'string') {
      rep.error(
        'INVALID_DIRECTIVE',
        `expected a field name string, found ${describeValue(item)}`,
        [...path, String(i)],
      );
      ok = false;
    } else if (value.indexOf(item) !== i) {
      rep.error('INVALID_DIRECTIVE', `expected distinct field names, found ${JSON.stringify(item)} twice`, [
        ...path,
        String(i),
      ]);
      ok = false;
    }
  }
  return ok ? (value as string[]).slice() : undefined;
}

function readIndex(value: unknown, path: readonly string[], rep: Reporter): IndexDefinition[] | undefined {
  if (!Array.isArray(value)) {
    rep.error(
      'INVALID_DIRECTIVE',
      `expected an array of indexes such as [["email"], ["tenantId", "createdAt"]], found ${describeValue(value)}`,
      path,
    );
    return undefined;
  }
  const out: IndexDefinition[] = [];
  for (let i = 0; i < value.length; i++) {
    const entry: unknown = value[i];
    const at = [...path, String(i)];
    if (Array.isArray(entry)) {
      const fields = fieldList(entry, at, rep, true, '["email"]');
      if (fields !== undefined) out.push({ fields, unique: false });
    } else if (isPlainObject(entry)) {
      const extra = Object.keys(entry).filter((k) => k !== 'fields' && k !== 'unique');
      if (extra.length > 0) {
        rep.error(
          'INVALID_DIRECTIVE',
          `expected only the keys fields and unique, found ${JSON.stringify(extra[0])}`,
          at,
        );
        continue;
      }
      const fields = fieldList(entry.fields, [...at, 'fields'], rep, true, '["email"]');
      const unique = entry.unique ?? false;
      if (typeof unique !== 'boolean') {
        rep.error(
          'INVALID_DIRECTIVE',
          `expected unique to be true or false, found ${describeValue(unique)}`,
          [...at, 'unique'],
        );
      } else if (fields !== undefined) out.push({ fields, unique });
    } else {
      rep.error(
        'INVALID_DIRECTIVE',
        `expected an index as ["field", ...] or { fields: [...], unique?: boolean }, found ${describeValue(entry)}`,
        at,
      );
    }
  }
  return out;
}

function readUnique(value: unknown, path: readonly string[], rep: Reporter): string[][] | undefined {
  if (!Array.isArray(value)) {
    rep.error(
      'INVALID_DIRECTIVE',
      `expected an array of field lists such as [["tenantId", "email"]], found ${describeValue(value)}`,
      path,
    );
    return undefined;
  }
  const out: string[][] = [];
  for (let i = 0; i < value.length; i++) {
    const fields = fieldList(value[i], [...path, String(i)], rep, true, '["email"]');
    if (fields !== undefined) out.push(fields);
  }
  return out;
}

function readVector(value: unknown, path: readonly string[], rep: Reporter): VectorDirective[] | undefined {
  if (Array.isArray(value)) {
    const fields = fieldList(value, path, rep, false, '["embedding"]');
    return fields?.map((field) => ({ field }));
  }
  if (isPlainObject(value)) {
    const out: VectorDirective[] = [];
    for (const field of Object.keys(value)) {
      const dims = value[field];
      if (typeof dims !== 'number' || !Number.isInteger(dims) || dims < 1 || dims > MAX_VECTOR_DIMENSIONS) {
        rep.error(
          'INVALID_DIRECTIVE',
          `expected a whole number of dimensions from 1 to ${MAX_VECTOR_DIMENSIONS}, found ${describeValue(dims)}`,
          [...path, field],
        );
      } else out.push({ field, dimensions: dims });
    }
    return out;
  }
  rep.error(
    'INVALID_DIRECTIVE',
    `expected { field: dimensions } or an array of field names, found ${describeValue(value)}`,
    path,
  );
  return undefined;
}

function readBoolean(value: unknown, path: readonly string[], rep: Reporter): boolean | undefined {
  if (typeof value === 'boolean') return value;
  rep.error('INVALID_DIRECTIVE', `expected true or false, found ${describeValue(value)}`, path);
  return undefined;
}

/**
 * Reads the `$` keys of an object schema into `SchemaDirectives`, reporting
 * wrong shapes (`INVALID_DIRECTIVE`), unknown directives (`UNKNOWN_DIRECTIVE`)
 * and system fields (`RESERVED_NAME`). `$type` is left to `resolveCollectionName`.
 */
export function readDirectives(
  definition: Readonly<Record<string, unknown>>,
  collection: string,
  rep: Reporter,
): SchemaDirectives {
  let out: Mutable<SchemaDirectives> | undefined;
  const keys = Object.keys(definition);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (key.charCodeAt(0) !== 36 || key === '$type') continue;
    const value = definition[key];
    const path = [collection, key];
    out ??= { ...DEFAULT_DIRECTIVES };
    switch (key) {
      case '$partitionBy': {
        const v = fieldList(value, path, rep, false, '["tenantId"]');
        if (v !== undefined) out.partitionBy = v;
        break;
      }
      case '$index': {
        const v = readIndex(value, path, rep);
        if (v !== undefined) out.index = v;
        break;
      }
      case '$unique': {
        const v = readUnique(value, path, rep);
        if (v !== undefined) out.unique = v;
        break;
      }
      case '$fts': {
        const v = fieldList(value, path, rep, false, '["title", "body"]');
        if (v !== undefined) out.fts = v;
        break;
      }
      case '$vector': {
        const v = readVector(value, path, rep);
        if (v !== undefined) out.vector = v;
        break;
      }
      case '$storage':
        if (value === 'rows' || value === 'batched') out.storage = value;
        else rep.error('INVALID_DIRECTIVE', `expected "rows" or "batched", found ${describeValue(value)}`, path);
        break;
      case '$cdc': {
        const v = readBoolean(value, path, rep);
        if (v !== undefined) out.cdc = v;
        break;
      }
      case '$strict': {
        const v = readBoolean(value, path, rep);
        if (v !== undefined) out.strict = v;
        break;
      }
      default:
        if (SYSTEM_FIELDS.includes(key)) {
          rep.error(
            'RESERVED_NAME',
            `expected a directive or a field, found the system field ${key} (every document has it; schemas may not declare it)`,
            path,
          );
        } else {
          rep.error(
            'UNKNOWN_DIRECTIVE',
            `expected one of ${DIRECTIVE_NAMES.join(', ')}, found ${JSON.stringify(key)}`,
            path,
          );
        }
    }
  }
  return out ?? DEFAULT_DIRECTIVES;
}

/**
 * Reads and shape-checks the directives of an object schema. Never throws;
 * problems come back as issues (paths like `['User', '$index', '0']`).
 *
 * @example
 * parseDirectives({ $type: 'User', $index: ['email'] }).issues[0].code // 'INVALID_DIRECTIVE'
 */
export function parseDirectives(
  definition: object,
  options?: { readonly name?: string },
): { directives: SchemaDirectives; issues: SchemaIssue[] } {
  const rep = new Reporter();
  if (!isPlainObject(definition)) {
    rep.error('INVALID_SCHEMA', `expected a schema object, found ${describeValue(definition)}`, []);
    return { directives: DEFAULT_DIRECTIVES, issues: rep.errors };
  }
  const name =
    definition.$type !== undefined || options?.name !== undefined
      ? resolveCollectionName(definition, options?.name, rep)
      : '?';
  const directives = readDirectives(definition, name, rep);
  return { directives, issues: rep.errors };
}
