import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TopK } from '../../src/search/index.js';

interface Item {
  score: number;
  id: string;
}

const compare = (a: Item, b: Item) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

describe('TopK', () => {
  it('keeps the k best of a stream, best first, equal to sorting everything', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ score: fc.integer({ min: -5, max: 5 }), id: fc.string({ maxLength: 3 }) }), { selector: (item) => item.id, maxLength: 60 }),
        fc.integer({ min: 0, max: 70 }),
        (items, k) => {
          const top = new TopK<Item>(k, compare);
          for (const item of items) {
            top.offer(item);
            expect(top.size).toBeLessThanOrEqual(k);
          }
          expect(top.sorted()).toEqual([...items].sort(compare).slice(0, k));
        },
      ),
    );
  });

  it('admits while there is room, then only items better than the worst kept', () => {
    const top = new TopK<Item>(2, compare);
    expect(top.admits({ score: 0, id: 'a' })).toBe(true);
    top.offer({ score: 1, id: 'a' });
    top.offer({ score: 3, id: 'b' });
    expect(top.admits({ score: 1, id: 'b' })).toBe(false); // ties break on id: "b" after "a"
    expect(top.admits({ score: 1, id: '0' })).toBe(true);
    expect(new TopK<Item>(0, compare).admits({ score: 9, id: 'x' })).toBe(false);
  });
});
