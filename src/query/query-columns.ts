/**
 * The columns of a collection's compiled table as the relational query API
 * sees them: Drizzle column keys (`columnKeyFor`), in table order (system
 * columns first), each with how its SQL value is read from a store document
 * and turned back into what Drizzle returns.
 */
import { decodeVector } from '../compile/binary-columns.js';
import { columnKeyFor } from '../compile/columns.js';
import { SYSTEM_FIELD_NAMES } from '../compile/system-columns.js';
import type { FieldDefinition, IceTypeSchema } from '../icetype/ast.js';
import { isStoredField } from '../icetype/schema-checks.js';
import { encodeColumn } from '../store/values/column-codec.js';
import { hasOwn, type NormalizedDocument } from '../store/values/normalized-document.js';
import type { SqlScalar } from './sql-value.js';

/** How a column is stored and decoded by Drizzle. */
export type ColumnKind = 'text' | 'decimal' | 'number' | 'bool' | 'timestamp' | 'json' | 'binary' | 'vector';

/** One column of the compiled table. */
export interface QueryColumn {
  /** The Drizzle column key (`authorId`). */
  readonly key: string;
  /** The document field (`author`) or system field (`$id`). */
  readonly field: string;
  readonly kind: ColumnKind;
  /** Undefined for system columns. */
  readonly definition?: FieldDefinition;
}

const SYSTEM_KINDS: Readonly<Record<string, ColumnKind>> = { $id: 'text', $type: 'text', $version: 'number', $createdAt: 'timestamp', $updatedAt: 'timestamp' };

function kindOf(field: FieldDefinition): ColumnKind {
  if (field.isArray) return 'json';
  const type = field.type;
  switch (type.kind) {
    case 'decimal':
      return 'decimal';
    case 'varchar':
    case 'enum':
      return 'text';
    case 'vector':
      return 'vector';
    case 'primitive':
      switch (type.name) {
        case 'int':
        case 'long':
        case 'float':
        case 'double':
          return 'number';
        case 'bool':
          return 'bool';
        case 'timestamp':
          return 'timestamp';
        case 'json':
          return 'json';
        case 'binary':
          return 'binary';
        default:
          return 'text';
      }
  }
}

/** The table's columns keyed by Drizzle key, in table order. */
export function queryColumns(schema: IceTypeSchema): ReadonlyMap<string, QueryColumn> {
  const columns = new Map<string, QueryColumn>();
  for (const name of SYSTEM_FIELD_NAMES) columns.set(name, { key: name, field: name, kind: SYSTEM_KINDS[name] as ColumnKind });
  for (const definition of schema.fields.values()) {
    if (!isStoredField(definition)) continue;
    const key = columnKeyFor(definition);
    columns.set(key, { key, field: definition.name, kind: kindOf(definition), definition });
  }
  return columns;
}

/** The value the rows layout's SQL column holds for a document (what `encodeColumn` writes). */
export function sqlValueOf(collection: string, column: QueryColumn, doc: NormalizedDocument): SqlScalar {
  const raw = hasOwn(doc, column.field) ? doc[column.field] : undefined;
  if (raw === undefined || raw === null) return null;
  if (column.definition === undefined) {
    if (raw instanceof Date) return raw.getTime();
    return typeof raw === 'string' || typeof raw === 'number' ? raw : null;
  }
  const value = encodeColumn(column.definition, raw, { collection, id: typeof doc.$id === 'string' ? doc.$id : undefined });
  return value instanceof ArrayBuffer ? new Uint8Array(value) : value;
}

/** A SQL value as Drizzle's column decoder returns it (`Date`, `boolean`, parsed JSON, `Uint8Array`, `number[]`). */
export function rowValueOf(column: QueryColumn, value: SqlScalar): unknown {
  if (value === null) return null;
  switch (column.kind) {
    case 'bool':
      return value === 1;
    case 'timestamp':
      return new Date(value as number);
    case 'json':
      return JSON.parse(value as string) as unknown;
    case 'binary':
      return (value as Uint8Array).slice();
    case 'vector':
      return decodeVector(value as Uint8Array);
    default:
      return value;
  }
}
