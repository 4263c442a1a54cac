/**
 * Checks that a schema is one Avro readers accept (Avro 1.11 specification,
 * "Schema Declaration", "Names"): known type names, valid and unique names,
 * unique field names and enum symbols, whole non-negative fixed sizes, no
 * union directly inside a union, no two union branches of one unnamed type.
 */
import { AvroError, avroPath, formatAvroPath, type AvroPath } from './avro-error.js';
import { avroTypeName, isAvroUnion, type AvroSchema } from './avro-schema.js';

const PRIMITIVES: ReadonlySet<string> = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function invalid(message: string, path: AvroPath | undefined): AvroError {
  const where = formatAvroPath(path);
  return new AvroError('AVRO_INVALID_SCHEMA', `${message}${where === '' ? '' : ` at schema path ${where}`}`, where);
}

/** A name matching `[A-Za-z_][A-Za-z0-9_]*`; a type's name may be a full name, such names joined by dots. */
function checkName(kind: string, name: unknown, path: AvroPath | undefined, dotted = false): void {
  if (typeof name !== 'string' || (dotted ? name.split('.') : [name]).some((part) => !NAME.test(part))) {
    throw invalid(`expected a ${kind} matching [A-Za-z_][A-Za-z0-9_]*, found ${JSON.stringify(name)}`, path);
  }
}

/** The full name of a named type: its name when dotted, else namespace (own or enclosing) + name. */
function fullName(name: string, namespace: unknown, enclosing: string): string {
  if (name.includes('.')) return name;
  const ns = typeof namespace === 'string' ? namespace : enclosing;
  return ns === '' ? name : `${ns}.${name}`;
}

/** The namespace a named type gives the types inside it. */
function namespaceOf(full: string): string {
  const dot = full.lastIndexOf('.');
  return dot < 0 ? '' : full.slice(0, dot);
}

/**
 * Throws `AVRO_INVALID_SCHEMA` when `schema` is not a valid Avro schema.
 *
 * @example
 * checkAvroSchema({ type: 'fixed', name: 'md5', size: 16 }) // fine
 * checkAvroSchema(['null', ['int']]) // throws: a union inside a union
 */
export function checkAvroSchema(schema: AvroSchema): void {
  check(schema, undefined, '', new Set());
}

function check(schema: AvroSchema, path: AvroPath | undefined, namespace: string, names: Set<string>): void {
  if (typeof schema === 'string') {
    if (!PRIMITIVES.has(schema)) throw invalid(`expected a primitive type name, found ${JSON.stringify(schema)} (named references are not supported)`, path);
    return;
  }
  if (isAvroUnion(schema)) {
    checkUnion(schema, path, namespace, names);
    return;
  }
  if (typeof schema !== 'object' || schema === null) throw invalid(`expected a schema, found ${typeof schema}`, path);
  switch (schema.type) {
    case 'record':
    case 'enum':
    case 'fixed': {
      checkName(`${schema.type} name`, schema.name, path, true);
      if (schema.namespace !== undefined && schema.namespace !== '') checkName('namespace', schema.namespace, path, true);
      const full = fullName(schema.name, schema.namespace, namespace);
      if (names.has(full)) throw invalid(`expected each named type to be defined once, found ${full} twice`, path);
      names.add(full);
      if (schema.type === 'fixed') {
        if (!Number.isSafeInteger(schema.size) || schema.size < 0) throw invalid(`expected a fixed size that is a whole number ≥ 0, found ${String(schema.size)}`, path);
      } else if (schema.type === 'enum') {
        checkUnique('enum symbol', schema.symbols, path);
      } else {
        if (!Array.isArray(schema.fields)) throw invalid('expected record fields to be an array', path);
        checkUnique('field name', schema.fields.map((f) => f.name), path);
        for (const field of schema.fields) check(field.type, avroPath(path, field.name), namespaceOf(full), names);
      }
      return;
    }
    case 'array':
      check(schema.items, avroPath(path, 'items'), namespace, names);
      return;
    case 'map':
      check(schema.values, avroPath(path, 'values'), namespace, names);
      return;
    default:
      if (!PRIMITIVES.has(schema.type)) throw invalid(`expected a type name, found ${JSON.stringify(schema.type)}`, path);
  }
}

function checkUnique(kind: string, names: readonly unknown[], path: AvroPath | undefined): void {
  const seen = new Set<string>();
  for (const name of names) {
    checkName(kind, name, path);
    if (seen.has(name as string)) throw invalid(`expected unique ${kind}s, found ${JSON.stringify(name)} twice`, path);
    seen.add(name as string);
  }
}

function checkUnion(branches: readonly AvroSchema[], path: AvroPath | undefined, namespace: string, names: Set<string>): void {
  const kinds = new Set<string>();
  branches.forEach((branch, i) => {
    const at = avroPath(path, i);
    if (isAvroUnion(branch)) throw invalid('expected a union branch that is not itself a union, found a union', at);
    check(branch, at, namespace, names);
    const kind = avroTypeName(branch);
    // Named types may repeat (told apart by name, already unique); unnamed ones may not.
    if (kind !== 'record' && kind !== 'enum' && kind !== 'fixed') {
      if (kinds.has(kind)) throw invalid(`expected at most one ${kind} branch in a union, found two`, at);
      kinds.add(kind);
    }
  });
}
