import { describe, expect, it } from 'vitest';
import {
  IceTypeParseError,
  DEFAULT_DIRECTIVES,
  parseField,
  parseSchema,
  parseSchemas,
  validateSchema,
  validateSchemas,
  type FieldDefinition,
  type IceTypeSchema,
  type SchemaDirectives,
  type SchemaIssue,
} from '../../src/icetype/index.js';

const brief = (i: SchemaIssue) => ({ code: i.code, path: i.path, line: i.line, column: i.column });
const short = (i: SchemaIssue) => [i.code, i.path.join('.')];

/** A hand-built schema (bypassing the parser) to check that validation re-checks everything. */
function handBuilt(fields: FieldDefinition[], directives: Partial<SchemaDirectives> = {}, name = 'T'): IceTypeSchema {
  return { name, fields: new Map(fields.map((f) => [f.name, f])), directives: { ...DEFAULT_DIRECTIVES, ...directives } };
}
const f = (name: string, typeString: string, extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
  ...parseField(typeString, { name }),
  ...extra,
});

function expectErrors(input: IceTypeSchema | IceTypeSchema[], expected: (string | string[])[][]): SchemaIssue[] {
  const r = validateSchema(input);
  expect(r.errors.map(short)).toEqual(expected.map(([c, p]) => [c, Array.isArray(p) ? p.join('.') : p]));
  expect(r.valid).toBe(expected.length === 0);
  for (const e of r.errors) expect(e.message).toMatch(/expected .*found/);
  return [...r.errors];
}

describe('validateSchema: a set of collections', () => {
  const text = `User {
  email: string!
  posts: <- Post.author[]
  similar: <~ Post.related
}
Post {
  author: -> User.posts!
  related: ~> User
  editor: -> User
}`;

  it('accepts consistent relations', () => {
    const r = validateSchema(parseSchemas(text));
    expect(r).toEqual({ valid: true, errors: [], warnings: [] });
    expect(validateSchemas(parseSchemas(text)).valid).toBe(true);
  });

  it('UNKNOWN_RELATION_TARGET with the position of the target', () => {
    const r = validateSchema(parseSchemas('Post {\n  author: -> Usr\n}\nUser {\n}'));
    expect(r.errors.map(brief)).toEqual([{ code: 'UNKNOWN_RELATION_TARGET', path: ['Post', 'author'], line: 2, column: 14 }]);
    expect(r.errors[0]!.message).toBe('expected a collection of this schema set (Post, User), found "Usr"');
  });

  it('does not check targets when given a single schema', () => {
    expect(validateSchema(parseSchema({ $type: 'Post', author: '-> User' })).valid).toBe(true);
  });

  it('INVERSE_MISMATCH: <- T.f needs T.f to be -> ThisType', () => {
    const sets = [
      'User { posts: <- Post.author[] }\nPost { author: string }',
      'User { posts: <- Post.author[] }\nPost { title: string }',
      'User { posts: <- Post.author[] }\nPost { author: -> Org }\nOrg { }',
      'User { posts: <- Post.author[] }\nPost { author: ~> User }',
    ];
    for (const s of sets) {
      const r = validateSchema(parseSchemas(s));
      expect(r.errors.map(brief)).toEqual([{ code: 'INVERSE_MISMATCH', path: ['User', 'posts'], line: 1, column: 23 }]);
      expect(r.errors[0]!.message).toMatch(/^expected Post\.author to be "-> User" or "-> User\[\]", found /);
    }
  });

  it('INVERSE_MISMATCH: an inverse named on a forward relation must be <- ThisType.field', () => {
    const sets = [
      'Post { author: -> User.posts }\nUser { name: string }',
      'Post { author: -> User.posts }\nUser { posts: <- Post.editor[] }',
      'Post { author: -> User.posts, editor: -> User }\nUser { posts: <~ Post.author }',
    ];
    for (const s of sets) {
      const r = validateSchema(parseSchemas(s));
      expect(r.errors.map(short)[0]).toEqual(['INVERSE_MISMATCH', 'Post.author']);
      expect(r.errors[0]!.message).toMatch(/^expected User\.posts to be "<- Post\.author", found /);
    }
  });

  it('DUPLICATE_COLLECTION across separately parsed schemas', () => {
    const a = parseSchema({ $type: 'A', x: 'int' });
    expectErrors([a, parseSchema({ $type: 'A', y: 'int' })], [['DUPLICATE_COLLECTION', 'A']]);
  });

  it('DUPLICATE_INDEX warnings do not make a schema invalid', () => {
    const s = parseSchemas('A @index(x) @index(x) @unique(y) {\n  x: int#\n  y: int @unique\n}')[0]!;
    const r = validateSchema(s);
    expect(r.valid).toBe(true);
    expect(r.warnings.map(brief)).toEqual([
      { code: 'DUPLICATE_INDEX', path: ['A', '$index', '0'], line: 1, column: 3 },
      { code: 'DUPLICATE_INDEX', path: ['A', '$index', '1'], line: 1, column: 13 },
      { code: 'DUPLICATE_INDEX', path: ['A', '$unique', '0'], line: 1, column: 23 },
    ]);
    expect(r.warnings[0]!.message).toBe('expected each index once, found $index[0] repeating "#" on x');
  });
});

describe('validateSchema: re-checks hand-built schemas', () => {
  it('accepts what the parser produces', () => {
    const s = parseSchema({
      $type: 'User',
      $partitionBy: ['t'],
      $fts: ['bio'],
      $vector: { e: 3 },
      t: 'string!',
      bio: 'text',
      e: 'vector(3)',
      amount: 'decimal(10,2) = 1.5',
    });
    expect(validateSchema(s)).toEqual({ valid: true, errors: [], warnings: [] });
  });

  it('field types: UNKNOWN_TYPE, DECIMAL_RANGE, INVALID_PARAMETER, INVALID_ENUM', () => {
    expectErrors(
      handBuilt([
        f('a', 'int', { type: { kind: 'primitive', name: 'integer' as 'int' } }),
        f('b', 'int', { type: { kind: 'decimal', precision: 40, scale: 2 } }),
        f('c', 'int', { type: { kind: 'varchar', length: 0 } }),
        f('d', 'int', { type: { kind: 'vector', dimensions: 1.5 } }),
        f('e', 'int', { type: { kind: 'enum', values: ['x', 'x'] } }),
        f('g', 'int', { type: { kind: 'map' } as unknown as FieldDefinition['type'] }),
      ]),
      [
        ['UNKNOWN_TYPE', 'T.a'],
        ['DECIMAL_RANGE', 'T.b'],
        ['INVALID_PARAMETER', 'T.c'],
        ['INVALID_PARAMETER', 'T.d'],
        ['INVALID_ENUM', 'T.e'],
        ['UNKNOWN_TYPE', 'T.g'],
      ],
    );
  });

  it('defaults: INVALID_DEFAULT (type mismatch, null on required, a default on a relation)', () => {
    expectErrors(
      handBuilt([
        f('a', 'int', { default: { kind: 'literal', value: 'x' } }),
        f('b', 'string!', { default: { kind: 'literal', value: null } }),
        f('c', 'decimal(4,2)', { default: { kind: 'literal', value: 1.5 } }),
        f('d', '-> User', { default: { kind: 'literal', value: 'u1' } }),
      ]),
      [
        ['INVALID_DEFAULT', 'T.a'],
        ['INVALID_DEFAULT', 'T.b'],
        ['INVALID_DEFAULT', 'T.c'],
        ['INVALID_DEFAULT', 'T.d'],
      ],
    );
  });

  it('relations: INVALID_RELATION, INVALID_FIELD_OBJECT, INVALID_SCHEMA', () => {
    expectErrors(
      handBuilt([
        f('a', '<- Post.author', { required: true }),
        f('b', '-> User', { relation: { operator: '->', target: 'user', many: false } }),
        f('c', '<- Post.x', { relation: { operator: '<-', target: 'Post', many: false } }),
        f('d', '-> User', { indexed: true }),
        f('e', '<- Post.y', { unique: true }),
        f('g', '-> User[]', { isArray: false }),
        f('h', '-> User', { relation: { operator: '=>' as '->', target: 'User', many: false } }),
      ]),
      [
        ['INVALID_RELATION', 'T.a'],
        ['INVALID_RELATION', 'T.b'],
        ['INVALID_RELATION', 'T.c'],
        ['INVALID_FIELD_OBJECT', 'T.d'],
        ['INVALID_FIELD_OBJECT', 'T.e'],
        ['INVALID_SCHEMA', 'T.g'],
        ['INVALID_RELATION', 'T.h'],
      ],
    );
  });

  it('names: INVALID_NAME, RESERVED_NAME, INVALID_SCHEMA for a key/name mismatch', () => {
    const s = handBuilt([f('Bad', 'int'), f('_cf_x', 'int')], {}, 'lower');
    const r = validateSchema({ ...s, fields: new Map([...s.fields, ['k', f('other', 'int')]]) });
    expect(r.errors.map(short)).toEqual([
      ['INVALID_NAME', 'lower'],
      ['INVALID_NAME', 'lower.Bad'],
      ['RESERVED_NAME', 'lower._cf_x'],
      ['INVALID_SCHEMA', 'lower.k'],
    ]);
  });

  it('directives: INVALID_DIRECTIVE, UNKNOWN_FIELD_REFERENCE, PARTITION_FIELD_NOT_REQUIRED', () => {
    expectErrors(handBuilt([f('a', 'int')], { index: [{ fields: [], unique: false }] }), [['INVALID_DIRECTIVE', 'T.$index.0']]);
    expectErrors(handBuilt([f('a', 'int')], { storage: 'columns' as 'rows' }), [['INVALID_DIRECTIVE', 'T.$storage']]);
    expectErrors(handBuilt([f('a', 'int')], { fts: ['a'] }), [['INVALID_DIRECTIVE', 'T.$fts.0']]);
    expectErrors(handBuilt([f('a', 'int')], { unique: [['b']] }), [['UNKNOWN_FIELD_REFERENCE', 'T.$unique.0.0']]);
    expectErrors(handBuilt([f('a', 'int')], { partitionBy: ['a'] }), [['PARTITION_FIELD_NOT_REQUIRED', 'T.$partitionBy.0']]);
    expectErrors(handBuilt([f('a', 'int')], { fts: 'a' as unknown as string[] }), [['INVALID_SCHEMA', 'T.$fts']]);
  });

  it('TOO_MANY_COLUMNS', () => {
    const many = Array.from({ length: 96 }, (_, i) => f(`c${i}`, 'int'));
    expectErrors(handBuilt(many), [['TOO_MANY_COLUMNS', 'T']]);
  });

  it('never throws, even on things that are not schemas', () => {
    expect(validateSchema(null as unknown as IceTypeSchema).errors.map(short)).toEqual([['INVALID_SCHEMA', '']]);
    expect(validateSchema([1, {}] as unknown as IceTypeSchema[]).errors.map(short)).toEqual([
      ['INVALID_SCHEMA', '0'],
      ['INVALID_SCHEMA', '1'],
    ]);
    const weird = { name: 'W', fields: new Map([['a', null]]), directives: DEFAULT_DIRECTIVES } as unknown as IceTypeSchema;
    expect(validateSchema(weird).errors.map(short)).toEqual([['INVALID_SCHEMA', 'W.a']]);
    const weirdType = handBuilt([f('a', 'int', { type: null as unknown as FieldDefinition['type'] })]);
    expect(validateSchema(weirdType).errors.map(short)).toEqual([['UNKNOWN_TYPE', 'T.a']]);
  });

  it('positions issues of text-parsed schemas at the offending token', () => {
    const [s] = parseSchemas('T {\n  a: int = 5\n  b: int\n}');
    const fields = s!.fields as Map<string, FieldDefinition>;
    fields.set('a', { ...fields.get('a')!, default: { kind: 'literal', value: 'x' } });
    fields.set('b', { ...fields.get('b')!, type: { kind: 'decimal', precision: 0, scale: 0 } });
    expect(validateSchema(s!).errors.map(brief)).toEqual([
      { code: 'INVALID_DEFAULT', path: ['T', 'a'], line: 2, column: 12 },
      { code: 'DECIMAL_RANGE', path: ['T', 'b'], line: 3, column: 6 },
    ]);
    // A copy is a different object: it has no recorded positions.
    expect(validateSchema({ ...s! }).errors.map((i) => i.line)).toEqual([undefined, undefined]);
  });
});

describe('unique constraints on arrays', () => {
  it('are refused: uniqueness would compare whole lists, not items', () => {
    const codes = (definition: Record<string, unknown>) => {
      try {
        parseSchema(definition, { name: 'T' });
        return [];
      } catch (error) {
        return (error as IceTypeParseError).issues.map((i) => `${i.code} ${i.path.join('.')}`);
      }
    };
    expect(codes({ tags: 'string[]', $unique: [['tags']] })).toEqual(['INVALID_DIRECTIVE T.$unique.0.0']);
    expect(codes({ tags: 'string[]', $index: [{ fields: ['tags'], unique: true }] })).toEqual(['INVALID_DIRECTIVE T.$index.0.0']);
    expect(codes({ tags: { type: 'string[]', unique: true } })).toEqual(['INVALID_FIELD_OBJECT T.tags']);
    expect(codes({ tags: 'string[]', $index: [['tags']] })).toEqual([]);
  });
});
