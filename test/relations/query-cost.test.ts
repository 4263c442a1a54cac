/**
 * No N+1 (DESIGN.md §4): loading a relation level for N parents costs the
 * same number of statements for 5 parents as for 50, and rows read grow with
 * the rows loaded, not with parents × collection size — for `with` over every
 * relation kind and for relation filters, on every layout (`db.$cost`).
 */
import { describe, expect, it } from 'vitest';
import { inDurableObject } from '../support/do.js';
import { openQueryDb, QUERY_LAYOUTS, seedLargeLibrary, type QueryDb, type QueryLayout } from './query-support.js';

const LAYOUTS = Object.keys(QUERY_LAYOUTS) as QueryLayout[];

/** Rows in a result, nested ones included. */
function rowCount(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, item) => n + rowCount(item), 0);
  if (value === null || typeof value !== 'object' || value instanceof Date) return 0;
  return 1 + Object.values(value).reduce((n: number, v) => n + (Array.isArray(v) ? v.reduce((m: number, x) => m + rowCount(x), 0) : isRow(v) ? rowCount(v) : 0), 0);
}

function isRow(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof Uint8Array) && '$id' in value;
}

interface Cost {
  readonly statements: number;
  readonly rowsRead: number;
  readonly rows: number;
}

function measure(db: QueryDb, run: () => unknown): Cost {
  const result = run();
  return { statements: db.$cost.lastStatements, rowsRead: db.$cost.last.rowsRead, rows: rowCount(result) };
}

/** Every relation kind, three levels deep, for the first `limit` authors. */
const everyKind = (db: QueryDb, limit: number) =>
  db.query.Author.findMany({
    orderBy: { $id: 'asc' },
    limit,
    with: {
      books: { with: { genres: { with: { fans: true, firstBook: true } }, similar: true, similarTo: true, reviews: { with: { reviewer: true } }, firstReview: true } },
      topGenre: { with: { topFan: true } },
    },
  }).sync();

/** Relation filters at the top and on a `with` level, nested. */
const filtered = (db: QueryDb, limit: number) =>
  db.query.Author.findMany({
    where: { OR: [{ books: { reviews: { stars: 5 } } }, { topGenre: { fans: { country: 'PL' } } }] },
    orderBy: { $id: 'asc' },
    limit,
    with: { books: { where: { NOT: { genres: { name: 'poetry' } }, similar: true }, with: { reviews: { where: { reviewer: { books: true } } } } } },
  }).sync();

/** The cost of `query` for the first 5 and the first 50 authors of a library of 100 authors, 400 books, 1000 reviews. */
function fewAndMany(layout: QueryLayout, query: (db: QueryDb, limit: number) => unknown): Promise<[Cost, Cost]> {
  return inDurableObject(async (storage) => {
    const db = await openQueryDb(storage, layout);
    seedLargeLibrary(db, storage, { authors: 100, books: 400, reviews: 1000 });
    return [measure(db, () => query(db, 5)), measure(db, () => query(db, 50))];
  });
}

describe.each(LAYOUTS)('relation loading cost on the %s layout', (layout) => {
  it('with over every relation kind, three levels: the same statements for 5 and 50 parents; rows read grow with rows loaded', async () => {
    const [few, many] = await fewAndMany(layout, everyKind);
    expect(many.rows).toBeGreaterThan(5 * few.rows);
    expect(many.statements).toBe(few.statements);
    // At most two statements per relation hop (edges, then documents): 11 hops and the top level.
    expect(many.statements).toBeLessThanOrEqual(23);
    // Each further parent costs rows read in proportion to the rows it brings (documents, edges, batches).
    expect(many.rowsRead - few.rowsRead).toBeLessThanOrEqual(4 * (many.rows - few.rows));
  });

  it('relation filters in where and on with levels: the same statements for 5 and 50 parents', async () => {
    const [few, many] = await fewAndMany(layout, filtered);
    expect(many.rows).toBeGreaterThan(5 * few.rows);
    expect(many.statements).toBe(few.statements);
    // The filter's pass over related collections is shared by all parents: 10× the parents, under 2× the rows read.
    expect(many.rowsRead).toBeLessThan(2 * few.rowsRead);
  });
});
