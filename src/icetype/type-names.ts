/**
 * The type names of ICETYPE.md §1.1: primitives with their aliases, the
 * parametric names, shared immutable primitive type objects, and "did you
 * mean" suggestions for unknown names.
 */
import type { PrimitiveName, ScalarType } from './ast.js';

/** Every canonical primitive name, in the order of ICETYPE.md §1.1. */
export const PRIMITIVE_NAMES: readonly PrimitiveName[] = [
  'string',
  'text',
  'int',
  'long',
  'float',
  'double',
  'bool',
  'uuid',
  'timestamp',
  'date',
  'time',
  'json',
  'binary',
];

/** Largest `varchar(N)`: SQLite's default `SQLITE_MAX_LENGTH`. */
export const MAX_VARCHAR_LENGTH = 1_000_000_000;

/** Largest `vector(N)`. */
export const MAX_VECTOR_DIMENSIONS = 65_536;

/** `int` is a 32-bit signed integer. */
export const INT_MIN = -2147483648;
export const INT_MAX = 2147483647;

/**
 * Why `decimal(precision, scale)` is out of range (1 ≤ P ≤ 38, 0 ≤ S ≤ P),
 * or undefined when it is fine.
 */
export function decimalRangeProblem(precision: number, scale: number): string | undefined {
  const ok =
    Number.isInteger(precision) && Number.isInteger(scale) && precision >= 1 && precision <= 38 && scale >= 0 && scale <= precision;
  return ok ? undefined : `expected decimal(P,S) with 1 ≤ P ≤ 38 and 0 ≤ S ≤ P, found decimal(${precision},${scale})`;
}

/** Why `varchar(n)` / `vector(n)` is out of range, or undefined when it is fine. */
export function sizeProblem(kind: 'varchar' | 'vector', n: number): string | undefined {
  const max = kind === 'varchar' ? MAX_VARCHAR_LENGTH : MAX_VECTOR_DIMENSIONS;
  return Number.isInteger(n) && n >= 1 && n <= max ? undefined : `expected ${kind}(N) with 1 ≤ N ≤ ${max}, found ${kind}(${n})`;
}

/** Type names that take parameters: `decimal(P,S)`, `varchar(N)`, `vector(N)`. */
export const PARAMETRIC_NAMES: readonly string[] = ['decimal', 'varchar', 'vector'];

/** One frozen `{ kind: 'primitive', name }` per primitive; parsed fields share them. */
export const PRIMITIVE_TYPES: Readonly<Record<PrimitiveName, ScalarType>> = Object.freeze(
  Object.fromEntries(PRIMITIVE_NAMES.map((name) => [name, Object.freeze({ kind: 'primitive', name })])) as Record<
    PrimitiveName,
    ScalarType
  >,
);

/** Lower-case spelling → canonical primitive (aliases folded: `boolean`→`bool`, `bigint`→`long`). */
const BY_NAME = new Map<string, ScalarType>();
for (const name of PRIMITIVE_NAMES) BY_NAME.set(name, PRIMITIVE_TYPES[name]);
BY_NAME.set('boolean', PRIMITIVE_TYPES.bool);
BY_NAME.set('bigint', PRIMITIVE_TYPES.long);

const ALL_SPELLINGS: readonly string[] = [...BY_NAME.keys(), ...PARAMETRIC_NAMES];

/** Whether `name` is a canonical primitive name. */
export function isPrimitiveName(name: unknown): name is PrimitiveName {
  return typeof name === 'string' && (PRIMITIVE_NAMES as readonly string[]).includes(name);
}

/**
 * The primitive type a spelling denotes, case-insensitively, or undefined.
 *
 * @example
 * lookupPrimitive('BOOLEAN') // { kind: 'primitive', name: 'bool' }
 */
export function lookupPrimitive(spelling: string): ScalarType | undefined {
  return exactPrimitive(spelling) ?? BY_NAME.get(spelling.toLowerCase());
}

/** The common case, lower-case spellings, by comparison rather than hashing a fresh string. */
function exactPrimitive(s: string): ScalarType | undefined {
  switch (s.length) {
    case 3:
      return s === 'int' ? PRIMITIVE_TYPES.int : undefined;
    case 4:
      switch (s) {
        case 'text':
          return PRIMITIVE_TYPES.text;
        case 'long':
          return PRIMITIVE_TYPES.long;
        case 'bool':
          return PRIMITIVE_TYPES.bool;
        case 'uuid':
          return PRIMITIVE_TYPES.uuid;
        case 'date':
          return PRIMITIVE_TYPES.date;
        case 'time':
          return PRIMITIVE_TYPES.time;
        case 'json':
          return PRIMITIVE_TYPES.json;
      }
      return undefined;
    case 5:
      return s === 'float' ? PRIMITIVE_TYPES.float : undefined;
    case 6:
      switch (s) {
        case 'string':
          return PRIMITIVE_TYPES.string;
        case 'double':
          return PRIMITIVE_TYPES.double;
        case 'binary':
          return PRIMITIVE_TYPES.binary;
        case 'bigint':
          return PRIMITIVE_TYPES.long;
      }
      return undefined;
    case 7:
      return s === 'boolean' ? PRIMITIVE_TYPES.bool : undefined;
    case 9:
      return s === 'timestamp' ? PRIMITIVE_TYPES.timestamp : undefined;
  }
  return undefined;
}

function distance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/**
 * The valid type names closest to an unknown one (edit distance ≤ 2, or a
 * shared prefix), or every valid name when none is close.
 *
 * @example
 * suggestTypeNames('strng') // ['string']
 */
export function suggestTypeNames(unknown: string): string[] {
  const lower = unknown.toLowerCase();
  const near = ALL_SPELLINGS.filter(
    (n) => distance(lower, n) <= 2 || (lower.length >= 3 && (n.startsWith(lower) || lower.startsWith(n))),
  );
  return near.length > 0 ? near : [...ALL_SPELLINGS];
}

/**
 * A scalar type as IceType source: `string`, `decimal(10,2)`, `"a" | "b"`.
 *
 * @example
 * printScalarType({ kind: 'decimal', precision: 10, scale: 2 }) // 'decimal(10,2)'
 */
export function printScalarType(type: ScalarType): string {
  switch (type.kind) {
    case 'primitive':
      return type.name;
    case 'decimal':
      return `decimal(${type.precision},${type.scale})`;
    case 'varchar':
      return `varchar(${type.length})`;
    case 'vector':
      return `vector(${type.dimensions})`;
    case 'enum':
      return type.values.map((v) => JSON.stringify(v)).join(' | ');
  }
}
