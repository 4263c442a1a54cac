/**
 * The values Parquet columns hold (Iceberg spec Appendix A, "Parquet";
 * LogicalTypes.md), from the store's canonical forms (ICETYPE.md §4):
 * exact integer arithmetic throughout, never floats for decimals or
 * microseconds.
 */

const MICROS_PER_MS = 1000n;
const MICROS_PER_SECOND = 1_000_000n;

/**
 * A timestamp as INT64 TIMESTAMP(MICROS, UTC): microseconds since
 * 1970-01-01T00:00:00Z, negative before. The store keeps milliseconds, so
 * the last three digits are 0.
 *
 * @example
 * timestampMicros(new Date('2024-01-15T10:30:00.123Z')) // 1705314600123000n
 * timestampMicros(new Date(-1))                         // -1000n
 */
export function timestampMicros(date: Date): bigint {
  return BigInt(date.getTime()) * MICROS_PER_MS;
}

/**
 * A `YYYY-MM-DD` date as INT32 DATE: days since 1970-01-01 in the
 * proleptic Gregorian calendar, negative before (Hinnant's
 * days_from_civil; no `Date`, whose `Date.UTC` maps years 0–99 to 1900–1999).
 *
 * @example
 * dateDays('2024-01-15') // 19737 (the published generator wrote 2024)
 * dateDays('1969-12-31') // -1
 */
export function dateDays(text: string): number {
  const month = Number(text.slice(5, 7));
  const day = Number(text.slice(8, 10));
  const year = Number(text.slice(0, 4)) - (month <= 2 ? 1 : 0);
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/**
 * An `HH:MM:SS[.ffffff]` time as INT64 TIME(MICROS): microseconds since
 * midnight.
 *
 * @example
 * timeMicros('10:30:00.5') // 37800500000n
 */
export function timeMicros(text: string): bigint {
  const seconds = Number(text.slice(0, 2)) * 3600 + Number(text.slice(3, 5)) * 60 + Number(text.slice(6, 8));
  const fraction = text.length > 9 ? text.slice(9).padEnd(6, '0') : '0';
  return BigInt(seconds) * MICROS_PER_SECOND + BigInt(fraction);
}

/**
 * A canonical decimal (exactly S fraction digits, as the store keeps it) as
 * its unscaled integer: the value × 10^S, exactly. Parquet stores that
 * integer (INT32, INT64 or big-endian two's complement bytes, by precision).
 *
 * @example
 * decimalUnscaled('-12.30') // -1230n (decimal(10,2))
 * decimalUnscaled('99999999999999999999999999999999999999') // 10n ** 38n - 1n
 */
export function decimalUnscaled(text: string): bigint {
  return BigInt(text.replace('.', ''));
}
