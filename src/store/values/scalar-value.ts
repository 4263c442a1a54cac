/**
 * One non-null value of a scalar type (ICETYPE.md §4), checked and brought
 * to its canonical form (`NormalizedValue`). Arrays, nulls and relations are
 * handled a level up, in `field-value.ts`.
 */
import type { ScalarType } from '../../icetype/ast.js';
import { isUuidString } from '../../icetype/formats.js';
import { INT_MAX, INT_MIN } from '../../icetype/type-names.js';
import { normalizeDecimalValue } from './decimal-value.js';
import { describeFound } from './describe-found.js';
import { INVALID, type IssueList } from './issue-list.js';
import { normalizeJson } from './json-value.js';
import type { NormalizedValue } from './normalized-document.js';
import { normalizeDate, normalizeTime, normalizeTimestamp, type TemporalResult } from './temporal-values.js';
import { countCodePoints, hasLoneSurrogate } from './text.js';

const LONG_LIMIT = Number.MAX_SAFE_INTEGER;
const FLOAT32_MAX = 3.4028234663852886e38;

type Result = NormalizedValue | typeof INVALID;

const UNDECIDED = Symbol('undecided');

/**
 * The common valid cases, decided without allocating: well-formed strings,
 * enum members, in-range ints, finite floats, booleans. Anything else —
 * including every invalid value — is `UNDECIDED` and goes the full way.
 */
function normalizeCommon(type: ScalarType, value: unknown): Result | typeof UNDECIDED {
  if (type.kind === 'enum') return typeof value === 'string' && type.values.includes(value) ? value : UNDECIDED;
  if (type.kind !== 'primitive') return UNDECIDED;
  switch (type.name) {
    case 'string':
    case 'text':
      return typeof value === 'string' && !hasLoneSurrogate(value) ? value : UNDECIDED;
    case 'int':
      return typeof value === 'number' && Number.isInteger(value) && value >= INT_MIN && value <= INT_MAX ? (value === 0 ? 0 : value) : UNDECIDED;
    case 'float':
    case 'double':
      return typeof value === 'number' && Number.isFinite(value) ? (value === 0 ? 0 : value) : UNDECIDED;
    case 'bool':
      return typeof value === 'boolean' ? value : UNDECIDED;
    case 'timestamp':
      // A copy, as normalizeTimestamp makes.
      return value instanceof Date && !Number.isNaN(value.getTime()) ? new Date(value.getTime()) : UNDECIDED;
    default:
      return UNDECIDED;
  }
}

/** Checks and normalises one non-null value of `type`, recording issues at `path`. */
export function normalizeScalar(type: ScalarType, value: unknown, path: readonly string[], issues: IssueList): Result {
  // The common valid values allocate nothing (bundlers' keepNames makes every closure created here cost a defineProperty).
  const fast = normalizeCommon(type, value);
  return fast !== UNDECIDED ? fast : normalizeAny(type, value, path, issues);
}

/** Every type and value, valid or not, with its issue when not. */
function normalizeAny(type: ScalarType, value: unknown, path: readonly string[], issues: IssueList): Result {
  const fail = (code: Parameters<IssueList['add']>[0], message: string): typeof INVALID => {
    issues.add(code, path, message);
    return INVALID;
  };
  const mismatch = (expected: string): typeof INVALID => fail('TYPE_MISMATCH', `expected ${expected}, found ${describeFound(value)}`);
  const fromResult = <T extends NormalizedValue>(r: TemporalResult<T>): Result => (r.ok ? r.value : fail(r.code, r.message));

  switch (type.kind) {
    case 'decimal': {
      const r = normalizeDecimalValue(value, type.precision, type.scale);
      return r.ok ? r.value : fail(r.code, r.message);
    }
    case 'varchar': {
      if (typeof value !== 'string') return mismatch(`a string for varchar(${type.length})`);
      if (value.length > type.length) {
        const n = countCodePoints(value);
        if (n > type.length) {
          return fail('VARCHAR_LENGTH', `expected at most ${type.length} characters for varchar(${type.length}), found ${n} characters`);
        }
      }
      return wellFormed(value, fail);
    }
    case 'enum': {
      const expected = `one of ${type.values.map((v) => JSON.stringify(v)).join(', ')}`;
      if (typeof value !== 'string') return mismatch(expected);
      return fail('ENUM_VALUE', `expected ${expected}, found a string that is none of them`);
    }
    case 'vector':
      return normalizeVector(type.dimensions, value, path, issues);
    case 'primitive':
      switch (type.name) {
        case 'string':
        case 'text':
          return typeof value === 'string' ? wellFormed(value, fail) : mismatch(`a string (${type.name})`);
        case 'uuid':
          if (typeof value !== 'string') return mismatch('a UUID string');
          return isUuidString(value)
            ? value.toLowerCase()
            : fail('INVALID_UUID', 'expected a UUID string such as "550e8400-e29b-41d4-a716-446655440000", found a string in another format');
        case 'int': {
          const expected = `an int (a whole number from ${INT_MIN} to ${INT_MAX})`;
          if (typeof value !== 'number') return mismatch(expected);
          if (!Number.isFinite(value)) return fail('NOT_FINITE', `expected ${expected}, found ${describeFound(value)}`);
          if (!Number.isInteger(value)) return mismatch(expected);
          if (value < INT_MIN || value > INT_MAX) {
            return fail('INT_RANGE', `expected ${expected}: int is 32-bit, found a whole number ${value < 0 ? 'below' : 'above'} that range`);
          }
          return value === 0 ? 0 : value;
        }
        case 'long':
          return normalizeLong(value, fail, mismatch);
        case 'float':
        case 'double': {
          if (typeof value !== 'number') return mismatch(`a number (${type.name})`);
          if (!Number.isFinite(value)) return fail('NOT_FINITE', `expected a finite number (${type.name}), found ${describeFound(value)}`);
          return value === 0 ? 0 : value; // SQLite stores an integral REAL as an integer: -0 reads back as 0
        }
        case 'bool':
          return typeof value === 'boolean' ? value : mismatch('a boolean (true or false)');
        case 'timestamp':
          return fromResult(normalizeTimestamp(value));
        case 'date':
          return fromResult(normalizeDate(value));
        case 'time':
          return fromResult(normalizeTime(value));
        case 'json':
          return normalizeJson(value, path, issues);
        case 'binary':
          if (value instanceof Uint8Array) return new Uint8Array(value); // a copy, and a plain Uint8Array (not a Buffer)
          if (value instanceof ArrayBuffer) return new Uint8Array(value.slice(0));
          return mismatch('binary data (a Uint8Array or an ArrayBuffer)');
      }
  }
}

function wellFormed(value: string, fail: (code: 'INVALID_STRING', message: string) => typeof INVALID): Result {
  return hasLoneSurrogate(value)
    ? fail('INVALID_STRING', 'expected well-formed Unicode text (SQLite stores UTF-8), found a string with an unpaired surrogate')
    : value;
}

function normalizeLong(
  value: unknown,
  fail: (code: 'NOT_FINITE' | 'LONG_RANGE', message: string) => typeof INVALID,
  mismatch: (expected: string) => typeof INVALID,
): Result {
  const expected = `a long (a whole number or bigint within ±${LONG_LIMIT}, i.e. ±(2^53−1))`;
  const range = (found: string): typeof INVALID =>
    fail(
      'LONG_RANGE',
      `expected ${expected}: Durable Object SQLite returns integers as doubles, so larger longs cannot round-trip; found ${found} beyond that range`,
    );
  if (typeof value === 'bigint') {
    return value >= -BigInt(LONG_LIMIT) && value <= BigInt(LONG_LIMIT) ? Number(value) : range('a bigint');
  }
  if (typeof value !== 'number') return mismatch(expected);
  if (!Number.isFinite(value)) return fail('NOT_FINITE', `expected ${expected}, found ${describeFound(value)}`);
  if (!Number.isInteger(value)) return mismatch(expected);
  if (!Number.isSafeInteger(value)) return range('a whole number');
  return value === 0 ? 0 : value;
}

/**
 * `vector(N)`: a `number[]` or `Float32Array` of exactly N finite numbers,
 * each rounded to float32 as it will be stored (so reads return the same
 * numbers), `-0` as `0`.
 */
function normalizeVector(dimensions: number, value: unknown, path: readonly string[], issues: IssueList): Result {
  const type = `vector(${dimensions})`;
  if (!Array.isArray(value) && !(value instanceof Float32Array)) {
    issues.add('TYPE_MISMATCH', path, `expected ${type}: an array or Float32Array of ${dimensions} numbers, found ${describeFound(value)}`);
    return INVALID;
  }
  let bad = false;
  if (value.length !== dimensions) {
    issues.add('VECTOR_DIMENSIONS', path, `expected ${dimensions} numbers for ${type}, found ${value.length}`);
    bad = true;
  }
  const out = new Array<number>(value.length);
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    const at = [...path, String(i)];
    if (typeof item !== 'number') {
      issues.add('TYPE_MISMATCH', at, `expected a number in ${type}, found ${describeFound(item)}`);
      bad = true;
    } else if (!Number.isFinite(item)) {
      issues.add('NOT_FINITE', at, `expected a finite number in ${type}, found ${describeFound(item)}`);
      bad = true;
    } else if (Math.abs(item) > FLOAT32_MAX && !Number.isFinite(Math.fround(item))) {
      issues.add('NOT_FINITE', at, `expected a number within the float32 range (±${FLOAT32_MAX}) in ${type}, found a number that becomes Infinity as float32`);
      bad = true;
    } else {
      const f = Math.fround(item);
      out[i] = f === 0 ? 0 : f; // -0 as 0: vectors inside arrays are JSON, which writes -0 as 0
    }
  }
  return bad ? INVALID : out;
}
