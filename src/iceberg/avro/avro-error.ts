/**
 * The error of the Avro encoder: a stable `code`, and a message that starts
 * with `avro:` and says what was expected where and what was found
 * ("expected int at path data_file.record_count, found string"). Messages
 * name the kind of value found, never the value itself.
 */
import { IceTypeError } from '../../errors.js';

/** Why an encode was refused. Adding a code is compatible; renaming one is a breaking change. */
export type AvroErrorCode =
  /** A value does not match its schema: wrong kind, out of range, wrong size, unknown enum symbol, no union branch. */
  | 'AVRO_TYPE_MISMATCH'
  /** The schema is not a valid Avro schema: unknown type, bad name, duplicate field or named type, bad fixed size, nested union. */
  | 'AVRO_INVALID_SCHEMA'
  /** A bad option of `encodeAvroFile`: a sync marker not of 16 bytes, a reserved `avro.` metadata key, a block size under 1. */
  | 'AVRO_INVALID_OPTION';

/**
 * An Avro encode was refused; nothing was produced.
 *
 * @example
 * try { encodeAvroValue({ type: 'array', items: 'int' }, [1, 2, 'x']) } catch (e) {
 *   if (e instanceof AvroError) [e.code, e.path] // ['AVRO_TYPE_MISMATCH', '[2]']
 * }
 */
export class AvroError extends IceTypeError {
  override readonly name = 'AvroError';
  declare readonly code: AvroErrorCode;
  /** Where in the value (or schema) the problem is, as `a.b[2]`; `''` at the root. */
  readonly path: string;

  constructor(code: AvroErrorCode, message: string, path = '') {
    super(code, `avro: ${message}`);
    this.path = path;
  }
}

/** A step into a value or schema: a field name or map key (string) or an array index (number). */
export interface AvroPath {
  readonly up: AvroPath | undefined;
  readonly step: string | number;
}

/** The path below `up` by one step. Paths are linked lists, so building them costs nothing until one is printed. */
export function avroPath(up: AvroPath | undefined, step: string | number): AvroPath {
  return { up, step };
}

/** `a.b[2]`; a step that is not a plain name is quoted, `m["k 1"]`. */
export function formatAvroPath(path: AvroPath | undefined): string {
  let out = '';
  for (let p = path; p !== undefined; p = p.up) {
    const { step } = p;
    if (typeof step === 'number') out = `[${step}]${out}`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(step)) out = p.up === undefined ? `${step}${out}` : `.${step}${out}`;
    else out = `[${JSON.stringify(step)}]${out}`;
  }
  return out;
}

/** `expected X at path P, found Y` as an `AVRO_TYPE_MISMATCH`. */
export function avroMismatch(expected: string, path: AvroPath | undefined, found: string): AvroError {
  const where = formatAvroPath(path);
  return new AvroError('AVRO_TYPE_MISMATCH', `expected ${expected} ${where === '' ? 'at the root' : `at path ${where}`}, found ${found}`, where);
}

/** The kind of a value for a message: `null`, `string`, `bigint`, `array`, `bytes (3)`, … — never the value. */
export function describeAvroValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (value instanceof Uint8Array) return `bytes (${value.length})`;
  if (value instanceof Map) return 'Map';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (!Number.isFinite(value)) return 'an infinite number';
    return Number.isInteger(value) ? 'an integer number' : 'a fractional number';
  }
  return typeof value;
}
