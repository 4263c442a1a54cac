/**
 * String formats IceType recognises (ICETYPE.md §1.1 defaults, §5 inference):
 * UUIDs, ISO dates, times and timestamps. Cheap length and character
 * pre-checks run before each (linear, backtracking-free) pattern.
 */

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const DATE = /^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$/;
const TIME = /^(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]{1,9})?$/;
const TIMESTAMP =
  /^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])[T ](?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\.[0-9]{1,9})?)?(?:Z|[+-](?:[01][0-9]|2[0-3]):?[0-5][0-9])?$/;

/** `550e8400-e29b-41d4-a716-446655440000` (any version, either case). */
export function isUuidString(s: string): boolean {
  return s.length === 36 && s.charCodeAt(8) === 45 && s.charCodeAt(13) === 45 && UUID.test(s);
}

/** `YYYY-MM-DD`. */
export function isDateString(s: string): boolean {
  return s.length === 10 && s.charCodeAt(4) === 45 && DATE.test(s);
}

/** `HH:MM:SS` with an optional fraction of up to 9 digits. */
export function isTimeString(s: string): boolean {
  return s.length >= 8 && s.length <= 18 && s.charCodeAt(2) === 58 && TIME.test(s);
}

/** `YYYY-MM-DDTHH:MM[:SS[.f]]` with an optional `Z` or `±HH:MM` (a space may replace the `T`). */
export function isTimestampString(s: string): boolean {
  if (s.length < 16 || s.length > 35 || s.charCodeAt(4) !== 45) return false;
  const sep = s.charCodeAt(10);
  return (sep === 84 || sep === 32) && TIMESTAMP.test(s);
}

/** A timestamp string that names its zone (`Z` or `±HH:MM`): one instant wherever it is read. */
export function isZonedTimestampString(s: string): boolean {
  if (!isTimestampString(s)) return false;
  const last = s.charCodeAt(s.length - 1);
  return last === 90 /* Z */ || /[+-][0-9]{2}:?[0-9]{2}$/.test(s.slice(16));
}
