/**
 * Source positions of schemas parsed from text (ICETYPE.md §7), kept in a
 * side table so that the parsed structures stay plain and equal to those of
 * the object form. Keys are issue paths: `['User']` is the collection name,
 * `['User', 'age']` a field's name, `['User', 'age', 'type']` its type,
 * `['User', 'age', 'default']` its default, `['User', 'author', 'target']` a
 * relation's target (`'inverse'` its inverse field), `['User', '$index', '0']` a directive entry and
 * `['User', '$index', '0', '1']` a field named in it.
 */
import type { IceTypeSchema } from './ast.js';
import type { SourcePosition } from './errors.js';

const table = new WeakMap<IceTypeSchema, ReadonlyMap<string, SourcePosition>>();

/** The side-table key of a path. */
export function pathKey(path: readonly string[]): string {
  return path.join('.');
}

/** Records where the parts of a text-parsed schema came from (used by `parseSchemas`). */
export function attachPositions(schema: IceTypeSchema, positions: ReadonlyMap<string, SourcePosition>): void {
  table.set(schema, positions);
}

/** Every recorded position of a schema, or undefined when it did not come from text. */
export function sourcePositions(schema: IceTypeSchema): ReadonlyMap<string, SourcePosition> | undefined {
  return table.get(schema);
}

/**
 * Looks a path up in a position table: the exact path, else its longest
 * recorded prefix (so `['User', 'age', 'default']` falls back to the field).
 */
export function lookupPosition(
  positions: ReadonlyMap<string, SourcePosition> | undefined,
  path: readonly string[],
): SourcePosition | undefined {
  if (positions === undefined) return undefined;
  for (let n = path.length; n > 0; n--) {
    const hit = positions.get(pathKey(n === path.length ? path : path.slice(0, n)));
    if (hit !== undefined) return hit;
  }
  return undefined;
}

/**
 * Where a part of a text-parsed schema was written: the exact path, or its
 * longest recorded prefix; undefined for schemas from the object form.
 *
 * @example
 * const [user] = parseSchemas('User {\n  age: int\n}')
 * positionOf(user, ['User', 'age']) // { line: 2, column: 3 }
 */
export function positionOf(schema: IceTypeSchema, path: readonly string[]): SourcePosition | undefined {
  return lookupPosition(table.get(schema), path);
}
