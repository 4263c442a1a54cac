/**
 * The rules of one collection that span fields and directives (ICETYPE.md §2,
 * §3): the column budget, fields named by directives exist and have the
 * right kind, partition fields are required, and duplicate indexes (a
 * warning). Shared by `parseSchema`, `parseSchemas` and `validateSchema`.
 */
import type { FieldDefinition, IceTypeSchema } from './ast.js';
import { MAX_USER_COLUMNS } from './names.js';
import type { Reporter } from './reporter.js';
import { printScalarType } from './type-names.js';

/** Whether a field has a column: everything except backward and fuzzy relations. */
export function isStoredField(field: FieldDefinition): boolean {
  return field.relation === undefined || field.relation.operator === '->';
}

/** A field's type for messages: `int[]`, `the relation "-> User"`. */
export function describeField(field: FieldDefinition): string {
  if (field.relation !== undefined) return `the relation "${field.relation.operator} ${field.relation.target}"`;
  return printScalarType(field.type) + (field.isArray ? '[]' : '');
}

/**
 * Checks one collection's cross-field rules, reporting into `rep` (warnings
 * only when asked: parsers drop them). References to `broken` fields — those
 * that failed to parse and were already reported — are not reported again.
 */
export function checkSchemaRules(
  schema: IceTypeSchema,
  rep: Reporter,
  warnings: boolean,
  broken?: ReadonlySet<string>,
): void {
  const c = schema.name;
  const fields = schema.fields;
  const d = schema.directives;

  let stored = 0;
  for (const f of fields.values()) if (isStoredField(f)) stored++;
  if (stored > MAX_USER_COLUMNS) {
    rep.error(
      'TOO_MANY_COLUMNS',
      `expected at most ${MAX_USER_COLUMNS} stored fields (100 SQLite columns minus the system columns), found ${stored}`,
      [c],
    );
  }

  const ref = (name: string, path: readonly string[]): FieldDefinition | undefined => {
    const field = fields.get(name);
    if (field === undefined && broken?.has(name) !== true) {
      const names = [...fields.keys()];
      const hint = names.length > 0 ? ` (fields: ${names.slice(0, 8).join(', ')}${names.length > 8 ? ', ...' : ''})` : '';
      rep.error('UNKNOWN_FIELD_REFERENCE', `expected a field of ${c}${hint}, found ${JSON.stringify(name)}`, path);
    }
    return field;
  };
  const needStored = (field: FieldDefinition, directive: string, path: readonly string[]): void => {
    if (!isStoredField(field)) {
      rep.error(
        'INVALID_DIRECTIVE',
        `expected a stored field in ${directive}, found ${JSON.stringify(field.name)}, ${describeField(field)}, which stores nothing`,
        path,
      );
    }
  };

  d.partitionBy.forEach((name, i) => {
    const path = [c, '$partitionBy', String(i)];
    const field = ref(name, path);
    if (field === undefined) return;
    needStored(field, '$partitionBy', path);
    if (isStoredField(field) && !field.required) {
      rep.error(
        'PARTITION_FIELD_NOT_REQUIRED',
        `expected partition field ${JSON.stringify(name)} to be required ("!"), found an optional ${describeField(field)}`,
        path,
      );
    }
  });

  d.index.forEach((index, i) => {
    index.fields.forEach((name, j) => {
      const path = [c, '$index', String(i), String(j)];
      const field = ref(name, path);
      if (field !== undefined) needStored(field, '$index', path);
    });
  });

  // Uniqueness of an array column would compare whole JSON lists, not their items: refuse it rather than mislead.
  const notArray = (field: FieldDefinition, path: readonly string[], code: 'INVALID_DIRECTIVE' | 'INVALID_FIELD_OBJECT'): void => {
    if (field.isArray && isStoredField(field)) {
      rep.error(code, `expected a single-valued field in a unique constraint, found ${JSON.stringify(field.name)}, ${describeField(field)}`, path);
    }
  };
  d.unique.forEach((list, i) => {
    list.forEach((name, j) => {
      const path = [c, '$unique', String(i), String(j)];
      const field = ref(name, path);
      if (field !== undefined) {
        needStored(field, '$unique', path);
        notArray(field, path, 'INVALID_DIRECTIVE');
      }
    });
  });
  d.index.forEach((index, i) => {
    if (!index.unique) return;
    index.fields.forEach((name, j) => {
      const field = fields.get(name);
      if (field !== undefined) notArray(field, [c, '$index', String(i), String(j)], 'INVALID_DIRECTIVE');
    });
  });
  for (const field of fields.values()) if (field.unique) notArray(field, [c, field.name], 'INVALID_FIELD_OBJECT');

  d.fts.forEach((name, i) => {
    const path = [c, '$fts', String(i)];
    const field = ref(name, path);
    if (field === undefined) return;
    const t = field.type;
    const texty =
      field.relation === undefined &&
      !field.isArray &&
      ((t.kind === 'primitive' && (t.name === 'string' || t.name === 'text')) || t.kind === 'varchar');
    if (!texty) {
      rep.error(
        'INVALID_DIRECTIVE',
        `expected a string or text field in $fts, found ${JSON.stringify(name)}: ${describeField(field)}`,
        path,
      );
    }
  });

  d.vector.forEach((v, i) => {
    const path = [c, '$vector', v.dimensions !== undefined ? v.field : String(i)];
    const field = ref(v.field, path);
    if (field === undefined) return;
    if (field.type.kind !== 'vector' || field.isArray || field.relation !== undefined) {
      rep.error(
        'INVALID_DIRECTIVE',
        `expected a vector(N) field in $vector, found ${JSON.stringify(v.field)}: ${describeField(field)}`,
        path,
      );
    } else if (v.dimensions !== undefined && v.dimensions !== field.type.dimensions) {
      rep.error(
        'INVALID_DIRECTIVE',
        `expected ${field.type.dimensions} dimensions to match ${v.field}: vector(${field.type.dimensions}), found ${v.dimensions}`,
        path,
      );
    }
  });

  if (warnings) checkDuplicateIndexes(schema, rep);
}

/** Warns (DUPLICATE_INDEX) about indexes and unique constraints that repeat another. */
function checkDuplicateIndexes(schema: IceTypeSchema, rep: Reporter): void {
  const c = schema.name;
  const seen = new Map<string, string>();
  const note = (fields: readonly string[], kind: 'index' | 'unique', what: string, path: readonly string[]): void => {
    const key = `${kind}:${fields.join(',')}`;
    const first = seen.get(key);
    if (first !== undefined) {
      rep.warn(
        'DUPLICATE_INDEX',
        `expected each ${kind === 'index' ? 'index' : 'unique constraint'} once, found ${what} repeating ${first}`,
        path,
      );
    } else seen.set(key, what);
  };
  for (const f of schema.fields.values()) {
    if (f.indexed) note([f.name], 'index', `"#" on ${f.name}`, [c, f.name]);
    if (f.unique) note([f.name], 'unique', `unique on ${f.name}`, [c, f.name]);
  }
  schema.directives.index.forEach((index, i) => {
    note(index.fields, index.unique ? 'unique' : 'index', `$index[${i}]`, [c, '$index', String(i)]);
  });
  schema.directives.unique.forEach((list, i) => {
    note(list, 'unique', `$unique[${i}]`, [c, '$unique', String(i)]);
  });
}
