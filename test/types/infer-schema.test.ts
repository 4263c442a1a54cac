// Document types of a schema set (ICETYPE.md §1 system fields, §6 static types).
import { describe, expectTypeOf, it } from 'vitest';
import type {
  FieldHasDefault,
  FieldInfos,
  FieldIsStored,
  FieldNullable,
  FieldValue,
  InferInsert,
  InferSchemaSet,
  InferSelect,
  RelationFields,
  SchemaSetDefinition,
  StoredFieldNames,
  ValidateSchemaSet,
} from '../../src/icetype/static/index.js';

function defineSchemaTest<const D extends SchemaSetDefinition>(d: D & ValidateSchemaSet<D>): D {
  return d;
}

const schema = defineSchemaTest({
  User: {
    $type: 'User',
    $partitionBy: ['tenantId'],
    $index: [['email'], ['tenantId', 'createdAt']],
    $unique: [['tenantId', 'email']],
    $fts: ['bio'],
    $vector: { embedding: 3 },
    $storage: 'rows',
    $cdc: true,
    $strict: true,
    tenantId: 'string!',
    email: 'string#',
    name: { type: 'string', required: true, doc: 'Display name' },
    bio: 'text',
    age: 'int?',
    status: '"active" | "suspended" = "active"',
    role: { type: "'admin' | 'member'", required: true, default: 'member' },
    createdAt: 'timestamp = now()',
    score: 'decimal(10,2)',
    tags: 'string[]!',
    embedding: 'vector(3)',
    posts: '<- Post.author[]',
  },
  Post: {
    title: 'string!',
    slug: 'varchar(120)! = uuid()',
    body: 'text',
    published: 'bool! = false',
    author: '-> User.posts!',
    editors: '-> User[]',
    comments: '<- Comment.post[]',
    topics: '~> Topic[]',
  },
  Comment: {
    body: 'string!',
    post: '-> Post!',
    replyTo: '-> Comment?',
  },
  Topic: {
    name: 'string!',
    posts: '<~ Post.topics[]',
  },
});

type Schema = typeof schema;

describe('InferSelect', () => {
  it('has the system fields and every stored field, nullable ones | null', () => {
    expectTypeOf<InferSelect<Schema['User']>>().toEqualTypeOf<{
      $id: string;
      $type: string;
      $version: number;
      $createdAt: Date;
      $updatedAt: Date;
      tenantId: string;
      email: string | null;
      name: string;
      bio: string | null;
      age: number | null;
      status: 'active' | 'suspended' | null;
      role: 'admin' | 'member';
      createdAt: Date | null;
      score: string | null;
      tags: string[];
      embedding: number[] | null;
    }>();
  });

  it('keeps forward relations as ids and drops backward and fuzzy ones', () => {
    expectTypeOf<InferSelect<Schema['Post']>>().toEqualTypeOf<{
      $id: string;
      $type: string;
      $version: number;
      $createdAt: Date;
      $updatedAt: Date;
      title: string;
      slug: string;
      body: string | null;
      published: boolean;
      author: string;
      editors: string[] | null;
    }>();
    expectTypeOf<InferSelect<Schema['Topic']>>().toEqualTypeOf<{
      $id: string;
      $type: string;
      $version: number;
      $createdAt: Date;
      $updatedAt: Date;
      name: string;
    }>();
  });
});

describe('InferInsert', () => {
  it('requires required fields without defaults; the rest are optional', () => {
    expectTypeOf<InferInsert<Schema['User']>>().toEqualTypeOf<{
      $id?: string;
      tenantId: string;
      name: string;
      tags: string[];
      email?: string | null;
      bio?: string | null;
      age?: number | null;
      status?: 'active' | 'suspended' | null;
      role?: 'admin' | 'member';
      createdAt?: Date | null;
      score?: string | null;
      embedding?: number[] | null;
    }>();
    expectTypeOf<InferInsert<Schema['Comment']>>().toEqualTypeOf<{
      $id?: string;
      body: string;
      post: string;
      replyTo?: string | null;
    }>();
  });

  it('differs from select in optionality, not in value types', () => {
    type PostInsert = InferInsert<Schema['Post']>;
    expectTypeOf<PostInsert>().toEqualTypeOf<{
      $id?: string;
      title: string;
      author: string;
      slug?: string;
      body?: string | null;
      published?: boolean;
      editors?: string[] | null;
    }>();
    expectTypeOf<PostInsert>().not.toHaveProperty('$version');
    expectTypeOf<PostInsert>().not.toHaveProperty('comments');
    expectTypeOf<{ title: 'Hi'; author: 'u1' }>().toExtend<PostInsert>();
    expectTypeOf<{ title: 'Hi' }>().not.toExtend<PostInsert>();
  });
});

describe('InferSchemaSet', () => {
  it('gives select and insert per collection', () => {
    type Db = InferSchemaSet<Schema>;
    expectTypeOf<keyof Db>().toEqualTypeOf<'User' | 'Post' | 'Comment' | 'Topic'>();
    expectTypeOf<Db['Comment']['select']>().toEqualTypeOf<InferSelect<Schema['Comment']>>();
    expectTypeOf<Db['Comment']['insert']>().toEqualTypeOf<InferInsert<Schema['Comment']>>();
  });
});

describe('compiler accessors', () => {
  it('StoredFieldNames lists the columns', () => {
    expectTypeOf<StoredFieldNames<Schema['Post']>>().toEqualTypeOf<
      'title' | 'slug' | 'body' | 'published' | 'author' | 'editors'
    >();
    expectTypeOf<StoredFieldNames<Schema['Topic']>>().toEqualTypeOf<'name'>();
  });

  it('reads value, nullability, default and storage of one field', () => {
    type User = Schema['User'];
    expectTypeOf<FieldValue<User['role']>>().toEqualTypeOf<'admin' | 'member'>();
    expectTypeOf<FieldNullable<User['role']>>().toEqualTypeOf<false>();
    expectTypeOf<FieldHasDefault<User['role']>>().toEqualTypeOf<true>();
    expectTypeOf<FieldIsStored<User['posts']>>().toEqualTypeOf<false>();
    expectTypeOf<FieldIsStored<User['age']>>().toEqualTypeOf<true>();
    expectTypeOf<FieldInfos<Schema['Comment']>['replyTo']>().toMatchObjectType<{
      kind: 'forward';
      target: 'Comment';
      nullable: true;
    }>();
  });

  it('RelationFields lists every relation with target, kind, many, inverse', () => {
    expectTypeOf<RelationFields<Schema['Post']>>().toEqualTypeOf<{
      author: { kind: 'forward'; target: 'User'; many: false; inverse: 'posts'; nullable: false };
      editors: { kind: 'forward'; target: 'User'; many: true; inverse: undefined; nullable: true };
      comments: { kind: 'backward'; target: 'Comment'; many: true; inverse: 'post'; nullable: true };
      topics: { kind: 'fuzzy-forward'; target: 'Topic'; many: true; inverse: undefined; nullable: true };
    }>();
    expectTypeOf<RelationFields<Schema['Topic']>>().toEqualTypeOf<{
      posts: { kind: 'fuzzy-backward'; target: 'Post'; many: true; inverse: 'topics'; nullable: true };
    }>();
    expectTypeOf<keyof RelationFields<Schema['User']>>().toEqualTypeOf<'posts'>();
  });
});
