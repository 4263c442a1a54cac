/**
 * Schema evolution rules of issue 3 §4: which differences between two
 * versions of one collection keep existing documents (and data exported to
 * Iceberg) valid. Pure: the registry supplies the one runtime fact that
 * matters, whether the collection is empty (`EvolutionOptions.empty`).
 */
import type { FieldDefinition, IceTypeSchema } from '../icetype/ast.js';
import { printTypeString } from '../icetype/printer.js';
import { describeField, isStoredField } from '../icetype/schema-checks.js';
import { printScalarType } from '../icetype/type-names.js';
import type {
  EvolutionOptions,
  EvolutionResult,
  SchemaChange,
  SchemaChangeKind,
  SchemaProblem,
  SchemaProblemCode,
} from './schema-change.js';
import { typeEvolutionProblem } from './type-evolution.js';

type ProblemSpec = { readonly code: SchemaProblemCode; readonly expected: string; readonly found: string };

/** Collects changes and the problems that make some of them incompatible. */
class Diff {
  readonly changes: SchemaChange[] = [];
  readonly problems: SchemaProblem[] = [];

  add(kind: SchemaChangeKind, path: readonly string[], description: string, problem?: ProblemSpec): void {
    this.changes.push({ kind, path, compatible: problem === undefined, description });
    if (problem !== undefined) {
      this.problems.push({ ...problem, path, message: `expected ${problem.expected}, found ${problem.found}` });
    }
  }
}

const list = (names: readonly string[]): string => (names.length === 0 ? 'none' : `[${names.join(', ')}]`);

/**
 * Every difference between two versions of a collection's schema, and
 * whether the new version can replace the old one.
 *
 * Compatible: a new optional field or one with a default, a removed field
 * (its field id is retired), a field made optional, type widenings (int →
 * long, float → double, decimal precision, varchar length, enum values
 * added, any string-like type → string/text), new or removed indexes,
 * removed unique constraints, `$fts`/`$vector`/`$cdc`/`$strict`, defaults,
 * docs, field order. A new unique constraint only when `options.empty`.
 * Everything else is a `SchemaProblem` saying what was expected.
 *
 * Changes come in this order: removed fields, then the new version's fields
 * in declaration order, field order, indexes and unique constraints, other
 * directives.
 *
 * @example
 * const v1 = parseSchema({ $type: 'User', age: 'int' })
 * checkEvolution(v1, parseSchema({ $type: 'User', age: 'long', nick: 'string?' })).compatible // true
 * checkEvolution(v1, parseSchema({ $type: 'User', age: 'string' })).problems[0]
 * // { code: 'TYPE_CHANGED', path: ['User', 'age'], expected: 'int or a widening of it (long)', found: 'string', message: 'expected …, found string' }
 */
export function checkEvolution(previous: IceTypeSchema, next: IceTypeSchema, options?: EvolutionOptions): EvolutionResult {
  const diff = new Diff();
  const c = next.name;
  for (const [name, before] of previous.fields) {
    if (!next.fields.has(name)) diff.add('FIELD_REMOVED', [c, name], `removed field "${name}": ${describeField(before)}`);
  }
  for (const [name, after] of next.fields) {
    const before = previous.fields.get(name);
    if (before === undefined) addedField(diff, [c, name], after);
    else compareFields(diff, [c, name], before, after);
  }
  compareOrder(diff, c, previous, next);
  compareConstraints(diff, c, previous, next, options?.empty === true);
  compareDirectives(diff, c, previous, next);
  return { compatible: diff.problems.length === 0, changes: diff.changes, problems: diff.problems };
}

function addedField(diff: Diff, path: readonly string[], field: FieldDefinition): void {
  const description = `added ${field.required ? 'required' : 'optional'} field "${field.name}": ${printTypeString(field)}`;
  const needsValue = isStoredField(field) && field.required && field.default === undefined;
  diff.add(
    'FIELD_ADDED',
    path,
    description,
    needsValue
      ? {
          code: 'REQUIRED_FIELD_ADDED',
          expected: 'a new field to be optional or to have a default (existing documents lack it)',
          found: `required ${printTypeString(field)} without a default`,
        }
      : undefined,
  );
}

function compareFields(diff: Diff, path: readonly string[], before: FieldDefinition, after: FieldDefinition): void {
  const name = after.name;
  if (before.relation !== undefined || after.relation !== undefined) compareRelations(diff, path, before, after);
  else if (before.isArray !== after.isArray) {
    diff.add('ARRAY_CHANGED', path, `"${name}" ${after.isArray ? 'became a list' : 'is no longer a list'}`, {
      code: 'ARRAY_CHANGED',
      expected: describeField(before),
      found: describeField(after),
    });
  } else if (printScalarType(before.type) !== printScalarType(after.type)) {
    const problem = typeEvolutionProblem(before.type, after.type);
    diff.add('TYPE_CHANGED', path, `"${name}": ${describeField(before)} → ${describeField(after)}`, problem);
  }

  if (before.required !== after.required) {
    if (!after.required) diff.add('MADE_OPTIONAL', path, `"${name}" became optional`);
    else {
      const stored = isStoredField(before) && isStoredField(after);
      diff.add(
        'MADE_REQUIRED',
        path,
        `"${name}" became required`,
        stored ? { code: 'FIELD_MADE_REQUIRED', expected: `"${name}" to stay optional (existing documents may lack it)`, found: 'required' } : undefined,
      );
    }
  }
  const defaultOf = (f: FieldDefinition): string => (f.default === undefined ? 'none' : JSON.stringify(f.default));
  if (defaultOf(before) !== defaultOf(after)) diff.add('DEFAULT_CHANGED', path, `changed the default of "${name}"`);
  if (before.doc !== after.doc) diff.add('DOC_CHANGED', path, `changed the doc of "${name}"`);
}

function compareRelations(diff: Diff, path: readonly string[], before: FieldDefinition, after: FieldDefinition): void {
  const name = after.name;
  const rb = before.relation;
  const ra = after.relation;
  const change = `"${name}": ${describeField(before)} → ${describeField(after)}`;
  if (rb === undefined || ra === undefined || rb.operator !== ra.operator) {
    diff.add('RELATION_CHANGED', path, change, { code: 'RELATION_CHANGED', expected: describeField(before), found: describeField(after) });
    return;
  }
  if (rb.target !== ra.target) {
    diff.add('RELATION_CHANGED', path, change, {
      code: 'RELATION_TARGET_CHANGED',
      expected: `a relation to ${rb.target}`,
      found: `a relation to ${ra.target}`,
    });
  }
  if (rb.many !== ra.many) {
    const stored = isStoredField(after);
    diff.add(
      'ARRAY_CHANGED',
      path,
      `"${name}" ${ra.many ? 'became a list' : 'is no longer a list'}`,
      stored ? { code: 'ARRAY_CHANGED', expected: `${rb.operator} ${rb.target}${rb.many ? '[]' : ''}`, found: `${ra.operator} ${ra.target}${ra.many ? '[]' : ''}` } : undefined,
    );
  }
  if (rb.inverse !== ra.inverse) diff.add('RELATION_CHANGED', path, `changed the inverse of "${name}" (stores nothing)`);
}

function compareOrder(diff: Diff, c: string, previous: IceTypeSchema, next: IceTypeSchema): void {
  const before = [...previous.fields.keys()].filter((n) => next.fields.has(n));
  const after = [...next.fields.keys()].filter((n) => previous.fields.has(n));
  if (before.join('\u0000') !== after.join('\u0000')) diff.add('FIELDS_REORDERED', [c], `fields reordered: ${list(before)} → ${list(after)}`);
}

/** One spelling of an index or unique constraint, keyed so that equal spellings compare equal. */
interface ConstraintEntry {
  readonly key: string;
  readonly unique: boolean;
  readonly fields: readonly string[];
  readonly path: readonly string[];
  readonly what: string;
}

function constraintEntries(schema: IceTypeSchema): ConstraintEntry[] {
  const c = schema.name;
  const out: ConstraintEntry[] = [];
  for (const f of schema.fields.values()) {
    if (f.indexed) out.push({ key: `#${f.name}`, unique: false, fields: [f.name], path: [c, f.name], what: `"#" on "${f.name}"` });
    if (f.unique) out.push({ key: `unique:${f.name}`, unique: true, fields: [f.name], path: [c, f.name], what: `unique "${f.name}"` });
  }
  schema.directives.index.forEach((index, i) => {
    const key = `$index${index.unique ? '!' : ''}:${index.fields.join(',')}`;
    out.push({ key, unique: index.unique, fields: index.fields, path: [c, '$index', String(i)], what: `$index ${list(index.fields)}${index.unique ? ' (unique)' : ''}` });
  });
  schema.directives.unique.forEach((fields, i) => {
    out.push({ key: `$unique:${fields.join(',')}`, unique: true, fields, path: [c, '$unique', String(i)], what: `$unique ${list(fields)}` });
  });
  return out;
}

/**
 * Indexes and unique constraints, compared by spelling (so every printed
 * difference is a change) but judged by meaning: moving a unique constraint
 * from a field to `$unique` adds nothing that stored data could violate.
 */
function compareConstraints(diff: Diff, c: string, previous: IceTypeSchema, next: IceTypeSchema, empty: boolean): void {
  const before = constraintEntries(previous);
  const after = constraintEntries(next);
  const beforeKeys = new Set(before.map((e) => e.key));
  const afterKeys = new Set(after.map((e) => e.key));
  const uniqueBefore = new Set(before.filter((e) => e.unique).map((e) => e.fields.join(',')));

  for (const e of before) {
    if (!afterKeys.has(e.key)) diff.add(e.unique ? 'UNIQUE_REMOVED' : 'INDEX_REMOVED', e.path, `removed ${e.what}`);
  }
  for (const e of after) {
    if (beforeKeys.has(e.key)) continue;
    if (!e.unique) {
      diff.add('INDEX_ADDED', e.path, `added ${e.what}`);
      continue;
    }
    const violable = !empty && !uniqueBefore.has(e.fields.join(','));
    diff.add(
      'UNIQUE_ADDED',
      e.path,
      `added ${e.what}`,
      violable
        ? { code: 'UNIQUE_ADDED', expected: 'no new unique constraint while the collection may hold documents', found: e.what }
        : undefined,
    );
  }
  // Same entries, other order or repetitions: still a different definition.
  for (const directive of ['$index', '$unique'] as const) {
    const keys = (entries: ConstraintEntry[]): string =>
      entries.filter((e) => e.path[1] === directive).map((e) => e.key).join('\u0000');
    const b = keys(before);
    const a = keys(after);
    const sameSet = [...before, ...after].filter((e) => e.path[1] === directive).every((e) => beforeKeys.has(e.key) && afterKeys.has(e.key));
    if (b !== a && sameSet) diff.add('DIRECTIVE_CHANGED', [c, directive], `reordered ${directive} entries`);
  }
}

function compareDirectives(diff: Diff, c: string, previous: IceTypeSchema, next: IceTypeSchema): void {
  const b = previous.directives;
  const a = next.directives;
  if (b.partitionBy.join(',') !== a.partitionBy.join(',')) {
    diff.add('DIRECTIVE_CHANGED', [c, '$partitionBy'], `$partitionBy ${list(b.partitionBy)} → ${list(a.partitionBy)}`, {
      code: 'PARTITION_CHANGED',
      expected: `$partitionBy ${list(b.partitionBy)} (documents are placed by it)`,
      found: list(a.partitionBy),
    });
  }
  if (b.storage !== a.storage) {
    const show = (s: string | undefined): string => s ?? "unset (the preset's layout)";
    diff.add('DIRECTIVE_CHANGED', [c, '$storage'], `$storage ${show(b.storage)} → ${show(a.storage)}`, {
      code: 'STORAGE_CHANGED',
      expected: `$storage ${show(b.storage)}`,
      found: show(a.storage),
    });
  }
  const plain = [
    ['$fts', b.fts, a.fts],
    ['$vector', b.vector, a.vector],
    ['$cdc', b.cdc, a.cdc],
    ['$strict', b.strict, a.strict],
  ] as const;
  for (const [name, before, after] of plain) {
    const show = (v: unknown): string => (v === undefined ? 'unset' : JSON.stringify(v));
    if (show(before) !== show(after)) diff.add('DIRECTIVE_CHANGED', [c, name], `${name} ${show(before)} → ${show(after)}`);
  }
}
