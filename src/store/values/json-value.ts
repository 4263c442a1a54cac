/**
 * `json` values (ICETYPE.md §4, stored as JSON text): any value JSON can
 * hold, checked deeply and copied — so that what is stored is exactly what
 * `JSON.stringify` writes and `JSON.parse` reads back. Rejected rather than
 * silently dropped or changed: `undefined`, functions, symbols, bigints,
 * NaN/Infinity, cycles, and objects other than plain objects and arrays.
 */
import type { JsonValue } from '../../icetype/ast.js';
import { describeFound } from './describe-found.js';
import { INVALID, type IssueList } from './issue-list.js';
import { setOwn } from './normalized-document.js';

/** The deepest nesting a json value may have. */
export const MAX_JSON_DEPTH = 100;

const EXPECTED = 'expected a JSON value (a string, finite number, boolean, null, array or plain object)';

class JsonChecker {
  private readonly open = new Set<object>();

  constructor(private readonly issues: IssueList) {}

  check(value: unknown, path: string[], depth: number): JsonValue | typeof INVALID {
    switch (typeof value) {
      case 'string':
      case 'boolean':
        return value;
      case 'number':
        if (Number.isFinite(value)) return value === 0 ? 0 : value; // -0 is written as 0
        return this.fail(path, describeFound(value));
      case 'object':
        if (value === null) return null;
        return this.checkObject(value, path, depth);
      default:
        return this.fail(path, describeFound(value));
    }
  }

  private checkObject(value: object, path: string[], depth: number): JsonValue | typeof INVALID {
    if (depth >= MAX_JSON_DEPTH) return this.fail(path, `nesting deeper than ${MAX_JSON_DEPTH} levels`);
    if (this.open.has(value)) return this.fail(path, 'a cycle (an object containing itself)');
    if (Array.isArray(value)) {
      this.open.add(value);
      const out: JsonValue[] = [];
      let bad = false;
      for (let i = 0; i < value.length; i++) {
        const item = this.check(value[i], [...path, String(i)], depth + 1);
        if (item === INVALID) bad = true;
        else out.push(item);
      }
      this.open.delete(value);
      return bad ? INVALID : out;
    }
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return this.fail(path, describeFound(value));
    this.open.add(value);
    const out: Record<string, JsonValue> = {};
    let bad = false;
    for (const key of Object.keys(value)) {
      const item = this.check((value as Record<string, unknown>)[key], [...path, key], depth + 1);
      if (item === INVALID) bad = true;
      else setOwn(out, key, item);
    }
    this.open.delete(value);
    return bad ? INVALID : out;
  }

  private fail(path: string[], found: string): typeof INVALID {
    this.issues.add('INVALID_JSON', path, `${EXPECTED}, found ${found}`);
    return INVALID;
  }
}

/**
 * Checks a json value deeply and returns a fresh copy (`-0` becomes `0`, as
 * JSON writes it), or `INVALID` after recording an `INVALID_JSON` issue at
 * each offending path.
 *
 * @example
 * normalizeJson({ a: [1, undefined] }, ['meta'], issues) // INVALID; issue at ['meta', 'a', '1']
 */
export function normalizeJson(value: unknown, path: readonly string[], issues: IssueList): JsonValue | typeof INVALID {
  return new JsonChecker(issues).check(value, [...path], 0);
}
