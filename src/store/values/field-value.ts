/**
 * One field's value (ICETYPE.md §1.1, §1.3, §4): null handling, arrays
 * (`T[]`: items are non-null `T`) and forward relations (`-> T`: a target
 * `$id`; `-> T[]`: an array of them) around the scalar checks.
 */
import type { FieldDefinition } from '../../icetype/ast.js';
import { printScalarType } from '../../icetype/type-names.js';
import { describeFound } from './describe-found.js';
import { idProblem } from './document-id.js';
import { INVALID, type IssueList } from './issue-list.js';
import type { NormalizedValue } from './normalized-document.js';
import { normalizeScalar } from './scalar-value.js';

type Result = NormalizedValue | typeof INVALID;

/** A field's type as written: `int[]`, `-> User[]`. */
export function fieldTypeLabel(field: FieldDefinition): string {
  const base = field.relation !== undefined ? `${field.relation.operator} ${field.relation.target}` : printScalarType(field.type);
  return field.isArray ? `${base}[]` : base;
}

function normalizeId(value: unknown, path: readonly string[], issues: IssueList): Result {
  const problem = idProblem(value);
  if (problem === undefined) return value as string;
  issues.add('INVALID_ID', path, problem.replace(/^expected /, 'expected a target $id: '));
  return INVALID;
}

function normalizeItem(field: FieldDefinition, value: unknown, path: readonly string[], issues: IssueList): Result {
  if (value === null) {
    issues.add('NULL_NOT_ALLOWED', path, `expected a non-null item of ${fieldTypeLabel(field)} (arrays cannot hold null), found null`);
    return INVALID;
  }
  return field.relation !== undefined ? normalizeId(value, path, issues) : normalizeScalar(field.type, value, path, issues);
}

/**
 * Checks and normalises the value of a settable field (stored fields: not
 * `<-`, `~>`, `<~`). `undefined` is not passed here: an absent value is the
 * caller's business (defaults, required checks).
 *
 * @example
 * normalizeFieldValue(tagsField, ['a', null], ['tags'], issues) // INVALID; NULL_NOT_ALLOWED at ['tags', '1']
 */
export function normalizeFieldValue(field: FieldDefinition, value: unknown, path: readonly string[], issues: IssueList): Result {
  if (value === null) {
    if (!field.required) return null;
    issues.add('NULL_NOT_ALLOWED', path, `expected a non-null value for the required ("!") field of type ${fieldTypeLabel(field)}, found null`);
    return INVALID;
  }
  if (!field.isArray) return normalizeItem(field, value, path, issues);
  if (!Array.isArray(value)) {
    issues.add('TYPE_MISMATCH', path, `expected an array (${fieldTypeLabel(field)}), found ${describeFound(value)}`);
    return INVALID;
  }
  const out: NormalizedValue[] = [];
  let bad = false;
  for (let i = 0; i < value.length; i++) {
    const item = normalizeItem(field, value[i], [...path, String(i)], issues);
    if (item === INVALID) bad = true;
    else out.push(item);
  }
  return bad ? INVALID : out;
}
