/**
 * `timestamp`, `date` and `time` values (ICETYPE.md §4). Timestamps are
 * instants kept as `Date` (stored as epoch milliseconds); dates are real
 * calendar days `YYYY-MM-DD`; times are `HH:MM:SS[.ffffff]` — both kept as
 * the text they are stored as.
 */
import { describeFound } from './describe-found.js';
import type { DocumentErrorCode } from './document-error.js';

/** The outcome of a temporal check: the canonical value, or an issue. */
export type TemporalResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: DocumentErrorCode; readonly message: string };

/** The largest |epoch milliseconds| a `Date` can hold (ECMA-262 §21.4.1.1). */
const MAX_EPOCH_MS = 8.64e15;

const TIMESTAMP =
  /^([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt ]([01][0-9]|2[0-3]):([0-5][0-9])(?::([0-5][0-9])(?:\.([0-9]{1,9}))?)?(?:([Zz])|([+-])([01][0-9]|2[0-3]):?([0-5][0-9]))$/;
const DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;
const TIME = /^(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]{1,6})?$/;

const TIMESTAMP_EXPECTED =
  'a Date, an ISO-8601 string with a time zone (e.g. "2024-01-15T10:30:00Z" or "…+02:00") or integer epoch milliseconds';

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Whether year-month-day names a real day of the proleptic Gregorian calendar. */
function isCalendarDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return day <= days;
}

const badTimestamp = (found: string): TemporalResult<Date> => ({
  ok: false,
  code: 'INVALID_TIMESTAMP',
  message: `expected ${TIMESTAMP_EXPECTED}, found ${found}`,
});

function parseTimestampString(s: string): TemporalResult<Date> {
  const m = TIMESTAMP.exec(s);
  if (m === null) return badTimestamp('a string that is not an ISO-8601 timestamp with a time zone');
  if (!isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3]))) return badTimestamp('a string naming a day that does not exist');
  // Sub-millisecond digits are dropped: timestamps are stored as epoch milliseconds.
  const ms = (m[7] ?? '').slice(0, 3).padEnd(3, '0');
  const zone = m[8] !== undefined ? 'Z' : `${m[9]}${m[10]}:${m[11]}`;
  const time = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}.${ms}${zone}`);
  return Number.isNaN(time) ? badTimestamp('a string outside the range of Date') : { ok: true, value: new Date(time) };
}

/**
 * A timestamp input as a fresh `Date`.
 *
 * @example
 * normalizeTimestamp('2024-01-15T10:30:00+01:00') // { ok: true, value: new Date('2024-01-15T09:30:00Z') }
 * normalizeTimestamp('2024-01-15T10:30:00').ok // false: no time zone
 */
export function normalizeTimestamp(value: unknown): TemporalResult<Date> {
  if (value instanceof Date) {
    const time = value.getTime();
    return Number.isNaN(time) ? badTimestamp('an invalid Date') : { ok: true, value: new Date(time) };
  }
  if (typeof value === 'number') {
    if (Number.isInteger(value) && Math.abs(value) <= MAX_EPOCH_MS) return { ok: true, value: new Date(value === 0 ? 0 : value) };
    return badTimestamp(Number.isInteger(value) ? 'a whole number outside the range of Date (±8.64e15 ms)' : describeFound(value));
  }
  if (typeof value === 'string') return parseTimestampString(value);
  return { ok: false, code: 'TYPE_MISMATCH', message: `expected ${TIMESTAMP_EXPECTED}, found ${describeFound(value)}` };
}

/**
 * A `date` input: a string `YYYY-MM-DD` naming a real calendar day.
 *
 * @example
 * normalizeDate('2024-02-29').ok // true
 * normalizeDate('2023-02-29').ok // false
 */
export function normalizeDate(value: unknown): TemporalResult<string> {
  const expected = 'expected a date "YYYY-MM-DD" naming a real calendar day';
  if (typeof value !== 'string') return { ok: false, code: 'TYPE_MISMATCH', message: `${expected}, found ${describeFound(value)}` };
  const m = DATE.exec(value);
  if (m === null) return { ok: false, code: 'INVALID_DATE', message: `${expected}, found a string in another format` };
  if (!isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3]))) {
    return { ok: false, code: 'INVALID_DATE', message: `${expected}, found a string naming a day that does not exist` };
  }
  return { ok: true, value };
}

/**
 * A `time` input: a string `HH:MM:SS` with up to 6 fraction digits.
 *
 * @example
 * normalizeTime('23:59:59.123456').ok // true
 */
export function normalizeTime(value: unknown): TemporalResult<string> {
  const expected = 'expected a time "HH:MM:SS[.ffffff]" (00:00:00 to 23:59:59.999999)';
  if (typeof value !== 'string') return { ok: false, code: 'TYPE_MISMATCH', message: `${expected}, found ${describeFound(value)}` };
  if (!TIME.test(value)) return { ok: false, code: 'INVALID_TIME', message: `${expected}, found a string in another format` };
  return { ok: true, value };
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** `now`'s UTC calendar day, `YYYY-MM-DD` (the value of `date = now()`). */
export function utcDateOf(now: Date): string {
  return `${pad(now.getUTCFullYear(), 4)}-${pad(now.getUTCMonth() + 1, 2)}-${pad(now.getUTCDate(), 2)}`;
}

/** `now`'s UTC time of day, `HH:MM:SS.mmm` (the value of `time = now()`). */
export function utcTimeOf(now: Date): string {
  return `${pad(now.getUTCHours(), 2)}:${pad(now.getUTCMinutes(), 2)}:${pad(now.getUTCSeconds(), 2)}.${pad(now.getUTCMilliseconds(), 3)}`;
}
