import type { IceTypeSchema } from '../../icetype/ast.js';
import { isStoredField } from '../../icetype/schema-checks.js';
import { compareComparable, isNullish, toComparable } from '../../store/filter/document-value.js';
import type { Comparable } from '../../store/filter/operand.js';
import { compareText } from '../../store/filter/text-order.js';
import { kindOfField, SYSTEM_FIELD_KINDS, type ValueKind } from '../../store/filter/value-kind.js';
import type { FieldZone, ZoneKind, ZoneMap } from './zone-map.js';
import { fieldColumns } from '../field-columns.js';

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

/** Orders two comparables of one zone; numbers (numbers, timestamps) and text without the general comparison. */
function compare(a: Comparable, b: Comparable): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return compareText(a, b);
  return compareComparable(a, b) ?? 0;
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
      // The common kinds directly; the rest as the filter layer reads them.
      comparable =
        kind === 'timestamp' && raw instanceof Date
          ? raw.getTime()
          : (kind === 'number' && typeof raw === 'number') || (kind === 'text' && typeof raw === 'string')
            ? raw
            : toComparable(this.valueKind, raw, false);
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
    this.nonNull++;
    if (this.minC === undefined) {
      const value = this.#stored(kind, raw, comparable);
      this.minC = this.maxC = comparable;
      this.minV = this.maxV = value;
      return;
    }
    if (compare(comparable, this.minC) < 0) {
      this.minC = comparable;
      this.minV = this.#stored(kind, raw, comparable);
    } else if (compare(comparable, this.maxC!) > 0) {
      this.maxC = comparable;
      this.maxV = this.#stored(kind, raw, comparable);
    }
  }

  /**
   * `add` of each value. Numbers, timestamps and text — nearly every zone —
   * take a loop of their own; any value it does not expect goes to `add`.
   */
  addAll(values: readonly unknown[]): void {
    const fast = this.valueKind === undefined ? undefined : this.kind;
    if (fast === 'number' || fast === 'timestamp') this.#addNumbers(values, fast === 'timestamp');
    else if (fast === 'text') this.#addTexts(values);
    else for (const value of values) this.add(value);
  }

  /** Finite numbers, or valid Dates as epoch ms, in one loop; the rest through `add`. */
  #addNumbers(values: readonly unknown[], dates: boolean): void {
    for (const raw of values) {
      if (raw === null || raw === undefined) continue;
      let n: number;
      if (dates) {
        if (!(raw instanceof Date)) {
          this.add(raw);
          continue;
        }
        n = raw.getTime();
      } else {
        if (typeof raw !== 'number') {
          this.add(raw);
          continue;
        }
        n = raw;
      }
      if (!Number.isFinite(n)) {
        this.add(raw);
        continue;
      }
      if (this.broken) return;
      this.nonNull++;
      if (this.minC === undefined) {
        this.minC = this.maxC = this.minV = this.maxV = n;
      } else if (n < (this.minC as number)) {
        this.minC = this.minV = n;
      } else if (n > (this.maxC as number)) {
        this.maxC = this.maxV = n;
      }
    }
  }

  /** Strings in one loop, in code-point order; the rest through `add`. */
  #addTexts(values: readonly unknown[]): void {
    for (const raw of values) {
      if (raw === null || raw === undefined) continue;
      if (typeof raw !== 'string') {
        this.add(raw);
        continue;
      }
      if (this.broken) return;
      this.nonNull++;
      if (this.minC === undefined) {
        this.minC = this.maxC = this.minV = this.maxV = raw;
      } else if (raw !== this.minC && compareText(raw, this.minC as string) < 0) {
        this.minC = this.minV = raw;
      } else if (raw !== this.maxC && compareText(raw, this.maxC as string) > 0) {
        this.maxC = this.maxV = raw;
      }
    }
  }

  /** The stored form of an extreme: decimals keep their exact text, the rest their comparable. */
  #stored(kind: ZoneKind, raw: unknown, comparable: Comparable): ZoneValue {
    return kind === 'decimal' ? (typeof raw === 'string' ? raw : String(raw)) : (comparable as ZoneValue);
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
  if (schema === undefined) {
    for (const doc of docs) {
      for (const key of Object.keys(doc)) {
        if (!key.startsWith('$') && !builders.has(key)) builders.set(key, new ZoneBuilder(undefined, undefined));
      }
    }
  }
  // Field by field over the documents: each builder sees one kind of value.
  const names = [...builders.keys()];
  const columns = fieldColumns(docs, names);
  for (let i = 0; i < names.length; i++) {
    builders.get(names[i]!)!.addAll(columns[i]!);
  }
  // Null prototype: document keys such as `__proto__` stay plain keys.
  const fields = Object.create(null) as Record<string, FieldZone>;
  for (const [name, builder] of builders) {
    const zone = builder.zone(docs.length);
    if (zone !== undefined) fields[name] = zone;
  }
  return { count: docs.length, fields };
}
