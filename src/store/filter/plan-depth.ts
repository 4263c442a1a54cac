import type { PlanNode } from './plan-node.js';

/**
 * An upper bound on the SQL expression depth of one compiled leaf, as
 * SQLite counts it. Measured in workerd: the deepest leaf, a json-path `$in`
 * over three JSON types, is 17 deep (84 nested ORs around it exceed 100);
 * a decimal comparison on array elements is 8. `limits.test.ts` runs the
 * deepest filters the limits allow.
 */
export const LEAF_SQL_DEPTH = 18;

/**
 * The SQL expression depth a plan compiles to, bounded from above: an n-ary
 * AND/OR is written as a balanced tree (⌈log2 n⌉ levels), NOT adds one.
 */
export function planSqlDepth(node: PlanNode): number {
  switch (node.t) {
    case 'const':
      return 1;
    case 'not':
      return 1 + planSqlDepth(node.child);
    case 'and':
    case 'or': {
      let deepest = 0;
      for (const child of node.children) deepest = Math.max(deepest, planSqlDepth(child));
      return Math.ceil(Math.log2(Math.max(node.children.length, 1))) + deepest;
    }
    default:
      return LEAF_SQL_DEPTH;
  }
}
