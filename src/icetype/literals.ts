/**
 * Default literals (ICETYPE.md §1.1 `literal`): JSON numbers, JSON strings,
 * 'single-quoted' strings, true, false, null, arrays and objects, read from
 * the shared `Lexer`.
 */
import type { JsonValue } from './ast.js';
import { normalizeDecimal, setJsonKey } from './defaults.js';
import type { Lexer } from './tokenizer.js';

const MAX_DEPTH = 64;

/**
 * Reads one literal at the lexer's current token and advances past it.
 * With `decimals`, numbers (and numeric strings) become exact plain decimal
 * strings, taken from the source text rather than a JS float.
 *
 * @example
 * const lx = new Lexer('[1, "a"]'); lx.next(); parseLiteral(lx, false) // [1, 'a']
 */
export function parseLiteral(lx: Lexer, decimals: boolean, depth = 0): JsonValue {
  if (depth > MAX_DEPTH) lx.fail('INVALID_DEFAULT', `expected a literal nested at most ${MAX_DEPTH} deep, found deeper nesting`);
  switch (lx.kind()) {
    case 'number': {
      const value: JsonValue = decimals ? (normalizeDecimal(lx.raw()) ?? lx.raw()) : lx.num;
      lx.next();
      return value;
    }
    case 'string': {
      const value = decimals ? (normalizeDecimal(lx.text) ?? lx.text) : lx.text;
      lx.next();
      return value;
    }
    case 'identifier': {
      const word = lx.text;
      if (word === 'true' || word === 'false' || word === 'null') {
        lx.next();
        return word === 'null' ? null : word === 'true';
      }
      return lx.fail(
        'INVALID_DEFAULT',
        `expected a literal (a number, a quoted string, true, false, null, [...] or {...}) or now()/uuid(), found ${lx.describe()} (strings need quotes)`,
      );
    }
    case '[': {
      lx.nesting++;
      lx.next();
      const items: JsonValue[] = [];
      if (lx.kind() === ']') {
        lx.nesting--;
        lx.next();
        return items;
      }
      for (;;) {
        items.push(parseLiteral(lx, decimals, depth + 1));
        if (lx.kind() === ',') lx.next();
        else if (lx.kind() === ']') {
          lx.nesting--;
          lx.next();
          return items;
        } else expectedIn(lx, '"," or "]" in the array');
      }
    }
    case '{': {
      lx.nesting++;
      lx.next();
      const obj: Record<string, JsonValue> = {};
      if (lx.kind() === '}') {
        lx.nesting--;
        lx.next();
        return obj;
      }
      for (;;) {
        if (lx.kind() !== 'string') expectedIn(lx, 'a quoted key in the object');
        const key = lx.text;
        lx.next();
        if (lx.kind() !== ':') expectedIn(lx, `":" after the key ${JSON.stringify(key)}`);
        lx.next();
        setJsonKey(obj, key, parseLiteral(lx, false, depth + 1));
        if (lx.kind() === ',') lx.next();
        else if (lx.kind() === '}') {
          lx.nesting--;
          lx.next();
          return obj;
        } else expectedIn(lx, '"," or "}" in the object');
      }
    }
    default:
      return expectedIn(
        lx,
        'a literal (a number, a quoted string, true, false, null, [...] or {...}) or now()/uuid()',
      );
  }
}

function expectedIn(lx: Lexer, what: string): never {
  return lx.fail(lx.kind() === 'eof' ? 'UNEXPECTED_END' : 'INVALID_DEFAULT', `expected ${what}, found ${lx.describe()}`);
}
