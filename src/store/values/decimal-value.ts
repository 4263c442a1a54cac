/**
 * `decimal(P,S)` values (ICETYPE.md §1.1, §4): exact end to end. Inputs are
 * plain decimal strings, bigints or finite numbers (taken at their shortest
 * round-trip decimal form, so `0.1` is `0.1`); the canonical form is a string
 * with exactly S fraction digits. Values are padded, never rounded: too many
 * digits is an error.
 */
import { describeFound } from './describe-found.js';
import type { DocumentErrorCode } from './document-error.js';

const DECIMAL_STRING = /^(-?)([0-9]+)(?:\.([0-9]+))?$/;
const NUMBER_TEXT = /^(-?)([0-9]+)(?:\.([0-9]+))?(?:e([+-][0-9]+))?$/;

/** A decimal's digits: sign, integer digits, fraction digits (either may be empty). */
interface DecimalDigits {
  readonly negative: boolean;
  readonly integer: string;
  readonly fraction: string;
}

/** The digits of a finite JS number's shortest round-trip text (`String(n)`), exponent expanded. */
function digitsOfNumber(n: number): DecimalDigits {
  const m = NUMBER_TEXT.exec(String(n))!;
  const negative = m[1] === '-';
  const digits = m[2]! + (m[3] ?? '');
  const point = m[2]!.length + Number(m[4] ?? 0);
  if (point <= 0) return { negative, integer: '', fraction: '0'.repeat(-point) + digits };
  if (point >= digits.length) return { negative, integer: digits + '0'.repeat(point - digits.length), fraction: '' };
  return { negative, integer: digits.slice(0, point), fraction: digits.slice(point) };
}

function digitsOf(value: unknown): DecimalDigits | undefined {
  if (typeof value === 'string') {
    const m = DECIMAL_STRING.exec(value);
    return m === null ? undefined : { negative: m[1] === '-', integer: m[2]!, fraction: m[3] ?? '' };
  }
  if (typeof value === 'bigint') {
    const text = value.toString();
    return value < 0n ? { negative: true, integer: text.slice(1), fraction: '' } : { negative: false, integer: text, fraction: '' };
  }
  if (typeof value === 'number' && Number.isFinite(value)) return digitsOfNumber(value);
  return undefined;
}

/** The outcome of `normalizeDecimalValue`: the canonical text, or an issue. */
export type DecimalResult =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly code: DocumentErrorCode; readonly message: string };

/**
 * Checks a decimal input against `decimal(precision, scale)` and returns its
 * canonical text: no leading zeros, no `-0`, exactly `scale` fraction digits.
 *
 * @example
 * normalizeDecimalValue('12.3', 10, 2) // { ok: true, value: '12.30' }
 * normalizeDecimalValue(0.1, 10, 2) // { ok: true, value: '0.10' }
 * normalizeDecimalValue('1.005', 10, 2).ok // false (DECIMAL_PRECISION: never rounded)
 */
export function normalizeDecimalValue(value: unknown, precision: number, scale: number): DecimalResult {
  const type = `decimal(${precision},${scale})`;
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return { ok: false, code: 'NOT_FINITE', message: `expected a finite number for ${type}, found ${describeFound(value)}` };
  }
  const d = digitsOf(value);
  if (d === undefined) {
    const found = typeof value === 'string' ? 'a string that is not a plain decimal number' : describeFound(value);
    return {
      ok: false,
      code: typeof value === 'string' ? 'INVALID_DECIMAL' : 'TYPE_MISMATCH',
      message: `expected ${type}: a string such as "-12.30" (digits, an optional "-" and ".", no exponent), a bigint or a finite number, found ${found}`,
    };
  }
  const integer = d.integer.replace(/^0+/, '');
  const fraction = d.fraction.replace(/0+$/, '');
  const maxInteger = precision - scale;
  if (integer.length > maxInteger) {
    return {
      ok: false,
      code: 'DECIMAL_PRECISION',
      message: `expected at most ${maxInteger} integer digits for ${type}, found ${integer.length} integer digits`,
    };
  }
  if (fraction.length > scale) {
    return {
      ok: false,
      code: 'DECIMAL_PRECISION',
      message: `expected at most ${scale} fraction digits for ${type} (decimals are never rounded), found ${fraction.length} fraction digits`,
    };
  }
  const zero = integer.length === 0 && fraction.length === 0;
  const text = `${d.negative && !zero ? '-' : ''}${integer || '0'}${scale > 0 ? `.${fraction.padEnd(scale, '0')}` : ''}`;
  return { ok: true, value: text };
}
