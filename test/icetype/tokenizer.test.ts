import { describe, expect, it } from 'vitest';
import { IceTypeParseError, tokenize } from '../../src/icetype/index.js';

function parseError(f: () => unknown): IceTypeParseError {
  try {
    f();
  } catch (e) {
    if (e instanceof IceTypeParseError) return e;
    throw e;
  }
  throw new Error('expected an IceTypeParseError, nothing was thrown');
}

const kinds = (s: string) => tokenize(s).map((t) => t.kind);

describe('tokenize', () => {
  it('splits identifiers, punctuation and operators, ending with eof', () => {
    expect(kinds('string[]!#?')).toEqual(['identifier', '[', ']', '!', '#', '?', 'eof']);
    expect(kinds('-> ~> <- <~')).toEqual(['->', '~>', '<-', '<~', 'eof']);
    expect(kinds('(){},:=|.@')).toEqual(['(', ')', '{', '}', ',', ':', '=', '|', '.', '@', 'eof']);
  });

  it('gives every token 1-based line and column and 0-based offsets', () => {
    const toks = tokenize('User {\n  age: int?\n}');
    const age = toks.find((t) => t.value === 'age')!;
    expect(age).toMatchObject({ kind: 'identifier', text: 'age', line: 2, column: 3, offset: 9, end: 12, newlineBefore: true });
    const q = toks.find((t) => t.kind === '?')!;
    expect(q).toMatchObject({ line: 2, column: 11, newlineBefore: false });
    const close = toks.find((t) => t.kind === '}')!;
    expect(close).toMatchObject({ line: 3, column: 1, newlineBefore: true });
    expect(toks.at(-1)).toMatchObject({ kind: 'eof', text: '', line: 3, column: 2, offset: 20 });
  });

  it('reads JSON numbers: 1e5, -3, 0.5, 1.5E-3, 2e+2', () => {
    const nums = tokenize('1e5 -3 0.5 1.5E-3 2e+2 0').filter((t) => t.kind === 'number');
    expect(nums.map((t) => t.value)).toEqual([100000, -3, 0.5, 0.0015, 200, 0]);
    expect(nums.map((t) => t.text)).toEqual(['1e5', '-3', '0.5', '1.5E-3', '2e+2', '0']);
  });

  it('reads -0 as 0 so parsed structures stay equal', () => {
    expect(Object.is(tokenize('-0')[0]!.value, 0)).toBe(true);
  });

  it('reads double- and single-quoted strings with JSON escapes', () => {
    const toks = tokenize(String.raw`"a\"b\\c\n\u00e9" 'it\'s' "x/\/"`);
    expect(toks.slice(0, 3).map((t) => t.value)).toEqual(['a"b\\c\né', "it's", 'x//']);
    expect(toks[0]!.text).toBe(String.raw`"a\"b\\c\n\u00e9"`);
  });

  it('treats // comments and CRLF line breaks as whitespace, noting the line break', () => {
    const toks = tokenize('a // comment -> "x\r\nb');
    expect(toks.map((t) => t.kind)).toEqual(['identifier', 'identifier', 'eof']);
    expect(toks[1]).toMatchObject({ value: 'b', line: 2, column: 1, newlineBefore: true });
  });

  it('keeps "$" in identifiers so reserved names can be reported as names', () => {
    expect(tokenize('$id')[0]).toMatchObject({ kind: 'identifier', value: '$id' });
  });

  it('reports an unterminated string (UNTERMINATED_STRING) at the opening quote', () => {
    const e = parseError(() => tokenize('a\n  "abc'));
    expect(e.code).toBe('UNTERMINATED_STRING');
    expect([e.line, e.column]).toEqual([2, 3]);
    expect(e.message).toMatch(/expected a closing " .*found end of input/);
    const e2 = parseError(() => tokenize("'abc\nx'"));
    expect(e2.code).toBe('UNTERMINATED_STRING');
    expect(e2.message).toMatch(/found end of line/);
  });

  it('reports an unknown escape (INVALID_ESCAPE) at the backslash', () => {
    const e = parseError(() => tokenize('x "ab\\q"'));
    expect(e.code).toBe('INVALID_ESCAPE');
    expect([e.line, e.column]).toEqual([1, 6]);
    expect(e.message).toMatch(/expected an escape .*found "\\\\q"/);
    expect(parseError(() => tokenize('"\\u12G4"')).code).toBe('INVALID_ESCAPE');
  });

  it('reports malformed numbers (INVALID_NUMBER): leading zeros, bare "-", "1.", "1e"', () => {
    for (const [src, col] of [['x 01', 3], ['-x', 1], ['1.', 1], ['2e', 1], ['1.e5', 1]] as const) {
      const e = parseError(() => tokenize(src));
      expect(e.code).toBe('INVALID_NUMBER');
      expect([e.line, e.column]).toEqual([1, col]);
      expect(e.message).toMatch(/^expected .*, found ".*" at 1:\d+$/);
    }
  });

  it('reports an unexpected character (UNEXPECTED_TOKEN) with its position', () => {
    const e = parseError(() => tokenize('a\nb % c'));
    expect(e.code).toBe('UNEXPECTED_TOKEN');
    expect([e.line, e.column]).toEqual([2, 3]);
    expect(e.message).toBe('expected a name, number, string or punctuation, found the character "%" at 2:3');
    expect(parseError(() => tokenize('~')).code).toBe('UNEXPECTED_TOKEN');
    expect(parseError(() => tokenize('<')).code).toBe('UNEXPECTED_TOKEN');
    expect(parseError(() => tokenize('/')).code).toBe('UNEXPECTED_TOKEN');
  });

  it('tokenizes the empty string to a single eof', () => {
    expect(tokenize('')).toEqual([{ kind: 'eof', text: '', offset: 0, end: 0, line: 1, column: 1, newlineBefore: false }]);
  });
});
