/**
 * Field ids of ICETYPE.md §4: system fields 1–5, stored fields from 6 in
 * declaration order, list elements after; ids are kept, retired, never
 * reused, never renumbered.
 */
import { describe, expect, it } from 'vitest';
import { parseSchema } from '../../src/icetype/index.js';
import { assignFieldIds, fieldIdPaths } from '../../src/registry/index.js';

const SYSTEM = { $id: 1, $type: 2, $version: 3, $createdAt: 4, $updatedAt: 5 };

const post = (fields: Record<string, unknown>) => parseSchema({ $type: 'Post', ...fields });

describe('assignFieldIds', () => {
  it('numbers system fields, stored fields in order, then list elements; relations that store nothing get no id', () => {
    const schema = post({
      title: 'string!',
      tags: 'string[]',
      author: '-> User!',
      comments: '<- Comment.post[]',
      reviewers: '-> User[]',
      similar: '~> Post[]',
      embedding: 'vector(3)',
      score: 'decimal(10,2)',
    });
    expect(assignFieldIds(schema)).toEqual({
      fields: {
        ...SYSTEM,
        title: 6,
        tags: 7,
        author: 8,
        reviewers: 9,
        embedding: 10,
        score: 11,
        'tags.element': 12,
        'reviewers.element': 13,
        'embedding.element': 14,
      },
      lastId: 14,
      retired: [],
    });
    expect(fieldIdPaths(schema)).toEqual(Object.keys(assignFieldIds(schema).fields));
  });

  it('never renumbers: re-assigning with the previous assignment gives the same ids', () => {
    const schema = post({ title: 'string!', tags: 'int[]' });
    const v1 = assignFieldIds(schema);
    expect(assignFieldIds(schema, v1)).toEqual(v1);
    // Reordering declarations later does not move ids either.
    const reordered = assignFieldIds(post({ tags: 'int[]', title: 'string!' }), v1);
    expect(reordered.fields).toEqual(v1.fields);
  });

  it('gives new paths the next ids (fields first, then elements), retires removed ids and never reuses them', () => {
    const v1 = assignFieldIds(post({ title: 'string!', body: 'text' }));
    expect(v1.fields).toMatchObject({ title: 6, body: 7 });

    const v2 = assignFieldIds(post({ title: 'string!', body: 'text', labels: 'string[]', views: 'int' }), v1);
    expect(v2.fields).toEqual({ ...SYSTEM, title: 6, body: 7, labels: 8, views: 9, 'labels.element': 10 });
    expect(v2).toMatchObject({ lastId: 10, retired: [] });

    const v3 = assignFieldIds(post({ title: 'string!', views: 'int' }), v2);
    expect(v3).toEqual({ fields: { ...SYSTEM, title: 6, views: 9 }, lastId: 10, retired: [7, 8, 10] });

    // The same name added again is a new field: a new id, the old one stays retired.
    const v4 = assignFieldIds(post({ title: 'string!', views: 'int', body: 'text' }), v3);
    expect(v4).toEqual({ fields: { ...SYSTEM, title: 6, views: 9, body: 11 }, lastId: 11, retired: [7, 8, 10] });
    const all = Object.values(v4.fields);
    expect(new Set([...all, ...v4.retired]).size).toBe(all.length + v4.retired.length);
  });

  it('retires the element id when a list stops being one, and gives a new one when it becomes one again', () => {
    const v1 = assignFieldIds(post({ tags: 'string[]' }));
    const v2 = assignFieldIds(post({ tags: 'string' }), v1);
    expect(v2).toEqual({ fields: { ...SYSTEM, tags: 6 }, lastId: 7, retired: [7] });
    const v3 = assignFieldIds(post({ tags: 'string[]' }), v2);
    expect(v3.fields['tags.element']).toBe(8);
  });

  it('keeps a field named __proto__ as a plain path', () => {
    const schema = parseSchema({ $type: 'Post', ['__proto__']: 'string' });
    const ids = assignFieldIds(schema);
    expect(Object.hasOwn(ids.fields, '__proto__')).toBe(true);
    expect(ids.fields['__proto__']).toBe(6);
  });
});
