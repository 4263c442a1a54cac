/**
 * What each contender implements: the same relational queries and
 * traversals over the same documents, returning the rows as the API gives
 * them. After the timed call, each operation's result is summed up as the
 * rows it produced, nested ones included, and a digest of their ids in
 * order — the runner checks that every variant returned the same.
 */
import type { RowCost } from '../../support/worker/cursor-meter.js';
import { PAGE_SIZE, type CollectionName, type NewDocuments } from './data.js';

export const VARIANTS = ['plain drizzle', 'icetype rows', 'icetype batched'] as const;
export type VariantName = (typeof VARIANTS)[number];

/** Rows produced (every level) and an FNV-1a digest of their ids, depth first, in order. */
export interface Outcome {
  rows: number;
  digest: number;
}

/** Rows billed and statements run. */
export interface Cost extends RowCost {
  statements: number;
}

/** One `findMany`: the collection and the RQB v2 config, the same object for every variant. */
export interface FindQuery {
  readonly collection: 'Author' | 'Post' | 'Tag';
  readonly config: object;
}

/** The relational queries of the benchmark, as a Drizzle user writes them. */
export const QUERIES = {
  /** All 1,000 authors with their posts (one level). */
  authorsPosts: { collection: 'Author', config: { orderBy: { $id: 'asc' }, with: { posts: true } } },
  /** All 1,000 authors, their posts and the posts' comments (two levels). */
  authorsPostsComments: { collection: 'Author', config: { orderBy: { $id: 'asc' }, with: { posts: { with: { comments: true } } } } },
  /** A page of 50 authors from `startId` on, two levels. */
  page: (startId: string): FindQuery => ({
    collection: 'Author',
    config: { where: { $id: { gte: startId } }, orderBy: { $id: 'asc' }, limit: PAGE_SIZE, with: { posts: { with: { comments: true } } } },
  }),
  /** All 10,000 posts with their tags (many-to-many, forward: `-> Tag[]`). */
  postsTags: { collection: 'Post', config: { orderBy: { $id: 'asc' }, with: { tags: true } } },
  /** All 50 tags with their posts (many-to-many, backward: `<- Post.tags[]`). */
  tagsPosts: { collection: 'Tag', config: { orderBy: { $id: 'asc' }, with: { posts: true } } },
} as const satisfies Record<string, FindQuery | ((startId: string) => FindQuery)>;

export interface Variant {
  /** Creates the tables (untimed). */
  setup(): Promise<void>;
  /** Writes `docs` (untimed); returns the documents written. */
  load<C extends CollectionName>(collection: C, docs: readonly NewDocuments[C][]): number;
  /** `db.query[collection].findMany(config)`. */
  findMany(query: FindQuery): unknown[];
  /** One hop: the author's posts. */
  posts(authorId: string): unknown[];
  /** Two hops: the comments on the author's posts. */
  comments(authorId: string): unknown[];
  /** Rows billed and statements run since the variant was opened. */
  cost(): Cost;
}

/** What `db.query.X` offers, untyped: the same configs run against every variant's relations. */
export interface FindManyBuilder {
  findMany(config: object): { sync(): unknown[] };
}

/** Counts rows, and digests their ids depth first (relations in name order), in order. */
export class Tally {
  rows = 0;
  digest = 0x811c9dc5;

  #mark(text: string): void {
    for (let i = 0; i < text.length; i++) this.digest = Math.imul(this.digest ^ text.charCodeAt(i), 0x01000193) >>> 0;
  }

  /** Adds a row and, recursively, the rows of its relations (arrays of rows and row objects). */
  add(row: { readonly $id: string }): void {
    this.rows++;
    this.#mark(row.$id);
    const relations = Object.entries(row).filter(([, value]) => isRow(value) || (Array.isArray(value) && value.some(isRow)));
    for (const [name, value] of relations.sort(([a], [b]) => (a < b ? -1 : 1))) {
      this.#mark(`(${name}`);
      for (const child of Array.isArray(value) ? value : [value]) this.add(child as { $id: string });
      this.#mark(')');
    }
  }

  addAll(rows: readonly unknown[]): this {
    for (const row of rows) this.add(row as { $id: string });
    return this;
  }

  get outcome(): Outcome {
    return { rows: this.rows, digest: this.digest };
  }
}

function isRow(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date) && '$id' in value;
}
