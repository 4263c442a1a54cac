import type { FieldDefinition, ScalarType } from '../../icetype/ast.js';

/**
 * How values of a field compare, from its IceType type and storage
 * (ICETYPE.md §4, `compile/columns.ts`). Inside JSON arrays timestamps are
 * ISO-8601 text (`JSON.stringify` of a `Date`), not epoch ms.
 */
export type ValueKind =
  /** int, long, float, double, `$version`: numeric column. */
  | { readonly type: 'number' }
  /** string, text, uuid, varchar, enum, date, time, `-> T`, `$id`, `$type`: code-point order. */
  | { readonly type: 'text'; readonly format?: 'date' | 'time'; readonly values?: readonly string[] }
  /** timestamp column: epoch ms integer; JS `Date`. */
  | { readonly type: 'timestamp' }
  /** timestamp element of a JSON array: ISO-8601 text; JS `Date`. */
  | { readonly type: 'isoTimestamp' }
  /** decimal(P,S): exact text with S fractional digits; JS string. */
  | { readonly type: 'decimal'; readonly scale: number }
  /** bool: 0/1 column, JSON true/false in arrays; JS boolean. */
  | { readonly type: 'bool' }
  /** binary: BLOB; JS `Uint8Array`. */
  | { readonly type: 'binary' }
  /** json values and schemaless documents: the kind comes from each value (numbers, strings, booleans). */
  | { readonly type: 'dynamic' }
  /** vector, binary[]: only `null`/`$exists` apply. */
  | { readonly type: 'opaque' };

/** Kinds whose values have an order (`$gt`…, `orderBy`). */
export function isOrdered(kind: ValueKind): boolean {
  return kind.type !== 'bool' && kind.type !== 'opaque';
}

/** The kind of one value of a scalar type; `inArray`: an element of a JSON array. */
export function kindOfScalar(type: ScalarType, inArray: boolean): ValueKind {
  switch (type.kind) {
    case 'decimal':
      return { type: 'decimal', scale: type.scale };
    case 'varchar':
      return { type: 'text' };
    case 'enum':
      return { type: 'text', values: type.values };
    case 'vector':
      return { type: 'opaque' };
    case 'primitive':
      switch (type.name) {
        case 'string':
        case 'text':
        case 'uuid':
          return { type: 'text' };
        case 'date':
        case 'time':
          return { type: 'text', format: type.name };
        case 'int':
        case 'long':
        case 'float':
        case 'double':
          return { type: 'number' };
        case 'bool':
          return { type: 'bool' };
        case 'timestamp':
          return inArray ? { type: 'isoTimestamp' } : { type: 'timestamp' };
        case 'json':
          return { type: 'dynamic' };
        case 'binary':
          return inArray ? { type: 'opaque' } : { type: 'binary' };
      }
  }
}

/** Whether a field's conditions apply to JSON-array elements (`T[]`, `-> T[]`), rather than to the value. `json[]` is dynamic instead. */
export function isElementField(field: FieldDefinition): boolean {
  return field.isArray && !(field.type.kind === 'primitive' && field.type.name === 'json');
}

/** The kind of a stored field: its elements' kind for arrays; `json` and `json[]` are dynamic. */
export function kindOfField(field: FieldDefinition): ValueKind {
  return kindOfScalar(field.type, field.isArray);
}

/** The kinds of the system fields (ICETYPE.md §1). */
export const SYSTEM_FIELD_KINDS: Readonly<Record<string, ValueKind>> = {
  $id: { type: 'text' },
  $type: { type: 'text' },
  $version: { type: 'number' },
  $createdAt: { type: 'timestamp' },
  $updatedAt: { type: 'timestamp' },
};
