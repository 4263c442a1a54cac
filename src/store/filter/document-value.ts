import { compareDecimals, toDecimal, type Decimal } from './decimal.js';
import { toBytes, toEpochMs, toIsoText, type Comparable } from './operand.js';
import type { Scope } from './plan-node.js';
import type { Target } from './target.js';
import { compareBytes, compareText } from './text-order.js';
import type { ValueKind } from './value-kind.js';

/**
 * Reading canonical JS documents the way SQL reads their rows: timestamps
 * are `Date`s, decimals exact strings, arrays arrays, binary `Uint8Array`,
 * `json` fields plain JSON values. NaN is null (SQLite stores NaN as NULL,
 * JSON writes it as null).
 */

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof Uint8Array) && !(value instanceof ArrayBuffer);
}

/** The raw value a target reads from a document; undefined when absent. Paths step through object keys only, as SQLite's `$."key"` does. */
export function readTarget(target: Target, doc: Readonly<Record<string, unknown>>): unknown {
  if (target.access === 'absent') return undefined;
  let value: unknown = Object.hasOwn(doc, target.column) ? doc[target.column] : undefined;
  for (const segment of target.path) {
    if (!isJsonObject(value) || !Object.hasOwn(value, segment)) return undefined;
    value = value[segment];
  }
  return value;
}

/** Null, absent or NaN. */
export function isNullish(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value));
}

/** The values a leaf looks at: the value itself (typed scalars), the elements (typed arrays), or per `scope` (dynamic). */
export function candidates(target: Target, scope: Scope, raw: unknown): readonly unknown[] {
  if (isNullish(raw)) return [];
  if (target.access === 'elements') return Array.isArray(raw) ? raw : [];
  if (target.kind.type !== 'dynamic') return [raw];
  if (Array.isArray(raw)) return scope === 'scalar' ? [] : raw;
  return scope === 'elements' ? [] : [raw];
}

/** A document value as a comparable of its kind; undefined when it is null or not of the kind. */
export function toComparable(kind: ValueKind, value: unknown, dynamicBytes: boolean): Comparable | undefined {
  if (isNullish(value)) return undefined;
  switch (kind.type) {
    case 'number':
      return typeof value === 'number' ? value : undefined;
    case 'text':
      return typeof value === 'string' ? value : undefined;
    case 'timestamp':
      return toEpochMs(value);
    case 'isoTimestamp': {
      if (typeof value === 'string') return value;
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
      if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
      return dynamicBytes ? toBytes(value) : undefined;
    case 'opaque':
      return undefined;
  }
}

type Class = 'number' | 'string' | 'boolean' | 'bytes' | 'decimal';

function classOf(value: Comparable): Class {
  if (typeof value === 'number') return 'number';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (value instanceof Uint8Array) return 'bytes';
  return 'decimal';
}

/** Compares two comparables; undefined when their types differ (dynamic values only compare within a type). */
export function compareComparable(a: Comparable, b: Comparable): number | undefined {
  const ca = classOf(a);
  if (ca !== classOf(b)) return undefined;
  switch (ca) {
    case 'number':
      return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
    case 'string':
      return compareText(a as string, b as string);
    case 'boolean':
      return Number(a) - Number(b);
    case 'bytes':
      return compareBytes(a as Uint8Array, b as Uint8Array);
    case 'decimal':
      return compareDecimals(a as Decimal, b as Decimal);
  }
}
