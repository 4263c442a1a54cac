import { describe, expect, it } from 'vitest';
import { matchExpression, searchTerms } from '../../src/search/index.js';

describe('searchTerms', () => {
  it('splits on any whitespace and keeps words holding a letter or digit', () => {
    expect(searchTerms('  quick\tbrown\u00a0fox\u3000jumps\n')).toEqual(['quick', 'brown', 'fox', 'jumps']);
    expect(searchTerms('"quick"  NEAR( * - : fox 42 ^')).toEqual(['"quick"', 'NEAR(', 'fox', '42']);
    expect(searchTerms('café 東京 ١٢٣')).toEqual(['café', '東京', '١٢٣']);
    expect(searchTerms('a\u0000b c')).toEqual(['a', 'b', 'c']); // FTS5 would stop reading at the NUL
  });

  it('gives no terms for empty, blank or punctuation-only text', () => {
    expect(searchTerms('')).toEqual([]);
    expect(searchTerms(' \t\n ')).toEqual([]);
    expect(searchTerms('" * - : ( ) _ \u0301')).toEqual([]);
  });
});

describe('matchExpression', () => {
  it('quotes every term as an FTS5 string and ANDs them', () => {
    expect(matchExpression(['quick', 'fox'])).toBe('"quick" AND "fox"');
    expect(matchExpression(['say"hi"', 'NEAR(', 'OR'])).toBe('"say""hi""" AND "NEAR(" AND "OR"');
  });

  it('makes only the last term a prefix', () => {
    expect(matchExpression(['quick', 'fo'], { prefix: true })).toBe('"quick" AND "fo"*');
    expect(matchExpression(['quick', 'fo'], { prefix: false })).toBe('"quick" AND "fo"');
  });

  it('restricts to columns with a column filter around the whole query', () => {
    expect(matchExpression(['a', 'b'], { columns: ['title', 'body'] })).toBe('{"title" "body"} : ("a" AND "b")');
  });
});
