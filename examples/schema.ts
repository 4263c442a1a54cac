/**
 * The example app's schema: users who write posts, posts that carry tags and
 * collect comments, and a stream of events kept on the batched layout.
 * drizzle-kit reads this module (see drizzle.config.ts), so it exports the
 * compiled tables, system tables included.
 */
import { compileSchema, defineSchema } from '../src/index.js';

export const schema = defineSchema({
  User: {
    $partitionBy: ['tenantId'],
    $index: [['tenantId', 'createdAt']],
    $unique: [['tenantId', 'email']],
    tenantId: 'string!',
    email: 'string#',
    name: 'string!',
    age: 'int?',
    status: '"active" | "suspended" = "active"',
    createdAt: 'timestamp = now()',
    score: 'decimal(10,2)',
    tags: 'string[]',
    posts: '<- Post.author[]',
  },
  Post: {
    $fts: ['title', 'body'],
    title: 'string!',
    body: 'text',
    published: 'bool = false',
    // Deleting a user who still has posts fails (onDelete defaults to 'restrict').
    author: '-> User!',
    // Many-to-many: the ids in order; deleting a tag drops it from every list.
    tags: { type: '-> Tag[]', onDelete: 'set null' },
    comments: '<- Comment.post[]',
  },
  Comment: {
    text: 'string!',
    post: { type: '-> Post!', onDelete: 'cascade' },
    author: { type: '-> User', onDelete: 'set null' },
  },
  Tag: {
    name: 'string!',
    posts: '<- Post.tags[]',
  },
  // An activity stream: append-heavy and scanned by time, so its documents are packed 128 to a row.
  Event: {
    $storage: 'batched',
    kind: '"signup" | "login" | "post"',
    actor: 'string#',
    at: 'timestamp!',
    detail: 'string?',
  },
} as const);

export const compiled = compileSchema(schema);
export const { User, Post, Comment, Tag, Event } = compiled.tables;
// The system tables, so drizzle-kit migrates them too (users: `export * from 'drizzle-icetype/system-tables'`).
export * from '../src/compile/system-tables.js';
