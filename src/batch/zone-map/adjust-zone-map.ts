import type { IceTypeSchema } from '../../icetype/ast.js';
import { parseDecimal } from '../../store/filter/decimal.js';
import { compareComparable, isNullish } from '../../store/filter/document-value.js';
import type { Comparable } from '../../store/filter/operand.js';
import { buildZoneMap } from './build-zone-map.js';
import type { FieldZone, ZoneMap } from './zone-map.js';

/**
 * A batch's zone map after documents left it and others joined, without
 * reading the documents that stayed: counts and null counts stay exact,
 * min/max widen to the new values and do not shrink for the removed ones.
 * A wider range is still sound — pruning only ever skips a batch whose range
 * excludes every match — just less sharp, until the batch is next rebuilt
 * whole (splits, compaction). A field the new documents give another kind,
 * or one the map had no zone for, keeps (or gets) no zone. Pure.
 *
 * @example
 * adjustZoneMap(Event, zoneMap, [oldVersion], [newVersion]) // after an update
 */
export function adjustZoneMap(
  schema: IceTypeSchema | undefined,
  zoneMap: ZoneMap,
  removed: readonly Readonly<Record<string, unknown>>[],
  added: readonly Readonly<Record<string, unknown>>[],
): ZoneMap {
  const count = zoneMap.count - removed.length + added.length;
  const incoming = buildZoneMap(schema, added);
  const fields = Object.create(null) as Record<string, FieldZone>;
  for (const [name, zone] of Object.entries(zoneMap.fields)) {
    if (zone.count !== zoneMap.count) continue;
    const present = added.some((doc) => Object.hasOwn(doc, name) && !isNullish(doc[name]));
    const other = Object.hasOwn(incoming.fields, name) ? incoming.fields[name] : undefined;
    // Values the new documents have but no zone could hold (another kind, or no kind with an order): nothing is known.
    if (present && (other === undefined || other.kind !== zone.kind)) continue;
    const removedNulls = removed.filter((doc) => !Object.hasOwn(doc, name) || isNullish(doc[name])).length;
    const addedNulls = other === undefined ? added.length : other.nullCount;
    const merged = { ...zone, nullCount: zone.nullCount - removedNulls + addedNulls, count } as FieldZone;
    if (other !== undefined && other.min !== null && other.max !== null) {
      const lower = zone.min === null ? true : less(zone.kind, other.min, zone.min);
      const higher = zone.max === null ? true : less(zone.kind, zone.max, other.max);
      // Values that do not compare leave the range unknown: no zone.
      if (lower === undefined || higher === undefined) continue;
      (merged as { min: unknown }).min = lower ? other.min : zone.min;
      (merged as { max: unknown }).max = higher ? other.max : zone.max;
    }
    if (merged.nullCount === count) {
      // Every value is null now: no range at all (the format says so with null bounds).
      (merged as { min: unknown }).min = null;
      (merged as { max: unknown }).max = null;
    } else if (merged.min === null || merged.max === null) continue;
    fields[name] = merged;
  }
  return { count, fields };
}

/** Whether `a < b` for two zone values of one kind; undefined when they do not compare. */
function less(kind: FieldZone['kind'], a: unknown, b: unknown): boolean | undefined {
  const ca: Comparable | undefined = kind === 'decimal' ? parseDecimal(a as string) : (a as Comparable);
  const cb: Comparable | undefined = kind === 'decimal' ? parseDecimal(b as string) : (b as Comparable);
  if (ca === undefined || cb === undefined) return undefined;
  const order = compareComparable(ca, cb);
  return order === undefined ? undefined : order < 0;
}
