import { parseDecimal } from '../../store/filter/decimal.js';
import { ZoneMapError } from './zone-map-error.js';
import type { FieldZone, ZoneKind, ZoneMap } from './zone-map.js';

/** Format version of the serialised form; bump on incompatible change. */
const FORMAT = 1;

/** Checks one value of a kind: finite numbers, strings, exact decimal text, booleans. */
const VALUE_CHECKS: Readonly<Record<ZoneKind, (v: unknown) => boolean>> = {
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  timestamp: (v) => typeof v === 'number' && Number.isFinite(v),
  text: (v) => typeof v === 'string',
  decimal: (v) => typeof v === 'string' && parseDecimal(v) !== undefined,
  bool: (v) => typeof v === 'boolean',
};

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : `a ${typeof v}`;
}

/**
 * JSON text of a zone map. Every min/max is already JSON-safe: finite
 * numbers, epoch ms, exact decimal strings, strings, booleans.
 *
 * @example
 * const text = serializeZoneMap(buildZoneMap(User, docs)); // '{"v":1,"count":97,"fields":{…}}'
 */
export function serializeZoneMap(zoneMap: ZoneMap): string {
  return JSON.stringify({ v: FORMAT, count: zoneMap.count, fields: zoneMap.fields });
}

function readZone(name: string, raw: unknown, count: number): FieldZone {
  const fail = (what: string): never => {
    throw new ZoneMapError('INVALID_ZONE_MAP', `field ${JSON.stringify(name)}: ${what}`);
  };
  if (!isRecord(raw)) return fail(`expected a zone object, found ${describe(raw)}`);
  const { kind, min, max, nullCount } = raw;
  if (typeof kind !== 'string' || !Object.hasOwn(VALUE_CHECKS, kind)) return fail('expected kind number, text, decimal, timestamp or bool');
  if (!isCount(nullCount) || nullCount > count || raw.count !== count) return fail(`expected nullCount ≤ count = ${count}`);
  const check = VALUE_CHECKS[kind as ZoneKind];
  const allNull = nullCount === count;
  if (allNull ? min !== null || max !== null : !check(min) || !check(max)) {
    return fail(allNull ? 'expected null min and max when every value is null' : `expected min and max of kind ${kind}, found ${describe(min)} and ${describe(max)}`);
  }
  return { kind, min, max, nullCount, count } as FieldZone;
}

/**
 * Reads what `serializeZoneMap` wrote.
 *
 * @throws ZoneMapError `INVALID_ZONE_MAP` when the text is not a zone map of this format.
 * @example
 * const zm = deserializeZoneMap(row.stats);
 */
export function deserializeZoneMap(text: string): ZoneMap {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ZoneMapError('INVALID_ZONE_MAP', 'expected JSON text, found text that does not parse');
  }
  if (!isRecord(data) || data.v !== FORMAT) throw new ZoneMapError('INVALID_ZONE_MAP', `expected an object with v = ${FORMAT}, found ${isRecord(data) ? 'another version' : describe(data)}`);
  const { count, fields } = data;
  if (!isCount(count)) throw new ZoneMapError('INVALID_ZONE_MAP', `expected a non-negative integer count, found ${describe(count)}`);
  if (!isRecord(fields)) throw new ZoneMapError('INVALID_ZONE_MAP', `expected a fields object, found ${describe(fields)}`);
  const out = Object.create(null) as Record<string, FieldZone>;
  for (const [name, raw] of Object.entries(fields)) out[name] = readZone(name, raw, count);
  return { count, fields: out };
}
