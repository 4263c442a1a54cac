/**
 * Directives of the text form (ICETYPE.md §7): `@partitionBy(a, b)`,
 * `@index(a, b)`, `@index(a, b, unique: true)`, `@unique(a, b)`,
 * `@fts(a, b)`, `@vector(e)` / `@vector(e: 768)`, `@storage(batched)`,
 * `@cdc(false)`, `@strict(false)`. Each becomes its object-form value, so one
 * reader (`readDirectives`) checks both forms.
 */
import type { SourcePosition } from './errors.js';
import { pathKey } from './source-map.js';
import type { Lexer } from './tokenizer.js';

/** Directive names of the text form, in the order of ICETYPE.md §2. */
export const TEXT_DIRECTIVES: readonly string[] = ['partitionBy', 'index', 'unique', 'fts', 'vector', 'storage', 'cdc', 'strict'];

interface Arg {
  readonly name: string;
  readonly line: number;
  readonly column: number;
  /** After `name:`, an identifier or number. */
  readonly value?: string | number;
}

/**
 * Reads `"@" name "(" args ")"` at the lexer's `@` and stores the directive's
 * object-form value in `out` (`@index(a, b)` → `out.$index.push(['a', 'b'])`),
 * recording positions under the same paths the object-form reader reports.
 * Throws `IceTypeParseError` on syntax the text form does not allow.
 */
export function readTextDirective(
  lx: Lexer,
  collection: string,
  out: Record<string, unknown>,
  positions: Map<string, SourcePosition>,
  at: SourcePosition,
): void {
  lx.next();
  if (lx.kind() !== 'identifier') lx.fail('UNEXPECTED_TOKEN', `expected a directive name after "@", found ${lx.describe()}`);
  const name = lx.text;
  const key = `$${name}`;
  lx.path = [collection, key];
  if (!TEXT_DIRECTIVES.includes(name)) {
    lx.failAt('UNKNOWN_DIRECTIVE', `expected one of ${TEXT_DIRECTIVES.map((d) => `@${d}`).join(', ')}, found "@${name}"`, at.line, at.column);
  }
  lx.next();
  const args = readArgs(lx, name);
  const repeatable = name === 'index' || name === 'unique';
  if (!repeatable && key in out) {
    lx.failAt('INVALID_DIRECTIVE', `expected @${name} at most once, found it again`, at.line, at.column);
  }
  const fail: (arg: Arg | undefined, message: string) => never = (arg, message) =>
    lx.failAt('INVALID_DIRECTIVE', message, arg?.line ?? at.line, arg?.column ?? at.column);
  const plainNames = (list: readonly Arg[]): string[] =>
    list.map((a) => {
      if (a.value !== undefined) fail(a, `expected a field name in @${name}(...), found "${a.name}: ${a.value}"`);
      return a.name;
    });
  const place = (base: readonly string[], list: readonly Arg[], keys?: readonly string[]): void => {
    positions.set(pathKey(base), at);
    list.forEach((a, j) => positions.set(pathKey([...base, keys?.[j] ?? String(j)]), { line: a.line, column: a.column }));
  };

  switch (name) {
    case 'partitionBy':
    case 'fts':
      out[key] = plainNames(args);
      place([collection, key], args);
      return;
    case 'unique': {
      const list = (out[key] ??= []) as unknown[];
      place([collection, key, String(list.length)], args);
      list.push(plainNames(args));
      return;
    }
    case 'index': {
      const list = (out[key] ??= []) as unknown[];
      let unique = false;
      const fieldArgs: Arg[] = [];
      for (const a of args) {
        if (a.name === 'unique' && a.value !== undefined) {
          if (a.value !== 'true' && a.value !== 'false') fail(a, `expected unique: true or unique: false, found unique: ${a.value}`);
          unique = a.value === 'true';
        } else fieldArgs.push(a);
      }
      const fields = plainNames(fieldArgs);
      const base = [collection, key, String(list.length)];
      place(base, fieldArgs);
      if (unique) {
        fieldArgs.forEach((a, j) => positions.set(pathKey([...base, 'fields', String(j)]), { line: a.line, column: a.column }));
        list.push({ fields, unique: true });
      } else list.push(fields);
      return;
    }
    case 'vector': {
      const withDims = args.filter((a) => a.value !== undefined).length;
      if (withDims === 0) {
        out[key] = args.map((a) => a.name);
        place([collection, key], args);
      } else if (withDims === args.length) {
        const dims: Record<string, unknown> = {};
        for (const a of args) {
          if (typeof a.value !== 'number') fail(a, `expected a number of dimensions after "${a.name}:", found ${a.value}`);
          if (a.name in dims) fail(a, `expected distinct field names, found ${JSON.stringify(a.name)} twice`);
          dims[a.name] = a.value;
        }
        out[key] = dims;
        place([collection, key], args, args.map((a) => a.name));
      } else {
        fail(undefined, 'expected dimensions on every field of @vector(...) or on none, found a mix');
      }
      return;
    }
    case 'storage':
    case 'cdc':
    case 'strict': {
      const only = args[0];
      if (args.length !== 1 || only === undefined || only.value !== undefined) {
        const found = only?.value !== undefined ? `"${only.name}: ${only.value}"` : `${args.length} values`;
        fail(
          args[1] ?? only,
          `expected one value in @${name}(...), e.g. ${name === 'storage' ? '@storage(batched)' : `@${name}(false)`}, found ${found}`,
        );
      }
      const word = only.name;
      out[key] = name === 'storage' ? word : word === 'true' ? true : word === 'false' ? false : word;
      // Problems with a single value are about the value: point there.
      positions.set(pathKey([collection, key]), { line: only.line, column: only.column });
    }
  }
}

/** `"(" (arg ("," arg)*)? ")"` where `arg := name (":" (name | number))?`. */
function readArgs(lx: Lexer, directive: string): Arg[] {
  if (lx.kind() !== '(') lx.fail('UNEXPECTED_TOKEN', `expected "(" after @${directive}, found ${lx.describe()}`);
  lx.next();
  const args: Arg[] = [];
  if (lx.kind() === ')') {
    lx.next();
    return args;
  }
  for (;;) {
    if (lx.kind() !== 'identifier') lx.fail('INVALID_DIRECTIVE', `expected a field name in @${directive}(...), found ${lx.describe()}`);
    const name = lx.text;
    const line = lx.line;
    const column = lx.column;
    lx.next();
    if (lx.kind() === ':') {
      lx.next();
      if (lx.kind() !== 'identifier' && lx.kind() !== 'number') {
        lx.fail('INVALID_DIRECTIVE', `expected a name or number after "${name}:", found ${lx.describe()}`);
      }
      args.push({ name, line, column, value: lx.kind() === 'number' ? lx.num : lx.text });
      lx.next();
    } else args.push({ name, line, column });
    if (lx.kind() === ',') lx.next();
    else if (lx.kind() === ')') {
      lx.next();
      return args;
    } else lx.fail('UNEXPECTED_TOKEN', `expected "," or ")" in @${directive}(...), found ${lx.describe()}`);
  }
}
