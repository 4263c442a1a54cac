import { describe, expect, it } from 'vitest';
import { IceTypeParseError, parseField, type FieldDefinition, type IssueCode } from '../../src/icetype/index.js';

function parseError(f: () => unknown): IceTypeParseError {
  try {
    f();
  } catch (e) {
    if (e instanceof IceTypeParseError) return e;
    throw e;
  }
  throw new Error('expected an IceTypeParseError, nothing was thrown');
}

/** Asserts code, path, line:column and an "expected ..., found ..." message. */
function expectFieldError(typeString: string, code: IssueCode, column: number, name = 'f'): IceTypeParseError {
  const e = parseError(() => parseField(typeString, { name }));
  expect({ code: e.code, path: e.path, line: e.line, column: e.column }).toEqual({ code, path: [name], line: 1, column });
  expect(e.message).toMatch(/expected .*found/);
  expect(e.issues).toHaveLength(1);
  return e;
}

const base = { name: '', isArray: false, required: false, indexed: false, unique: false };
const prim = (name: string) => ({ kind: 'primitive', name });

describe('parseField: types', () => {
  it('parses every primitive, case-insensitively, folding aliases', () => {
    const cases: [string, string][] = [
      ['string', 'string'],
      ['text', 'text'],
      ['int', 'int'],
      ['long', 'long'],
      ['bigint', 'long'],
      ['float', 'float'],
      ['double', 'double'],
      ['bool', 'bool'],
      ['boolean', 'bool'],
      ['uuid', 'uuid'],
      ['timestamp', 'timestamp'],
      ['date', 'date'],
      ['time', 'time'],
      ['json', 'json'],
      ['binary', 'binary'],
      ['String', 'string'],
      ['BOOLEAN', 'bool'],
      ['BigInt', 'long'],
    ];
    for (const [src, name] of cases) expect(parseField(src)).toEqual({ ...base, type: prim(name) });
  });

  it('parses decimal(P,S), decimal(P) (scale 0), varchar(N) and vector(N), with spaces', () => {
    expect(parseField('decimal(10,2)').type).toEqual({ kind: 'decimal', precision: 10, scale: 2 });
    expect(parseField('Decimal( 18 , 4 )').type).toEqual({ kind: 'decimal', precision: 18, scale: 4 });
    expect(parseField('decimal(7)').type).toEqual({ kind: 'decimal', precision: 7, scale: 0 });
    expect(parseField('decimal(38,38)').type).toEqual({ kind: 'decimal', precision: 38, scale: 38 });
    expect(parseField('varchar(255)').type).toEqual({ kind: 'varchar', length: 255 });
    expect(parseField('vector(768)').type).toEqual({ kind: 'vector', dimensions: 768 });
    expect(parseField('vector(1e3)').type).toEqual({ kind: 'vector', dimensions: 1000 });
  });

  it('parses enums of two or more quoted values, in order, either quote style', () => {
    expect(parseField(`"draft" | 'published' | "archived"`).type).toEqual({
      kind: 'enum',
      values: ['draft', 'published', 'archived'],
    });
    expect(parseField('"a"|"b"[]!').isArray).toBe(true);
  });

  it('parses arrays, with modifiers after []', () => {
    expect(parseField('string[]')).toEqual({ ...base, type: prim('string'), isArray: true });
    expect(parseField('int [ ] !')).toEqual({ ...base, type: prim('int'), isArray: true, required: true });
    expect(parseField('decimal(5,1)[]#').indexed).toBe(true);
  });
});

describe('parseField: modifiers', () => {
  it('! is required only (never unique), # is indexed, ? is optional', () => {
    expect(parseField('string!')).toEqual({ ...base, type: prim('string'), required: true });
    expect(parseField('string#')).toEqual({ ...base, type: prim('string'), indexed: true });
    expect(parseField('string?')).toEqual({ ...base, type: prim('string') });
    expect(parseField('string')).toEqual(parseField('string?'));
  });

  it('takes modifiers in any order', () => {
    expect(parseField('string!#')).toEqual(parseField('string#!'));
    expect(parseField('string#?')).toEqual({ ...base, type: prim('string'), indexed: true });
  });

  it('DUPLICATE_MODIFIER: a modifier twice', () => {
    const e = expectFieldError('string!#!', 'DUPLICATE_MODIFIER', 9);
    expect(e.message).toBe('f: expected each modifier at most once, found a second "!" at 1:9');
    expectFieldError('int##', 'DUPLICATE_MODIFIER', 5);
  });

  it('CONFLICTING_MODIFIERS: ! with ?', () => {
    expectFieldError('string!?', 'CONFLICTING_MODIFIERS', 8);
    expectFieldError('string?#!', 'CONFLICTING_MODIFIERS', 9);
  });

  it('INVALID_MODIFIER_POSITION: leading, before [], or after the default', () => {
    expectFieldError('?string', 'INVALID_MODIFIER_POSITION', 1);
    expectFieldError('!int', 'INVALID_MODIFIER_POSITION', 1);
    expectFieldError('string?[]', 'INVALID_MODIFIER_POSITION', 8);
    expectFieldError('int = 1!', 'INVALID_MODIFIER_POSITION', 8);
  });
});

describe('parseField: defaults', () => {
  const lit = (s: string) => parseField(s).default;

  it('parses literals: numbers (1e5, -3, 0.5), strings, booleans, null, [] and {}', () => {
    expect(lit('int = 1e5')).toEqual({ kind: 'literal', value: 100000 });
    expect(lit('int = -3')).toEqual({ kind: 'literal', value: -3 });
    expect(lit('double = 0.5')).toEqual({ kind: 'literal', value: 0.5 });
    expect(lit('string = "active"')).toEqual({ kind: 'literal', value: 'active' });
    expect(lit(`string = 'it\\'s'`)).toEqual({ kind: 'literal', value: "it's" });
    expect(lit('bool = false')).toEqual({ kind: 'literal', value: false });
    expect(lit('string? = null')).toEqual({ kind: 'literal', value: null });
    expect(lit('string[] = []')).toEqual({ kind: 'literal', value: [] });
    expect(lit('json = {}')).toEqual({ kind: 'literal', value: {} });
    expect(lit('json = {"a": [1, "x", {"b": null}], "c": true}')).toEqual({
      kind: 'literal',
      value: { a: [1, 'x', { b: null }], c: true },
    });
  });

  it('parses now() and uuid()', () => {
    expect(lit('timestamp = now()')).toEqual({ kind: 'function', name: 'now' });
    expect(lit('date = now ( )')).toEqual({ kind: 'function', name: 'now' });
    expect(lit('time = now()')).toEqual({ kind: 'function', name: 'now' });
    expect(lit('uuid = uuid()')).toEqual({ kind: 'function', name: 'uuid' });
    expect(lit('varchar(36) = uuid()')).toEqual({ kind: 'function', name: 'uuid' });
  });

  it('splits only at the first "=" outside quotes', () => {
    expect(parseField('string = "a = b -> c"')).toEqual({
      ...base,
      type: prim('string'),
      default: { kind: 'literal', value: 'a = b -> c' },
    });
  });

  it('keeps decimal defaults as exact strings', () => {
    expect(lit('decimal(10,2) = 1.50')).toEqual({ kind: 'literal', value: '1.50' });
    expect(lit('decimal(10,2) = "12.34"')).toEqual({ kind: 'literal', value: '12.34' });
    expect(lit('decimal(10,0) = 1e5')).toEqual({ kind: 'literal', value: '100000' });
    expect(lit('decimal(10,4) = 1.5e-3')).toEqual({ kind: 'literal', value: '0.0015' });
    expect(lit('decimal(38,0) = 12345678901234567890123456789')).toEqual({
      kind: 'literal',
      value: '12345678901234567890123456789',
    });
    expect(lit('decimal(4,1)[] = [1.5, "2"]')).toEqual({ kind: 'literal', value: ['1.5', '2'] });
  });

  it('takes JSON arrays of matching items on arrays and vectors', () => {
    expect(lit('int[] = [1, 2, 3]')).toEqual({ kind: 'literal', value: [1, 2, 3] });
    expect(lit('vector(3) = [0.1, 0.2, 0.3]')).toEqual({ kind: 'literal', value: [0.1, 0.2, 0.3] });
    expect(lit('"a" | "b"[] = ["b", "a"]')).toEqual({ kind: 'literal', value: ['b', 'a'] });
  });

  it('takes ISO values on temporal fields and UUIDs on uuid fields', () => {
    expect(lit('date = "2024-01-15"')).toEqual({ kind: 'literal', value: '2024-01-15' });
    expect(lit('time = "10:30:00.5"')).toEqual({ kind: 'literal', value: '10:30:00.5' });
    expect(lit('timestamp = "2024-01-15T10:30:00Z"')).toEqual({ kind: 'literal', value: '2024-01-15T10:30:00Z' });
    expect(lit('timestamp = 1700000000000')).toEqual({ kind: 'literal', value: 1700000000000 });
    expect(lit('uuid = "550e8400-e29b-41d4-a716-446655440000"')).toEqual({
      kind: 'literal',
      value: '550e8400-e29b-41d4-a716-446655440000',
    });
  });

  it('INVALID_DEFAULT: a default that does not fit the type, at the default', () => {
    const e = expectFieldError('int = "x"', 'INVALID_DEFAULT', 7);
    expect(e.message).toBe(
      'f: expected a default of type int (a whole number from -2147483648 to 2147483647), found "x" at 1:7',
    );
    const bad: [string, number][] = [
      ['int = 2147483648', 7],
      ['int = 1.5', 7],
      ['long = 9007199254740993', 8],
      ['float = 1e39', 9],
      ['bool = 1', 8],
      ['string = 1', 10],
      ['varchar(2) = "abc"', 14],
      ['"a" | "b" = "c"', 13],
      ['decimal(4,2) = 123.4', 16],
      ['decimal(4,2) = 1.234', 16],
      ['decimal(4,2) = "abc"', 16],
      ['int[] = [1, "2"]', 9],
      ['int[] = 1', 9],
      ['string[] = [null]', 12],
      ['vector(2) = [1, 2, 3]', 13],
      ['date = "2024-13-01"', 8],
      ['time = "25:00:00"', 8],
      ['timestamp = "yesterday"', 13],
      ['uuid = "nope"', 8],
      ['binary = "AAAA"', 10],
      ['string! = null', 11],
      ['int = now()', 7],
      ['timestamp[] = now()', 15],
      ['int = uuid()', 7],
      ['varchar(10) = uuid()', 15],
      ['string = active', 10],
      ['string = now', 13],
      ['json = {"a" 1}', 13],
      ['json = {a: 1}', 9],
      ['json = [1 2]', 11],
    ];
    for (const [src, col] of bad) expectFieldError(src, 'INVALID_DEFAULT', col);
  });

  it('mentions bigint for long values beyond 2^53', () => {
    expect(expectFieldError('long = 9007199254740993', 'INVALID_DEFAULT', 8).message).toMatch(/bigint/);
  });

  it('UNEXPECTED_END: "=" with nothing after it, or an unfinished literal', () => {
    expectFieldError('int =', 'UNEXPECTED_END', 6);
    expectFieldError('json = [1,', 'UNEXPECTED_END', 11);
  });
});

describe('parseField: errors', () => {
  it('EMPTY_TYPE: nothing at all', () => {
    expectFieldError('', 'EMPTY_TYPE', 1);
    expectFieldError('   ', 'EMPTY_TYPE', 4);
  });

  it('UNEXPECTED_TOKEN: says expected vs found with the position', () => {
    const e = expectFieldError('= 5', 'UNEXPECTED_TOKEN', 1);
    expect(e.message).toBe('f: expected a type name, found "=" at 1:1');
    expect(parseError(() => parseField('int = ')).message).toBe('expected a default value after "=", found end of input at 1:7');
    expectFieldError('int extra', 'UNEXPECTED_TOKEN', 5);
    expectFieldError('int[][]', 'UNEXPECTED_TOKEN', 6);
    expectFieldError('int = 1 2', 'UNEXPECTED_TOKEN', 9);
    expectFieldError('float[3]', 'UNEXPECTED_TOKEN', 7);
    expectFieldError('5', 'UNEXPECTED_TOKEN', 1);
  });

  it('UNKNOWN_TYPE: lists nearby valid names', () => {
    const e = expectFieldError('strng!', 'UNKNOWN_TYPE', 1);
    expect(e.message).toMatch(/did you mean string\?\), found "strng"/);
    expect(expectFieldError('integer', 'UNKNOWN_TYPE', 1).message).toMatch(/\bint\b/);
    expect(expectFieldError('map', 'UNKNOWN_TYPE', 1).message).toMatch(/one of string, text, int/);
    expectFieldError('int[] | x', 'UNEXPECTED_TOKEN', 7);
  });

  it('DECIMAL_RANGE: 1 ≤ P ≤ 38, 0 ≤ S ≤ P', () => {
    for (const src of ['decimal(0)', 'decimal(39,2)', 'decimal(5,6)', 'decimal(-1)', 'decimal(10,-1)']) {
      const e = expectFieldError(src, 'DECIMAL_RANGE', 1);
      expect(e.message).toMatch(/^f: expected decimal\(P,S\) with 1 ≤ P ≤ 38 and 0 ≤ S ≤ P, found decimal\(-?\d+,-?\d+\) at 1:1$/);
    }
  });

  it('INVALID_PARAMETER: zero, non-integer or missing parameters, parameters on primitives', () => {
    expectFieldError('varchar(0)', 'INVALID_PARAMETER', 1);
    expectFieldError('vector(0)', 'INVALID_PARAMETER', 1);
    expectFieldError('vector(70000)', 'INVALID_PARAMETER', 1);
    expectFieldError('decimal(10.5,2)', 'INVALID_PARAMETER', 9);
    expectFieldError('vector(1.5)', 'INVALID_PARAMETER', 8);
    expectFieldError('varchar(n)', 'INVALID_PARAMETER', 9);
    expectFieldError('decimal', 'INVALID_PARAMETER', 8);
    expectFieldError('vector', 'INVALID_PARAMETER', 7);
    expectFieldError('decimal(10,2', 'INVALID_PARAMETER', 13);
    expectFieldError('string(5)', 'INVALID_PARAMETER', 7);
  });

  it('INVALID_ENUM: one value, a repeated value, or a non-string value', () => {
    expectFieldError('"a"', 'INVALID_ENUM', 1);
    expect(expectFieldError('"a" | "b" | "a"', 'INVALID_ENUM', 13).message).toMatch(/found "a" twice/);
    expectFieldError('"a" | b', 'INVALID_ENUM', 7);
  });

  it('INVALID_RELATION: text before the relation operator', () => {
    expectFieldError('foo -> User', 'INVALID_RELATION', 1);
    expectFieldError('string -> User', 'INVALID_RELATION', 8);
  });

  it('counts lines inside a multi-line type string', () => {
    const e = parseError(() => parseField('json = {\n  "a": x\n}'));
    expect([e.code, e.line, e.column]).toEqual(['INVALID_DEFAULT', 2, 8]);
  });

  it('rejects a non-string input without crashing', () => {
    expect(parseError(() => parseField(42 as unknown as string)).code).toBe('INVALID_FIELD_OBJECT');
  });

  it('puts the given name on the field, and [] as path without one', () => {
    expect(parseField('int', { name: 'age' }).name).toBe('age');
    expect(parseError(() => parseField('x')).path).toEqual([]);
  });
});

describe('parseField: relations', () => {
  const rel = (s: string): FieldDefinition => parseField(s, { name: 'r' });

  it('returns a string field with the relation; isArray follows many on forward relations', () => {
    expect(rel('-> User')).toEqual({
      ...base,
      name: 'r',
      type: prim('string'),
      relation: { operator: '->', target: 'User', many: false },
    });
    expect(rel('-> User[]')).toMatchObject({ isArray: true, relation: { many: true } });
    expect(rel('~> Product[]')).toMatchObject({ isArray: true, relation: { operator: '~>', many: true } });
    expect(rel('<- Post.author[]')).toMatchObject({
      isArray: false,
      required: false,
      relation: { operator: '<-', target: 'Post', inverse: 'author', many: true },
    });
  });

  it('keeps "!" of a forward relation on the field (required)', () => {
    expect(rel('-> User!')).toMatchObject({ required: true, relation: { target: 'User' } });
    expect(rel('-> User.posts?')).toMatchObject({ required: false, relation: { inverse: 'posts' } });
  });
});

describe('timestamp defaults', () => {
  it('need a zone, so the default is one instant wherever the schema is compiled', () => {
    expect(parseField('timestamp = "2024-01-15T10:30:00Z"').default).toEqual({ kind: 'literal', value: '2024-01-15T10:30:00Z' });
    expect(parseField('timestamp = "2024-01-15T10:30:00+02:00"').default).toEqual({ kind: 'literal', value: '2024-01-15T10:30:00+02:00' });
    expect(parseField('timestamp = 1705314600000').default).toEqual({ kind: 'literal', value: 1705314600000 });
    const error = (() => {
      try {
        parseField('timestamp = "2024-01-15 10:30"');
      } catch (e) {
        return e as IceTypeParseError;
      }
      throw new Error('expected an error');
    })();
    expect(error.code).toBe('INVALID_DEFAULT');
    expect(error.message).toMatch(/with a zone/);
  });
});
