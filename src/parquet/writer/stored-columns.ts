/**
 * Columns of stored documents laid out as Arrow data in one pass each (the
 * exporter's trusted path; Arrow columnar format "Fixed-size Primitive",
 * "Variable-size Binary" and "Variable-size List" layouts). Documents the
 * store gives — change-log images it decoded, rows it read — are already
 * validated and canonical (`NormalizedValue`), so no value is normalised
 * again and no row object stands between document and column. Each value's
 * JavaScript type is still checked against its canonical form (a cheap
 * `typeof`); anything else — another form, a missing required value, a
 * column whose type the field does not map to — and the builder gives up
 * (undefined), for the caller to take the validating path
 * (`documentToParquetRow` + `arrowTableOf`), which gives the same table or
 * the error. test/parquet/stored-tables.test.ts holds both paths to the
 * same bytes.
 */
import { makeData, type Data } from 'apache-arrow';
import type { FieldDefinition, IceTypeSchema, ScalarType } from '../../icetype/ast.js';
import { isStoredField } from '../../icetype/schema-checks.js';
import { checkSchema } from '../../iceberg/metadata/check-schema.js';
import { icebergPrimitiveOf, type IcebergField, type IcebergPrimitiveType } from '../../iceberg/metadata/iceberg-schema.js';
import type { ParquetValue } from '../schema/parquet-row.js';
import { dateDays } from '../schema/parquet-values.js';
import { arrowListOf, decimalOf } from './arrow-field.js';
import { MICROS_PER_MS, primitiveData, UNTRUSTED, validityOf, type Kind } from './canonical-data.js';
import type { ColumnMemo } from './column-memo.js';

/** A stored document: field name → canonical value, system fields included. */
export type StoredDocument = Readonly<Record<string, unknown>>;

/** Where a column's values come from in a document, and how they convert. */
interface Plan {
  readonly name: string;
  readonly kind: Kind;
  /** The Iceberg type each (element) value is written as. */
  readonly type: IcebergPrimitiveType;
  readonly list: boolean;
  /** Every document must hold a value (system fields, `!` fields): one without goes to the validating path. */
  readonly needed: boolean;
  /** The name is also a property of every object (`constructor`, `__proto__`): read own properties only. */
  readonly inherited: boolean;
}

const SYSTEM: Readonly<Record<string, readonly [Kind, IcebergPrimitiveType]>> = {
  $id: ['string', 'string'],
  $type: ['string', 'string'],
  $version: ['long', 'long'],
  $createdAt: ['timestamp', 'timestamptz'],
  $updatedAt: ['timestamp', 'timestamptz'],
};

function kindOf(type: ScalarType): Kind {
  switch (type.kind) {
    case 'decimal':
      return 'decimal';
    case 'vector':
      return 'float';
    case 'varchar':
    case 'enum':
      return 'string';
    case 'primitive':
      switch (type.name) {
        case 'int':
        case 'long':
        case 'float':
        case 'double':
        case 'timestamp':
        case 'date':
        case 'time':
        case 'json':
        case 'binary':
          return type.name;
        case 'bool':
          return 'boolean';
        default:
          return 'string'; // string, text, uuid
      }
  }
}

/** The plan of `column`, null when no stored field feeds it (an all-null column), undefined when its type is not the field's. */
function planOf(schema: IceTypeSchema, column: IcebergField): Plan | null | undefined {
  const inherited = column.name in Object.prototype || column.name === '__proto__';
  const system = Object.hasOwn(SYSTEM, column.name) ? SYSTEM[column.name] : undefined;
  if (system !== undefined) {
    return column.type === system[1] ? { name: column.name, kind: system[0], type: system[1], list: false, needed: true, inherited } : undefined;
  }
  const field: FieldDefinition | undefined = schema.fields.get(column.name);
  if (field === undefined || !isStoredField(field)) return null;
  const type = icebergPrimitiveOf(field.type);
  const list = field.isArray || field.type.kind === 'vector';
  const fits = list ? typeof column.type !== 'string' && column.type.element === type : column.type === type;
  return fits ? { name: column.name, kind: kindOf(field.type), type, list, needed: field.required, inherited } : undefined;
}

/** The Arrow data of one column from the documents' values (null for none). */
function columnOf(plan: Plan, column: IcebergField, values: readonly unknown[]): Data {
  if (!plan.list) return primitiveData(plan.kind, plan.type, values, !column.required);
  const list = column.type as Exclude<IcebergField['type'], string>;
  const { bitmap, nullCount } = validityOf(values, !column.required);
  const valueOffsets = new Int32Array(values.length + 1);
  const elements: unknown[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== null) {
      if (!Array.isArray(v)) throw UNTRUSTED;
      for (const element of v as readonly unknown[]) elements.push(element ?? null);
    }
    valueOffsets[i + 1] = elements.length;
  }
  const child = primitiveData(plan.kind, plan.type, elements, !list['element-required']);
  return makeData({ type: arrowListOf(list), length: values.length, nullCount, nullBitmap: bitmap, valueOffsets, child });
}

/** The plan of a column no stored field feeds: its values are all null, laid out by the column's own type. */
function nullPlan(column: IcebergField): Plan {
  const type = typeof column.type === 'string' ? column.type : column.type.element;
  if (typeof type !== 'string') throw UNTRUSTED; // a list of lists: no IceType field makes one
  const kind: Kind = type === 'timestamptz' ? 'timestamp' : decimalOf(type) !== undefined ? 'decimal' : (type as Kind);
  return { name: column.name, kind, type, list: typeof column.type !== 'string', needed: false, inherited: false };
}

/** The value of `plan`'s field in `document` (null for none), or `UNTRUSTED` when a needed one is missing. */
function valueIn(plan: Plan, document: StoredDocument): unknown {
  const v = plan.inherited && !Object.hasOwn(document, plan.name) ? undefined : document[plan.name];
  if (v !== undefined && v !== null) return v;
  if (plan.needed) throw UNTRUSTED;
  return null;
}

/** `$id` and `$type` of a row whose document is null (a change that knows only its document's id). */
export type StubOf = (row: number) => { readonly $id: string; readonly $type: string };

/**
 * The Arrow data of `columns` (Iceberg fields of the collection's table:
 * system fields and stored fields by name; a column no stored field feeds
 * is all null) from stored documents, in the values and layout
 * `arrowTableOf(columns, documents.map((d) => documentToParquetRow(schema, d)))`
 * gives them; a null document (with `stubOf`) has only `$id` and `$type`.
 * With `memo`, a column built before for the same documents is taken again.
 * Undefined when any value is not in its canonical form, a needed value is
 * missing or a column's type is not its field's: the caller then takes the
 * validating path, which gives the same table or the error.
 *
 * @example
 * storedColumns(Order, generateIcebergSchema(Order).fields, [db.store.get('Order', id)!])
 * // [Utf8 data ['0190…'], Utf8 data ['Order'], Int64 data [1n], …]
 */
export function storedColumns(schema: IceTypeSchema, columns: readonly IcebergField[], documents: readonly (StoredDocument | null)[], stubOf?: StubOf, memo?: ColumnMemo): Data[] | undefined {
  try {
    checkSchema(schema);
    const memory = memo?.entry(documents);
    // One array for every column's values in turn: a column's data never holds on to it.
    const values = new Array<unknown>(documents.length);
    return columns.map((column) => {
      const known = memory?.recall(column);
      if (known !== undefined) return known;
      const plan = planOf(schema, column);
      if (plan === undefined) throw UNTRUSTED;
      for (let i = 0; i < documents.length; i++) {
        const document = documents[i] as StoredDocument | null;
        if (document !== null) values[i] = plan === null ? null : valueIn(plan, document);
        else if (stubOf === undefined) throw UNTRUSTED;
        else values[i] = column.name === '$id' ? stubOf(i).$id : column.name === '$type' ? stubOf(i).$type : null;
      }
      const data = columnOf(plan ?? nullPlan(column), column, values);
      memory?.remember(column, data);
      return data;
    });
  } catch {
    // Whatever went wrong, the validating path meets it again and says what it is.
    return undefined;
  }
}

/**
 * The Arrow data of a primitive column from canonical values of one kind
 * (`string`: strings; `long`: safe integers; `timestamp`: Dates, written as
 * µs), null for none; undefined for any other value.
 *
 * @example
 * canonicalData({ id: 2_000_000_002, name: '_seq', required: true, type: 'long' }, 'long', [1, 2, 3]) // Int64 data [1n, 2n, 3n]
 */
export function canonicalData(column: IcebergField & { readonly type: IcebergPrimitiveType }, kind: 'string' | 'long' | 'timestamp', values: readonly unknown[]): Data | undefined {
  try {
    return primitiveData(kind, column.type, values, !column.required);
  } catch {
    return undefined;
  }
}

/**
 * The column value of `name` in a stored document, as `documentToParquetRow`
 * gives it, without normalising it again (a partition source); null for
 * none. Undefined when the value is not canonical, or of a kind this does
 * not convert (lists, decimals, json, binary, time): the caller asks the
 * validating path.
 *
 * @example
 * storedValue(Order, 'placedAt', order) // 1767225600000000n
 */
export function storedValue(schema: IceTypeSchema, name: string, document: StoredDocument): ParquetValue | undefined {
  const column = systemColumn(name) ?? schema.fields.get(name);
  if (column === undefined) return null;
  const plan = planOf(schema, 'id' in column ? column : { id: 0, name, required: false, type: icebergPrimitiveOf(column.type) });
  if (plan === null) return null;
  if (plan === undefined || plan.list) return undefined;
  let v: unknown;
  try {
    v = valueIn(plan, document);
  } catch {
    return undefined;
  }
  if (v === null) return null;
  switch (plan.kind) {
    case 'string':
      return typeof v === 'string' ? v : undefined;
    case 'boolean':
      return typeof v === 'boolean' ? v : undefined;
    case 'int':
    case 'float':
    case 'double':
      return typeof v === 'number' ? v : undefined;
    case 'long':
      return Number.isSafeInteger(v) ? BigInt(v as number) : undefined;
    case 'timestamp':
      return v instanceof Date && !Number.isNaN(v.getTime()) ? BigInt(v.getTime()) * MICROS_PER_MS : undefined;
    case 'date':
      return typeof v === 'string' && Number.isInteger(dateDays(v)) ? dateDays(v) : undefined;
    default:
      return undefined;
  }
}

/** The Iceberg field of a system column (its id is not needed here), or undefined for any other name. */
function systemColumn(name: string): IcebergField | undefined {
  const system = Object.hasOwn(SYSTEM, name) ? SYSTEM[name] : undefined;
  return system === undefined ? undefined : { id: 0, name, required: true, type: system[1] };
}
