import type { FieldDefinition, IceTypeSchema } from '../icetype/ast.js';
import { isStoredField } from '../icetype/schema-checks.js';
import { SYSTEM_FIELD_NAMES } from '../compile/system-columns.js';

/**
 * How a row image is written into the change log from SQL (inside a
 * trigger): a JSON object of the row's stored columns, each in a form JSON
 * can hold — JSON-text columns (arrays, `json`, `-> T[]`) embedded as JSON,
 * BLOBs (`binary`, `vector(N)`) as hex, everything else as stored
 * (timestamps as epoch milliseconds, booleans as 0/1). `decodeRowImage`
 * turns such an image back into a document.
 */

/** Is this field stored as JSON text? */
export function isJsonColumn(field: FieldDefinition): boolean {
  return field.isArray || (field.type.kind === 'primitive' && field.type.name === 'json');
}

/** Is this field stored as a BLOB? */
export function isBlobColumn(field: FieldDefinition): boolean {
  return !field.isArray && (field.type.kind === 'vector' || (field.type.kind === 'primitive' && field.type.name === 'binary'));
}

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A SQL string literal. */
export function quoteString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * `json_object` takes at most 127 arguments in workerd: 2 per column, so ≤ 60
 * columns per call, merged with `json_patch` (which drops null members of the
 * later calls — harmless, since `decodeRowImage` reads a missing member as null).
 */
const COLUMNS_PER_JSON_OBJECT = 60;

/** The stored fields of a schema that have a column in the table (all of them when `columns` is not given). */
export function capturedFields(schema: IceTypeSchema, columns?: ReadonlySet<string>): FieldDefinition[] {
  return [...schema.fields.values()].filter((field) => isStoredField(field) && (columns === undefined || columns.has(field.name)));
}

/**
 * The SQL expression of a row image, over the trigger's `NEW` or `OLD` row.
 * Only fields with a column in `columns` are included (a table may lag its
 * schema until the next migration).
 */
export function rowImageSql(schema: IceTypeSchema, row: 'NEW' | 'OLD', columns?: ReadonlySet<string>): string {
  const pairs: string[] = SYSTEM_FIELD_NAMES.map((name) => `${quoteString(name)}, ${row}.${quoteIdentifier(name)}`);
  for (const field of capturedFields(schema, columns)) {
    const column = `${row}.${quoteIdentifier(field.name)}`;
    // hex(NULL) is '', which would read back as empty bytes: a null BLOB stays null.
    const value = isJsonColumn(field) ? `json(${column})` : isBlobColumn(field) ? `CASE WHEN ${column} IS NULL THEN NULL ELSE hex(${column}) END` : column;
    pairs.push(`${quoteString(field.name)}, ${value}`);
  }
  const calls: string[] = [];
  for (let i = 0; i < pairs.length; i += COLUMNS_PER_JSON_OBJECT) {
    calls.push(`json_object(${pairs.slice(i, i + COLUMNS_PER_JSON_OBJECT).join(', ')})`);
  }
  return calls.reduce((merged, call) => `json_patch(${merged}, ${call})`);
}

/** The SQL expression listing the stored fields an UPDATE changed, as a JSON array of names. */
export function changedFieldsSql(schema: IceTypeSchema, columns?: ReadonlySet<string>): string {
  const names = capturedFields(schema, columns).map((field) => field.name);
  if (names.length === 0) return `json_array()`;
  // String building reads no rows (a json_each over the candidates billed one row read per field).
  // Field names match ^[a-z_][A-Za-z0-9_]*$, so they need no escaping inside JSON strings; a table has
  // at most 100 columns, so one concat (≤ 127 arguments) holds every candidate.
  const candidates = names.map((name) => `CASE WHEN OLD.${quoteIdentifier(name)} IS NOT NEW.${quoteIdentifier(name)} THEN ${quoteString(`"${name}",`)} END`);
  return `json('[' || rtrim(concat(${candidates.join(', ')}), ',') || ']')`;
}
