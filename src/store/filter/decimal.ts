/**
 * Exact decimal comparison (ICETYPE.md §4: `decimal(P,S)` is stored as text
 * with exactly S fractional digits). Text comparison is wrong ('100.00' <
 * '99.99') and floats are inexact beyond 2^53, so both sides compare as the
 * scaled integer N = value × 10^S, split into three signed 15-digit chunks
 * (each exact as a double): N ↦ (N div 10^30, N div 10^15 mod 10^15, N mod 10^15),
 * every chunk carrying N's sign. Tuples of chunks order exactly as N does, and
 * P ≤ 38 digits always fit in 45.
 */

/** An exact decimal: `units / 10^scale`. */
export interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

const DECIMAL_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,4}))?$/;
const CHUNK = 10n ** 15n;
/** Largest magnitude three chunks hold; stored values (≤ 38 digits) are far below it. */
const MAX_UNITS = CHUNK ** 3n - 1n;

/** Parses `'-10.50'`, `'1e-3'`, `'.5'`; undefined when the text is not a decimal number. */
export function parseDecimal(text: string): Decimal | undefined {
  const m = DECIMAL_TEXT.exec(text);
  if (m === null) return undefined;
  const whole = m[2] ?? '';
  const fraction = m[3] ?? '';
  if (whole.length + fraction.length === 0) return undefined;
  let units = BigInt(whole + fraction);
  if (m[1] === '-') units = -units;
  let scale = fraction.length - Number(m[4] ?? 0);
  if (scale < 0) {
    units *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { units, scale };
}

/** A decimal from a filter operand or document value: exact strings, finite numbers (by their shortest text) and bigints. */
export function toDecimal(value: unknown): Decimal | undefined {
  if (typeof value === 'string') return parseDecimal(value);
  if (typeof value === 'bigint') return { units: value, scale: 0 };
  if (typeof value === 'number' && Number.isFinite(value)) return parseDecimal(String(value));
  return undefined;
}

function scaled(d: Decimal, scale: number): bigint {
  return d.units * 10n ** BigInt(scale - d.scale);
}

/** Exact comparison: negative, zero or positive. */
export function compareDecimals(a: Decimal, b: Decimal): number {
  const scale = Math.max(a.scale, b.scale);
  const x = scaled(a, scale);
  const y = scaled(b, scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The largest value with `scale` fractional digits that is ≤ d, and whether it equals d. */
export function floorToScale(d: Decimal, scale: number): { readonly units: bigint; readonly exact: boolean } {
  if (d.scale <= scale) return { units: scaled(d, scale), exact: true };
  const divisor = 10n ** BigInt(d.scale - scale);
  let units = d.units / divisor; // truncates toward zero
  const exact = units * divisor === d.units;
  if (!exact && d.units < 0n) units -= 1n;
  return { units, exact };
}

/** The three chunk keys of a scaled integer, clamped to what chunks hold (which keeps every comparison with a stored value). */
export function decimalChunks(units: bigint): [number, number, number] {
  const negative = units < 0n;
  let magnitude = negative ? -units : units;
  if (magnitude > MAX_UNITS) magnitude = MAX_UNITS;
  const sign = negative ? -1 : 1;
  const k0 = Number(magnitude % CHUNK);
  const k1 = Number((magnitude / CHUNK) % CHUNK);
  const k2 = Number(magnitude / (CHUNK * CHUNK));
  // `|| 0` turns -0 into 0, as SQLite's integer arithmetic does.
  return [sign * k2 || 0, sign * k1 || 0, sign * k0 || 0];
}

/**
 * The SQL chunk keys of a decimal text expression with a fixed scale, most
 * significant first. NULL in, NULL keys out (which sort first). A leading
 * '-' on zero ('-0.00') gives zero keys.
 */
export function decimalKeySql(text: string): [string, string, string] {
  const sign = `(1 - 2 * (substr(${text}, 1, 1) = '-'))`;
  const digits = `replace(ltrim(${text}, '-'), '.', '')`;
  const chunk = (i: number) => `${sign} * CAST(substr(${digits}, ${-15 * (i + 1)}, 15) AS INTEGER)`;
  return [chunk(2), chunk(1), chunk(0)];
}
