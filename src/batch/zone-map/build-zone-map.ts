import type { IceTypeSchema } from '../../icetype/ast.js';
import { isStoredField } from '../../icetype/schema-checks.js';
import { compareComparable, isNullish, toComparable } from '../../store/filter/document-value.js';
import type { Comparable } from '../../store/filter/operand.js';
import { kindOfField, SYSTEM_FIELD_KINDS, type ValueKind } from '../../store/filter/value-kind.js';
import type { FieldZone, ZoneKind, ZoneMap } from './zone-map.js';

/** A min or max of a zone. */
type ZoneValue = NonNullable<FieldZone['min']>;

/** The system fields that get zones (`$type` is one value per collection). */
export const ZONE_SYSTEM_FIELDS = ['$id', '$createdAt', '$updatedAt', '$version'] as const;

/** The zone kind of a value kind; undefined for kinds without zones (arrays' elements, json, binary, vectors). */
function zoneKindOf(kind: ValueKind): ZoneKind | undefined {
  switch (kind.type) {
    case 'number':
    case 'text':
    case 'timestamp':
    case 'decimal':
    case 'bool':
      return kind.type;
    default:
      return undefined;
  }
}

/** The zone kind and comparable of a schemaless value; undefined when it cannot have a zone. */
function inferValue(value: unknown): { readonly kind: ZoneKind; readonly comparable: Comparable } | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? { kind: 'number', comparable: value } : undefined;
  if (typeof value === 'string') return { kind: 'text', comparable: value };
  if (typeof value === 'boolean') return { kind: 'bool', comparable: value };
  if (value instanceof Date) {
    const ms = value.getTime();
    return Number.isNaN(ms) ? undefined : { kind: 'timestamp', comparable: ms };
  }
  return undefined;
}

/** Accumulates one field's statistics; `kind` undefined until the first non-null value (schemaless). */
class ZoneBuilder {
  // Comparable and stored form of the extremes, kept apart so that a new extreme allocates nothing.
  private minC: Comparable | undefined;
  private minV: ZoneValue | undefined;
  private maxC: Comparable | undefined;
  private maxV: ZoneValue | undefined;
  private nonNull = 0;
  private broken = false;

  constructor(
    private kind: ZoneKind | undefined,
    /** The filter layer's kind, for typed fields. */
    private readonly valueKind: ValueKind | undefined,
  ) {}

  add(raw: unknown): void {
    if (this.broken || isNullish(raw)) return;
    let kind: ZoneKind;
    let comparable: Comparable | undefined;
    if (this.valueKind !== undefined) {
      kind = this.kind as ZoneKind;
      comparable = toComparable(this.valueKind, raw, false);
      // Non-finite numbers are not JSON-safe; a value that does not fit its kind makes the zone unknowable.
      if (comparable === undefined || (typeof comparable === 'number' && !Number.isFinite(comparable))) {
        this.broken = true;
        return;
      }
    } else {
      const inferred = inferValue(raw);
      if (inferred === undefined || (this.kind !== undefined && this.kind !== inferred.kind)) {
        this.broken = true;
        return;
      }
      kind = inferred.kind;
      comparable = inferred.comparable;
      this.kind = kind;
    }
    const value: ZoneValue = kind === 'decimal' ? (typeof raw === 'string' ? raw : String(raw)) : (comparable as ZoneValue);
    this.nonNull++;
    if (this.minC === undefined || (compareComparable(comparable, this.minC) ?? 0) < 0) {
      this.minC = comparable;
      this.minV = value;
    }
    if (this.maxC === undefined || (compareComparable(comparable, this.maxC) ?? 0) > 0) {
      this.maxC = comparable;
      this.maxV = value;
    }
  }

  zone(count: number): FieldZone | undefined {
    if (this.broken || this.kind === undefined) return undefined;
    return { kind: this.kind, min: this.minV ?? null, max: this.maxV ?? null, nullCount: count - this.nonNull, count } as FieldZone;
  }
}

/**
 * The zone map of one batch of canonical documents (`Date` timestamps, exact
 * decimal strings). With a schema: every top-level stored scalar field of a
 * kind with an order or equality (number, text, timestamp, decimal, bool) and
 * the system fields `$id`, `$createdAt`, `$updatedAt`, `$version`. Without
 * one: every top-level key whose non-null values share one kind (finite
 * numbers, strings, booleans, Dates); mixed kinds, arrays and objects give
 * that field no zone. Pure.
 *
 * @example
 * const zm = buildZoneMap(User, docs);
 * zm.fields.age // { kind: 'number', min: 4, max: 100, nullCount: 0, count: 97 }
 */
export function buildZoneMap(schema: IceTypeSchema | undefined, docs: readonly Readonly<Record<string, unknown>>[]): ZoneMap {
  const builders = new Map<string, ZoneBuilder>();
  for (const name of ZONE_SYSTEM_FIELDS) {
    const kind = SYSTEM_FIELD_KINDS[name] as ValueKind;
    builders.set(name, new ZoneBuilder(zoneKindOf(kind), kind));
  }
  if (schema !== undefined) {
    for (const [name, field] of schema.fields) {
      if (!isStoredField(field) || field.isArray) continue;
      const kind = kindOfField(field);
      const zoneKind = zoneKindOf(kind);
      if (zoneKind !== undefined) builders.set(name, new ZoneBuilder(zoneKind, kind));
    }
  }
  for (const doc of docs) {
    if (schema === undefined) {
      for (const key of Object.keys(doc)) {
        if (!key.startsWith('$') && !builders.has(key)) builders.set(key, new ZoneBuilder(undefined, undefined));
      }
    }
    for (const [name, builder] of builders) builder.add(Object.hasOwn(doc, name) ? doc[name] : undefined);
  }
  // Null prototype: document keys such as `__proto__` stay plain keys.
  const fields = Object.create(null) as Record<string, FieldZone>;
  for (const [name, builder] of builders) {
    const zone = builder.zone(docs.length);
    if (zone !== undefined) fields[name] = zone;
  }
  return { count: docs.length, fields };
}
