import { filterError, type PlanContext } from './context.js';
import { toDecimal, type Decimal } from './decimal.js';
import { describeValue } from './filter-error.js';
import type { Target } from './target.js';
import type { ValueKind } from './value-kind.js';

/**
 * A normalised operand: numbers (and timestamps as epoch ms), strings (and
 * ISO timestamps), booleans, exact decimals, bytes.
 */
export type Comparable = number | string | boolean | Decimal | Uint8Array;

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?$/;

/** Epoch ms of a `Date`, an ISO-8601 string or a finite number; undefined otherwise. */
export function toEpochMs(value: unknown): number | undefined {
  if (value instanceof Date) {
    const ms = value.getTime();
    return Number.isNaN(ms) ? undefined : ms;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && ISO_TIMESTAMP.test(value)) {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

/** ISO-8601 text of an instant, as `JSON.stringify` writes a `Date`; undefined when out of range. */
export function toIsoText(ms: number): string | undefined {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Bytes of a `Uint8Array` or `ArrayBuffer`; undefined otherwise. */
export function toBytes(value: unknown): Uint8Array | undefined {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  return undefined;
}

function expected(kind: ValueKind, allowBytes: boolean): string {
  switch (kind.type) {
    case 'number':
      return 'a finite number';
    case 'text':
      return kind.format === 'date' ? "a 'YYYY-MM-DD' string" : kind.format === 'time' ? "an 'HH:MM:SS[.ffffff]' string" : kind.values !== undefined ? 'a string among the enum values' : 'a string';
    case 'timestamp':
    case 'isoTimestamp':
      return 'a Date, an ISO-8601 string or epoch ms';
    case 'decimal':
      return 'a decimal string, a finite number or a bigint';
    case 'bool':
      return 'a boolean';
    case 'binary':
      return 'a Uint8Array or ArrayBuffer';
    case 'dynamic':
      return allowBytes ? 'a string, finite number, boolean, Date or bytes' : 'a string, finite number, boolean or Date';
    case 'opaque':
      return 'null (only null and $exists apply)';
  }
}

/** Normalises a value, or returns undefined when it does not fit the kind. */
function normalise(kind: ValueKind, value: unknown, allowBytes: boolean): Comparable | undefined {
  switch (kind.type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
    case 'text':
      if (typeof value !== 'string') return undefined;
      if (kind.format === 'date' && !DATE.test(value)) return undefined;
      if (kind.format === 'time' && !TIME.test(value)) return undefined;
      if (kind.values !== undefined && !kind.values.includes(value)) return undefined;
      return value;
    case 'timestamp':
      return toEpochMs(value);
    case 'isoTimestamp': {
      const ms = toEpochMs(value);
      return ms === undefined ? undefined : toIsoText(ms);
    }
    case 'decimal':
      return toDecimal(value);
    case 'bool':
      return typeof value === 'boolean' ? value : undefined;
    case 'binary':
      return toBytes(value);
    case 'dynamic':
      if (typeof value === 'string' || typeof value === 'boolean') return value;
      if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
      // A Date inside JSON is its ISO text; schemaless documents compare Dates the same way.
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
      return allowBytes ? toBytes(value) : undefined;
    case 'opaque':
      return undefined;
  }
}

/**
 * Normalises an operand for a target, throwing `INVALID_OPERAND` (expected
 * vs found type, never the value) when it does not fit.
 */
export function normaliseOperand(ctx: PlanContext, target: Target, operator: string, value: unknown, errorPath: readonly string[]): Comparable {
  // Bytes cannot live inside JSON, so only schemaless documents compare dynamic bytes.
  const allowBytes = target.access === 'document';
  const result = normalise(target.kind, value, allowBytes);
  if (result === undefined) {
    const found = typeof value === 'string' && target.kind.type === 'text' ? 'a string of another form' : describeValue(value);
    throw filterError(ctx, 'INVALID_OPERAND', `expected ${expected(target.kind, allowBytes)} for ${operator} on ${target.label}, found ${found}`, errorPath);
  }
  return result;
}
