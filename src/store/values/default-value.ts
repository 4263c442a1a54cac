/**
 * Field defaults at create time (ICETYPE.md §1.1): literals, `now()` (the
 * write's clock, in the field's form) and `uuid()` (the caller's id
 * generator). Each goes through the same checks as a supplied value, which
 * also gives every document its own copy of `[]`/`{}` literals.
 */
import type { FieldDefinition } from '../../icetype/ast.js';
import { normalizeFieldValue } from './field-value.js';
import type { INVALID, IssueList } from './issue-list.js';
import type { NormalizedValue } from './normalized-document.js';
import { utcDateOf, utcTimeOf } from './temporal-values.js';

/** The clock and id generator of one write. */
export interface DefaultContext {
  /** The value of `now()`: a timestamp gets this Date, a date its UTC day, a time its UTC time of day. */
  readonly now: Date;
  /** The value of `uuid()`. */
  readonly newId: () => string;
}

function rawDefault(field: FieldDefinition, ctx: DefaultContext): unknown {
  const def = field.default!;
  if (def.kind === 'literal') return def.value;
  if (def.name === 'uuid') return ctx.newId();
  if (field.type.kind === 'primitive' && field.type.name === 'date') return utcDateOf(ctx.now);
  if (field.type.kind === 'primitive' && field.type.name === 'time') return utcTimeOf(ctx.now);
  return ctx.now;
}

/**
 * The default of a field, normalised, or `undefined` when it has none.
 *
 * @example
 * defaultValue(createdAtField, { now, newId }, ['createdAt'], issues) // a copy of `now`
 */
export function defaultValue(
  field: FieldDefinition,
  ctx: DefaultContext,
  path: readonly string[],
  issues: IssueList,
): NormalizedValue | typeof INVALID | undefined {
  if (field.default === undefined) return undefined;
  return normalizeFieldValue(field, rawDefault(field, ctx), path, issues);
}
