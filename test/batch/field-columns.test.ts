import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldColumns } from '../../src/batch/field-columns.js';

/** What `fieldColumns` must equal: each document's own value of each name, read by name. */
function byName(docs: readonly Record<string, unknown>[], names: readonly string[]): unknown[][] {
  return names.map((name) => docs.map((d) => (Object.hasOwn(d, name) ? d[name] : undefined)));
}

describe('fieldColumns', () => {
  it('reads each own value, by position when documents share the first one\'s key order and by name when not', () => {
    const key = fc.constantFrom('$id', 'a', 'b', 'c', 'd', '__proto__', 'constructor', 'toString');
    const entries = fc.uniqueArray(fc.tuple(key, fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.constant(undefined))), { selector: ([k]) => k, maxLength: 6 });
    const toDoc = (pairs: readonly (readonly [string, unknown])[]) => {
      const doc: Record<string, unknown> = {};
      // Own keys, even `__proto__`.
      for (const [k, v] of pairs) Object.defineProperty(doc, k, { value: v, enumerable: true, writable: true, configurable: true });
      return doc;
    };
    const shared = entries.chain((first) =>
      fc.array(fc.oneof(fc.constant(first), entries), { maxLength: 20 }).map((rest) => [first, ...rest].map(toDoc)),
    );
    fc.assert(
      fc.property(shared, fc.uniqueArray(key, { maxLength: 8 }), (docs, names) => {
        expect(fieldColumns(docs, names)).toEqual(byName(docs, names));
      }),
      { numRuns: 500 },
    );
  });

  it('ignores inherited keys, including enumerable ones on a polluted prototype', () => {
    const proto = { injected: 'from the prototype' };
    const docs = [{ $id: 'a', n: 1 }, Object.assign(Object.create(proto) as Record<string, unknown>, { $id: 'b', n: 2 }), { $id: 'c', n: 3 }];
    expect(fieldColumns(docs, ['n', 'injected', '$id'])).toEqual([[1, 2, 3], [undefined, undefined, undefined], ['a', 'b', 'c']]);
    expect(fieldColumns([], ['n'])).toEqual([[]]);
    expect(fieldColumns(docs, [])).toEqual([]);
  });
});
