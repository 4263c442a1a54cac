/**
 * `parseField`: one type string (ICETYPE.md §1.1) to a `FieldDefinition`.
 * One lexer and parser are reused across calls (parsing is synchronous and
 * never re-enters), so a call allocates little beyond its result.
 */
import type { FieldDefinition } from './ast.js';
import { IceTypeParseError, makeIssue } from './errors.js';
import { TypeStringParser } from './field-parser.js';
import { Lexer } from './tokenizer.js';

/** Options of `parseField`. */
export interface ParseFieldOptions {
  /** The field's name, put on the result and on error paths. Default `''`. */
  readonly name?: string;
}

const EMPTY: readonly string[] = [];
const sharedLexer = new Lexer('', true);
const sharedParser = new TypeStringParser(sharedLexer, false);

/**
 * Parses a type string with the shared parser. `positions` decides whether
 * issues carry line:column within the type string; `path` goes on issues.
 * Throws `IceTypeParseError`. Afterwards `sharedParser` describes what was
 * written (`optionalMarked`, `defaultWritten`).
 */
export function parseTypeString(
  typeString: unknown,
  name: string,
  path: readonly string[],
  positions: boolean,
): FieldDefinition {
  if (typeof typeString !== 'string') {
    throw new IceTypeParseError([
      makeIssue(
        'INVALID_FIELD_OBJECT',
        `expected a type string such as "string!", found ${typeString === null ? 'null' : typeof typeString}`,
        path,
      ),
    ]);
  }
  sharedLexer.reset(typeString, path, positions);
  sharedLexer.next();
  return sharedParser.parseField(name);
}

/** What the last `parseTypeString` call saw written (`?`, a default). */
export function lastTypeStringFacts(): { readonly optionalMarked: boolean; readonly defaultWritten: boolean } {
  return sharedParser;
}

/**
 * Parses one type string, e.g. `'string!'`, `'decimal(10,2) = 0'`,
 * `'"a" | "b" = "a"'`, `'string[]#'` or `'-> User!'` (a relation field:
 * `type` string, `relation` set, `isArray` = `many` for forward relations).
 * Throws `IceTypeParseError` with line:column inside the type string.
 *
 * @example
 * parseField('int? = 1e5', { name: 'age' })
 * // { name: 'age', type: { kind: 'primitive', name: 'int' }, isArray: false, required: false,
 * //   indexed: false, unique: false, default: { kind: 'literal', value: 100000 } }
 */
export function parseField(typeString: string, options?: ParseFieldOptions): FieldDefinition {
  const name = options?.name ?? '';
  return parseTypeString(typeString, name, name === '' ? EMPTY : [name], true);
}
