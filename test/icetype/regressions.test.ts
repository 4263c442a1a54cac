/**
 * One test per defect of the published IceType parser
 * (reference/research/seed-origin.md §2 and §6, W1 and W19).
 */
import { describe, expect, it } from 'vitest';
import {
  IceTypeParseError,
  inferType,
  parseField,
  parseRelation,
  parseSchema,
  parseSchemas,
  uniqueConstraints,
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

describe('regressions of the published parser', () => {
  it('W1: "!" means required only, never unique (two users named Alice can coexist)', () => {
    const s = parseSchema({ $type: 'User', name: 'string!', id: 'uuid!' });
    expect(s.fields.get('name')).toMatchObject({ required: true, unique: false, indexed: false });
    expect(uniqueConstraints(s)).toEqual([]);
    expect(parseField('string!#')).toMatchObject({ required: true, indexed: true, unique: false });
  });

  it('W19: \'string = "a->b"\' is a string field with default a->b, not a relation', () => {
    const f = parseField('string = "a->b"');
    expect(f).toEqual({
      name: '',
      type: { kind: 'primitive', name: 'string' },
      isArray: false,
      required: false,
      indexed: false,
      unique: false,
      default: { kind: 'literal', value: 'a->b' },
    });
    expect(f.relation).toBeUndefined();
  });

  it('W19: "-> User!" is a required relation to User (not to "User!")', () => {
    expect(parseRelation('-> User!')).toEqual({ operator: '->', target: 'User', many: false });
    expect(parseField('-> User!')).toMatchObject({ required: true, relation: { target: 'User' } });
  });

  it('W19: a 1e5 default is 100000 (not 1)', () => {
    expect(parseField('int = 1e5').default).toEqual({ kind: 'literal', value: 100000 });
    expect(parseField('double = 2.5e-1').default).toEqual({ kind: 'literal', value: 0.25 });
  });

  it('W19: wrong-shaped directives are errors, not silently dropped', () => {
    const e = parseError(() =>
      parseSchema({
        $type: 'User',
        $index: ['email'],
        $partitionBy: 'tenantId',
        $vector: 'embedding',
        tenantId: 'string!',
        email: 'string',
        embedding: 'vector(3)',
      }),
    );
    expect(e.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['INVALID_DIRECTIVE', 'User.$index.0'],
      ['INVALID_DIRECTIVE', 'User.$partitionBy'],
      ['INVALID_DIRECTIVE', 'User.$vector'],
    ]);
  });

  it('W19: positions are real, not always 1:1', () => {
    const e = parseError(() => parseSchemas('User {\n  id: uuid!\n  age: int = "old"\n}'));
    expect([e.code, e.line, e.column]).toEqual(['INVALID_DEFAULT', 3, 14]);
    const f = parseError(() => parseField('decimal(10,2) = "x"'));
    expect([f.line, f.column]).toEqual([1, 17]);
  });

  it('W19: "float[3]" and "int[3][3]" are errors, not unknown types accepted at parse time', () => {
    expect(parseError(() => parseField('float[3]')).code).toBe('UNEXPECTED_TOKEN');
    expect(parseError(() => parseField('int[3][3]')).code).toBe('UNEXPECTED_TOKEN');
    expect(parseError(() => parseSchema({ $type: 'A', v: 'float[3]' })).path).toEqual(['A', 'v']);
  });

  it('W19: "foo -> User" is an error (text before the operator was ignored)', () => {
    expect(parseError(() => parseRelation('foo -> User')).code).toBe('INVALID_RELATION');
    expect(parseError(() => parseField('foo -> User')).code).toBe('INVALID_RELATION');
  });

  it('§2.2: decimal(10.5,2) is an error (was silently 10); decimal ranges are checked', () => {
    expect(parseError(() => parseField('decimal(10.5,2)')).code).toBe('INVALID_PARAMETER');
    expect(parseError(() => parseField('decimal(50,2)')).code).toBe('DECIMAL_RANGE');
  });

  it('§2.1: unknown types are errors at parse time (were deferred to validation)', () => {
    expect(parseError(() => parseSchema({ $type: 'A', m: 'map<string,int>' })).code).toBe('UNKNOWN_TYPE');
  });

  it('§2.5: "string!?" is an error (was only a warning)', () => {
    expect(parseError(() => parseField('string!?')).code).toBe('CONFLICTING_MODIFIERS');
  });

  it('§2.5: the README example with an index on a missing field is reported', () => {
    const e = parseError(() =>
      parseSchema({ $type: 'User', $index: [['email'], ['createdAt']], id: 'uuid!', email: 'string#' }),
    );
    expect(e.issues.map((i) => [i.code, i.path.join('.')])).toEqual([['UNKNOWN_FIELD_REFERENCE', 'User.$index.1.0']]);
  });

  it('§2.5: inferType gives double for 3.14 and json for [] (was float and json[])', () => {
    expect(inferType(3.14)).toBe('double');
    expect(inferType([])).toBe('json');
    expect(inferType([1, 2.5])).toBe('double[]');
  });
});
