/**
 * Prints parsed schemas back to IceType source: type strings (ICETYPE.md
 * §1.1), the object form (§1, §2) and the text form (§7). For every parsed
 * `x`, parsing the printout gives a structure deep-equal to `x`.
 */
import type { DefaultValue, FieldDefinition, IceTypeSchema, SchemaDirectives } from './ast.js';
import { printScalarType } from './type-names.js';

/** An object-form schema as printed: `$` directives and fields (type strings or field objects). */
export type SchemaObject = Record<string, unknown>;

function printDefault(def: DefaultValue): string {
  return def.kind === 'function' ? `${def.name}()` : JSON.stringify(def.value);
}

/**
 * A field as a type string: type, `[]`, `!`, `#`, `= default`; or a relation.
 * `unique` and `doc` are not part of type strings (see `printSchema`).
 *
 * @example
 * printTypeString(parseField('int? = 1e5')) // 'int = 100000'
 * printTypeString(parseField('-> User!'))   // '-> User!'
 */
export function printTypeString(field: FieldDefinition): string {
  const rel = field.relation;
  if (rel !== undefined) {
    const inverse = rel.inverse !== undefined ? `.${rel.inverse}` : '';
    return `${rel.operator} ${rel.target}${inverse}${rel.many ? '[]' : ''}${field.required ? '!' : ''}`;
  }
  let s = printScalarType(field.type);
  if (field.isArray) s += '[]';
  if (field.required) s += '!';
  if (field.indexed) s += '#';
  if (field.default !== undefined) s += ` = ${printDefault(field.default)}`;
  return s;
}

/**
 * Directives in the object form, leaving out those at their defaults.
 * A `$vector` list with dimensions on every entry prints as `{ field: dims }`.
 */
export function printDirectives(d: SchemaDirectives): SchemaObject {
  const out: SchemaObject = {};
  if (d.partitionBy.length > 0) out.$partitionBy = [...d.partitionBy];
  if (d.index.length > 0) {
    out.$index = d.index.map((i) => (i.unique ? { fields: [...i.fields], unique: true } : [...i.fields]));
  }
  if (d.unique.length > 0) out.$unique = d.unique.map((u) => [...u]);
  if (d.fts.length > 0) out.$fts = [...d.fts];
  if (d.vector.length > 0) {
    out.$vector = d.vector.every((v) => v.dimensions !== undefined)
      ? Object.fromEntries(d.vector.map((v) => [v.field, v.dimensions]))
      : d.vector.map((v) => v.field);
  }
  if (d.storage !== undefined) out.$storage = d.storage;
  if (d.cdc !== undefined) out.$cdc = d.cdc;
  if (d.strict !== undefined) out.$strict = d.strict;
  return out;
}

/**
 * One collection in the object form: `$type`, the directives that differ
 * from their defaults, then the fields in order — a type string, or a field
 * object `{ type, unique?, doc?, onDelete? }` when the field has one of those.
 *
 * @example
 * printSchema(parseSchema({ $type: 'User', email: 'string#' })) // { $type: 'User', email: 'string#' }
 */
export function printSchema(schema: IceTypeSchema): SchemaObject {
  const out: SchemaObject = { $type: schema.name, ...printDirectives(schema.directives) };
  for (const field of schema.fields.values()) {
    const type = printTypeString(field);
    let value: unknown = type;
    if (field.unique || field.doc !== undefined || field.onDelete !== undefined) {
      const obj: Record<string, unknown> = { type };
      if (field.unique) obj.unique = true;
      if (field.doc !== undefined) obj.doc = field.doc;
      if (field.onDelete !== undefined) obj.onDelete = field.onDelete;
      value = obj;
    }
    // defineProperty, not assignment: a field may be named `__proto__`.
    Object.defineProperty(out, field.name, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function printTextDirectives(d: SchemaDirectives): string {
  const parts: string[] = [];
  if (d.partitionBy.length > 0) parts.push(`@partitionBy(${d.partitionBy.join(', ')})`);
  for (const i of d.index) parts.push(`@index(${i.fields.join(', ')}${i.unique ? ', unique: true' : ''})`);
  for (const u of d.unique) parts.push(`@unique(${u.join(', ')})`);
  if (d.fts.length > 0) parts.push(`@fts(${d.fts.join(', ')})`);
  if (d.vector.length > 0) {
    const dims = d.vector.every((v) => v.dimensions !== undefined);
    parts.push(`@vector(${d.vector.map((v) => (dims ? `${v.field}: ${v.dimensions}` : v.field)).join(', ')})`);
  }
  if (d.storage !== undefined) parts.push(`@storage(${d.storage})`);
  if (d.cdc !== undefined) parts.push(`@cdc(${d.cdc})`);
  if (d.strict !== undefined) parts.push(`@strict(${d.strict})`);
  return parts.map((p) => ` ${p}`).join('');
}

/**
 * Collections in the text form, one block each, separated by a blank line.
 *
 * @example
 * printSchemas([parseSchema({ $type: 'User', $index: [['email']], email: 'string!' })])
 * // 'User @index(email) {\n  email: string!\n}\n'
 */
export function printSchemas(schemas: readonly IceTypeSchema[]): string {
  return schemas
    .map((schema) => {
      const lines = [`${schema.name}${printTextDirectives(schema.directives)} {`];
      for (const field of schema.fields.values()) {
        let line = `  ${field.name}: ${printTypeString(field)}`;
        if (field.unique) line += ' @unique';
        if (field.doc !== undefined) line += ` @doc(${JSON.stringify(field.doc)})`;
        if (field.onDelete !== undefined) line += ` @onDelete(${field.onDelete})`;
        lines.push(line);
      }
      lines.push('}');
      return `${lines.join('\n')}\n`;
    })
    .join('\n');
}
