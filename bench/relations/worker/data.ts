/**
 * The benchmark's documents: 1,000 Authors × 10 Posts × 2 Comments, and 50
 * Tags with 3 per Post — deterministic, ids included, and the same for every
 * variant, so every variant returns the same results (the runner compares
 * them). Ids sort in creation order, and children are created grouped by
 * parent, so insertion order, `$id` order and relation order agree.
 */

export const AUTHORS = 1_000;
export const POSTS_PER_AUTHOR = 10;
export const COMMENTS_PER_POST = 2;
export const TAGS = 50;
export const TAGS_PER_POST = 3;
export const POSTS = AUTHORS * POSTS_PER_AUTHOR;
export const COMMENTS = POSTS * COMMENTS_PER_POST;

/** The collections, in the order they are loaded (referenced documents first). */
export const COLLECTIONS = ['Author', 'Tag', 'Post', 'Comment'] as const;
export type CollectionName = (typeof COLLECTIONS)[number];

const id = (prefix: string, i: number, digits: number) => `${prefix}${String(i).padStart(digits, '0')}`;
export const authorId = (i: number) => id('a', i, 4);
export const postId = (i: number) => id('p', i, 5);
export const commentId = (i: number) => id('c', i, 5);
export const tagId = (i: number) => id('t', i, 2);

export interface NewAuthor {
  $id: string;
  name: string;
  born: number;
}
export interface NewTag {
  $id: string;
  name: string;
}
export interface NewPost {
  $id: string;
  title: string;
  score: number;
  author: string;
  /** Three distinct tags, in `$id` order (so list order and any join order agree). */
  tags: string[];
}
export interface NewComment {
  $id: string;
  body: string;
  stars: number;
  post: string;
}

export interface NewDocuments {
  Author: NewAuthor;
  Tag: NewTag;
  Post: NewPost;
  Comment: NewComment;
}

const range = <T>(size: number, f: (i: number) => T) => Array.from({ length: size }, (_, i) => f(i));

function tagsOf(post: number): string[] {
  const first = (post * 7) % TAGS;
  return [0, 13, 29].map((offset) => (first + offset) % TAGS).sort((a, b) => a - b).map(tagId);
}

/** Every document of `collection`, in creation order. */
export function documents<C extends CollectionName>(collection: C): NewDocuments[C][] {
  const docs: { [K in CollectionName]: () => NewDocuments[K][] } = {
    Author: () => range(AUTHORS, (i) => ({ $id: authorId(i), name: `Author ${i}`, born: 1900 + ((i * 37) % 100) })),
    Tag: () => range(TAGS, (i) => ({ $id: tagId(i), name: `tag ${i}` })),
    Post: () =>
      range(POSTS, (i) => ({ $id: postId(i), title: `Post ${i}`, score: (i * 389) % 1_000, author: authorId(Math.floor(i / POSTS_PER_AUTHOR)), tags: tagsOf(i) })),
    Comment: () => range(COMMENTS, (i) => ({ $id: commentId(i), body: `Comment ${i} on post ${Math.floor(i / COMMENTS_PER_POST)}`, stars: 1 + ((i * 3) % 5), post: postId(Math.floor(i / COMMENTS_PER_POST)) })),
  };
  return docs[collection]() as NewDocuments[C][];
}

/** The k-th of `n` authors a traversal starts from in repetition `rep`: a stride coprime with 1,000, so distinct and spread. */
export function startAuthor(rep: number, k: number): string {
  return authorId((rep * 211 + k * 337) % AUTHORS);
}

/** Authors per page of the paged query. */
export const PAGE_SIZE = 50;

/** Where the k-th page of repetition `rep` starts: an author index with a full page after it. */
export function pageStart(rep: number, k: number): number {
  return (rep * 173 + k * 409) % (AUTHORS - PAGE_SIZE + 1);
}
