/**
 * The batch read planner (issue 4 §2): a batch pruned by its zone map or by
 * its bloom filters holds no document `matchesFilter` accepts (property),
 * and equality on `$id` reads about one batch in a hundred.
 */
import fc from 'fast-check';
import { combineFilters, splitAt as split } from './filter-arbitraries.js';
import { describe, expect, it } from 'vitest';
import { buildBloomSet, createBloomFilter, deserializeBloomSet, serializeBloomSet, type BloomSet } from '../../src/batch/bloom/index.js';
import { planBatchReads, type BatchSummary } from '../../src/batch/planner/index.js';
import { buildZoneMap } from '../../src/batch/zone-map/index.js';
import { parseSchema, type IceTypeSchema } from '../../src/index.js';
import { FilterError, matchesFilter, type Filter } from '../../src/store/filter/index.js';

type Doc = Record<string, unknown>;

const Acc: IceTypeSchema = parseSchema({
  $type: 'Acc',
  email: 'string#',
  n: 'int#',
  code: 'string',
  score: 'double',
  tags: 'string[]#',
  at: 'timestamp#',
  meta: 'json',
  $unique: [['code']],
});

const OPTIONS = { falsePositiveRate: 0.01, expectedItems: 16 };

/** Summaries with both statistics (the blooms through their container). */
function summarize(schema: IceTypeSchema | undefined, batches: readonly Doc[][], bloomSchema: IceTypeSchema | undefined = schema): BatchSummary<number>[] {
  return batches.map((docs, id) => ({ id, zoneMap: buildZoneMap(schema, docs), blooms: deserializeBloomSet(serializeBloomSet(buildBloomSet(bloomSchema, docs, OPTIONS))) }));
}


// ---------- generators ----------

const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null | undefined> => fc.oneof({ weight: 6, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constant(undefined) });
const id = fc.integer({ min: 0, max: 60 }).map((i) => `id${String(i).padStart(3, '0')}`);
const email = fc.constantFrom('ada@x.io', 'bob@x.io', 'cy@y.io', 'dee@z.io', '\u{1F600}@x.io', '');
const small = fc.integer({ min: -8, max: 8 });
const code = fc.constantFrom('A', 'B', 'C', 'D');

const accDoc = fc.record(
  {
    $id: id,
    email: maybe(email),
    n: maybe(fc.oneof(small, fc.constant(-0))),
    code: maybe(code),
    score: maybe(fc.oneof(fc.double({ min: -3, max: 3, noNaN: true }), fc.constant(Number.NaN))),
    tags: maybe(fc.array(email, { maxLength: 2 })),
    at: maybe(small.map((d) => new Date(d * 1000))),
    meta: maybe(fc.record({ k: small }, { requiredKeys: [] })),
  },
  { requiredKeys: ['$id'] },
).map((d) => Object.fromEntries(Object.entries(d).filter(([, v]) => v !== undefined)) as Doc);

const ops = (arb: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 3, arbitrary: arb },
    { weight: 2, arbitrary: arb.map((v) => ({ $eq: v })) },
    { weight: 2, arbitrary: fc.array(fc.oneof({ weight: 6, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(null) }), { minLength: 1, maxLength: 3 }).map((l) => ({ $in: l })) },
    fc.record({ op: fc.constantFrom('$ne', '$gt', '$gte', '$lt', '$lte'), v: arb }).map(({ op, v }) => ({ [op]: v })),
    fc.array(arb, { maxLength: 3 }).map((l) => ({ $nin: l })),
    fc.record({ lo: arb, hi: arb }).map(({ lo, hi }) => ({ $gte: lo, $lte: hi })),
    fc.boolean().map((b) => ({ $exists: b })),
    fc.constant(null),
  );

const accLeaf: fc.Arbitrary<Filter> = fc.oneof(
  ops(id).map((c) => ({ $id: c }) as Filter),
  ops(email).map((c) => ({ email: c }) as Filter),
  ops(fc.oneof(small, fc.constant(-0))).map((c) => ({ n: c }) as Filter),
  ops(code).map((c) => ({ code: c }) as Filter),
  ops(fc.integer({ min: -3, max: 3 })).map((c) => ({ score: c }) as Filter),
  ops(email).map((c) => ({ tags: c }) as Filter),
  ops(small.map((d) => new Date(d * 1000))).map((c) => ({ at: c }) as Filter),
  ops(small).map((c) => ({ 'meta.k': c }) as Filter),
);

const combine = combineFilters;

const tally = { valid: 0, batches: 0, zone: 0, bloom: 0 };

/** Every pruned batch holds no matching document; the lists partition the input in order. */
function checkSound(schema: IceTypeSchema | undefined, batches: readonly Doc[][], summaries: readonly BatchSummary<number>[], filter: Filter): void {
  try {
    matchesFilter(schema, {}, filter);
  } catch (error) {
    expect(error).toBeInstanceOf(FilterError);
    expect(() => planBatchReads(schema, summaries, filter)).toThrow(FilterError);
    return;
  }
  const plan = planBatchReads(schema, summaries, filter);
  const all = [...plan.keep, ...plan.prunedByZoneMap, ...plan.prunedByBloom];
  expect(all.sort((a, b) => a - b)).toEqual(summaries.map((s) => s.id));
  for (const list of [plan.keep, plan.prunedByZoneMap, plan.prunedByBloom]) expect([...list].sort((a, b) => a - b)).toEqual(list);
  tally.valid++;
  tally.batches += summaries.length;
  tally.zone += plan.prunedByZoneMap.length;
  tally.bloom += plan.prunedByBloom.length;
  for (const pruned of [...plan.prunedByZoneMap, ...plan.prunedByBloom]) {
    const matching = batches[pruned]!.filter((d) => matchesFilter(schema, d, filter));
    expect(matching, JSON.stringify({ filter, pruned, byBloom: plan.prunedByBloom.includes(pruned) })).toEqual([]);
  }
}

// ---------- tests ----------

describe('planBatchReads: soundness (property)', () => {
  it('typed schema: no batch pruned by zone map or bloom holds a matching document', () => {
    fc.assert(
      fc.property(fc.array(accDoc, { minLength: 1, maxLength: 40 }), fc.array(fc.nat(), { maxLength: 8 }), combine(accLeaf), (docs, cuts, filter) => {
        const batches = split(docs, cuts);
        checkSound(Acc, batches, summarize(Acc, batches), filter);
      }),
      { numRuns: 1000 },
    );
  });

  const anyValue = fc.oneof(email, small, fc.constant(-0), fc.boolean(), small.map((d) => new Date(d * 1000)), fc.constant(null), fc.array(email, { maxLength: 2 }));
  const looseDoc = fc.record({ $id: id, email: anyValue, n: anyValue }, { requiredKeys: ['$id'] });
  const looseLeaf: fc.Arbitrary<Filter> = fc.oneof(
    ops(id).map((c) => ({ $id: c }) as Filter),
    fc.constantFrom('email', 'n').chain((f) => ops(fc.oneof(email, small, fc.boolean(), small.map((d) => new Date(d * 1000).toISOString()))).map((c) => ({ [f]: c }) as Filter)),
  );

  it('schemaless: sound on $id, and blooms of other fields are never trusted for dynamic values', () => {
    fc.assert(
      fc.property(fc.array(looseDoc, { minLength: 1, maxLength: 30 }), fc.array(fc.nat(), { maxLength: 6 }), combine(looseLeaf), (docs, cuts, filter) => {
        const batches = split(docs as Doc[], cuts);
        // Blooms built as if typed (email, n bloomed) but queried schemaless: arrays, Dates as ISO text.
        checkSound(undefined, batches, summarize(undefined, batches, Acc), filter);
      }),
      { numRuns: 500 },
    );
  });

  it('the generators exercise both kinds of pruning', () => {
    expect(tally.valid).toBeGreaterThan(1000);
    expect(tally.zone).toBeGreaterThan(tally.batches / 50);
    expect(tally.bloom).toBeGreaterThan(tally.batches / 50);
  });
});

describe('planBatchReads: decisions', () => {
  const batch = (docs: Doc[]): Pick<BatchSummary<string>, 'zoneMap' | 'blooms'> => ({ zoneMap: buildZoneMap(Acc, docs), blooms: buildBloomSet(Acc, docs, { falsePositiveRate: 0.01, expectedItems: 128 }) });
  const bloomOnly = (docs: Doc[]): BloomSet => buildBloomSet(Acc, docs, { falsePositiveRate: 0.01, expectedItems: 128 });

  it('key parity: an int field queried with $eq: 5 finds a stored 5; -0 and 0 are one value', () => {
    const five = [{ id: 'b', blooms: bloomOnly([{ $id: 'x', n: 5 }]) }];
    expect(planBatchReads(Acc, five, { n: { $eq: 5 } }).keep).toEqual(['b']);
    expect(planBatchReads(Acc, five, { n: 5 }).keep).toEqual(['b']);
    expect(planBatchReads(Acc, five, { n: { $in: [4, 5] } }).keep).toEqual(['b']);
    expect(planBatchReads(Acc, five, { n: 6 }).prunedByBloom).toEqual(['b']);
    expect(planBatchReads(Acc, five, { n: { $in: [4, 6] } }).prunedByBloom).toEqual(['b']);
    const negZero = [{ id: 'z', blooms: bloomOnly([{ $id: 'x', n: -0 }]) }];
    expect(planBatchReads(Acc, negZero, { n: 0 }).keep).toEqual(['z']);
    const zero = [{ id: 'z', blooms: bloomOnly([{ $id: 'x', n: 0 }]) }];
    expect(planBatchReads(Acc, zero, { n: -0 }).keep).toEqual(['z']);
    expect(matchesFilter(Acc, { $id: 'x', n: -0 }, { n: 0 })).toBe(true);
  });

  it('splits by reason in input order; a zone-map prune wins over a bloom prune', () => {
    const lo = batch([{ $id: 'a1', n: 1 }, { $id: 'a2', n: 3 }]);
    const hi = batch([{ $id: 'b1', n: 10 }, { $id: 'b2', n: 20 }]);
    const plan = planBatchReads(Acc, [{ id: 'hi', ...hi }, { id: 'lo', ...lo }, { id: 'none' }, { id: 'hi2', ...hi }], { n: 2 });
    // n = 2 is inside lo's range [1, 3] but not in its bloom; outside hi's range.
    expect(plan).toEqual({ keep: ['none'], prunedByZoneMap: ['hi', 'hi2'], prunedByBloom: ['lo'] });
    expect(planBatchReads(Acc, [{ id: 'lo', ...lo }], { n: 3 }).keep).toEqual(['lo']);
    expect(planBatchReads(Acc, [{ id: 'lo', zoneMap: lo.zoneMap }], { n: 2 }).keep).toEqual(['lo']);
  });

  it('and / or / not over bloom leaves', () => {
    const b = [{ id: 1, blooms: bloomOnly([{ $id: 'u1', email: 'ada@x.io', n: 1 }, { $id: 'u2', email: 'bob@x.io', n: 2 }]) }];
    const pruned = (f: Filter): boolean => planBatchReads(Acc, b, f).prunedByBloom.length === 1;
    expect(pruned({ email: 'eve@x.io' })).toBe(true);
    expect(pruned({ email: 'ada@x.io' })).toBe(false);
    expect(pruned({ email: 'ada@x.io', n: 3 })).toBe(true);
    expect(pruned({ $and: [{ $id: 'u1' }, { $id: 'u9' }] })).toBe(true);
    expect(pruned({ $or: [{ $id: 'u9' }, { email: 'zed@x.io' }] })).toBe(true);
    expect(pruned({ $or: [{ $id: 'u9' }, { $id: 'u2' }] })).toBe(false);
    expect(pruned({ $or: [{ $id: 'u9' }, { score: 1 }] })).toBe(false);
    // `code` is in a one-field $unique, so it has a bloom too.
    expect(pruned({ $or: [{ $id: 'u9' }, { code: 'A' }] })).toBe(true);
    expect(pruned({ $id: { $in: ['u7', 'u8', 'u9'] } })).toBe(true);
    expect(pruned({ $id: { $in: ['u7', null] } })).toBe(false);
    // Negations, ranges and string operators are never decided by a bloom.
    expect(pruned({ $id: { $ne: 'u1' } })).toBe(false);
    expect(pruned({ $id: { $nin: ['u1', 'u2'] } })).toBe(false);
    expect(pruned({ $not: { $id: 'u1' } })).toBe(false);
    expect(pruned({ n: { $gte: 5 } })).toBe(false);
    expect(pruned({ email: { $startsWith: 'zz' } })).toBe(false);
  });

  it('never trusts a bloom for timestamps, decimals, arrays, json paths or dynamic values', () => {
    const empty = createBloomFilter(16, 0.01);
    const blooms: BloomSet = new Map(['at', 'tags', 'meta', 'email', 'n', 'code'].map((f) => [f, empty]));
    const keep = (schema: IceTypeSchema | undefined, f: Filter): boolean => planBatchReads(schema, [{ id: 1, blooms }], f).keep.length === 1;
    expect(keep(Acc, { at: new Date(5000) })).toBe(true);
    expect(keep(Acc, { tags: 'ada@x.io' })).toBe(true);
    expect(keep(Acc, { 'meta.k': 1 })).toBe(true);
    expect(keep(undefined, { email: 'ada@x.io' })).toBe(true);
    expect(keep(undefined, { n: 1 })).toBe(true);
    // The same empty bloom does prune typed text and number fields (so the checks above can fail).
    expect(keep(Acc, { email: 'ada@x.io' })).toBe(false);
    expect(keep(Acc, { code: 'A' })).toBe(false);
  });

  it('rejects the filters matchesFilter rejects', () => {
    expect(() => planBatchReads(Acc, [], { n: 'five' })).toThrow(FilterError);
    expect(() => planBatchReads(Acc, [], { nope: 1 })).toThrow(FilterError);
  });
});

describe('planBatchReads: effectiveness', () => {
  /** Deterministic uuid-ish ids (xorshift32), unsorted, so zone maps on `$id` barely prune. */
  function ids(count: number): string[] {
    let s = 0x9e3779b9;
    const next = (): number => {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      return s >>> 0;
    };
    const hex = (): string => next().toString(16).padStart(8, '0');
    return Array.from({ length: count }, () => `${hex()}-${hex().slice(0, 4)}-4${hex().slice(0, 3)}-${hex().slice(0, 4)}-${hex()}${hex().slice(0, 4)}`);
  }

  it('$id equality over 100 batches of 128 reads the batch holding it plus at most a few false positives', () => {
    const B = 128;
    const all = ids(100 * B);
    expect(new Set(all).size).toBe(all.length);
    const batches = split(all.map((id) => ({ $id: id })), Array.from({ length: 100 }, (_, i) => i * B));
    expect(batches).toHaveLength(100);
    const summaries = batches.map((docs, id) => ({ id, zoneMap: buildZoneMap(Acc, docs), blooms: buildBloomSet(Acc, docs, { falsePositiveRate: 0.01, expectedItems: B }) }));
    let extra = 0;
    let byBloom = 0;
    for (let q = 0; q < 40; q++) {
      const owner = (q * 37) % 100;
      const target = batches[owner]![(q * 53) % B]!.$id as string;
      const plan = planBatchReads(Acc, summaries, { $id: target });
      expect(plan.keep).toContain(owner);
      expect(plan.keep.length).toBeLessThanOrEqual(1 + 5);
      byBloom += plan.prunedByBloom.length;
      extra += plan.keep.length - 1;
    }
    // About 1% of the 99 other batches per query; 40 queries expect ~40.
    expect(extra).toBeLessThanOrEqual(80);
    // Random ids make wide zones: the blooms, not the zone maps, rule out most batches.
    expect(byBloom).toBeGreaterThan(40 * 50);
    const absent = planBatchReads(Acc, summaries, { $id: 'not-an-id' });
    expect(absent.keep.length).toBeLessThanOrEqual(5);
  });
});
