import type { PlanNode } from './plan-node.js';

/**
 * The top-level fields a planned filter reads: each leaf's field (the first
 * segment of a path), except fields no document has (`absent`). Evaluating
 * the filter on a document holding only these fields gives the same answer
 * as on the whole document.
 *
 * @example
 * planFields(planFilter(User, { $or: [{ age: { $gt: 30 } }, { 'meta.tier': 'gold' }] })) // Set { 'age', 'meta' }
 */
export function planFields(node: PlanNode): Set<string> {
  const fields = new Set<string>();
  const visit = (n: PlanNode): void => {
    switch (n.t) {
      case 'and':
      case 'or':
        n.children.forEach(visit);
        return;
      case 'not':
        visit(n.child);
        return;
      case 'const':
        return;
      default:
        if (n.target.access !== 'absent') fields.add(n.target.column);
    }
  };
  visit(node);
  return fields;
}
