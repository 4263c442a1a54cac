/**
 * Zone maps and batch pruning (issue 4 §2): pruning must be sound — a pruned
 * batch holds no document `matchesFilter` accepts — and effective on sorted
 * data. Numeric min/max compare as numbers (seed-origin W15).
 */
import fc from 'fast-check';
import { combineFilters, splitAt as split } from './filter-arbitraries.js';
import { describe, expect, it } from 'vitest';
import { adjustZoneMap, buildZoneMap, canPruneBatch, deserializeZoneMap, pruneBatches, serializeZoneMap, ZoneMapError, type ZoneMap } from '../../src/batch/zone-map/index.js';
import { parseSchema, type IceTypeSchema } from '../../src/index.js';
import { FilterError, matchesFilter, type Filter } from '../../src/store/filter/index.js';

type Doc = Record<string, unknown>;

const Ev: IceTypeSchema = parseSchema({
  $type: 'Ev',
  n: 'int',
  x: 'double',
  price: 'decimal(10,2)',
  s: 'string',
  at: 'timestamp',
  flag: 'bool',
  day: 'date',
  status: '"new" | "open" | "closed"',
  tags: 'string[]',
  meta: 'json',
});

const T0 = Date.UTC(2024, 0, 1);
const DAY = 86_400_000;

// ---------- generators ----------

const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null | undefined> => fc.oneof({ weight: 6, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constant(undefined) });
const cents = fc.integer({ min: -100_000, max: 100_000 });
const decimalText = (c: number, scale = 2): string => {
  const abs = Math.abs(c).toString().padStart(scale + 1, '0');
  return `${c < 0 ? '-' : ''}${abs.slice(0, abs.length - scale)}${scale > 0 ? '.' + abs.slice(abs.length - scale) : ''}`;
};
// Includes an astral character, whose code-point order differs from UTF-16 order.
const text = fc.string({ unit: fc.constantFrom('a', 'b', 'B', 'z', 'é', '\u{1F600}', '\uFFFD'), maxLength: 4 });
const instant = fc.integer({ min: -400, max: 400 }).map((d) => T0 + d * DAY + (d % 7) * 1000);
const dayText = fc.integer({ min: 1, max: 28 }).map((d) => `2024-02-${String(d).padStart(2, '0')}`);
const status = fc.constantFrom('new', 'open', 'closed');

const typedDoc = fc.record(
  {
    n: maybe(fc.integer({ min: -50, max: 50 })),
    x: maybe(fc.oneof(fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.constant(Number.NaN))),
    price: maybe(cents.map((c) => decimalText(c))),
    s: maybe(text),
    at: maybe(instant.map((ms) => new Date(ms))),
    flag: maybe(fc.boolean()),
    day: maybe(dayText),
    status: maybe(status),
    tags: maybe(fc.array(text, { maxLength: 3 })),
    meta: maybe(fc.record({ city: text, k: fc.integer({ min: -5, max: 5 }) }, { requiredKeys: [] })),
    $version: fc.integer({ min: 1, max: 9 }),
    $createdAt: instant.map((ms) => new Date(ms)),
  },
  { requiredKeys: ['$version', '$createdAt'] },
);

function withIds(docs: readonly Doc[]): Doc[] {
  return docs.map((d, i) => Object.fromEntries([['$id', `id${String(i).padStart(4, '0')}`], ...Object.entries(d).filter(([, v]) => v !== undefined)]));
}

const ops = (arb: fc.Arbitrary<unknown>): fc.Arbitrary<Filter[string]> =>
  fc.oneof(
    arb as fc.Arbitrary<never>,
    fc.record({ op: fc.constantFrom('$eq', '$ne', '$gt', '$gte', '$lt', '$lte'), v: arb }).map(({ op, v }) => ({ [op]: v }) as never),
    fc.array(fc.oneof({ weight: 5, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(null) }), { maxLength: 3 }).chain((list) => fc.constantFrom({ $in: list } as never, { $nin: list } as never)),
    fc.boolean().map((b) => ({ $exists: b }) as never),
    fc.constant(null as never),
    fc.record({ lo: arb, hi: arb }).map(({ lo, hi }) => ({ $gte: lo, $lt: hi }) as never),
    arb.map((v) => ({ $not: { $gt: v } }) as never),
  );
const unordered = (arb: fc.Arbitrary<unknown>): fc.Arbitrary<Filter[string]> =>
  fc.oneof(arb as fc.Arbitrary<never>, fc.record({ op: fc.constantFrom('$eq', '$ne'), v: arb }).map(({ op, v }) => ({ [op]: v }) as never), fc.array(arb, { maxLength: 3 }).map((l) => ({ $in: l }) as never), fc.boolean().map((b) => ({ $exists: b }) as never), fc.constant(null as never));

const decimalOperand = fc.oneof(cents.map((c) => decimalText(c)), fc.integer({ min: -1_000_000, max: 1_000_000 }).map((c) => decimalText(c, 3)), fc.integer({ min: -1000, max: 1000 }), fc.double({ min: -1000, max: 1000, noNaN: true }));
const instantOperand = fc.oneof(instant.map((ms) => new Date(ms)), instant.map((ms) => new Date(ms).toISOString()), instant);

const typedLeaf: fc.Arbitrary<Filter> = fc.oneof(
  ops(fc.integer({ min: -60, max: 60 })).map((c) => ({ n: c })),
  ops(fc.double({ min: -1.1e3, max: 1.1e3, noNaN: true })).map((c) => ({ x: c })),
  ops(decimalOperand).map((c) => ({ price: c })),
  ops(text).map((c) => ({ s: c })),
  ops(instantOperand).map((c) => ({ at: c })),
  ops(instantOperand).map((c) => ({ $createdAt: c })),
  ops(fc.integer({ min: 0, max: 10 })).map((c) => ({ $version: c })),
  ops(fc.constantFrom('id0000', 'id0005', 'id0100', 'id9')).map((c) => ({ $id: c })),
  ops(dayText).map((c) => ({ day: c })),
  unordered(status).map((c) => ({ status: c })),
  unordered(fc.boolean()).map((c) => ({ flag: c })),
  fc.record({ op: fc.constantFrom('$contains', '$startsWith', '$endsWith'), v: text }).map(({ op, v }) => ({ s: { [op]: v } })),
  ops(text).map((c) => ({ tags: c })),
  text.map((v) => ({ tags: { $contains: v } })),
  ops(text).map((c) => ({ 'meta.city': c })),
  ops(fc.integer({ min: -6, max: 6 })).map((c) => ({ 'meta.k': c })),
);

const combine = combineFilters;


/** Soundness: every pruned batch holds no matching document; the zone map also survives serialisation. */
const tally = { valid: 0, rejected: 0, pruned: 0, batches: 0 };

function checkSound(schema: IceTypeSchema | undefined, docs: readonly Doc[], cuts: readonly number[], filter: Filter): void {
  const batches = split(docs, cuts);
  // Filters the evaluator rejects are rejected by the planner too.
  let rejected: unknown;
  try {
    matchesFilter(schema, {}, filter);
  } catch (error) {
    rejected = error;
  }
  if (rejected !== undefined) {
    expect(rejected).toBeInstanceOf(FilterError);
    expect(() => canPruneBatch(schema, { count: 0, fields: {} }, filter)).toThrow(FilterError);
    tally.rejected++;
    return;
  }
  const stats = batches.map((b, id) => ({ id, zoneMap: deserializeZoneMap(serializeZoneMap(buildZoneMap(schema, b))) }));
  const { pruned, keep } = pruneBatches(schema, stats, filter);
  expect(pruned.length + keep.length).toBe(batches.length);
  tally.valid++;
  tally.batches += batches.length;
  tally.pruned += pruned.length;
  for (const id of pruned) {
    const batch = batches[id] as Doc[];
    expect(canPruneBatch(schema, stats[id]!.zoneMap, filter)).toBe(true);
    const matching = batch.filter((d) => matchesFilter(schema, d, filter));
    expect(matching, JSON.stringify({ filter, zone: stats[id]!.zoneMap })).toEqual([]);
  }
}

// ---------- tests ----------

describe('zone maps', () => {
  it('keeps typed min/max: numbers, decimals exact, timestamps as epoch ms, text by code point', () => {
    const docs = withIds([
      { n: 4, price: '99.99', at: new Date(T0 + 5), s: '\u{1F600}', flag: true, x: Number.NaN },
      { n: 100, price: '100.00', at: new Date(T0), s: '\uFFFD', flag: true, tags: ['a'] },
      { n: 30, price: '-100.50', s: 'b', status: 'open' },
    ]);
    const zm = buildZoneMap(Ev, docs);
    expect(zm.count).toBe(3);
    expect(zm.fields.n).toEqual({ kind: 'number', min: 4, max: 100, nullCount: 0, count: 3 });
    expect(zm.fields.price).toEqual({ kind: 'decimal', min: '-100.50', max: '100.00', nullCount: 0, count: 3 });
    expect(zm.fields.at).toEqual({ kind: 'timestamp', min: T0, max: T0 + 5, nullCount: 1, count: 3 });
    // U+1F600 is above U+FFFD by code point, below it in UTF-16 units.
    expect(zm.fields.s).toEqual({ kind: 'text', min: 'b', max: '\u{1F600}', nullCount: 0, count: 3 });
    expect(zm.fields.flag).toEqual({ kind: 'bool', min: true, max: true, nullCount: 1, count: 3 });
    expect(zm.fields.x).toEqual({ kind: 'number', min: null, max: null, nullCount: 3, count: 3 });
    expect(zm.fields.$id).toMatchObject({ kind: 'text', min: 'id0000', max: 'id0002' });
    // Arrays and json fields have no zones.
    expect(Object.hasOwn(zm.fields, 'tags')).toBe(false);
    expect(Object.hasOwn(zm.fields, 'meta')).toBe(false);
  });

  it('min, max and null count are exactly those of the values, for any values and key orders', () => {
    const Z = parseSchema({ $type: 'Z', n: 'double', t: 'timestamp', s: 'string' });
    // -0 is left out: it equals 0, and which of the two a zone keeps is the first seen.
    const num = fc.oneof(fc.double().map((n) => (n === 0 ? 0 : n)), fc.integer(), fc.constantFrom(Number.NaN, Infinity, -Infinity), fc.constant(null));
    const date = fc.oneof(fc.date({ noInvalidDate: true }), fc.constant(new Date(Number.NaN)), fc.constant(null));
    const text = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 4 }), fc.constant(null));
    const doc = fc
      .record({ n: num, t: date, s: text }, { requiredKeys: [] })
      .chain((d) => fc.boolean().map((flip) => (flip ? Object.fromEntries(Object.entries(d).reverse()) : d)));
    const byCodePoint = (a: string, b: string): number => {
      const x = [...a].map((c) => c.codePointAt(0)!);
      const y = [...b].map((c) => c.codePointAt(0)!);
      for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
      return x.length - y.length;
    };
    const expected = (kind: string, values: unknown[], key: (v: unknown) => number | string) => {
      const present = values.filter((v) => v !== null && v !== undefined && !(typeof v === 'number' && Number.isNaN(v)));
      const keys = present.map(key);
      if (keys.some((k) => typeof k === 'number' && !Number.isFinite(k))) return undefined;
      const sorted = keys.sort((a, b) => (typeof a === 'number' ? a - (b as number) : byCodePoint(a, b as string)));
      return { kind, min: sorted[0] ?? null, max: sorted.at(-1) ?? null, nullCount: values.length - present.length, count: values.length };
    };
    fc.assert(
      fc.property(fc.array(doc, { maxLength: 30 }), (raw) => {
        const docs = withIds(raw);
        const zm = buildZoneMap(Z, docs);
        const column = (name: string) => docs.map((d) => (d as Record<string, unknown>)[name]);
        expect(zm.fields.n).toEqual(expected('number', column('n'), (v) => v as number));
        expect(zm.fields.t).toEqual(expected('timestamp', column('t'), (v) => (v as Date).getTime()));
        expect(zm.fields.s).toEqual(expected('text', column('s'), (v) => v as string));
      }),
      { numRuns: 400 },
    );
  });

  it('infers kinds without a schema; mixed kinds give no zone', () => {
    const zm = buildZoneMap(undefined, [
      { $id: 'a', n: 3, mixed: 1, when: new Date(T0), arr: [1], label: 'x' },
      { $id: 'b', n: -7, mixed: 'one', when: new Date(T0 + 1), arr: [2] },
    ]);
    expect(zm.fields.n).toEqual({ kind: 'number', min: -7, max: 3, nullCount: 0, count: 2 });
    expect(zm.fields.when).toEqual({ kind: 'timestamp', min: T0, max: T0 + 1, nullCount: 0, count: 2 });
    expect(zm.fields.label).toEqual({ kind: 'text', min: 'x', max: 'x', nullCount: 1, count: 2 });
    expect(Object.hasOwn(zm.fields, 'mixed')).toBe(false);
    expect(Object.hasOwn(zm.fields, 'arr')).toBe(false);
  });

  it('round-trips through JSON and rejects malformed data', () => {
    const zm = buildZoneMap(Ev, withIds([{ n: 1, price: '1.50', at: new Date(T0) }, { n: null }]));
    const text = serializeZoneMap(zm);
    expect(JSON.parse(text)).toBeTypeOf('object');
    expect(deserializeZoneMap(text)).toEqual(zm);
    expect(() => deserializeZoneMap('not json')).toThrow(ZoneMapError);
    expect(() => deserializeZoneMap('{"v":2,"count":0,"fields":{}}')).toThrow(ZoneMapError);
    expect(() => deserializeZoneMap('{"v":1,"count":1,"fields":{"n":{"kind":"number","min":"4","max":"100","nullCount":0,"count":1}}}')).toThrow(/INVALID_ZONE_MAP|min and max/);
  });
});

describe('canPruneBatch', () => {
  const batch = withIds([4, 10, 25, 100].map((n, i) => ({ n, price: decimalText(n * 100), at: new Date(T0 + i * DAY), s: `k${n}`, flag: false, x: null })));
  const zm: ZoneMap = buildZoneMap(Ev, batch);
  const prunes = (filter: Filter): boolean => canPruneBatch(Ev, zm, filter);

  it('W15: numeric min/max compare as numbers, not text', () => {
    // As text, '4'..'100' has max '4' < '30' and the batch would be wrongly skipped.
    expect(prunes({ n: { $gt: 30 } })).toBe(false);
    expect(prunes({ n: { $gt: 100 } })).toBe(true);
    expect(prunes({ n: { $lt: 4 } })).toBe(true);
    expect(prunes({ n: { $lte: 4 } })).toBe(false);
    // Decimals exactly: '100.00' > '99.99' even though text says otherwise.
    expect(prunes({ price: { $gt: '99.99' } })).toBe(false);
    expect(prunes({ price: { $gt: '100.00' } })).toBe(true);
    expect(prunes({ price: { $gte: '100.001' } })).toBe(true);
    expect(prunes({ price: { $gte: 100 } })).toBe(false);
    expect(prunes({ price: { $lt: '0.04' } })).toBe(true);
  });

  it('prunes $eq, ranges, $in, $exists, null, $and, $or; never $ne, $nin, $not, string operators, arrays, paths', () => {
    expect(prunes({ n: 5 })).toBe(false);
    expect(prunes({ n: 101 })).toBe(true);
    expect(prunes({ n: { $in: [1, 2, 200] } })).toBe(true);
    expect(prunes({ n: { $in: [1, 50] } })).toBe(false);
    expect(prunes({ n: { $in: [1, null] } })).toBe(true);
    expect(prunes({ x: { $in: [1, null] } })).toBe(false);
    expect(prunes({ at: { $gte: new Date(T0 + 10 * DAY) } })).toBe(true);
    expect(prunes({ at: { $lt: new Date(T0 + 1).toISOString() } })).toBe(false);
    expect(prunes({ x: { $exists: true } })).toBe(true);
    expect(prunes({ x: { $exists: false } })).toBe(false);
    expect(prunes({ n: null })).toBe(true);
    expect(prunes({ n: { $exists: false } })).toBe(true);
    expect(prunes({ x: 1 })).toBe(true);
    expect(prunes({ flag: true })).toBe(true);
    expect(prunes({ flag: false })).toBe(false);
    expect(prunes({ $and: [{ n: { $gt: 5 } }, { n: { $lt: 0 } }] })).toBe(true);
    expect(prunes({ n: { $gt: 5, $lt: 0 } })).toBe(true);
    expect(prunes({ $or: [{ n: 200 }, { s: 'zzz' }] })).toBe(true);
    expect(prunes({ $or: [{ n: 200 }, { s: 'k4' }] })).toBe(false);
    expect(prunes({ n: { $ne: 4 } })).toBe(false);
    expect(prunes({ n: { $nin: [4, 10, 25, 100] } })).toBe(false);
    expect(prunes({ $not: { n: { $lt: 1000 } } })).toBe(false);
    expect(prunes({ s: { $startsWith: 'zz' } })).toBe(false);
    expect(prunes({ tags: 'nope' })).toBe(false);
    expect(prunes({ 'meta.city': 'nowhere' })).toBe(false);
  });

  it('pruneBatches splits ids in order', () => {
    const lo = buildZoneMap(Ev, withIds([{ n: 1 }, { n: 2 }]));
    const hi = buildZoneMap(Ev, withIds([{ n: 50 }, { n: 60 }]));
    expect(pruneBatches(Ev, [{ id: 'a', zoneMap: lo }, { id: 'b', zoneMap: hi }, { id: 'c', zoneMap: lo }], { n: { $gte: 10 } })).toEqual({ keep: ['b'], pruned: ['a', 'c'] });
  });

  it('schemaless: type mismatches never match, Dates compare as ISO text', () => {
    const docs = [{ $id: 'a', v: 1, when: new Date(T0) }, { $id: 'b', v: 2, when: new Date(T0 + DAY) }];
    const z = buildZoneMap(undefined, docs);
    expect(canPruneBatch(undefined, z, { v: { $gt: 2 } })).toBe(true);
    expect(canPruneBatch(undefined, z, { v: { $gt: 1 } })).toBe(false);
    expect(canPruneBatch(undefined, z, { v: '1' })).toBe(true);
    expect(canPruneBatch(undefined, z, { when: { $gt: new Date(T0 + 2 * DAY) } })).toBe(true);
    expect(canPruneBatch(undefined, z, { when: { $gt: '1' } })).toBe(false);
    expect(canPruneBatch(undefined, z, { missing: 1 })).toBe(false);
  });
});

describe('pruning soundness (property)', () => {
  it('typed schema: no pruned batch holds a matching document', () => {
    fc.assert(
      fc.property(fc.array(typedDoc, { minLength: 1, maxLength: 40 }), fc.array(fc.nat(), { maxLength: 8 }), fc.boolean(), combine(typedLeaf), (raw, cuts, sorted, filter) => {
        let docs = withIds(raw);
        // Sorted data makes narrow zones, so pruning actually happens.
        if (sorted) docs = [...docs].sort((a, b) => Number(a.n ?? -999) - Number(b.n ?? -999));
        checkSound(Ev, docs, cuts, filter);
      }),
      { numRuns: 1000 },
    );
  });

  const schemalessValue = fc.oneof(fc.integer({ min: -20, max: 20 }), fc.double({ min: -20, max: 20, noNaN: true }), text, fc.boolean(), instant.map((ms) => new Date(ms)), fc.constant(null), fc.constant(Number.NaN), fc.array(fc.integer({ min: -3, max: 3 }), { maxLength: 2 }));
  const schemalessDoc = fc.record({ a: schemalessValue, b: fc.oneof(fc.integer({ min: -20, max: 20 }), fc.constant(null)), c: fc.oneof(instant.map((ms) => new Date(ms)), text) }, { requiredKeys: [] });
  const schemalessOperand = fc.oneof(fc.integer({ min: -25, max: 25 }), text, fc.boolean(), instant.map((ms) => new Date(ms)), instant.map((ms) => new Date(ms).toISOString()));
  const schemalessLeaf: fc.Arbitrary<Filter> = fc.oneof(
    fc.constantFrom('a', 'b', 'c', 'zz').chain((f) => ops(schemalessOperand).map((c) => ({ [f]: c }) as Filter)),
    fc.constantFrom('a', 'c').chain((f) => fc.record({ op: fc.constantFrom('$contains', '$startsWith', '$endsWith'), v: text }).map(({ op, v }) => ({ [f]: { [op]: v } }) as Filter)),
    ops(fc.constantFrom('id0000', 'id0003', 'id9')).map((c) => ({ $id: c })),
  );

  it('schemaless: no pruned batch holds a matching document', () => {
    fc.assert(
      fc.property(fc.array(schemalessDoc, { minLength: 1, maxLength: 30 }), fc.array(fc.nat(), { maxLength: 6 }), combine(schemalessLeaf), (raw, cuts, filter) => {
        const docs = withIds(raw as Doc[]);
        checkSound(undefined, docs, cuts, filter);
      }),
      { numRuns: 1000 },
    );
  });

  it('the generators exercise pruning (not only rejected filters or kept batches)', () => {
    expect(tally.valid).toBeGreaterThan(tally.rejected);
    expect(tally.pruned).toBeGreaterThan(tally.batches / 20);
  });
});

describe('adjustZoneMap (splice updates)', () => {
  type Edit = { readonly t: 'add'; readonly doc: Doc } | { readonly t: 'remove'; readonly at: number } | { readonly t: 'replace'; readonly at: number; readonly doc: Doc };
  const edit: fc.Arbitrary<Edit> = fc.oneof(
    typedDoc.map((doc) => ({ t: 'add' as const, doc })),
    fc.nat().map((at) => ({ t: 'remove' as const, at })),
    fc.record({ at: fc.nat(), doc: typedDoc }).map(({ at, doc }) => ({ t: 'replace' as const, ...{ at, doc } })),
  );
  const isNull = (v: unknown) => v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));

  it('keeps counts exact, the format valid, and pruning sound after any edits', () => {
    fc.assert(
      fc.property(fc.array(typedDoc, { minLength: 1, maxLength: 20 }), fc.array(edit, { maxLength: 12 }), fc.array(combine(typedLeaf), { minLength: 1, maxLength: 4 }), (raw, edits, filters) => {
        let docs = withIds(raw);
        let zone: ZoneMap = buildZoneMap(Ev, docs);
        let next = 1000;
        for (const e of edits) {
          if (e.t === 'add') {
            const [added] = withIds([e.doc]).map((d) => ({ ...d, $id: `id${next++}` }));
            zone = adjustZoneMap(Ev, zone, [], [added!]);
            docs = [...docs, added!];
          } else if (docs.length > 0) {
            const at = e.at % docs.length;
            const removed = docs[at]!;
            const added = e.t === 'replace' ? [{ ...withIds([e.doc])[0]!, $id: removed.$id }] : [];
            zone = adjustZoneMap(Ev, zone, [removed], added);
            docs = [...docs.slice(0, at), ...added, ...docs.slice(at + 1)];
          }
          // The adjusted map is a valid zone map of this many documents, with exact null counts.
          zone = deserializeZoneMap(serializeZoneMap(zone));
          expect(zone.count).toBe(docs.length);
          for (const [field, z] of Object.entries(zone.fields)) expect(z.nullCount).toBe(docs.filter((d) => isNull(d[field])).length);
        }
        for (const filter of filters) {
          let prune: boolean;
          try {
            prune = canPruneBatch(Ev, zone, filter);
          } catch (error) {
            expect(error).toBeInstanceOf(FilterError);
            continue;
          }
          if (prune) expect(docs.filter((d) => matchesFilter(Ev, d, filter))).toEqual([]);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('schemaless: a new document without a field counts as its null; a new kind or field leaves no zone', () => {
    const zone = buildZoneMap(undefined, [{ $id: 'a', n: 1, s: 'x' }, { $id: 'b', n: 5, s: 'y' }]);
    const next = adjustZoneMap(undefined, zone, [], [{ $id: 'c', s: 7, extra: true }]);
    expect(next.fields.n).toMatchObject({ kind: 'number', min: 1, max: 5, nullCount: 1, count: 3 });
    expect(next.fields.s).toBeUndefined(); // text zone, number value
    expect(next.fields.extra).toBeUndefined(); // the old documents' values are unknown here
    expect(canPruneBatch(undefined, next, { n: null })).toBe(false);
  });
});

describe('pruning effectiveness', () => {
  it('a 1% range on a time-ordered field prunes at least 80% of batches', () => {
    const N = 10_000;
    const B = 128;
    const docs = withIds(Array.from({ length: N }, (_, i) => ({ at: new Date(T0 + i * 60_000), n: i % 97 })));
    const batches = split(docs, Array.from({ length: Math.ceil(N / B) }, (_, i) => i * B)).map((b, id) => ({ id, zoneMap: buildZoneMap(Ev, b) }));
    const from = T0 + 4_000 * 60_000;
    const filter: Filter = { at: { $gte: new Date(from), $lt: new Date(from + (N / 100) * 60_000) } };
    const { keep, pruned } = pruneBatches(Ev, batches, filter);
    expect(pruned.length / batches.length).toBeGreaterThanOrEqual(0.8);
    // Every kept batch must be read; here at most 2 batches hold the 100 documents.
    expect(keep.length).toBeLessThanOrEqual(2);
    const expected = docs.filter((d) => matchesFilter(Ev, d, filter)).length;
    const found = keep.flatMap((id) => docs.slice(id * B, id * B + B)).filter((d) => matchesFilter(Ev, d, filter)).length;
    expect(found).toBe(expected);
  });
});
