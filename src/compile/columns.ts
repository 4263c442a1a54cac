import type { ColumnBuilderBase } from 'drizzle-orm';
import { integer, real, text } from 'drizzle-orm/sqlite-core';
import type { DefaultValue, FieldDefinition, JsonValue, ScalarType } from '../icetype/ast.js';
import { newDocumentId } from '../util/id.js';
import { binaryColumn, vectorColumn } from './binary-columns.js';

/**
 * One stored IceType field → one Drizzle SQLite column, per the type mapping of
 * ICETYPE.md §4. Backward and fuzzy relations store nothing and have no column
 * (`isStoredField`).
 */

/**
 * The key of a field's column in the Drizzle table. It is the field name,
 * except for forward relations: `author: '-> User'` is stored in the SQL
 * column `author` but keyed `authorId` (`-> T[]`: `authorIds`), because
 * Drizzle forbids a relation and a column of one table to share a name and
 * the relation — `with: { author: true }` — gets the field's name.
 */
export function columnKeyFor(field: FieldDefinition): string {
  if (field.relation?.operator !== '->') return field.name;
  return `${field.name}${field.relation.many ? 'Ids' : 'Id'}`;
}

// The builders below differ in their generic parameters; the compiler only needs the
// common builder surface (`notNull`, `default`, `$defaultFn`), typed statically elsewhere.
interface ColumnBuilder extends ColumnBuilderBase {
  notNull(): ColumnBuilder;
  default(value: unknown): ColumnBuilder;
  $defaultFn(fn: () => unknown): ColumnBuilder;
}

function scalarColumn(name: string, type: ScalarType): ColumnBuilder {
  switch (type.kind) {
    case 'decimal':
    case 'varchar':
      return text(name) as unknown as ColumnBuilder;
    case 'enum':
      return text(name, { enum: type.values as [string, ...string[]] }) as unknown as ColumnBuilder;
    case 'vector':
      return vectorColumn(name) as unknown as ColumnBuilder;
    case 'primitive':
      switch (type.name) {
        case 'string':
        case 'text':
        case 'uuid':
        case 'date':
        case 'time':
          return text(name) as unknown as ColumnBuilder;
        case 'int':
        case 'long':
          return integer(name, { mode: 'number' }) as unknown as ColumnBuilder;
        case 'float':
        case 'double':
          return real(name) as unknown as ColumnBuilder;
        case 'bool':
          return integer(name, { mode: 'boolean' }) as unknown as ColumnBuilder;
        case 'timestamp':
          return integer(name, { mode: 'timestamp_ms' }) as unknown as ColumnBuilder;
        case 'json':
          return text(name, { mode: 'json' }) as unknown as ColumnBuilder;
        case 'binary':
          return binaryColumn(name) as unknown as ColumnBuilder;
      }
  }
}

/** The JS value a literal default takes in a column of this field's type. */
function literalDefault(field: FieldDefinition, value: JsonValue): unknown {
  if (value === null || field.isArray) return value;
  if (field.type.kind === 'primitive' && field.type.name === 'timestamp') {
    return new Date(value as string | number);
  }
  if (field.type.kind === 'decimal') return String(value);
  return value;
}

function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

function timeOfDayIso(): string {
  return new Date().toISOString().slice(11, 23);
}

/** A generator for a `now()`/`uuid()` default, in the field's JS representation. */
function defaultFunction(field: FieldDefinition, name: 'now' | 'uuid'): () => unknown {
  if (name === 'uuid') return newDocumentId;
  if (field.type.kind === 'primitive' && field.type.name === 'date') return todayIso;
  if (field.type.kind === 'primitive' && field.type.name === 'time') return timeOfDayIso;
  return () => new Date();
}

function withDefault(column: ColumnBuilder, field: FieldDefinition, value: DefaultValue): ColumnBuilder {
  return value.kind === 'literal'
    ? column.default(literalDefault(field, value.value))
    : column.$defaultFn(defaultFunction(field, value.name));
}

/**
 * The Drizzle column for a stored field, with the field's name as its SQL
 * name (see `columnKeyFor` for its key in the table). Arrays and `-> T[]` are JSON text;
 * `!` is NOT NULL; defaults become SQL defaults (literals, so drizzle-kit
 * writes them into migrations) or runtime defaults (`now()`, `uuid()`).
 */
export function columnFor(field: FieldDefinition): ColumnBuilderBase {
  let column = field.isArray ? (text(field.name, { mode: 'json' }) as unknown as ColumnBuilder) : scalarColumn(field.name, field.type);
  if (field.required) column = column.notNull();
  if (field.default !== undefined) column = withDefault(column, field, field.default);
  return column;
}
