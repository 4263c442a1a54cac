/**
 * The relations benchmark's schema: Authors with Posts (`-> Author!`), two
 * Comments per Post (`-> Post!`) for the second `with` level, and Tags
 * (`-> Tag[]`, a many-to-many Drizzle cannot express: served from `_rels`),
 * once on the rows layout and once with every collection batched.
 */
import { defineSchema } from '../../../src/index.js';

const AUTHOR = { name: 'string!', born: 'int', posts: '<- Post.author[]' } as const;
const POST = { title: 'string!', score: 'int', author: '-> Author!', tags: '-> Tag[]', comments: '<- Comment.post[]' } as const;
const COMMENT = { body: 'string!', stars: 'int', post: '-> Post!' } as const;
const TAG = { name: 'string!', posts: '<- Post.tags[]' } as const;

/** Every collection on the rows layout: Drizzle's SQL serves the `-> T` / `<- T.f[]` relations, `_rels` the tags. */
export const rowsSchema = defineSchema({ Author: AUTHOR, Post: POST, Comment: COMMENT, Tag: TAG } as const);

/** Every collection batched (B = 128): `db.query` is emulated by the store over `_rels`. */
export const batchedSchema = defineSchema({
  Author: { $storage: 'batched', ...AUTHOR },
  Post: { $storage: 'batched', ...POST },
  Comment: { $storage: 'batched', ...COMMENT },
  Tag: { $storage: 'batched', ...TAG },
} as const);

export type RelationsDefinition = (typeof rowsSchema)['definition'];
