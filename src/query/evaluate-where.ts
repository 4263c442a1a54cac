/**
 * Evaluates a condition tree over a document with SQL's three-valued logic:
 * a comparison with NULL is UNKNOWN (`null`), NOT UNKNOWN is UNKNOWN, and a
 * row matches only when the whole condition is TRUE — so `ne`/`notIn` never
 * match NULL, and `NOT (age > 3)` does not match a NULL age. Relation
 * filters (EXISTS) are TRUE or FALSE, read from precomputed `RelationFacts`.
 */
import type { NormalizedDocument } from '../store/values/normalized-document.js';
import { sqlValueOf } from './query-columns.js';
import { compareSqlValues, type SqlScalar } from './sql-value.js';
import type { CompareOperator, RelationFacts, WhereNode } from './where-node.js';

/** TRUE, FALSE or UNKNOWN (`null`). */
export type Truth = boolean | null;

function holds(op: CompareOperator, order: number): boolean {
  switch (op) {
    case 'eq':
      return order === 0;
    case 'ne':
      return order !== 0;
    case 'gt':
      return order > 0;
    case 'gte':
      return order >= 0;
    case 'lt':
      return order < 0;
    case 'lte':
      return order <= 0;
  }
}

function inList(value: SqlScalar, values: readonly SqlScalar[]): Truth {
  if (value === null) return null;
  let unknown = false;
  for (const v of values) {
    if (v === null) unknown = true;
    else if (compareSqlValues(value, v) === 0) return true;
  }
  return unknown ? null : false;
}

function not(value: Truth): Truth {
  return value === null ? null : !value;
}

/**
 * The truth value of a condition for one document of `collection`. `facts`
 * answers the condition's relation filters (see `existsNodes`); a condition
 * with relation filters and no facts for them is a programming error.
 */
export function evaluateWhere(collection: string, node: WhereNode, doc: NormalizedDocument, facts?: RelationFacts): Truth {
  switch (node.t) {
    case 'const':
      return node.value;
    case 'and': {
      let result: Truth = true;
      for (const child of node.children) {
        const value = evaluateWhere(collection, child, doc, facts);
        if (value === false) return false;
        if (value === null) result = null;
      }
      return result;
    }
    case 'or': {
      let result: Truth = false;
      for (const child of node.children) {
        const value = evaluateWhere(collection, child, doc, facts);
        if (value === true) return true;
        if (value === null) result = null;
      }
      return result;
    }
    case 'not':
      return not(evaluateWhere(collection, node.child, doc, facts));
    case 'null': {
      const isNull = sqlValueOf(collection, node.column, doc) === null;
      return node.negated ? !isNull : isNull;
    }
    case 'cmp': {
      const value = sqlValueOf(collection, node.column, doc);
      if (value === null || node.value === null) return null;
      return holds(node.op, compareSqlValues(value, node.value));
    }
    case 'in': {
      const found = inList(sqlValueOf(collection, node.column, doc), node.values);
      return node.negated ? not(found) : found;
    }
    case 'like': {
      const value = sqlValueOf(collection, node.column, doc);
      if (value === null || node.pattern === null) return null;
      const found = typeof value === 'string' && node.matches(value);
      return node.negated ? !found : found;
    }
    case 'exists': {
      const holders = facts?.get(node);
      if (holders === undefined) throw new Error(`evaluateWhere: need the facts of the relation filter "${node.path.field}", have none`);
      return holders.has(doc.$id as string) !== node.negated;
    }
  }
}
