import { describe, expect, it } from 'vitest';
import { IceTypeParseError, parseRelation, type IssueCode } from '../../src/icetype/index.js';

function parseError(f: () => unknown): IceTypeParseError {
  try {
    f();
  } catch (e) {
    if (e instanceof IceTypeParseError) return e;
    throw e;
  }
  throw new Error('expected an IceTypeParseError, nothing was thrown');
}

function expectRelationError(src: string, code: IssueCode, column: number): IceTypeParseError {
  const e = parseError(() => parseRelation(src));
  expect({ code: e.code, path: e.path, line: e.line, column: e.column }).toEqual({ code, path: [], line: 1, column });
  expect(e.message).toMatch(/expected .*found/);
  return e;
}

describe('parseRelation', () => {
  it('parses each operator with target, inverse and []', () => {
    expect(parseRelation('-> User')).toEqual({ operator: '->', target: 'User', many: false });
    expect(parseRelation('->User[]')).toEqual({ operator: '->', target: 'User', many: true });
    expect(parseRelation('-> User.posts')).toEqual({ operator: '->', target: 'User', inverse: 'posts', many: false });
    expect(parseRelation('~> Product[]')).toEqual({ operator: '~>', target: 'Product', many: true });
    expect(parseRelation('<- Post.author[]')).toEqual({ operator: '<-', target: 'Post', inverse: 'author', many: true });
    expect(parseRelation('<~ Doc . related')).toEqual({ operator: '<~', target: 'Doc', inverse: 'related', many: false });
  });

  it('accepts a trailing ! or ? on forward relations (required-ness lives on the field)', () => {
    expect(parseRelation('-> User!')).toEqual({ operator: '->', target: 'User', many: false });
    expect(parseRelation('-> User[]?')).toEqual({ operator: '->', target: 'User', many: true });
  });

  it('INVALID_RELATION: text before the operator, no operator, or an empty string', () => {
    expect(expectRelationError('foo -> User', 'INVALID_RELATION', 1).message).toBe(
      'expected a relation operator (->, ~>, <- or <~) first, found "foo" at 1:1',
    );
    expectRelationError('User', 'INVALID_RELATION', 1);
    expectRelationError('', 'INVALID_RELATION', 1);
  });

  it('INVALID_RELATION: a missing or lower-case target', () => {
    expectRelationError('->', 'INVALID_RELATION', 3);
    expect(expectRelationError('-> user', 'INVALID_RELATION', 4).message).toMatch(/found "user"/);
    expectRelationError('-> $User', 'INVALID_RELATION', 4);
    expectRelationError('-> "User"', 'INVALID_RELATION', 4);
  });

  it('INVALID_RELATION: a backward relation without .inverse, or with ! / ?', () => {
    expect(expectRelationError('<- Post', 'INVALID_RELATION', 8).message).toMatch(/expected "\.field" after "<- Post"/);
    expectRelationError('<~ Post[]', 'INVALID_RELATION', 8);
    expectRelationError('<- Post.author!', 'INVALID_RELATION', 15);
    expectRelationError('<- Post.author[]?', 'INVALID_RELATION', 17);
  });

  it('INVALID_RELATION: a bad inverse name, "#", a default, or an unclosed "["', () => {
    expectRelationError('-> User.Posts', 'INVALID_RELATION', 9);
    expectRelationError('-> User.', 'INVALID_RELATION', 9);
    expectRelationError('-> User#', 'INVALID_RELATION', 8);
    expectRelationError('-> User = "x"', 'INVALID_RELATION', 9);
    expectRelationError('-> User[', 'INVALID_RELATION', 9);
  });

  it('DUPLICATE_MODIFIER and CONFLICTING_MODIFIERS on a relation', () => {
    expectRelationError('-> User!!', 'DUPLICATE_MODIFIER', 9);
    expectRelationError('-> User!?', 'CONFLICTING_MODIFIERS', 9);
  });

  it('INVALID_MODIFIER_POSITION: [] after the modifier', () => {
    expectRelationError('-> User![]', 'INVALID_MODIFIER_POSITION', 9);
  });

  it('UNEXPECTED_TOKEN: anything after the relation', () => {
    expectRelationError('-> User extra', 'UNEXPECTED_TOKEN', 9);
  });
});
