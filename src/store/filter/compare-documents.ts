import type { IceTypeSchema } from '../../icetype/ast.js';
import { planContext } from './context.js';
import { compareComparable, readTarget, toComparable } from './document-value.js';
import type { Comparable } from './operand.js';
import { resolveOrder, type ResolvedOrderKey } from './order-by.js';
import type { OrderBy } from './types.js';

/** Schemaless values of different types order by type: null < booleans < numbers < strings (and Dates, as ISO text) < bytes. */
function typeRank(value: Comparable | undefined): number {
  if (value === undefined) return 0;
  switch (typeof value) {
    case 'boolean':
      return 1;
    case 'number':
      return 2;
    case 'string':
      return 3;
    default:
      return 4;
  }
}

function compareKey(key: ResolvedOrderKey, a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): number {
  const kind = key.target.kind;
  const x = toComparable(kind, readTarget(key.target, a), true);
  const y = toComparable(kind, readTarget(key.target, b), true);
  const rank = typeRank(x) - typeRank(y);
  if (rank !== 0 || x === undefined || y === undefined) return Math.sign(rank);
  return Math.sign(compareComparable(x, y) ?? 0);
}

/**
 * The in-memory order of `compileOrderBy`: the same keys, nulls least
 * (first ascending, last descending), decimals exact, strings by code point,
 * `$id` ascending last. Without a schema, values of different types order
 * null < booleans < numbers < strings < bytes.
 *
 * @throws FilterError `INVALID_ORDER`, `UNKNOWN_FIELD`.
 * @example
 * docs.sort(compareDocuments(User, { age: 'desc' }));
 */
export function compareDocuments(schema: IceTypeSchema | undefined, orderBy: OrderBy | undefined): (a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>) => number {
  const keys = resolveOrder(planContext(schema), orderBy);
  return (a, b) => {
    for (const key of keys) {
      const order = compareKey(key, a, b);
      if (order !== 0) return key.direction === 'asc' ? order : -order;
    }
    return 0;
  };
}
