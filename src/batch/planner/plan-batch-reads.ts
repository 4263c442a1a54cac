/**
 * The batch read planner (issue 4 §2): which `_batches` rows a filter must
 * read, from each batch's zone map and bloom filters alone. Pure. It
 * interprets the same validated plan (`planFilter`) as `matchesFilter`, so a
 * pruned batch holds no matching document; bloom filters only answer
 * equality (`$eq`, `$in`) on a bloomed text, number or bool field.
 */
import type { IceTypeSchema } from '../../icetype/ast.js';
import type { Comparable } from '../../store/filter/operand.js';
import { planFilter } from '../../store/filter/plan-filter.js';
import type { LeafNode, PlanNode } from '../../store/filter/plan-node.js';
import type { Filter, FilterOptions } from '../../store/filter/types.js';
import { bloomMightContain } from '../bloom/bloom-filter.js';
import { bloomKey, type BloomSet } from '../bloom/bloom-set.js';
import { mayMatch } from '../zone-map/can-prune.js';
import type { ZoneMap } from '../zone-map/zone-map.js';

/** A batch's id and whatever statistics it has; missing ones never prune. */
export interface BatchSummary<Id> {
  readonly id: Id;
  readonly zoneMap?: ZoneMap;
  readonly blooms?: BloomSet;
}

/** Which batches to read, and why the others are skipped; each list in input order. */
export interface BatchReadPlan<Id> {
  readonly keep: Id[];
  /** Batches whose zone map proves no document matches. */
  readonly prunedByZoneMap: Id[];
  /** Batches the zone map kept but whose bloom filters prove no document matches. */
  readonly prunedByBloom: Id[];
}

/** The filter of a leaf's target, when it holds the key of exactly the values the evaluator compares. */
function bloomFor(blooms: BloomSet, leaf: Extract<LeafNode, { t: 'cmp' | 'in' }>): ((value: Comparable) => boolean) | undefined {
  const { target } = leaf;
  if (leaf.scope === 'elements' || target.path.length > 0 || (target.access !== 'column' && target.access !== 'document')) return undefined;
  // Only these kinds compare a value with itself by type and `===`; dynamic targets also read array
  // elements and Dates as ISO text, timestamps compare epoch ms with Dates — their keys would differ.
  const kind = target.kind.type;
  if (kind !== 'text' && kind !== 'number' && kind !== 'bool') return undefined;
  const filter = blooms.get(target.column);
  if (filter === undefined) return undefined;
  return (value) => {
    const key = bloomKey(value);
    return key === undefined || bloomMightContain(filter, key);
  };
}

/** Whether some document of the batch may satisfy the node, from its blooms: false only when certain none does. */
function bloomMay(blooms: BloomSet, node: PlanNode): boolean {
  switch (node.t) {
    case 'const':
      return node.value;
    case 'and':
      return node.children.every((child) => bloomMay(blooms, child));
    case 'or':
      return node.children.some((child) => bloomMay(blooms, child));
    case 'cmp': {
      if (node.op !== 'eq') return true;
      const may = bloomFor(blooms, node);
      return may === undefined || may(node.value);
    }
    case 'in': {
      const may = bloomFor(blooms, node);
      return may === undefined || node.values.some(may);
    }
    default:
      // `not` (a bloom cannot prove every value equal), null and text leaves.
      return true;
  }
}

/**
 * Splits batches into those to read, those their zone maps rule out and
 * those their bloom filters rule out, planning the filter once. A batch is
 * pruned only when no document in it can match.
 *
 * @throws FilterError for the filters `matchesFilter` rejects.
 * @example
 * const plan = planBatchReads(User, [{ id: 1, zoneMap, blooms }], { email: 'ada@example.com' });
 * plan.keep // [] when batch 1's email bloom rules the address out
 */
export function planBatchReads<Id>(schema: IceTypeSchema | undefined, batches: readonly BatchSummary<Id>[], filter: Filter, options?: FilterOptions): BatchReadPlan<Id> {
  const plan = planFilter(schema, filter, options);
  const keep: Id[] = [];
  const prunedByZoneMap: Id[] = [];
  const prunedByBloom: Id[] = [];
  for (const batch of batches) {
    if (batch.zoneMap !== undefined && !mayMatch(batch.zoneMap, plan)) prunedByZoneMap.push(batch.id);
    else if (batch.blooms !== undefined && !bloomMay(batch.blooms, plan)) prunedByBloom.push(batch.id);
    else keep.push(batch.id);
  }
  return { keep, prunedByZoneMap, prunedByBloom };
}
