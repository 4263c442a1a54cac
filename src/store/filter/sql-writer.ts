import type { SqlValue } from './types.js';

/** Quotes an SQL identifier: `"name"`, doubling embedded quotes. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Collects positional parameters while SQL text is written. Text must be
 * produced in the order `bind` is called — template literals evaluate left
 * to right, which keeps the two in step.
 */
export class SqlWriter {
  readonly params: SqlValue[] = [];
  private readonly qualifier: string;

  constructor(table: string) {
    this.qualifier = quoteIdentifier(table);
  }

  /** A `?` bound to `value`. */
  bind(value: SqlValue): string {
    this.params.push(value);
    return '?';
  }

  /** A qualified column: `"User"."age"`. */
  column(name: string): string {
    return `${this.qualifier}.${quoteIdentifier(name)}`;
  }
}

/**
 * Joins terms with AND/OR as a balanced tree, so n terms nest ⌈log2 n⌉ deep
 * rather than n deep (SQLite limits expression depth to 100; a flat chain of
 * 100 ANDs already exceeds it). SQLite still splits nested ANDs into
 * separate WHERE terms for index use.
 */
export function joinBalanced(terms: readonly string[], op: 'AND' | 'OR'): string {
  if (terms.length === 0) return op === 'AND' ? '1' : '0';
  if (terms.length === 1) return terms[0] as string;
  const middle = Math.ceil(terms.length / 2);
  return `(${joinBalanced(terms.slice(0, middle), op)}) ${op} (${joinBalanced(terms.slice(middle), op)})`;
}
