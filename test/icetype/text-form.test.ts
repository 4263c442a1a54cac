import { describe, expect, it } from 'vitest';
import {
  IceTypeParseError,
  parseSchema,
  parseSchemas,
  positionOf,
  sourcePositions,
  type IssueCode,
  type SchemaIssue,
} from '../../src/icetype/index.js';

function parseError(f: () => unknown): IceTypeParseError {
  try {
    f();
  } catch (e) {
    if (e instanceof IceTypeParseError) return e;
    throw e;
  }
  throw new Error('expected an IceTypeParseError, nothing was thrown');
}

const brief = (i: SchemaIssue) => ({ code: i.code, path: i.path, line: i.line, column: i.column });

/** The single issue of a text, with code, path, line and column, and an expected-vs-found message. */
function expectTextIssue(text: string, code: IssueCode, path: string[], line: number, column: number): SchemaIssue {
  const e = parseError(() => parseSchemas(text));
  expect(e.issues.map(brief)).toEqual([{ code, path, line, column }]);
  expect(e.issues[0]!.message).toMatch(/expected .*found/);
  expect(e.message).toMatch(new RegExp(` at ${line}:${column}$`));
  return e.issues[0]!;
}

describe('parseSchemas: grammar', () => {
  it('parses the ICETYPE.md §7 example like the object form', () => {
    const text = `
User @partitionBy(tenantId) @index(email) @index(tenantId, createdAt) {
  tenantId: string!
  email: string#
  createdAt: timestamp = now()
  posts: <- Post.author[]
}`;
    expect(parseSchemas(text)).toEqual([
      parseSchema({
        $type: 'User',
        $partitionBy: ['tenantId'],
        $index: [['email'], ['tenantId', 'createdAt']],
        tenantId: 'string!',
        email: 'string#',
        createdAt: 'timestamp = now()',
        posts: '<- Post.author[]',
      }),
    ]);
  });

  it('supports every directive, with the same result as the object form', () => {
    const text = `Doc @partitionBy(tenant, region) @index(title) @index(tenant, slug, unique: true) @index(body, unique: false)
  @unique(tenant, slug) @unique(isbn) @fts(title, body) @vector(embedding: 3) @storage(batched) @cdc(false) @strict(false) {
  tenant: string!, region: string!
  title: string
  body: text
  slug: string
  isbn: string
  embedding: vector(3)
}
Other @vector(a, b) @storage(rows) @cdc(true) @strict(true) { a: vector(2), b: vector(4) }`;
    expect(parseSchemas(text)).toEqual([
      parseSchema({
        $type: 'Doc',
        $partitionBy: ['tenant', 'region'],
        $index: [['title'], { fields: ['tenant', 'slug'], unique: true }, ['body']],
        $unique: [['tenant', 'slug'], ['isbn']],
        $fts: ['title', 'body'],
        $vector: { embedding: 3 },
        $storage: 'batched',
        $cdc: false,
        $strict: false,
        tenant: 'string!',
        region: 'string!',
        title: 'string',
        body: 'text',
        slug: 'string',
        isbn: 'string',
        embedding: 'vector(3)',
      }),
      parseSchema({ $type: 'Other', $vector: ['a', 'b'], $storage: 'rows', $cdc: true, $strict: true, a: 'vector(2)', b: 'vector(4)' }),
    ]);
  });

  it('supports @unique and @doc after a field type, like a field object', () => {
    const [s] = parseSchemas('User {\n  email: string! @unique @doc("Login \\"email\\"")\n  owner: -> User @unique\n}');
    expect(s).toEqual(
      parseSchema({
        $type: 'User',
        email: { type: 'string!', unique: true, doc: 'Login "email"' },
        owner: { type: '-> User', unique: true },
      }),
    );
  });

  it('takes defaults with braces, brackets, commas and newlines inside them', () => {
    const [s] = parseSchemas('A {\n  meta: json = {"a": [1, 2],\n    "b": "}"}\n  tags: string[] = ["x", "y"], n: int = 1\n}');
    expect(s!.fields.get('meta')!.default).toEqual({ kind: 'literal', value: { a: [1, 2], b: '}' } });
    expect(s!.fields.get('tags')!.default).toEqual({ kind: 'literal', value: ['x', 'y'] });
    expect(s!.fields.get('n')!.default).toEqual({ kind: 'literal', value: 1 });
  });

  it('ignores // comments and blank lines; an empty text has no collections', () => {
    expect(parseSchemas('')).toEqual([]);
    expect(parseSchemas('// nothing\n\n')).toEqual([]);
    const [s] = parseSchemas('// users\nUser { // the block\n  // a comment line\n  a: int // trailing\n}\n');
    expect([...s!.fields.keys()]).toEqual(['a']);
  });

  it('records positions in a side table, not in the structure', () => {
    const text = 'User @index(email) {\n  email: string# = "a"\n  boss: -> User\n}';
    const [s] = parseSchemas(text);
    expect(positionOf(s!, ['User'])).toEqual({ line: 1, column: 1 });
    expect(positionOf(s!, ['User', '$index', '0'])).toEqual({ line: 1, column: 6 });
    expect(positionOf(s!, ['User', '$index', '0', '0'])).toEqual({ line: 1, column: 13 });
    expect(positionOf(s!, ['User', 'email'])).toEqual({ line: 2, column: 3 });
    expect(positionOf(s!, ['User', 'email', 'type'])).toEqual({ line: 2, column: 10 });
    expect(positionOf(s!, ['User', 'email', 'default'])).toEqual({ line: 2, column: 20 });
    expect(positionOf(s!, ['User', 'boss', 'target'])).toEqual({ line: 3, column: 12 });
    expect(positionOf(s!, ['User', 'boss', 'default'])).toEqual({ line: 3, column: 3 });
    expect(Object.keys(s!)).toEqual(['name', 'fields', 'directives']);
    expect(positionOf(parseSchema({ $type: 'User' }), ['User'])).toBeUndefined();
    expect(sourcePositions(s!)?.size).toBeGreaterThan(5);
  });
});

describe('parseSchemas: errors carry the real line and column', () => {
  it('UNKNOWN_TYPE at the type name', () => {
    const issue = expectTextIssue('User {\n  id: string!\n  age: integr?\n}', 'UNKNOWN_TYPE', ['User', 'age'], 3, 8);
    expect(issue.message).toMatch(/did you mean .*int.*found "integr"/);
  });

  it('INVALID_DEFAULT at the default value', () => {
    expectTextIssue('User {\n  age: int = "x"\n}', 'INVALID_DEFAULT', ['User', 'age'], 2, 14);
  });

  it('EMPTY_TYPE when the type is missing at the end of the line', () => {
    expectTextIssue('User {\n  age:\n  b: int\n}', 'EMPTY_TYPE', ['User', 'age'], 3, 3);
  });

  it('UNEXPECTED_TOKEN: a missing ":", junk after a type, a missing "{", a missing name', () => {
    expectTextIssue('User {\n  age int\n}', 'UNEXPECTED_TOKEN', ['User', 'age'], 2, 7);
    expectTextIssue('User {\n  age: int int\n}', 'UNEXPECTED_TOKEN', ['User', 'age'], 2, 12);
    expectTextIssue('User\n  age: int\n}', 'UNEXPECTED_TOKEN', ['User'], 2, 3);
    expectTextIssue('{ a: int }', 'UNEXPECTED_TOKEN', [], 1, 1);
    expectTextIssue('User {\n  : int\n}', 'UNEXPECTED_TOKEN', ['User'], 2, 3);
    expectTextIssue('User @index {\n}', 'UNEXPECTED_TOKEN', ['User', '$index'], 1, 13);
    expectTextIssue('User {\n  a: int @doc(5)\n}', 'UNEXPECTED_TOKEN', ['User', 'a'], 2, 15);
  });

  it('UNEXPECTED_END: an unclosed collection', () => {
    expectTextIssue('User {\n  a: int\n', 'UNEXPECTED_END', ['User'], 3, 1);
    expectTextIssue('User', 'UNEXPECTED_END', ['User'], 1, 5);
  });

  it('UNTERMINATED_STRING, INVALID_ESCAPE, INVALID_NUMBER from the tokenizer', () => {
    expectTextIssue('User {\n  s: string = "abc\n}', 'UNTERMINATED_STRING', ['User', 's'], 2, 15);
    expectTextIssue('User {\n  s: string = "a\\qb"\n}', 'INVALID_ESCAPE', ['User', 's'], 2, 17);
    expectTextIssue('User {\n  n: int = 01\n}', 'INVALID_NUMBER', ['User', 'n'], 2, 12);
  });

  it('DUPLICATE_MODIFIER, CONFLICTING_MODIFIERS, INVALID_MODIFIER_POSITION', () => {
    expectTextIssue('A {\n  x: int!!\n}', 'DUPLICATE_MODIFIER', ['A', 'x'], 2, 10);
    expectTextIssue('A {\n  x: int!?\n}', 'CONFLICTING_MODIFIERS', ['A', 'x'], 2, 10);
    expectTextIssue('A {\n  x: ?int\n}', 'INVALID_MODIFIER_POSITION', ['A', 'x'], 2, 6);
  });

  it('DECIMAL_RANGE, INVALID_PARAMETER, INVALID_ENUM', () => {
    expectTextIssue('A {\n  x: decimal(40, 2)\n}', 'DECIMAL_RANGE', ['A', 'x'], 2, 6);
    expectTextIssue('A {\n  x: varchar(0)\n}', 'INVALID_PARAMETER', ['A', 'x'], 2, 6);
    expectTextIssue('A {\n  x: "a" | "a"\n}', 'INVALID_ENUM', ['A', 'x'], 2, 12);
  });

  it('INVALID_RELATION at the offending token', () => {
    expectTextIssue('A {\n  x: <- B\n}', 'INVALID_RELATION', ['A', 'x'], 3, 1);
    expectTextIssue('A {\n  x: foo -> B\n}', 'INVALID_RELATION', ['A', 'x'], 2, 6);
    expectTextIssue('A {\n  x: -> b\n}', 'INVALID_RELATION', ['A', 'x'], 2, 9);
  });

  it('INVALID_NAME, RESERVED_NAME at the name', () => {
    expectTextIssue('A {\n  Bad: int\n}', 'INVALID_NAME', ['A', 'Bad'], 2, 3);
    expectTextIssue('A {\n  $id: string\n}', 'RESERVED_NAME', ['A', '$id'], 2, 3);
    expectTextIssue('A {\n  sqlite_x: int\n}', 'RESERVED_NAME', ['A', 'sqlite_x'], 2, 3);
    expectTextIssue('\n  user { a: int }', 'INVALID_NAME', ['user'], 2, 3);
  });

  it('DUPLICATE_FIELD and DUPLICATE_COLLECTION at the second occurrence', () => {
    const f = expectTextIssue('A {\n  x: int\n  x: string\n}', 'DUPLICATE_FIELD', ['A', 'x'], 3, 3);
    expect(f.message).toBe('expected each field once, found x again (first at 2:3)');
    expectTextIssue('A { x: int }\nB { y: int }\nA { z: int }', 'DUPLICATE_COLLECTION', ['A'], 3, 1);
  });

  it('UNKNOWN_DIRECTIVE at the "@"', () => {
    expectTextIssue('A @ttl(5) {\n}', 'UNKNOWN_DIRECTIVE', ['A', '$ttl'], 1, 3);
    expectTextIssue('A {\n  x: int @index\n}', 'UNKNOWN_DIRECTIVE', ['A', 'x'], 2, 11);
  });

  it('INVALID_DIRECTIVE at the directive or its argument', () => {
    expectTextIssue('A @storage(columns) {\n}', 'INVALID_DIRECTIVE', ['A', '$storage'], 1, 12);
    expectTextIssue('A @cdc(yes) {\n}', 'INVALID_DIRECTIVE', ['A', '$cdc'], 1, 8);
    expectTextIssue('A @strict(true, false) {\n}', 'INVALID_DIRECTIVE', ['A', '$strict'], 1, 17);
    expectTextIssue('A @fts(a) @fts(b) {\n  a: string\n  b: string\n}', 'INVALID_DIRECTIVE', ['A', '$fts'], 1, 11);
    expectTextIssue('A @vector(a: 2, b) {\n  a: vector(2)\n  b: vector(2)\n}', 'INVALID_DIRECTIVE', ['A', '$vector'], 1, 3);
    expectTextIssue('A @vector(a: x) {\n  a: vector(2)\n}', 'INVALID_DIRECTIVE', ['A', '$vector'], 1, 11);
    expectTextIssue('A @index(a, unique: maybe) {\n  a: int\n}', 'INVALID_DIRECTIVE', ['A', '$index'], 1, 13);
    expectTextIssue('A @partitionBy(a: 1) {\n  a: int!\n}', 'INVALID_DIRECTIVE', ['A', '$partitionBy'], 1, 16);
    expectTextIssue('A @index() {\n  a: int\n}', 'INVALID_DIRECTIVE', ['A', '$index', '0'], 1, 3);
    expectTextIssue('A @index(a, a) {\n  a: int\n}', 'INVALID_DIRECTIVE', ['A', '$index', '0', '1'], 1, 13);
    expectTextIssue('A @index("a") {\n  a: int\n}', 'INVALID_DIRECTIVE', ['A', '$index'], 1, 10);
    expectTextIssue('A @vector(e: 4) {\n  e: vector(3)\n}', 'INVALID_DIRECTIVE', ['A', '$vector', 'e'], 1, 11);
    expectTextIssue('A @fts(n) {\n  n: int\n}', 'INVALID_DIRECTIVE', ['A', '$fts', '0'], 1, 8);
  });

  it('UNKNOWN_FIELD_REFERENCE and PARTITION_FIELD_NOT_REQUIRED at the argument', () => {
    expectTextIssue('A @index(email) @index(a, nope) {\n  a: int\n  email: string\n}', 'UNKNOWN_FIELD_REFERENCE', ['A', '$index', '1', '1'], 1, 27);
    expectTextIssue('A @partitionBy(t) {\n  t: string\n}', 'PARTITION_FIELD_NOT_REQUIRED', ['A', '$partitionBy', '0'], 1, 16);
  });

  it('INVALID_FIELD_OBJECT: @unique on a backward relation, or twice', () => {
    expectTextIssue('A {\n  x: <- B.a @unique\n}', 'INVALID_FIELD_OBJECT', ['A', 'x'], 2, 14);
    expectTextIssue('A {\n  x: int @unique @unique\n}', 'INVALID_FIELD_OBJECT', ['A', 'x'], 2, 19);
  });

  it('TOO_MANY_COLUMNS at the collection name', () => {
    const fields = Array.from({ length: 96 }, (_, i) => `  f${i}: int`).join('\n');
    expectTextIssue(`\nWide {\n${fields}\n}`, 'TOO_MANY_COLUMNS', ['Wide'], 2, 1);
  });

  it('keeps going after an error and reports each with its own position, in source order', () => {
    const text = [
      'User @foo(x) {', //         1
      '  a: strng', //             2
      '  b: int = "x"', //         3
      '  c: int', //               4
      '  d: json = {"k" 1}', //    5
      '  e: %', //                 6
      '  f: string # "unterminated', // 7
      '}', //                      8
      'Post {', //                 9
      '  g: int!!', //             10
      '}',
    ].join('\n');
    const e = parseError(() => parseSchemas(text));
    expect(e.issues.map(brief)).toEqual([
      { code: 'UNKNOWN_DIRECTIVE', path: ['User', '$foo'], line: 1, column: 6 },
      { code: 'UNKNOWN_TYPE', path: ['User', 'a'], line: 2, column: 6 },
      { code: 'INVALID_DEFAULT', path: ['User', 'b'], line: 3, column: 12 },
      { code: 'INVALID_DEFAULT', path: ['User', 'd'], line: 5, column: 18 },
      { code: 'UNEXPECTED_TOKEN', path: ['User', 'e'], line: 6, column: 6 },
      { code: 'UNTERMINATED_STRING', path: ['User', 'f'], line: 7, column: 15 },
      { code: 'DUPLICATE_MODIFIER', path: ['Post', 'g'], line: 10, column: 10 },
    ]);
    expect(e.issues.every((i) => /expected .*found/.test(i.message))).toBe(true);
  });

  it('resumes at the next collection after a broken header', () => {
    const e = parseError(() => parseSchemas('User\nPost {\n  a: strng\n}\n{ junk }\nTag {\n  b: int!!\n}'));
    expect(e.issues.map(brief)).toEqual([
      { code: 'UNEXPECTED_TOKEN', path: ['User'], line: 2, column: 1 },
      { code: 'UNKNOWN_TYPE', path: ['Post', 'a'], line: 3, column: 6 },
      { code: 'UNEXPECTED_TOKEN', path: [], line: 5, column: 1 },
      { code: 'DUPLICATE_MODIFIER', path: ['Tag', 'b'], line: 7, column: 10 },
    ]);
  });

  it('does not report a directive reference to a field that already failed to parse', () => {
    expectTextIssue('A @index(a) {\n  a: strng\n}', 'UNKNOWN_TYPE', ['A', 'a'], 2, 6);
  });

  it('keeps line numbers right after a bad escape in an unterminated string', () => {
    const e = parseError(() => parseSchemas('A {\n  s: string = "a\\q\n  t: int = "x"\n}'));
    expect(e.issues.map(brief)).toEqual([
      { code: 'INVALID_ESCAPE', path: ['A', 's'], line: 2, column: 17 },
      { code: 'INVALID_DEFAULT', path: ['A', 't'], line: 3, column: 12 },
    ]);
  });

  it('rejects a non-string input', () => {
    expect(parseError(() => parseSchemas(5 as unknown as string)).code).toBe('INVALID_SCHEMA');
  });
});
