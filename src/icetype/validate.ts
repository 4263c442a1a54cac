/**
 * `validateSchema` (ICETYPE.md §1.3, §3): re-checks parsed (or hand-built)
 * schemas and, given several, the rules between them — relation targets,
 * backward relations and named inverses, duplicate collections. Never
 * throws; issues of text-parsed schemas carry their line:column.
 */
import type { FieldDefinition, IceTypeSchema, ValidationResult } from './ast.js';
import { checkDefault, describeValue } from './defaults.js';
import { readDirectives } from './directives.js';
import { isForwardOperator } from './field-parser.js';
import { checkCollectionName, checkFieldName, COLLECTION_NAME_PATTERN, FIELD_NAME_PATTERN } from './names.js';
import { printDirectives } from './printer.js';
import { Reporter } from './reporter.js';
import { checkSchemaRules, describeField } from './schema-checks.js';
import { sourcePositions } from './source-map.js';
import { decimalRangeProblem, isPrimitiveName, sizeProblem } from './type-names.js';

const OPERATORS: readonly string[] = ['->', '~>', '<-', '<~'];

function isSchemaShaped(s: unknown): s is IceTypeSchema {
  if (typeof s !== 'object' || s === null) return false;
  const o = s as Record<string, unknown>;
  return typeof o.name === 'string' && o.fields instanceof Map && typeof o.directives === 'object' && o.directives !== null;
}

/** Re-checks one field definition (as parsing would have). */
function checkField(field: FieldDefinition, path: readonly string[], rep: Reporter): void {
  const t = field.type as unknown;
  if (typeof t !== 'object' || t === null) {
    rep.error('UNKNOWN_TYPE', `expected a type, found ${describeValue(t)}`, path, [...path, 'type']);
    return;
  }
  for (const key of ['isArray', 'required', 'indexed', 'unique'] as const) {
    if (typeof field[key] !== 'boolean') {
      rep.error('INVALID_SCHEMA', `expected ${key} to be true or false, found ${describeValue(field[key])}`, path);
      return;
    }
  }
  if (field.doc !== undefined && typeof field.doc !== 'string') {
    rep.error('INVALID_FIELD_OBJECT', `expected doc to be a string, found ${describeValue(field.doc)}`, path);
  }
  const type = field.type;
  switch (type.kind) {
    case 'primitive':
      if (!isPrimitiveName(type.name)) {
        rep.error('UNKNOWN_TYPE', `expected a primitive type name, found ${describeValue(type.name)}`, path, [...path, 'type']);
      }
      break;
    case 'decimal': {
      const problem = decimalRangeProblem(type.precision, type.scale);
      if (problem !== undefined) rep.error('DECIMAL_RANGE', problem, path, [...path, 'type']);
      break;
    }
    case 'varchar':
    case 'vector': {
      const problem = sizeProblem(type.kind, type.kind === 'varchar' ? type.length : type.dimensions);
      if (problem !== undefined) rep.error('INVALID_PARAMETER', problem, path, [...path, 'type']);
      break;
    }
    case 'enum': {
      const v: unknown = type.values;
      if (!Array.isArray(v) || v.length < 2 || v.some((x) => typeof x !== 'string') || new Set(v).size !== v.length) {
        rep.error(
          'INVALID_ENUM',
          `expected at least two distinct string values, found ${describeValue(v)}`,
          path,
          [...path, 'type'],
        );
      }
      break;
    }
    default:
      rep.error(
        'UNKNOWN_TYPE',
        `expected a primitive, decimal, varchar, vector or enum type, found ${describeValue(type)}`,
        path,
        [...path, 'type'],
      );
      return;
  }

  const rel = field.relation;
  if (rel !== undefined) {
    checkRelation(field, path, rep);
  } else if (field.default !== undefined) {
    const def = field.default;
    const at = [...path, 'default'];
    if (def.kind !== 'literal' && def.kind !== 'function') {
      rep.error('INVALID_DEFAULT', `expected a literal or function default, found ${describeValue(def)}`, path, at);
    } else {
      const problem = checkDefault(field.type, field.isArray, field.required, def);
      if (problem !== undefined) rep.error('INVALID_DEFAULT', problem, path, at);
    }
  }
}

function checkRelation(field: FieldDefinition, path: readonly string[], rep: Reporter): void {
  const rel = field.relation!;
  const at = [...path, 'target'];
  if (!OPERATORS.includes(rel.operator)) {
    rep.error(
      'INVALID_RELATION',
      `expected a relation operator (->, ~>, <- or <~), found ${describeValue(rel.operator)}`,
      path,
    );
    return;
  }
  if (typeof rel.target !== 'string' || !COLLECTION_NAME_PATTERN.test(rel.target)) {
    rep.error(
      'INVALID_RELATION',
      `expected a target collection name matching ^[A-Z][A-Za-z0-9_]*$, found ${describeValue(rel.target)}`,
      path,
      at,
    );
  }
  const forward = isForwardOperator(rel.operator);
  if (rel.inverse !== undefined && (typeof rel.inverse !== 'string' || !FIELD_NAME_PATTERN.test(rel.inverse))) {
    rep.error('INVALID_RELATION', `expected an inverse field name, found ${describeValue(rel.inverse)}`, path, at);
  }
  if (!forward && rel.inverse === undefined) {
    rep.error(
      'INVALID_RELATION',
      `expected a backward relation to name its forward field ("${rel.operator} ${rel.target}.field"), found none`,
      path,
      at,
    );
  }
  if (typeof rel.many !== 'boolean') {
    rep.error('INVALID_SCHEMA', `expected relation.many to be true or false, found ${describeValue(rel.many)}`, path);
  }
  if (field.type.kind !== 'primitive' || field.type.name !== 'string') {
    rep.error(
      'INVALID_SCHEMA',
      `expected a relation field to have type string, found ${describeValue(field.type)}`,
      path,
    );
  }
  if (field.isArray !== (forward && rel.many === true)) {
    rep.error(
      'INVALID_SCHEMA',
      `expected isArray to be ${forward && rel.many === true} for "${rel.operator} ${rel.target}${rel.many ? '[]' : ''}", found ${field.isArray}`,
      path,
    );
  }
  if (!forward && field.required) {
    rep.error(
      'INVALID_RELATION',
      'expected a backward relation not to be required (it stores nothing), found required',
      path,
    );
  }
  if (field.indexed) rep.error('INVALID_FIELD_OBJECT', 'expected no index on a relation, found indexed', path);
  if (field.unique && rel.operator !== '->') {
    rep.error(
      'INVALID_FIELD_OBJECT',
      `expected unique only on stored fields, found it on a "${rel.operator}" relation`,
      path,
    );
  }
  if (field.default !== undefined) rep.error('INVALID_DEFAULT', 'expected no default on a relation, found one', path);
}

/** Everything one collection must satisfy on its own. */
function checkCollection(schema: IceTypeSchema, rep: Reporter): void {
  const c = schema.name;
  const bad = checkCollectionName(c);
  if (bad !== undefined) rep.error(bad.code, bad.message, [c]);
  let fieldsOk = true;
  for (const [key, field] of schema.fields) {
    const path = [c, key];
    if (typeof field !== 'object' || field === null || field.name !== key) {
      rep.error(
        'INVALID_SCHEMA',
        `expected the field under ${JSON.stringify(key)} to be a field definition named so, found ${describeValue(field)}`,
        path,
      );
      fieldsOk = false;
      continue;
    }
    const badName = checkFieldName(key);
    if (badName !== undefined) rep.error(badName.code, badName.message, path);
    checkField(field, path, rep);
  }
  const d = schema.directives as unknown as Record<string, unknown>;
  for (const key of ['partitionBy', 'index', 'unique', 'fts', 'vector']) {
    if (!Array.isArray(d[key])) {
      rep.error(
        'INVALID_SCHEMA',
        `expected directives.${key} to be an array, found ${describeValue(d[key])}`,
        [c, `$${key}`],
      );
      return;
    }
  }
  // Re-read the directives through the object-form reader: same shape rules, same messages.
  const before = rep.errors.length;
  readDirectives(printDirectives(schema.directives), c, rep);
  if (rep.errors.length === before && fieldsOk) checkSchemaRules(schema, rep, true);
}

/** The rules between collections (ICETYPE.md §1.3). */
function checkSet(schemas: readonly IceTypeSchema[], rep: Reporter): void {
  const byName = new Map<string, IceTypeSchema>();
  for (const s of schemas) {
    rep.positions = sourcePositions(s);
    if (byName.has(s.name)) rep.error('DUPLICATE_COLLECTION', `expected each collection once, found ${s.name} again`, [s.name]);
    else byName.set(s.name, s);
  }
  const known = [...byName.keys()].join(', ');
  for (const s of schemas) {
    rep.positions = sourcePositions(s);
    for (const field of s.fields.values()) {
      const rel = field.relation;
      if (rel === undefined || !OPERATORS.includes(rel.operator)) continue;
      const path = [s.name, field.name];
      const at = [...path, 'target'];
      const target = byName.get(rel.target);
      if (target === undefined) {
        rep.error(
          'UNKNOWN_RELATION_TARGET',
          `expected a collection of this schema set (${known}), found ${JSON.stringify(rel.target)}`,
          path,
          at,
        );
        continue;
      }
      if (rel.inverse === undefined) continue;
      const inverseAt = [...path, 'inverse'];
      const other = target.fields.get(rel.inverse);
      const otherRel = other?.relation;
      if (isForwardOperator(rel.operator)) {
        const want = rel.operator === '->' ? '<-' : '<~';
        const ok = otherRel?.operator === want && otherRel.target === s.name && otherRel.inverse === field.name;
        if (!ok) {
          rep.error(
            'INVERSE_MISMATCH',
            `expected ${rel.target}.${rel.inverse} to be "${want} ${s.name}.${field.name}", found ${other === undefined ? 'no such field' : describeInverse(other)}`,
            path,
            inverseAt,
          );
        }
      } else {
        const want = rel.operator === '<-' ? '->' : '~>';
        const ok = otherRel?.operator === want && otherRel.target === s.name;
        if (!ok) {
          rep.error(
            'INVERSE_MISMATCH',
            `expected ${rel.target}.${rel.inverse} to be "${want} ${s.name}" or "${want} ${s.name}[]", found ${other === undefined ? 'no such field' : describeInverse(other)}`,
            path,
            inverseAt,
          );
        }
      }
    }
  }
  rep.positions = undefined;
}

function describeInverse(field: FieldDefinition): string {
  const rel = field.relation;
  if (rel === undefined) return describeField(field);
  return `"${rel.operator} ${rel.target}${rel.inverse !== undefined ? `.${rel.inverse}` : ''}${rel.many ? '[]' : ''}"`;
}

/**
 * Checks one schema, or a whole set (then also: relation targets exist,
 * `<- T.f` matches a `-> ThisType` on `T.f`, named inverses exist and match,
 * collections are not repeated). Never throws.
 *
 * @example
 * const result = validateSchema(parseSchemas(`
 *   Post { author: -> User }
 * `))
 * result.errors[0].code // 'UNKNOWN_RELATION_TARGET'
 */
export function validateSchema(schema: IceTypeSchema | readonly IceTypeSchema[]): ValidationResult {
  const rep = new Reporter();
  const isSet = Array.isArray(schema);
  const list: readonly unknown[] = isSet ? schema : [schema];
  const ok: IceTypeSchema[] = [];
  list.forEach((s, i) => {
    if (isSchemaShaped(s)) ok.push(s);
    else {
      rep.error(
        'INVALID_SCHEMA',
        `expected an IceTypeSchema { name, fields: Map, directives }, found ${describeValue(s)}`,
        isSet ? [String(i)] : [],
      );
    }
  });
  for (const s of ok) {
    rep.positions = sourcePositions(s);
    try {
      checkCollection(s, rep);
    } catch (e) {
      rep.error(
        'INVALID_SCHEMA',
        `expected a well-formed schema, found one that could not be checked (${e instanceof Error ? e.message : String(e)})`,
        [s.name],
      );
    }
  }
  rep.positions = undefined;
  if (isSet) {
    try {
      checkSet(ok, rep);
    } catch (e) {
      rep.error(
        'INVALID_SCHEMA',
        `expected well-formed schemas, found a set that could not be checked (${e instanceof Error ? e.message : String(e)})`,
        [],
      );
    }
  }
  return { valid: rep.errors.length === 0, errors: rep.errors, warnings: rep.warnings };
}

/**
 * `validateSchema` for a set of collections (the same function; the name
 * reads better at call sites that always pass a set).
 */
export function validateSchemas(schemas: readonly IceTypeSchema[]): ValidationResult {
  return validateSchema(schemas);
}

