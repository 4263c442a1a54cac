import type { IceTypeSchema } from '../../icetype/ast.js';
import { compareComparable } from '../../store/filter/document-value.js';
import { parseDecimal } from '../../store/filter/decimal.js';
import { toIsoText, type Comparable } from '../../store/filter/operand.js';
import { planFilter } from '../../store/filter/plan-filter.js';
import type { CompareOp, LeafNode, PlanNode } from '../../store/filter/plan-node.js';
import type { Target } from '../../store/filter/target.js';
import type { Filter, FilterOptions } from '../../store/filter/types.js';
import type { FieldZone, ZoneMap } from './zone-map.js';

/**
 * The pruning planner (issue 4 §2): whether a batch can hold no document
 * matching a filter, from its zone map alone. Pure. It interprets the same
 * validated plan (`planFilter`) as `matchesFilter` and compares with the same
 * functions, so "pruned" implies "no document matches". Anything it cannot
 * decide from min/max/null counts — `$ne`, `$nin`, `$not` (except
 * `$exists: true`), string operators, array fields, dot paths, json fields,
 * fields without a zone — keeps the batch.
 */

/** Years 0000–9999: where ISO-8601 text order is instant order. */
const FOUR_DIGIT_MIN = new Date('0000-01-01T00:00:00.000Z').getTime();
const FOUR_DIGIT_MAX = new Date('9999-12-31T23:59:59.999Z').getTime();

/** Min and max as the comparables the evaluator would see for this target; undefined when the zone cannot speak for it. */
function bounds(zone: FieldZone, target: Target): readonly [Comparable, Comparable] | undefined {
  if (zone.min === null || zone.max === null) return undefined;
  const kind = target.kind.type;
  switch (zone.kind) {
    case 'number':
      return kind === 'number' || kind === 'dynamic' ? [zone.min, zone.max] : undefined;
    case 'text':
      return kind === 'text' || kind === 'dynamic' ? [zone.min, zone.max] : undefined;
    case 'bool':
      return kind === 'bool' || kind === 'dynamic' ? [zone.min, zone.max] : undefined;
    case 'decimal': {
      if (kind !== 'decimal') return undefined;
      const min = parseDecimal(zone.min);
      const max = parseDecimal(zone.max);
      return min === undefined || max === undefined ? undefined : [min, max];
    }
    case 'timestamp': {
      if (kind === 'timestamp') return [zone.min, zone.max];
      // Schemaless documents compare Dates as their ISO text, which orders as instants only for four-digit years.
      if (kind !== 'dynamic' || zone.min < FOUR_DIGIT_MIN || zone.max > FOUR_DIGIT_MAX) return undefined;
      const min = toIsoText(zone.min);
      const max = toIsoText(zone.max);
      return min === undefined || max === undefined ? undefined : [min, max];
    }
  }
}

/** The zone of a leaf's target when the zone describes exactly the values the evaluator reads. */
function zoneFor(zoneMap: ZoneMap, target: Target): FieldZone | undefined {
  if ((target.access !== 'column' && target.access !== 'document') || target.path.length > 0) return undefined;
  if (!Object.hasOwn(zoneMap.fields, target.column)) return undefined;
  const zone = zoneMap.fields[target.column] as FieldZone;
  // A zone from another batch size is not this batch's.
  return zone.count === zoneMap.count ? zone : undefined;
}

/** Whether some value in [min, max] can satisfy `value op operand`; true when unsure. */
function rangeMay(min: Comparable, max: Comparable, op: CompareOp, operand: Comparable): boolean {
  const lo = compareComparable(min, operand);
  const hi = compareComparable(max, operand);
  // Different types never compare equal or ordered in the evaluator: nothing in the batch can match.
  if (lo === undefined || hi === undefined) return false;
  switch (op) {
    case 'eq':
      return lo <= 0 && hi >= 0;
    case 'gt':
      return hi > 0;
    case 'gte':
      return hi >= 0;
    case 'lt':
      return lo < 0;
    case 'lte':
      return lo <= 0;
  }
}

function leafMay(zoneMap: ZoneMap, leaf: LeafNode): boolean {
  const zone = zoneFor(zoneMap, leaf.target);
  if (zone === undefined) return true;
  switch (leaf.t) {
    case 'null':
      return zone.nullCount > 0;
    case 'cmp':
    case 'in': {
      if (leaf.scope === 'elements') return true;
      if (zone.nullCount === zone.count) return false;
      const range = bounds(zone, leaf.target);
      if (range === undefined) return true;
      const [min, max] = range;
      return leaf.t === 'cmp' ? rangeMay(min, max, leaf.op, leaf.value) : leaf.values.some((v) => rangeMay(min, max, 'eq', v));
    }
    case 'text':
      return true;
  }
}

/**
 * Whether some document of the batch may satisfy a planned filter (`planFilter`):
 * false only when the zone map proves none does.
 *
 * @example
 * mayMatch(zoneMap, planFilter(User, { age: { $gt: 200 } })) // false when every age ≤ 200
 */
export function mayMatch(zoneMap: ZoneMap, node: PlanNode): boolean {
  switch (node.t) {
    case 'const':
      return node.value;
    case 'and':
      return node.children.every((child) => mayMatch(zoneMap, child));
    case 'or':
      return node.children.some((child) => mayMatch(zoneMap, child));
    case 'not': {
      // `$exists: true` is not(null): it fails only when every value is null.
      if (node.child.t === 'null') {
        const zone = zoneFor(zoneMap, node.child.target);
        return zone === undefined || zone.nullCount < zone.count;
      }
      return true;
    }
    default:
      return leafMay(zoneMap, node);
  }
}

/** Whether every value in [min, max] satisfies `value op operand`; false when unsure. */
function rangeMust(min: Comparable, max: Comparable, op: CompareOp, operand: Comparable): boolean {
  const lo = compareComparable(min, operand);
  const hi = compareComparable(max, operand);
  if (lo === undefined || hi === undefined) return false;
  switch (op) {
    case 'eq':
      return lo === 0 && hi === 0;
    case 'gt':
      return lo > 0;
    case 'gte':
      return lo >= 0;
    case 'lt':
      return hi < 0;
    case 'lte':
      return hi <= 0;
  }
}

function leafMust(zoneMap: ZoneMap, leaf: LeafNode): boolean {
  const zone = zoneFor(zoneMap, leaf.target);
  if (zone === undefined) return false;
  switch (leaf.t) {
    case 'null':
      return zone.nullCount === zone.count;
    case 'cmp':
    case 'in': {
      // A null fails every comparison; elements of arrays are not what the zone describes.
      if (leaf.scope === 'elements' || zone.nullCount > 0) return false;
      const range = bounds(zone, leaf.target);
      if (range === undefined) return false;
      const [min, max] = range;
      return leaf.t === 'cmp' ? rangeMust(min, max, leaf.op, leaf.value) : leaf.values.some((v) => rangeMust(min, max, 'eq', v));
    }
    case 'text':
      return false;
  }
}

/**
 * Whether every document of the batch satisfies the node, from its zone map
 * alone: true only when certain (a count can then use the batch's count
 * without decoding it). Sound with widened ranges too: a range that only
 * ever grows still contains every value.
 */
export function mustMatch(zoneMap: ZoneMap, node: PlanNode): boolean {
  switch (node.t) {
    case 'const':
      return node.value;
    case 'and':
      return node.children.every((child) => mustMatch(zoneMap, child));
    case 'or':
      return node.children.some((child) => mustMatch(zoneMap, child));
    case 'not':
      // No document matches the child, so every document matches its negation (NOT is null-safe here).
      return !mayMatch(zoneMap, node.child);
    default:
      return leafMust(zoneMap, node);
  }
}

/** A batch's id and statistics, for `pruneBatches`. */
export interface BatchStats<Id> {
  readonly id: Id;
  readonly zoneMap: ZoneMap;
}

/** Which batches to read and which the zone maps rule out, each in input order. */
export interface PruneResult<Id> {
  readonly keep: Id[];
  readonly pruned: Id[];
}

/**
 * True only when no document of the batch can match the filter. Conservative:
 * false whenever the zone map cannot prove it.
 *
 * @throws FilterError for the filters `matchesFilter` rejects.
 * @example
 * canPruneBatch(User, buildZoneMap(User, docs), { age: { $gt: 200 } }) // true when every age ≤ 200
 */
export function canPruneBatch(schema: IceTypeSchema | undefined, zoneMap: ZoneMap, filter: Filter, options?: FilterOptions): boolean {
  return !mayMatch(zoneMap, planFilter(schema, filter, options));
}

/**
 * Splits batches into those to read and those the filter rules out, planning
 * the filter once.
 *
 * @throws FilterError for the filters `matchesFilter` rejects.
 * @example
 * const { keep } = pruneBatches(Event, [{ id: 1, zoneMap }], { at: { $gte: since } });
 */
export function pruneBatches<Id>(schema: IceTypeSchema | undefined, batches: readonly BatchStats<Id>[], filter: Filter, options?: FilterOptions): PruneResult<Id> {
  const plan = planFilter(schema, filter, options);
  const keep: Id[] = [];
  const pruned: Id[] = [];
  for (const batch of batches) (mayMatch(batch.zoneMap, plan) ? keep : pruned).push(batch.id);
  return { keep, pruned };
}
