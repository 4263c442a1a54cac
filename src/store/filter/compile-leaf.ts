import { decimalChunks, decimalKeySql, floorToScale, type Decimal } from './decimal.js';
import type { Comparable } from './operand.js';
import type { CompareOp, LeafNode, Scope } from './plan-node.js';
import type { SqlWriter } from './sql-writer.js';
import type { Target } from './target.js';
import { toArrayBuffer, toHex } from './text-order.js';
import type { SqlValue } from './types.js';
import type { ValueKind } from './value-kind.js';

/**
 * SQL for one plan leaf (see `plan-node.ts` for the semantics). Typed columns
 * compare directly; array elements and json paths go through
 * `EXISTS (SELECT 1 FROM json_each(…) AS "$e" WHERE …)` with type guards, so
 * a JSON 1 never equals `true` and strings never compare with numbers.
 * Prefix, suffix and substring use substr/instr, not LIKE (LIKE folds ASCII
 * case and DO SQLite caps its patterns at 50 bytes).
 */

const SQL_OPS: Readonly<Record<CompareOp, string>> = { eq: '=', gt: '>', gte: '>=', lt: '<', lte: '<=' };
const ELEMENT = '"$e"';
const ELEMENT_VALUE = '"$e"."value"';
const ELEMENT_TYPE = '"$e"."type"';

/** A SQLite JSON path for object keys: `$."address"."city"`. */
export function jsonPath(segments: readonly string[]): string {
  return `$${segments.map((s) => `."${s}"`).join('')}`;
}

function isDecimal(value: Comparable): value is Decimal {
  return typeof value === 'object' && !(value instanceof Uint8Array);
}

/** A non-decimal comparable as a DO binding: booleans 1/0, bytes as an ArrayBuffer. */
function bindable(value: Exclude<Comparable, Decimal>): SqlValue {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Uint8Array) return toArrayBuffer(value);
  return value;
}

function bindChunks(w: SqlWriter, units: bigint): string {
  const [a, b, c] = decimalChunks(units);
  return `(${w.bind(a)}, ${w.bind(b)}, ${w.bind(c)})`;
}

function decimalCompare(w: SqlWriter, expr: string, scale: number, op: CompareOp, value: Decimal): string {
  const keys = `(${decimalKeySql(expr).join(', ')})`;
  const { units, exact } = floorToScale(value, scale);
  if (exact) return `${keys} ${SQL_OPS[op]} ${bindChunks(w, units)}`;
  // No stored value (scale digits) equals an operand with more digits; ordering compares with its floor.
  if (op === 'eq') return '0';
  return `${keys} ${op === 'gt' || op === 'gte' ? '>' : '<='} ${bindChunks(w, units)}`;
}

/** `expr op value` for a value expression of a kind; decimals compare exactly by chunk keys. */
export function compareSql(w: SqlWriter, kind: ValueKind, expr: string, op: CompareOp, value: Comparable): string {
  if (isDecimal(value)) return decimalCompare(w, expr, kind.type === 'decimal' ? kind.scale : value.scale, op, value);
  return `${expr} ${SQL_OPS[op]} ${w.bind(bindable(value))}`;
}

function inList(w: SqlWriter, kind: ValueKind, expr: string, values: readonly Comparable[]): string {
  if (kind.type === 'decimal') {
    const keys: [number, number, number][] = [];
    for (const value of values) {
      const { units, exact } = floorToScale(value as Decimal, kind.scale);
      if (exact) keys.push(decimalChunks(units));
    }
    if (keys.length === 0) return '0';
    const pick = (i: number) => `json_extract("$v"."value", '$[${i}]')`;
    return `(${decimalKeySql(expr).join(', ')}) IN (SELECT ${pick(0)}, ${pick(1)}, ${pick(2)} FROM json_each(${w.bind(JSON.stringify(keys))}) AS "$v")`;
  }
  if (kind.type === 'binary') {
    const list = JSON.stringify(values.map((v) => toHex(v as Uint8Array)));
    // Blobs cannot live in JSON: the list holds hex, turned back into blobs (hex(NULL) would be '', unhex keeps NULL apart).
    return `${expr} IN (SELECT unhex("$v"."value") FROM json_each(${w.bind(list)}) AS "$v")`;
  }
  const list = JSON.stringify(values.map((v) => (typeof v === 'boolean' ? Number(v) : v)));
  return `${expr} IN (SELECT "$v"."value" FROM json_each(${w.bind(list)}) AS "$v")`;
}

/**
 * Prefix and suffix compare UTF-8 bytes (a byte prefix or suffix of valid
 * UTF-8 is a character prefix or suffix): SQLite's text `length` and
 * `substr` stop at a NUL character, its blob `substr` does not.
 */
function text(w: SqlWriter, expr: string, mode: 'prefix' | 'suffix' | 'infix', value: string): string {
  if (mode === 'infix') return `instr(${expr}, ${w.bind(value)}) > 0`;
  const bytes = new TextEncoder().encode(value);
  // Every string starts and ends with '' (substr of an empty blob is not a blob, and substr(x, -0) is all of x).
  if (bytes.length === 0) return `${expr} IS NOT NULL`;
  const blob = `CAST(${expr} AS BLOB)`;
  if (mode === 'prefix') return `substr(${blob}, 1, ${w.bind(bytes.length)}) = ${w.bind(toArrayBuffer(bytes))}`;
  return `substr(${blob}, ${w.bind(-bytes.length)}) = ${w.bind(toArrayBuffer(bytes))}`;
}

/** The predicate of a leaf over one value expression of a known kind. */
function predicate(w: SqlWriter, leaf: Exclude<LeafNode, { t: 'null' }>, kind: ValueKind, expr: string): string {
  switch (leaf.t) {
    case 'cmp':
      return compareSql(w, kind, expr, leaf.op, leaf.value);
    case 'in':
      return inList(w, kind, expr, leaf.values);
    case 'text':
      return text(w, expr, leaf.mode, leaf.value);
  }
}

/** json_each type names of a kind's elements. */
function elementTypes(kind: ValueKind): string {
  switch (kind.type) {
    case 'number':
      return `${ELEMENT_TYPE} IN ('integer', 'real')`;
    case 'bool':
      return `${ELEMENT_TYPE} IN ('true', 'false')`;
    default:
      return `${ELEMENT_TYPE} = 'text'`;
  }
}

const DYNAMIC_KINDS: Readonly<Record<'number' | 'string' | 'boolean', ValueKind>> = {
  number: { type: 'number' },
  string: { type: 'text' },
  boolean: { type: 'bool' },
};

function dynamicKind(value: Comparable): ValueKind {
  return DYNAMIC_KINDS[typeof value as 'number' | 'string' | 'boolean'];
}

function scopeGuard(scope: Scope): string {
  // json_each yields a scalar as one row with a NULL key, array elements with integer keys, object members with text keys.
  switch (scope) {
    case 'any':
      return `typeof(${ELEMENT}."key") <> 'text'`;
    case 'elements':
      return `typeof(${ELEMENT}."key") = 'integer'`;
    case 'scalar':
      return `${ELEMENT}."key" IS NULL`;
  }
}

function jsonSource(w: SqlWriter, target: Target): string {
  const column = w.column(target.column);
  return target.path.length === 0 ? column : `${column}, ${w.bind(jsonPath(target.path))}`;
}

function dynamicPredicate(w: SqlWriter, leaf: Exclude<LeafNode, { t: 'null' }>): string {
  if (leaf.t === 'in') {
    // One guarded IN per JSON type present in the list.
    const groups = new Map<string, Comparable[]>();
    for (const value of leaf.values) groups.set(typeof value, [...(groups.get(typeof value) ?? []), value]);
    const terms = [...groups.values()].map((values) => {
      const kind = dynamicKind(values[0] as Comparable);
      return `(${elementTypes(kind)} AND ${inList(w, kind, ELEMENT_VALUE, values)})`;
    });
    return terms.length === 1 ? (terms[0] as string) : `(${terms.join(' OR ')})`;
  }
  const kind = leaf.t === 'text' ? DYNAMIC_KINDS.string : dynamicKind(leaf.value);
  return `${elementTypes(kind)} AND ${predicate(w, leaf, kind, ELEMENT_VALUE)}`;
}

/** SQL for `null`, or (when `negated`) its negation, NULL-safe. */
export function compileNullLeaf(w: SqlWriter, target: Target, negated: boolean): string {
  switch (target.access) {
    case 'absent':
      return negated ? '0' : '1';
    case 'json':
      return `COALESCE(json_type(${jsonSource(w, target)}), 'null') ${negated ? '<>' : '='} 'null'`;
    default:
      return `${w.column(target.column)} IS ${negated ? 'NOT ' : ''}NULL`;
  }
}

/** SQL for a comparison, list or text leaf. */
export function compileValueLeaf(w: SqlWriter, leaf: Exclude<LeafNode, { t: 'null' }>): string {
  const target = leaf.target;
  switch (target.access) {
    case 'absent':
      return '0';
    case 'column':
      return predicate(w, leaf, target.kind, w.column(target.column));
    case 'elements':
      return `EXISTS (SELECT 1 FROM json_each(${w.column(target.column)}) AS ${ELEMENT} WHERE ${elementTypes(target.kind)} AND ${predicate(w, leaf, target.kind, ELEMENT_VALUE)})`;
    case 'json':
      return `EXISTS (SELECT 1 FROM json_each(${jsonSource(w, target)}) AS ${ELEMENT} WHERE ${scopeGuard(leaf.scope)} AND ${dynamicPredicate(w, leaf)})`;
    case 'document':
      throw new Error('compileValueLeaf: schemaless targets have no SQL');
  }
}
