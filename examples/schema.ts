/**
 * The example app's schema: users who write posts, posts that collect comments,
 * and a stream of events kept on the batched layout.
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
    author: '-> User!',
    comments: '<- Comment.post[]',
  },
  Comment: {
    text: 'string!',
    post: '-> Post!',
    author: '-> User',
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
export const { User, Post, Comment, Event } = compiled.tables;
// The system tables, so drizzle-kit migrates them too (users: `export * from 'drizzle-icetype/system-tables'`).
export * from '../src/compile/system-tables.js';
