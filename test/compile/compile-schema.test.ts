import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import { compileSchema, defineSchema, IceTypeParseError } from '../../src/index.js';

const schema = defineSchema({
  User: {
    $index: [['tenantId', 'email'], { fields: ['name'], unique: true }],
    $unique: [['tenantId', 'email']],
    tenantId: 'string!',
    email: 'string#',
    name: 'string',
    nick: { type: 'string', unique: true },
    posts: '<- Post.author[]',
    profile: '<- Profile.user',
    similar: '~> User[]',
  },
  Post: {
    title: 'string!',
    author: '-> User!',
    editor: '-> User',
    tags: '-> Tag[]',
  },
  Profile: { user: '-> User!', bio: 'text' },
  Tag: { label: 'string!', posts: '<- Post.tags[]' },
} as const);

function describeTable(table: unknown) {
  const config = getTableConfig(table as SQLiteTable);
  return {
    columns: config.columns.map((c) => `${c.name} ${c.getSQLType()}${c.notNull ? ' not null' : ''}${c.primary ? ' pk' : ''}`),
    indexes: config.indexes.map((i) => `${i.config.unique ? 'unique ' : ''}${i.config.name}(${i.config.columns.map((c) => (c as { name: string }).name).join(',')})`).sort(),
  };
}

describe('compileSchema', () => {
  const compiled = compileSchema(schema);

  it('compiles a collection into a table: system columns first, stored fields in order', () => {
    expect(describeTable(compiled.tables.User).columns).toEqual([
      '$id text not null pk',
      '$type text not null',
      '$version integer not null',
      '$createdAt integer not null',
      '$updatedAt integer not null',
      'tenantId text not null',
      'email text',
      'name text',
      'nick text',
    ]);
    // Forward relations are columns named after the field, keyed <field>Id / <field>Ids in Drizzle.
    expect(describeTable(compiled.tables.Post).columns.slice(5)).toEqual(['title text not null', 'author text not null', 'editor text', 'tags text']);
    expect(Object.keys(compiled.tables.Post)).toEqual(expect.arrayContaining(['authorId', 'editorId', 'tagsIds']));
    expect(Object.keys(compiled.tables.Post)).not.toContain('author');
  });

  it('creates indexes for #, $index (unique or not), $unique, unique field objects and forward relations, once each', () => {
    expect(describeTable(compiled.tables.User).indexes).toEqual([
      'User_email_idx(email)',
      'User_tenantId_email_idx(tenantId,email)',
      'unique User_name_unique(name)',
      'unique User_nick_unique(nick)',
      'unique User_tenantId_email_unique(tenantId,email)',
    ]);
    expect(describeTable(compiled.tables.Post).indexes).toEqual(['Post_author_idx(author)', 'Post_editor_idx(editor)']);
  });

  it('includes the system tables', () => {
    expect(Object.keys(compiled.tables)).toEqual(['User', 'Post', 'Profile', 'Tag', '_batches', '_rels', '_cdc', '_cdc_state', '_schemas', '_pruning_stats', '_iceberg_tables', '_iceberg_positions']);
  });

  it('compiles column-joinable relations with defineRelations and leaves the rest to _rels', () => {
    const relations = compiled.relations as unknown as Record<string, { relations: Record<string, { relationType: string; targetTableName: string }> }>;
    const summary = (table: string) =>
      Object.fromEntries(Object.entries(relations[table]!.relations).map(([name, r]) => [name, `${r.relationType} ${r.targetTableName}`]));
    expect(summary('User')).toEqual({ posts: 'many Post', profile: 'one Profile' });
    expect(summary('Post')).toEqual({ author: 'one User', editor: 'one User' });
    expect(summary('Profile')).toEqual({ user: 'one User' });
    expect(summary('Tag')).toEqual({});
  });

  it('returns the same tables for the same schema (one source for drizzle-kit and drizzle())', () => {
    expect(compileSchema(schema).tables.User).toBe(compiled.tables.User);
  });
});

describe('defineSchema', () => {
  function issuesOf(fn: () => unknown) {
    try {
      fn();
    } catch (error) {
      expect(error).toBeInstanceOf(IceTypeParseError);
      return (error as IceTypeParseError).issues.map(({ code, path }) => ({ code, path }));
    }
    throw new Error('expected defineSchema to throw');
  }

  it('rejects a $type that differs from its key', () => {
    expect(issuesOf(() => defineSchema({ User: { $type: 'Person', name: 'string' } } as const))).toEqual([{ code: 'INVALID_DIRECTIVE', path: ['User', '$type'] }]);
  });

  it('rejects relations to collections outside the set', () => {
    // @ts-expect-error -- the static layer rejects the unknown target too
    const bad = () => defineSchema({ Post: { author: '-> Person' } } as const);
    expect(issuesOf(bad)).toEqual([expect.objectContaining({ code: 'UNKNOWN_RELATION_TARGET' })]);
  });

  it('rejects a field that collides with a relation column key', () => {
    expect(issuesOf(() => defineSchema({ User: { name: 'string' }, Post: { author: '-> User', authorId: 'string' } } as const))).toEqual([
      { code: 'DUPLICATE_FIELD', path: ['Post', 'authorId'] },
    ]);
  });

  it('reports every issue of every collection at once', () => {
    // @ts-expect-error -- unknown types are compile-time errors as well
    const bad = () => defineSchema({ A: { x: 'strng' }, B: { y: 'int = "seven"' } } as const);
    expect(issuesOf(bad).map((i) => i.code).sort()).toEqual(['INVALID_DEFAULT', 'UNKNOWN_TYPE']);
  });
});
