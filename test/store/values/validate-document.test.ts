/**
 * validateDocument's modes: create (ids, defaults, required fields, nulls),
 * patch (only given keys), strict and non-strict collections.
 */
import { describe, expect, it } from 'vitest';
import { parseSchema } from '../../../src/icetype/index.js';
import { validateDocument } from '../../../src/store/values/index.js';
import { CREATE, FIXED_ID, NOW, PATCH, documentError } from './helpers.js';

const User = parseSchema({
  $type: 'User',
  name: 'string!',
  status: 'string = "active"',
  role: '"admin" | "member" = "member"',
  age: 'int?',
  createdAt: 'timestamp = now()',
  createdOn: 'date = now()',
  createdTime: 'time = now()',
  token: 'uuid = uuid()',
  code: 'varchar(40) = uuid()',
  score: 'decimal(5,2) = 1.5',
  since: 'timestamp = "2020-01-01T00:00:00Z"',
  tags: 'string[] = []',
  meta: 'json = {}',
  tenant: 'string! = "t0"',
  posts: '<- Post.author[]',
});

describe('create', () => {
  it('fills defaults: literals, now() in each form, uuid(), and null for absent optional fields', () => {
    const doc = validateDocument(User, { name: 'Ada' }, CREATE);
    expect(doc).toEqual({
      $id: FIXED_ID,
      name: 'Ada',
      status: 'active',
      role: 'member',
      age: null,
      createdAt: NOW,
      createdOn: '2024-03-05',
      createdTime: '06:07:08.009',
      token: FIXED_ID,
      code: FIXED_ID,
      score: '1.50',
      since: new Date('2020-01-01T00:00:00Z'),
      tags: [],
      meta: {},
      tenant: 't0',
    });
    expect(doc.createdAt).not.toBe(NOW);
    expect('posts' in doc).toBe(false);
  });

  it('gives each document its own copy of [] and {} defaults', () => {
    const a = validateDocument(User, { name: 'a' }, CREATE);
    const b = validateDocument(User, { name: 'b' }, CREATE);
    expect(a.tags).not.toBe(b.tags);
    expect(a.meta).not.toBe(b.meta);
  });

  it('calls newId for each uuid() default and for $id', () => {
    let n = 0;
    const newId = (): string => `00000000-0000-7000-8000-00000000000${n++}`;
    const doc = validateDocument(User, { name: 'Ada' }, { mode: 'create', now: NOW, newId });
    expect([doc.$id, doc.token, doc.code]).toEqual([
      '00000000-0000-7000-8000-000000000000',
      '00000000-0000-7000-8000-000000000001',
      '00000000-0000-7000-8000-000000000002',
    ]);
  });

  it('keeps supplied values over defaults, including an explicit null on an optional field', () => {
    const doc = validateDocument(User, { name: 'Ada', status: null, tags: ['x'], age: 36 }, CREATE);
    expect(doc).toMatchObject({ status: null, tags: ['x'], age: 36 });
  });

  it('takes $id from the input, else options.id, else newId()', () => {
    expect(validateDocument(User, { $id: 'mine', name: 'a' }, { ...CREATE, id: 'given' }).$id).toBe('mine');
    expect(validateDocument(User, { name: 'a' }, { ...CREATE, id: 'given' }).$id).toBe('given');
    expect(validateDocument(User, { $id: undefined, name: 'a' }, CREATE).$id).toBe(FIXED_ID);
  });

  it('requires required fields without defaults, and treats undefined as absent', () => {
    const err = documentError(() => validateDocument(User, { name: undefined }, CREATE));
    expect(err.issues.map((i) => [i.code, i.path])).toEqual([['REQUIRED_FIELD', ['name']]]);
    expect(err.id).toBe(FIXED_ID);
  });

  it('reads only own properties: inherited names are not values', () => {
    const Odd = parseSchema({ $type: 'Odd', toString: 'string!', constructor: 'int', __proto__x: 'int' });
    const err = documentError(() => validateDocument(Odd, {}, CREATE));
    expect(err.issues.map((i) => i.path[0])).toEqual(['toString']);
    expect(validateDocument(Odd, { toString: 's' }, CREATE)).toEqual({ $id: FIXED_ID, toString: 's', constructor: null, __proto__x: null });
  });

  it('accepts null-prototype objects and refuses class instances', () => {
    const input = Object.assign(Object.create(null) as Record<string, unknown>, { name: 'Ada' });
    expect(validateDocument(User, input, CREATE).name).toBe('Ada');
    class Doc {
      name = 'Ada';
    }
    expect(documentError(() => validateDocument(User, new Doc(), CREATE)).code).toBe('NOT_AN_OBJECT');
    expect(documentError(() => validateDocument(User, null, CREATE)).code).toBe('NOT_AN_OBJECT');
  });
});

describe('patch', () => {
  it('checks and returns only the given keys: no defaults, no required checks', () => {
    expect(validateDocument(User, { age: 37 }, PATCH)).toEqual({ age: 37 });
    expect(validateDocument(User, {}, PATCH)).toEqual({});
    expect(validateDocument(User, { score: '2', since: 0 }, PATCH)).toEqual({ score: '2.00', since: new Date(0) });
  });

  it('allows null only on nullable fields', () => {
    expect(validateDocument(User, { age: null, tags: null }, PATCH)).toEqual({ age: null, tags: null });
    const err = documentError(() => validateDocument(User, { name: null, tenant: null }, PATCH));
    expect(err.issues.map((i) => [i.code, i.path[0], i.id])).toEqual([
      ['NULL_NOT_ALLOWED', 'name', 'doc-1'],
      ['NULL_NOT_ALLOWED', 'tenant', 'doc-1'],
    ]);
  });

  it('ignores undefined keys and a $id equal to the patched document', () => {
    expect(validateDocument(User, { age: undefined, $id: 'doc-1' }, PATCH)).toEqual({});
    expect(documentError(() => validateDocument(User, { $id: 'other' }, PATCH)).code).toBe('SYSTEM_FIELD');
    expect(documentError(() => validateDocument(User, { $id: 'doc-1' }, { ...PATCH, id: undefined })).code).toBe('SYSTEM_FIELD');
  });

  it('refuses system fields and derived relations as in create', () => {
    const err = documentError(() => validateDocument(User, { $version: 2, posts: [] }, PATCH));
    expect(err.issues.map((i) => i.code)).toEqual(['NOT_SETTABLE', 'SYSTEM_FIELD']);
  });
});

describe('strict and non-strict collections', () => {
  const Loose = parseSchema({ $type: 'Loose', $strict: false, name: 'string' });
  const Strict = parseSchema({ $type: 'Strict', $strict: true, name: 'string' });
  const Unsaid = parseSchema({ $type: 'Unsaid', name: 'string' });

  it('rejects unknown fields when $strict, listing the declared fields', () => {
    const err = documentError(() => validateDocument(Strict, { name: 'a', nmae: 'b' }, CREATE));
    expect(err.issues).toEqual([
      { code: 'UNKNOWN_FIELD', collection: 'Strict', id: FIXED_ID, path: ['nmae'], message: expect.stringContaining('(fields: name)') },
    ]);
  });

  it('is strict when the schema does not say, unless strictByDefault is false', () => {
    expect(documentError(() => validateDocument(Unsaid, { extra: 1 }, CREATE)).code).toBe('UNKNOWN_FIELD');
    expect(validateDocument(Unsaid, { extra: 1 }, { ...CREATE, strictByDefault: false })).toMatchObject({ extra: 1 });
    expect(documentError(() => validateDocument(Strict, { extra: 1 }, { ...CREATE, strictByDefault: false })).code).toBe('UNKNOWN_FIELD');
  });

  it('keeps unknown fields as copied JSON values when not strict', () => {
    const extra = { deep: [1, { x: 'y' }] };
    const doc = validateDocument(Loose, { name: 'a', extra, flag: true, gone: undefined }, CREATE);
    expect(doc).toEqual({ $id: FIXED_ID, name: 'a', extra: { deep: [1, { x: 'y' }] }, flag: true });
    expect(doc.extra).not.toBe(extra);
    expect(validateDocument(Loose, { more: null }, PATCH)).toEqual({ more: null });
  });

  it('JSON-validates unknown fields, and never takes $-names or system fields', () => {
    const err = documentError(() => validateDocument(Loose, { when: new Date(), $meta: 1, $type: 'Loose' }, CREATE));
    expect(err.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['INVALID_JSON', 'when'],
      ['UNKNOWN_FIELD', '$meta'],
      ['SYSTEM_FIELD', '$type'],
    ]);
  });
});
