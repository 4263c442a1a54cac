/**
 * The plain Drizzle baseline's tables and relations, written by hand as a
 * Drizzle user would: the same columns and indexes as the rows variant's
 * compiled tables, except that Post's tags live in a junction table
 * (`PostTag`, keyed by post and position, indexed by tag) and the
 * many-to-many is a `through` relation. Relations are RQB v2 (`defineRelations`).
 */
import { defineRelations } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

const system = (type: string) => ({
  $id: text('$id').primaryKey(),
  $type: text('$type').notNull().default(type),
  $version: integer('$version').notNull().default(1),
  $createdAt: integer('$createdAt', { mode: 'timestamp_ms' }).notNull(),
  $updatedAt: integer('$updatedAt', { mode: 'timestamp_ms' }).notNull(),
});

export const authors = sqliteTable('Author', { ...system('Author'), name: text().notNull(), born: integer() });

export const posts = sqliteTable('Post', { ...system('Post'), title: text().notNull(), score: integer(), authorId: text('author').notNull() }, (t) => [
  index('Post_author_idx').on(t.authorId),
]);

export const comments = sqliteTable('Comment', { ...system('Comment'), body: text().notNull(), stars: integer(), postId: text('post').notNull() }, (t) => [
  index('Comment_post_idx').on(t.postId),
]);

export const tags = sqliteTable('Tag', { ...system('Tag'), name: text().notNull() });

/** Post ↔ Tag: one row per tag of a post, `ordinal` its position in the post's list. */
export const postTags = sqliteTable('PostTag', { postId: text('post').notNull(), ordinal: integer().notNull(), tagId: text('tag').notNull() }, (t) => [
  primaryKey({ columns: [t.postId, t.ordinal] }),
  index('PostTag_tag_idx').on(t.tagId),
]);

export const relations = defineRelations({ Author: authors, Post: posts, Comment: comments, Tag: tags, PostTag: postTags }, (r) => ({
  Author: { posts: r.many.Post({ from: r.Author.$id, to: r.Post.authorId }) },
  Post: {
    author: r.one.Author({ from: r.Post.authorId, to: r.Author.$id, optional: false }),
    comments: r.many.Comment({ from: r.Post.$id, to: r.Comment.postId }),
    tags: r.many.Tag({ from: r.Post.$id.through(r.PostTag.postId), to: r.Tag.$id.through(r.PostTag.tagId) }),
  },
  Comment: { post: r.one.Post({ from: r.Comment.postId, to: r.Post.$id, optional: false }) },
  Tag: { posts: r.many.Post({ from: r.Tag.$id.through(r.PostTag.tagId), to: r.Post.$id.through(r.PostTag.postId) }) },
}));
