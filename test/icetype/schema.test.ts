import { describe, expect, it } from 'vitest';
import {
  IceTypeParseError,
  parseField,
  parseSchema,
  uniqueConstraints,
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

function schemaIssues(definition: object, options?: { name?: string }): SchemaIssue[] {
  return parseError(() => parseSchema(definition, options)).issues;
}

function expectOne(definition: object, code: IssueCode, path: string[]): SchemaIssue {
  const issues = schemaIssues(definition);
  expect(issues.map((i) => ({ code: i.code, path: i.path }))).toEqual([{ code, path }]);
  expect(issues[0]!.message).toMatch(/expected .*found/);
  expect(issues[0]!.line).toBeUndefined();
  return issues[0]!;
}

describe('parseSchema: the ICETYPE.md §1 example', () => {
  const User = {
    $type: 'User',
    $partitionBy: ['tenantId'],
    $index: [['email'], ['tenantId', 'createdAt']],
    $unique: [['tenantId', 'email']],
    tenantId: 'string!',
    email: 'string#',
    name: 'string',
    age: 'int?',
    status: 'string = "active"',
    createdAt: 'timestamp = now()',
    score: 'decimal(10,2)',
    tags: 'string[]',
    embedding: 'vector(768)',
    posts: '<- Post.author[]',
  } as const;

  it('parses to fields in declaration order and directives', () => {
    const s = parseSchema(User);
    expect(s.name).toBe('User');
    expect([...s.fields.keys()]).toEqual([
      'tenantId', 'email', 'name', 'age', 'status', 'createdAt', 'score', 'tags', 'embedding', 'posts',
    ]);
    expect(s.fields.get('tenantId')).toEqual(parseField('string!', { name: 'tenantId' }));
    expect(s.fields.get('tenantId')!.unique).toBe(false);
    expect(s.fields.get('posts')!.relation).toEqual({ operator: '<-', target: 'Post', inverse: 'author', many: true });
    expect(s.directives).toEqual({
      partitionBy: ['tenantId'],
      index: [
        { fields: ['email'], unique: false },
        { fields: ['tenantId', 'createdAt'], unique: false },
      ],
      unique: [['tenantId', 'email']],
      fts: [],
      vector: [],
    });
  });

  it('takes the name from options when $type is absent', () => {
    expect(parseSchema({ a: 'int' }, { name: 'Thing' }).name).toBe('Thing');
  });
});

describe('parseSchema: field objects', () => {
  it('reads { type, required, indexed, default, unique, doc }', () => {
    const s = parseSchema({
      $type: 'User',
      email: { type: 'string', required: true, indexed: true, unique: true, doc: 'Login' },
      age: { type: 'int', default: 18 },
      price: { type: 'decimal(10,2)', default: 9.5 },
      big: { type: 'decimal(30,0)', default: 123456789012345678901234567890n },
      meta: { type: 'json', default: { a: [1, { b: null }] } },
      owner: { type: '-> User', required: true, unique: true },
    });
    expect(s.fields.get('email')).toEqual({
      name: 'email',
      type: { kind: 'primitive', name: 'string' },
      isArray: false,
      required: true,
      indexed: true,
      unique: true,
      doc: 'Login',
    });
    expect(s.fields.get('age')!.default).toEqual({ kind: 'literal', value: 18 });
    expect(s.fields.get('price')!.default).toEqual({ kind: 'literal', value: '9.5' });
    expect(s.fields.get('big')!.default).toEqual({ kind: 'literal', value: '123456789012345678901234567890' });
    expect(s.fields.get('meta')!.default).toEqual({ kind: 'literal', value: { a: [1, { b: null }] } });
    expect(s.fields.get('owner')).toMatchObject({ required: true, unique: true, relation: { target: 'User' } });
  });

  it('copies object defaults so later changes do not leak in', () => {
    const d = { a: 1 };
    const s = parseSchema({ $type: 'A', meta: { type: 'json', default: d } });
    d.a = 2;
    expect(s.fields.get('meta')!.default).toEqual({ kind: 'literal', value: { a: 1 } });
  });

  it('equals the type-string form', () => {
    const a = parseSchema({ $type: 'A', x: { type: 'int', required: true, indexed: true, default: 3 } });
    const b = parseSchema({ $type: 'A', x: 'int!# = 3' });
    expect(a).toEqual(b);
  });

  it('INVALID_FIELD_OBJECT: unknown keys, wrong value types, missing type, default twice', () => {
    const cases: object[] = [
      { type: 'string', optional: true },
      { type: 'string', required: 'yes' },
      { type: 'string', indexed: 1 },
      { type: 'string', unique: null },
      { type: 'string', doc: 5 },
      { required: true },
      { type: 'string = "a"', default: 'b' },
      { type: '-> User', default: 'x' },
      { type: '-> User', indexed: true },
      { type: '<- Post.author', unique: true },
    ];
    for (const field of cases) expectOne({ $type: 'A', f: field }, 'INVALID_FIELD_OBJECT', ['A', 'f']);
  });

  it('INVALID_FIELD_OBJECT: a field value that is neither string nor object', () => {
    for (const v of [42, null, ['string'], true]) {
      const issue = expectOne({ $type: 'A', f: v }, 'INVALID_FIELD_OBJECT', ['A', 'f']);
      expect(issue.message).toMatch(/^expected a type string or a field object/);
    }
  });

  it('CONFLICTING_MODIFIERS: keys contradicting the type string', () => {
    expectOne({ $type: 'A', f: { type: 'string?', required: true } }, 'CONFLICTING_MODIFIERS', ['A', 'f']);
    expectOne({ $type: 'A', f: { type: 'string!', required: false } }, 'CONFLICTING_MODIFIERS', ['A', 'f']);
    expectOne({ $type: 'A', f: { type: 'string#', indexed: false } }, 'CONFLICTING_MODIFIERS', ['A', 'f']);
  });

  it('INVALID_DEFAULT: a default of the wrong type, a non-JSON default, null on a required field', () => {
    expectOne({ $type: 'A', f: { type: 'int', default: 'x' } }, 'INVALID_DEFAULT', ['A', 'f']);
    expectOne({ $type: 'A', f: { type: 'json', default: new Date(0) } }, 'INVALID_DEFAULT', ['A', 'f']);
    expectOne({ $type: 'A', f: { type: 'double', default: Number.NaN } }, 'INVALID_DEFAULT', ['A', 'f']);
    expectOne({ $type: 'A', f: { type: 'string = null', required: true } }, 'INVALID_DEFAULT', ['A', 'f']);
    expectOne({ $type: 'A', f: { type: 'decimal(3,1)', default: 123.4 } }, 'INVALID_DEFAULT', ['A', 'f']);
  });

  it('INVALID_RELATION: required on a backward relation', () => {
    expectOne({ $type: 'A', f: { type: '<- Post.author', required: true } }, 'INVALID_RELATION', ['A', 'f']);
  });
});

describe('parseSchema: names', () => {
  it('INVALID_NAME: field names must match ^[a-z_][A-Za-z0-9_]*$', () => {
    for (const name of ['Name', '1a', 'my-field', 'a b', '']) {
      const issue = expectOne({ $type: 'A', [name]: 'string' }, 'INVALID_NAME', ['A', name]);
      expect(issue.message).toContain(JSON.stringify(name));
    }
  });

  it('RESERVED_NAME: _cf_, sqlite_ (any case), __drizzle prefixes', () => {
    for (const name of ['_cf_x', 'sqlite_x', 'sQLite_y', '__drizzle_migrations']) {
      expectOne({ $type: 'A', [name]: 'string' }, 'RESERVED_NAME', ['A', name]);
    }
  });

  it('INVALID_NAME: a collection name must match ^[A-Z][A-Za-z0-9_]*$', () => {
    expectOne({ $type: 'user', a: 'int' }, 'INVALID_NAME', ['user', '$type']);
    expect(schemaIssues({ a: 'int' }, { name: 'user' }).map((i) => [i.code, i.path])).toEqual([['INVALID_NAME', ['user']]]);
  });

  it('INVALID_DIRECTIVE: no name at all, or $type contradicting the given name', () => {
    expectOne({ a: 'int' }, 'INVALID_DIRECTIVE', ['$type']);
    expect(schemaIssues({ $type: 'User', a: 'int' }, { name: 'Person' }).map((i) => [i.code, i.path])).toEqual([
      ['INVALID_DIRECTIVE', ['Person', '$type']],
    ]);
  });

  it('INVALID_SCHEMA: not an object', () => {
    expect(schemaIssues('User' as unknown as object).map((i) => i.code)).toEqual(['INVALID_SCHEMA']);
  });
});

describe('parseSchema: rules across fields and directives', () => {
  it('UNKNOWN_FIELD_REFERENCE: a directive naming a missing field', () => {
    const issue = expectOne({ $type: 'User', $index: [['email'], ['createdAt']], email: 'string' }, 'UNKNOWN_FIELD_REFERENCE', [
      'User', '$index', '1', '0',
    ]);
    expect(issue.message).toBe('expected a field of User (fields: email), found "createdAt"');
    expectOne({ $type: 'U', $partitionBy: ['x'], a: 'int!' }, 'UNKNOWN_FIELD_REFERENCE', ['U', '$partitionBy', '0']);
    expectOne({ $type: 'U', $unique: [['a', 'x']], a: 'int' }, 'UNKNOWN_FIELD_REFERENCE', ['U', '$unique', '0', '1']);
    expectOne({ $type: 'U', $fts: ['x'], a: 'int' }, 'UNKNOWN_FIELD_REFERENCE', ['U', '$fts', '0']);
    expectOne({ $type: 'U', $vector: { x: 3 }, a: 'int' }, 'UNKNOWN_FIELD_REFERENCE', ['U', '$vector', 'x']);
    expectOne({ $type: 'U', $vector: ['x'], a: 'int' }, 'UNKNOWN_FIELD_REFERENCE', ['U', '$vector', '0']);
  });

  it('PARTITION_FIELD_NOT_REQUIRED: partition fields need "!"', () => {
    const issue = expectOne({ $type: 'U', $partitionBy: ['tenantId'], tenantId: 'string' }, 'PARTITION_FIELD_NOT_REQUIRED', [
      'U', '$partitionBy', '0',
    ]);
    expect(issue.message).toBe('expected partition field "tenantId" to be required ("!"), found an optional string');
  });

  it('INVALID_DIRECTIVE: $fts needs string/text fields, $vector needs vector(N) with matching dims', () => {
    expectOne({ $type: 'U', $fts: ['n'], n: 'int' }, 'INVALID_DIRECTIVE', ['U', '$fts', '0']);
    expectOne({ $type: 'U', $fts: ['n'], n: 'string[]' }, 'INVALID_DIRECTIVE', ['U', '$fts', '0']);
    expect(parseSchema({ $type: 'U', $fts: ['a', 'b', 'c'], a: 'string', b: 'text', c: 'varchar(10)' }).directives.fts).toEqual(['a', 'b', 'c']);
    expectOne({ $type: 'U', $vector: ['e'], e: 'float[]' }, 'INVALID_DIRECTIVE', ['U', '$vector', '0']);
    const dims = expectOne({ $type: 'U', $vector: { e: 512 }, e: 'vector(768)' }, 'INVALID_DIRECTIVE', ['U', '$vector', 'e']);
    expect(dims.message).toBe('expected 768 dimensions to match e: vector(768), found 512');
  });

  it('INVALID_DIRECTIVE: indexes and partitions on relations that store nothing', () => {
    expectOne({ $type: 'U', $index: [['posts']], posts: '<- Post.author[]' }, 'INVALID_DIRECTIVE', ['U', '$index', '0', '0']);
    expectOne({ $type: 'U', $unique: [['similar']], similar: '~> U[]' }, 'INVALID_DIRECTIVE', ['U', '$unique', '0', '0']);
    expect(parseSchema({ $type: 'P', $index: [['author']], author: '-> U' }).directives.index).toHaveLength(1);
  });

  it('TOO_MANY_COLUMNS: more than 95 stored fields; backward and fuzzy relations do not count', () => {
    const wide = (n: number, extra: object = {}) => ({
      $type: 'Wide',
      ...Object.fromEntries(Array.from({ length: n }, (_, i) => [`f${i}`, 'int'])),
      ...extra,
    });
    expect(parseSchema(wide(95, { back: '<- Other.w[]', fuzzy: '~> Other[]' })).fields.size).toBe(97);
    const issue = expectOne(wide(95, { one: '-> Other' }), 'TOO_MANY_COLUMNS', ['Wide']);
    expect(issue.message).toBe('expected at most 95 stored fields (100 SQLite columns minus the system columns), found 96');
  });

  it('does not report a directive reference to a field that already failed to parse', () => {
    expectOne({ $type: 'A', $partitionBy: ['a'], a: 'strng!' }, 'UNKNOWN_TYPE', ['A', 'a']);
  });

  it('collects every issue of a schema before throwing', () => {
    const e = parseError(() =>
      parseSchema({ $type: 'User', $index: ['email'], age: 'int = "x"', Name: 'strng', $ttl: 1 }),
    );
    expect(e.issues.map((i) => [i.code, i.path])).toEqual([
      ['INVALID_DIRECTIVE', ['User', '$index', '0']],
      ['UNKNOWN_DIRECTIVE', ['User', '$ttl']],
      ['INVALID_DEFAULT', ['User', 'age']],
      ['INVALID_NAME', ['User', 'Name']],
      ['UNKNOWN_TYPE', ['User', 'Name']],
    ]);
    expect(e.code).toBe('INVALID_DIRECTIVE');
    expect(e.message).toMatch(/^5 issues:\n {2}- User\.\$index\.0: expected/);
  });
});

describe('uniqueConstraints', () => {
  it('unions $unique, unique indexes and unique fields, each once', () => {
    const s = parseSchema({
      $type: 'U',
      $unique: [['a', 'b'], ['c']],
      $index: [{ fields: ['d'], unique: true }, ['e']],
      a: 'string',
      b: 'string',
      c: { type: 'string', unique: true },
      d: 'string',
      e: 'string',
      f: { type: 'int', unique: true },
    });
    expect(uniqueConstraints(s)).toEqual([['a', 'b'], ['c'], ['d'], ['f']]);
  });
});
