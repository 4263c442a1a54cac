import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DocumentError, FilterError } from '../../src/index.js';
import { nearest, NEAREST_PAGE_SIZE, SearchError, type SearchHit } from '../../src/search/index.js';
import { inDurableObject } from '../support/do.js';
import { Item, open, thrown } from './support.js';

type Vec = [number, number, number, number];
interface Row {
  $id: string;
  group: number;
  embedding: Vec | null;
}

/** The test's own exact cosine: a·b / (‖a‖·‖b‖) in doubles over float32 components, null for a zero vector. */
function bruteForce(rows: readonly Row[], query: readonly number[], k: number, keep: (row: Row) => boolean = () => true): [string, number][] {
  const q = query.map(Math.fround);
  const qq = Math.sqrt(q.reduce((sum, x) => sum + x * x, 0));
  const scored: [string, number][] = [];
  for (const row of rows) {
    if (row.embedding === null || !keep(row)) continue;
    const v = row.embedding.map(Math.fround);
    let dot = 0;
    let vv = 0;
    for (let i = 0; i < v.length; i++) {
      dot += q[i]! * v[i]!;
      vv += v[i]! * v[i]!;
    }
    if (vv === 0) continue;
    scored.push([row.$id, Math.min(1, Math.max(-1, dot / (qq * Math.sqrt(vv))))]);
  }
  return scored.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, k);
}

const pairs = (hits: SearchHit[]) => hits.map((hit): [string, number] => [hit.document.$id as string, hit.score]);

const component = fc.float({ min: -10, max: 10, noNaN: true });
const vec = fc.tuple(component, component, component, component) as fc.Arbitrary<Vec>;
const embedding = fc.oneof({ weight: 8, arbitrary: vec }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constant<Vec>([0, 0, 0, 0]) });

describe('nearest', () => {
  it('equals a brute-force cosine ranking for random vectors (property)', async () => {
    await inDurableObject(async (storage) => {
      const db = await open(storage);
      fc.assert(
        fc.property(
          fc.array(fc.record({ group: fc.integer({ min: 0, max: 2 }), embedding }), { maxLength: 40 }),
          vec.filter((v) => v.some((x) => x !== 0)),
          fc.integer({ min: 1, max: 50 }),
          fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
          (docs, query, k, group) => {
            storage.sql.exec('DELETE FROM "Item"');
            const rows = db.store.createMany('Item', docs).map((d) => ({ $id: d.$id, group: d.group as number, embedding: d.embedding as Vec | null }));
            const where = group === undefined ? undefined : { group };
            const hits = nearest(storage.sql, Item, 'embedding', query, where === undefined ? { k } : { k, where });
            expect(pairs(hits)).toEqual(bruteForce(rows, query, k, (row) => group === undefined || row.group === group));
            for (const hit of hits) expect(hit.document).toEqual(db.store.get('Item', hit.document.$id as string));
          },
        ),
        { numRuns: 60 },
      );
    });
  });

  it('returns every scorable document when k exceeds the collection, skipping null and zero vectors', async () => {
    await inDurableObject(async (storage) => {
      const db = await open(storage);
      db.store.createMany('Item', [
        { $id: 'a', embedding: [1, 0, 0, 0] },
        { $id: 'b', embedding: [1, 1, 0, 0] },
        { $id: 'c', embedding: [-1, 0, 0, 0] },
        { $id: 'none', embedding: null },
        { $id: 'zero', embedding: [0, 0, 0, 0] },
        { $id: 'same', embedding: [2, 0, 0, 0] },
      ]);
      const hits = nearest(storage.sql, Item, 'embedding', [3, 0, 0, 0], { k: 100 });
      // Ties (a and same point the same way) break on $id.
      expect(pairs(hits).map(([id]) => id)).toEqual(['a', 'same', 'b', 'c']);
      expect(hits.map((hit) => hit.score)).toEqual([1, 1, expect.closeTo(Math.SQRT1_2, 12), -1]);
      expect(nearest(storage.sql, Item, 'embedding', new Float32Array([3, 0, 0, 0]), { k: 100 })).toEqual(hits);
      expect(pairs(nearest(storage.sql, Item, 'embedding', [3, 0, 0, 0], { minScore: 0.5 })).map(([id]) => id)).toEqual(['a', 'same', 'b']);
      expect(pairs(nearest(storage.sql, Item, 'embedding', [1, 0, 0, 0], { k: 1 }))).toEqual([['a', 1]]);
    });
  });

  it('filters with where in SQL before scoring', async () => {
    await inDurableObject(async (storage) => {
      const db = await open(storage);
      db.store.createMany('Item', [
        { $id: 'a', group: 1, tags: ['red'], embedding: [1, 0, 0, 0] },
        { $id: 'b', group: 2, tags: ['blue'], embedding: [1, 0.1, 0, 0] },
        { $id: 'c', group: 2, tags: ['red', 'blue'], embedding: [0, 1, 0, 0] },
      ]);
      expect(pairs(nearest(storage.sql, Item, 'embedding', [1, 0, 0, 0], { where: { group: 2 } })).map(([id]) => id)).toEqual(['b', 'c']);
      expect(pairs(nearest(storage.sql, Item, 'embedding', [1, 0, 0, 0], { where: { tags: 'red' }, k: 1 })).map(([id]) => id)).toEqual(['a']);
      expect(nearest(storage.sql, Item, 'embedding', [1, 0, 0, 0], { where: { group: 9 } })).toEqual([]);
      const tooBig = thrown(() => nearest(storage.sql, Item, 'embedding', [1, 0, 0, 0], { where: { $or: Array.from({ length: 100 }, (_, i) => ({ group: i })) } }));
      expect(tooBig).toBeInstanceOf(FilterError);
      expect(tooBig).toMatchObject({ code: 'FILTER_TOO_LARGE' });
    });
  });

  it('pages over more than 1000 rows: same answer as brute force, bounded statements', async () => {
    await inDurableObject(async (storage) => {
      const db = await open(storage);
      const count = 1300;
      const random = fc.sample(vec, { numRuns: count, seed: 42 });
      const rows = db.store.createMany('Item', random.map((embedding, i) => ({ group: i % 3, embedding }))).map((d) => ({ $id: d.$id, group: d.group as number, embedding: d.embedding as Vec }));
      const statements: string[] = [];
      const sql = new Proxy(storage.sql, {
        get(target, property) {
          if (property === 'exec') {
            return (query: string, ...bindings: unknown[]) => {
              statements.push(query);
              return target.exec(query, ...bindings);
            };
          }
          const value: unknown = Reflect.get(target, property, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      const query = [0.3, -0.2, 0.9, 0.1];
      expect(pairs(nearest(sql, Item, 'embedding', query, { k: 7 }))).toEqual(bruteForce(rows, query, 7));
      expect(statements).toHaveLength(Math.ceil(count / NEAREST_PAGE_SIZE) + 1);
      expect(pairs(nearest(storage.sql, Item, 'embedding', query, { k: 7, where: { group: 1 } }))).toEqual(bruteForce(rows, query, 7, (row) => row.group === 1));
    });
  });

  it('reads about one row per scanned document plus the k winners', async () => {
    await inDurableObject(async (storage) => {
      const db = await open(storage);
      db.store.createMany('Item', fc.sample(vec, { numRuns: 600, seed: 7 }).map((embedding) => ({ embedding })));
      db.$client.transactionSync(() => nearest(db.$client.sql, Item, 'embedding', [1, 2, 3, 4], { k: 5 }));
      expect(db.$cost.last.rowsWritten).toBe(0);
      expect(db.$cost.last.rowsRead).toBeGreaterThanOrEqual(600);
      expect(db.$cost.last.rowsRead).toBeLessThanOrEqual(600 + 5 + 10);
    });
  });

  it('rejects bad fields, vectors and options with typed errors', async () => {
    await inDurableObject(async (storage) => {
      const db = await open(storage);
      db.store.create('Item', { $id: 'a', embedding: [1, 2, 3, 4] });
      const fail = (fn: () => unknown) => {
        const error = thrown(fn);
        expect(error).toBeInstanceOf(SearchError);
        return (error as SearchError).code;
      };
      const q = [1, 0, 0, 0];
      expect(fail(() => nearest(storage.sql, Item, 'label', q))).toBe('NOT_A_VECTOR_FIELD');
      expect(fail(() => nearest(storage.sql, Item, 'nope', q))).toBe('NOT_A_VECTOR_FIELD');
      expect(fail(() => nearest(storage.sql, Item, 'tags', q))).toBe('NOT_A_VECTOR_FIELD');
      expect(fail(() => nearest(storage.sql, Item, 'embedding', [1, 0, 0]))).toBe('VECTOR_DIMENSIONS');
      expect(fail(() => nearest(storage.sql, Item, 'embedding', new Float32Array(5)))).toBe('VECTOR_DIMENSIONS');
      expect(fail(() => nearest(storage.sql, Item, 'embedding', [1, Number.NaN, 0, 0]))).toBe('NOT_FINITE');
      expect(fail(() => nearest(storage.sql, Item, 'embedding', [1, Number.POSITIVE_INFINITY, 0, 0]))).toBe('NOT_FINITE');
      expect(fail(() => nearest(storage.sql, Item, 'embedding', [1, 1e39, 0, 0]))).toBe('NOT_FINITE');
      expect(fail(() => nearest(storage.sql, Item, 'embedding', [0, 0, 0, 0]))).toBe('INVALID_QUERY');
      expect(fail(() => nearest(storage.sql, Item, 'embedding', [1, '0', 0, 0] as never))).toBe('INVALID_QUERY');
      expect(fail(() => nearest(storage.sql, Item, 'embedding', 'vector' as never))).toBe('INVALID_QUERY');
      for (const options of [{ k: 0 }, { k: 1001 }, { k: 2.5 }, { k: '3' }, { minScore: Number.NaN }, { minScore: '0.5' }, { limit: 3 }, 'k']) {
        expect(fail(() => nearest(storage.sql, Item, 'embedding', q, options as never))).toBe('INVALID_OPTION');
      }
      const error = thrown(() => nearest(storage.sql, Item, 'embedding', [123.456, 0, 0]));
      expect((error as Error).message).not.toContain('123.456');
    });
  });

  it('reports a stored vector of the wrong size as a corrupt document', async () => {
    await inDurableObject(async (storage) => {
      await open(storage);
      storage.sql.exec(`INSERT INTO "Item" ("$id", "$type", "$version", "$createdAt", "$updatedAt", embedding) VALUES ('bad', 'Item', 1, 0, 0, zeroblob(12))`);
      const error = thrown(() => nearest(storage.sql, Item, 'embedding', [1, 0, 0, 0]));
      expect(error).toBeInstanceOf(DocumentError);
      expect(error).toMatchObject({ issues: [{ code: 'INVALID_STORED_VALUE', id: 'bad', path: ['embedding'] }] });
    });
  });
});
