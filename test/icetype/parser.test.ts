import { describe, expect, it } from 'vitest';
import { IceTypeParseError, IceTypeParser, parseField, parseSchema } from '../../src/icetype/index.js';

describe('IceTypeParser (the original method names)', () => {
  const parser = new IceTypeParser();

  it('parse, parseField, parseRelation, parseDirectives, validateSchema', () => {
    const def = { $type: 'Post', $index: [['title']], title: 'string!', author: '-> User' };
    expect(parser.parse(def)).toEqual(parseSchema(def));
    expect(parser.parse({ a: 'int' }, { name: 'A' }).name).toBe('A');
    expect(parser.parseField('int?', { name: 'n' })).toEqual(parseField('int?', { name: 'n' }));
    expect(parser.parseRelation('<- Post.author[]')).toEqual({ operator: '<-', target: 'Post', inverse: 'author', many: true });
    expect(parser.parseDirectives(def).index).toEqual([{ fields: ['title'], unique: false }]);
    expect(parser.validateSchema(parser.parse(def)).valid).toBe(true);
    expect(parser.validateSchema([parser.parse(def)]).errors.map((e) => e.code)).toEqual(['UNKNOWN_RELATION_TARGET']);
  });

  it('throws IceTypeParseError from parseDirectives on wrong shapes', () => {
    expect(() => parser.parseDirectives({ $type: 'A', $fts: 'x' })).toThrow(IceTypeParseError);
    expect(() => parser.parse({ $type: 'A', x: 'nope' })).toThrow(/expected a type name/);
  });
});
