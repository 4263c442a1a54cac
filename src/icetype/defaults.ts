/**
 * Field defaults (ICETYPE.md §1.1 "Defaults are type-checked"): the check of
 * a default against its field's type, exact decimal strings, and the
 * conversion of a field object's JavaScript `default` into a `DefaultValue`.
 */
import type { DefaultValue, JsonValue, ScalarType } from './ast.js';
import { isDateString, isTimeString, isZonedTimestampString, isUuidString } from './formats.js';
import { INT_MAX, INT_MIN, printScalarType } from './type-names.js';

/** `= now()`, shared and frozen. */
export const NOW_DEFAULT: DefaultValue = Object.freeze({ kind: 'function', name: 'now' });
/** `= uuid()`, shared and frozen. */
export const UUID_DEFAULT: DefaultValue = Object.freeze({ kind: 'function', name: 'uuid' });

const FLOAT_MAX = 3.4028234663852886e38;
const DECIMAL_SYNTAX = /^(-?)(0|[1-9][0-9]*)(?:\.([0-9]+))?(?:[eE]([+-]?[0-9]+))?$/;
const MAX_DEPTH = 64;

/**
 * A JSON-syntax number (`1.50`, `-3`, `1e5`) as a plain decimal string,
 * digits kept exactly as written (`1.50` stays `1.50`; `1.5e2` → `150`), or
 * undefined when it is not a number.
 *
 * @example
 * normalizeDecimal('1.5e-3') // '0.0015'
 */
export function normalizeDecimal(text: string): string | undefined {
  const m = DECIMAL_SYNTAX.exec(text);
  if (m === null) return undefined;
  if (m[4] === undefined) return text;
  const exp = Number(m[4]);
  if (Math.abs(exp) > 100) return undefined; // far outside decimal(38,S) either way
  const intPart = m[2]!;
  const frac = m[3] ?? '';
  const digits = intPart + frac;
  const point = intPart.length + exp;
  let out: string;
  if (point <= 0) out = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  out = out.replace(/^0+(?=[0-9])/, '');
  return m[1] + out;
}

/** Whether a plain decimal string fits `decimal(precision, scale)` (trailing fraction zeros are free). */
export function decimalFits(text: string, precision: number, scale: number): boolean {
  const m = DECIMAL_SYNTAX.exec(text);
  if (m === null || m[4] !== undefined) return false;
  const intDigits = m[2] === '0' ? 0 : m[2]!.length;
  const fracDigits = (m[3] ?? '').replace(/0+$/, '').length;
  return intDigits <= precision - scale && fracDigits <= scale;
}

/** A value for an error message: JSON, cut to 40 characters. */
export function describeValue(value: unknown): string {
  let s: string;
  if (value === undefined) s = 'undefined';
  else if (typeof value === 'bigint') s = `${value}n`;
  else if (typeof value === 'function') s = 'a function';
  else {
    try {
      s = JSON.stringify(value) ?? String(value);
    } catch {
      s = Object.prototype.toString.call(value);
    }
    if (typeof value === 'number' && !Number.isFinite(value)) s = String(value);
  }
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

/** What a default of this scalar type must be, for messages, or undefined when `value` fits. */
function scalarProblem(type: ScalarType, value: JsonValue): string | undefined {
  switch (type.kind) {
    case 'decimal':
      return typeof value === 'string' && decimalFits(value, type.precision, type.scale)
        ? undefined
        : `a decimal number with at most ${type.precision - type.scale} integer and ${type.scale} fraction digits`;
    case 'varchar':
      return typeof value === 'string' && value.length <= type.length
        ? undefined
        : `a string of at most ${type.length} characters`;
    case 'vector':
      return Array.isArray(value) &&
        value.length === type.dimensions &&
        value.every((x) => typeof x === 'number' && Number.isFinite(x) && Math.abs(x) <= FLOAT_MAX)
        ? undefined
        : `an array of ${type.dimensions} numbers`;
    case 'enum':
      return typeof value === 'string' && type.values.includes(value)
        ? undefined
        : `one of ${type.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'primitive':
      switch (type.name) {
        case 'string':
        case 'text':
          return typeof value === 'string' ? undefined : 'a string';
        case 'uuid':
          return typeof value === 'string' && isUuidString(value)
            ? undefined
            : 'a UUID string such as "550e8400-e29b-41d4-a716-446655440000", or uuid()';
        case 'int':
          return typeof value === 'number' && Number.isInteger(value) && value >= INT_MIN && value <= INT_MAX
            ? undefined
            : `a whole number from ${INT_MIN} to ${INT_MAX}`;
        case 'long':
          return typeof value === 'number' && Number.isSafeInteger(value)
            ? undefined
            : 'a whole number within ±2^53 (long values beyond that need bigint, which a default cannot hold)';
        case 'float':
          return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= FLOAT_MAX
            ? undefined
            : 'a number within the float32 range';
        case 'double':
          return typeof value === 'number' && Number.isFinite(value) ? undefined : 'a number';
        case 'bool':
          return typeof value === 'boolean' ? undefined : 'true or false';
        case 'timestamp':
          // A zone is required: without one, JavaScript reads the time as local, so the
          // default would depend on the time zone of the machine compiling the schema.
          return (typeof value === 'string' && isZonedTimestampString(value)) ||
            (typeof value === 'number' && Number.isSafeInteger(value))
            ? undefined
            : 'an ISO timestamp with a zone such as "2024-01-15T10:30:00Z", epoch milliseconds, or now()';
        case 'date':
          return typeof value === 'string' && isDateString(value)
            ? undefined
            : 'a date "YYYY-MM-DD", or now()';
        case 'time':
          return typeof value === 'string' && isTimeString(value)
            ? undefined
            : 'a time "HH:MM:SS[.ffffff]", or now()';
        case 'json':
          return undefined;
        case 'binary':
          return 'nothing (binary fields take no default other than null)';
      }
  }
}

function typeLabel(type: ScalarType, isArray: boolean): string {
  return printScalarType(type) + (isArray ? '[]' : '');
}

/**
 * Why `def` is not a valid default for a field of this shape, as an "expected
 * X, found Y" sentence, or undefined when it is valid.
 *
 * @example
 * checkDefault({ kind: 'primitive', name: 'int' }, false, false, { kind: 'literal', value: 'x' })
 * // 'expected a default of type int (a whole number from -2147483648 to 2147483647), found "x"'
 */
export function checkDefault(
  type: ScalarType,
  isArray: boolean,
  required: boolean,
  def: DefaultValue,
): string | undefined {
  if (def.kind === 'function') {
    if (def.name === 'now') {
      const ok =
        !isArray &&
        type.kind === 'primitive' &&
        (type.name === 'timestamp' || type.name === 'date' || type.name === 'time');
      return ok ? undefined : `expected now() only on a timestamp, date or time field, found it on ${typeLabel(type, isArray)}`;
    }
    if (def.name === 'uuid') {
      const ok =
        !isArray &&
        ((type.kind === 'primitive' && (type.name === 'string' || type.name === 'text' || type.name === 'uuid')) ||
          (type.kind === 'varchar' && type.length >= 36));
      return ok
        ? undefined
        : `expected uuid() only on a string, text, uuid or varchar(≥36) field, found it on ${typeLabel(type, isArray)}`;
    }
    return `expected now() or uuid(), found ${describeValue(def.name)}()`;
  }
  const value = def.value;
  if (value === null) {
    return required ? 'expected a non-null default on a required ("!") field, found null' : undefined;
  }
  if (isArray) {
    if (!Array.isArray(value)) {
      return `expected a default of type ${typeLabel(type, isArray)} ([] or a JSON array), found ${describeValue(value)}`;
    }
    for (let i = 0; i < value.length; i++) {
      const item = value[i]!;
      const problem = item === null ? 'a non-null item' : scalarProblem(type, item);
      if (problem !== undefined) {
        return `expected a default of type ${typeLabel(type, isArray)} whose items are each ${problem}, found ${describeValue(item)} at index ${i}`;
      }
    }
    return undefined;
  }
  const problem = scalarProblem(type, value);
  return problem === undefined
    ? undefined
    : `expected a default of type ${typeLabel(type, isArray)} (${problem}), found ${describeValue(value)}`;
}

/** Decimal defaults are exact strings: numbers and numeric strings become plain decimal text. */
function decimalText(value: JsonValue | bigint): JsonValue {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return Number.isFinite(value) ? (normalizeDecimal(String(value)) ?? String(value)) : String(value);
  if (typeof value === 'string') return normalizeDecimal(value) ?? value;
  return value;
}

/**
 * A field object's JavaScript `default` as a JSON `DefaultValue` (copied, so
 * later changes to the object do not leak in), or a problem sentence. Decimal
 * fields accept numbers, numeric strings and bigints, stored as exact strings.
 *
 * @example
 * toDefaultValue({ kind: 'decimal', precision: 10, scale: 2 }, false, 1.5) // { value: { kind: 'literal', value: '1.5' } }
 */
export function toDefaultValue(
  type: ScalarType,
  isArray: boolean,
  raw: unknown,
): { value: DefaultValue } | { problem: string } {
  const decimal = type.kind === 'decimal';
  const json = toJson(raw, decimal && !isArray, decimal && isArray, 0);
  if (json === INVALID) {
    return { problem: `expected a JSON value (string, number, boolean, null, array or plain object), found ${describeValue(raw)}` };
  }
  return { value: { kind: 'literal', value: json } };
}

const INVALID = Symbol('invalid');

function toJson(raw: unknown, decimalHere: boolean, decimalItems: boolean, depth: number): JsonValue | typeof INVALID {
  if (depth > MAX_DEPTH) return INVALID;
  if (decimalHere && (typeof raw === 'number' || typeof raw === 'string' || typeof raw === 'bigint')) {
    return decimalText(raw);
  }
  switch (typeof raw) {
    case 'string':
    case 'boolean':
      return raw;
    case 'number':
      return Number.isFinite(raw) ? (raw === 0 ? 0 : raw) : INVALID;
    case 'object': {
      if (raw === null) return null;
      if (Array.isArray(raw)) {
        const out: JsonValue[] = [];
        for (const item of raw) {
          const v = toJson(item, decimalItems, false, depth + 1);
          if (v === INVALID) return INVALID;
          out.push(v);
        }
        return out;
      }
      const proto: unknown = Object.getPrototypeOf(raw);
      if (proto !== Object.prototype && proto !== null) return INVALID;
      const out: Record<string, JsonValue> = {};
      for (const key of Object.keys(raw)) {
        const v = toJson((raw as Record<string, unknown>)[key], false, false, depth + 1);
        if (v === INVALID) return INVALID;
        setJsonKey(out, key, v);
      }
      return out;
    }
    default:
      return INVALID;
  }
}

/** Sets an own key on a JSON object; `__proto__` becomes a plain property, not a prototype. */
export function setJsonKey(obj: Record<string, JsonValue>, key: string, value: JsonValue): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}
