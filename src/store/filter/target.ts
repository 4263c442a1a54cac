import { printScalarType } from '../../icetype/type-names.js';
import { describeField, isStoredField } from '../../icetype/schema-checks.js';
import { filterError, type PlanContext } from './context.js';
import { isElementField, kindOfField, SYSTEM_FIELD_KINDS, type ValueKind } from './value-kind.js';

/**
 * Where a condition reads its value:
 * - `column`: a typed scalar column;
 * - `elements`: the elements of a typed JSON-array column (`T[]`, `-> T[]`);
 * - `json`: a `json`/`json[]` column, at `path` (dynamic kinds);
 * - `absent`: a field of a non-strict schema that has no column — no document has it;
 * - `document`: a schemaless document's own value at `[column, ...path]`.
 */
export type Access = 'column' | 'elements' | 'json' | 'absent' | 'document';

/** A resolved field reference. Identifiers in SQL come only from `column`, which the schema supplied. */
export interface Target {
  readonly access: Access;
  /** The field (SQL column) name; for `document`, the first path segment. */
  readonly column: string;
  /** JSON path segments after the field (object keys). */
  readonly path: readonly string[];
  readonly kind: ValueKind;
  /** The field's type, for messages: `int`, `string[]`, `json`. */
  readonly label: string;
}

/** Path segments are object keys; SQLite's quoted path labels cannot hold `"` or escapes. */
const SEGMENT = /^[^"\\\u0000-\u001f]+$/;

function splitPath(ctx: PlanContext, key: string, errorPath: readonly string[]): string[] {
  const segments = key.split('.');
  if (!segments.every((s) => SEGMENT.test(s))) {
    throw filterError(ctx, 'UNKNOWN_FIELD', 'expected a field name or a dot path of non-empty keys without quotes, backslashes or control characters, found an invalid path', errorPath);
  }
  return segments;
}

/**
 * Resolves a filter key — a field name, a system field or a dot path into a
 * `json` field — against the schema.
 *
 * @throws FilterError `UNKNOWN_FIELD` when the field is unknown (strict), has no column, or cannot take a path.
 */
export function resolveTarget(ctx: PlanContext, key: string, errorPath: readonly string[]): Target {
  const systemKind = SYSTEM_FIELD_KINDS[key];
  if (systemKind !== undefined) {
    return { access: ctx.schema === undefined ? 'document' : 'column', column: key, path: [], kind: systemKind, label: systemKind.type === 'number' ? 'long' : systemKind.type === 'timestamp' ? 'timestamp' : 'string' };
  }
  const [name, ...path] = splitPath(ctx, key, errorPath) as [string, ...string[]];
  if (ctx.schema === undefined) return { access: 'document', column: name, path, kind: { type: 'dynamic' }, label: 'a schemaless value' };
  const field = ctx.schema.fields.get(name);
  if (field === undefined) {
    if (ctx.unknownFields === 'reject') {
      throw filterError(ctx, 'UNKNOWN_FIELD', `expected a field of ${ctx.schema.name} (strict), found an unknown field`, errorPath);
    }
    if (ctx.unknownFields === 'document') return { access: 'document', column: name, path, kind: { type: 'dynamic' }, label: 'an undeclared value' };
    return { access: 'absent', column: name, path, kind: { type: 'dynamic' }, label: 'an absent field' };
  }
  if (!isStoredField(field)) {
    throw filterError(ctx, 'UNKNOWN_FIELD', `expected a stored field, found ${describeField(field)}, which has no column`, errorPath);
  }
  const kind = kindOfField(field);
  const label = printScalarType(field.type) + (field.isArray ? '[]' : '');
  if (kind.type === 'dynamic') return { access: 'json', column: name, path, kind, label };
  if (path.length > 0) {
    throw filterError(ctx, 'UNKNOWN_FIELD', `expected a json field before ".", found ${label}`, errorPath);
  }
  return { access: isElementField(field) ? 'elements' : 'column', column: name, path, kind, label };
}
