/**
 * Differential test: random documents stored in a real DO through Drizzle,
 * random filters and orderings; the SQL compiled by `compileQuery` and the
 * in-memory `queryDocuments` must return the same ids in the same order,
 * and reject the same filters with the same code.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeCursor, FilterError, type Filter, type OrderBy, type QuerySpec } from '../../../src/store/filter/index.js';
import { inDurableObject } from '../../support/do.js';
import { memoryIds, sqlIds, storeItems, withSystemFields, type Doc } from './fixture.js';

const LONG = 'L'.repeat(60); // beyond DO SQLite's 50-byte LIKE pattern limit
const MAX_38 = '999999999999999999999999999999999999.99';

const ints = fc.oneof(fc.integer({ min: -6, max: 6 }), fc.constantFrom(-2147483648, 2147483647, 4, 25, 31, 100, 250));
const doubles = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -0, 0.1, 0.2, -0.5, 1.5, 3, 1e300, 5e-324));
const strings = fc.oneof(
  fc.constantFrom('', 'a', 'A', 'ab', 'aB', 'b', 'B', 'é', 'e\u0301', '😀', '\uFFFF', '\uE000', 'apple', 'Apple', `${LONG}a`, `${LONG}A`, `a${LONG}`),
  fc.string({ unit: fc.constantFrom('a', 'b', 'A', 'é', '😀', '\uFFFF', ' ', 'L', '\0'), maxLength: 6 }),
);

/** Canonical decimal(P,S) text: exactly S fractional digits, no '-0'. */
function decimalText(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}
const decimals38 = fc.oneof(
  fc.constantFrom('-10.50', '-9.99', '100.00', '99.99', '0.00', '-0.01', '0.01', MAX_38, `-${MAX_38}`, '999999999999999999999999999999999999.98', '1000000000000000.00', '999999999999999.99', '-1000000000000000.00', '10000000000000.00'),
  fc.bigInt({ min: -(10n ** 38n) + 1n, max: 10n ** 38n - 1n }).map((u) => decimalText(u, 2)),
  fc.bigInt({ min: -100000n, max: 100000n }).map((u) => decimalText(u, 2)),
);
const decimals10 = fc.oneof(fc.constantFrom('-5.00', '1.10', '20.00', '100.00'), fc.bigInt({ min: -(10n ** 10n) + 1n, max: 10n ** 10n - 1n }).map((u) => decimalText(u, 2)));
const rates = fc.bigInt({ min: -999999n, max: 999999n }).map((u) => decimalText(u, 3));
/** Decimal operands: exact text at other scales, numbers, bigints. */
const decimalOperands = fc.oneof(
  decimals38,
  fc.constantFrom('-10.5', '-10.501', '-10.499', '100', '99.990', '1e2', '-0', '0.005', '1e40', '-1e40'),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
  fc.bigInt({ min: -1000n, max: 1000n }),
);
const instants = fc.oneof(fc.constantFrom(0, -1, 1, 1704067200000, 1704067200001), fc.integer({ min: -2e12, max: 4e12 })).map((ms) => new Date(ms));
const instantOperands = fc.oneof(instants, instants.map((d) => d.toISOString()), instants.map((d) => d.getTime()));
const days = fc.constantFrom('2023-06-15', '2024-01-01', '2024-01-02', '2025-03-01');
const statuses = fc.constantFrom('new', 'open', 'closed');
const tagValues = fc.constantFrom('red', 'green', 'blue', 'Red', `${LONG}x`);
const tagIds = fc.constantFrom('t1', 't2', 't3');
const jsonScalars = fc.oneof(strings, ints, doubles, fc.boolean(), fc.constantFrom('5', '4', 'Paris', 'paris', 'x'));
const jsonValues = fc.oneof(
  { weight: 4, arbitrary: fc.record({ city: fc.oneof(fc.constantFrom('Paris', 'paris', 'Lyon', null), strings), n: jsonScalars, tags: fc.oneof(fc.array(jsonScalars, { maxLength: 3 }), jsonScalars), address: fc.oneof(fc.constant(null), fc.record({ city: fc.constantFrom('Paris', 'Lyon'), geo: fc.record({ lat: ints }, { requiredKeys: [] }) }, { requiredKeys: [] })) }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: jsonScalars },
  { weight: 1, arbitrary: fc.array(jsonScalars, { maxLength: 3 }) },
);
const bytes = fc.uint8Array({ maxLength: 3, max: 3 });

/** A field that is sometimes absent and sometimes null. */
function maybe<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null | undefined> {
  return fc.oneof({ weight: 6, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 2, arbitrary: fc.constant(undefined) });
}

const docArb = fc.record({
  n: maybe(ints),
  x: maybe(doubles),
  s: maybe(strings),
  price: maybe(decimals38),
  rate: maybe(rates),
  at: maybe(instants),
  flag: maybe(fc.boolean()),
  day: maybe(days),
  status: maybe(statuses),
  tags: maybe(fc.array(tagValues, { maxLength: 3 })),
  nums: maybe(fc.array(ints, { maxLength: 3 })),
  prices: maybe(fc.array(decimals10, { maxLength: 3 })),
  times: maybe(fc.array(instants, { maxLength: 2 })),
  flags: maybe(fc.array(fc.boolean(), { maxLength: 2 })),
  meta: maybe(jsonValues),
  blob: maybe(bytes),
  owner: maybe(tagIds),
  refs: maybe(fc.uniqueArray(tagIds, { maxLength: 3 })),
  $version: fc.integer({ min: 1, max: 4 }),
  $createdAt: fc.constantFrom(0, 1, 2).map((d) => new Date(Date.UTC(2024, 0, 1 + d))),
});

/** Conditions on one field from its operand domains. */
function conditions(value: fc.Arbitrary<unknown>, options: { ordered?: fc.Arbitrary<unknown>; text?: fc.Arbitrary<string>; contains?: fc.Arbitrary<unknown> } = {}): fc.Arbitrary<unknown> {
  // Up to 12 values: lists over 8 take the Set membership path of the in-memory evaluator.
  const list = fc.array(fc.oneof({ weight: 6, arbitrary: value }, { weight: 1, arbitrary: fc.constant(null) }), { maxLength: 12 });
  const base: fc.Arbitrary<unknown>[] = [
    value,
    fc.constant(null),
    value.map((v) => ({ $eq: v })),
    value.map((v) => ({ $ne: v })),
    list.map((vs) => ({ $in: vs })),
    list.map((vs) => ({ $nin: vs })),
    fc.boolean().map((b) => ({ $exists: b })),
  ];
  const ordered = options.ordered;
  if (ordered !== undefined) {
    for (const op of ['$gt', '$gte', '$lt', '$lte']) base.push(ordered.map((v) => ({ [op]: v })));
    base.push(fc.tuple(ordered, ordered).map(([a, b]) => ({ $gte: a, $lt: b })));
  }
  const text = options.text;
  if (text !== undefined) for (const op of ['$startsWith', '$endsWith', '$contains']) base.push(text.map((v) => ({ [op]: v })));
  const contains = options.contains;
  if (contains !== undefined) base.push(contains.map((v) => ({ $contains: v })));
  const plain = fc.oneof(...base);
  return fc.oneof({ weight: 8, arbitrary: plain }, { weight: 1, arbitrary: plain.map((c) => ({ $not: c })) });
}

const jsonOrdered = fc.oneof(strings, ints, doubles);
const fieldConditions: Record<string, fc.Arbitrary<unknown>> = {
  n: conditions(ints, { ordered: ints }),
  x: conditions(doubles, { ordered: doubles }),
  s: conditions(strings, { ordered: strings, text: strings }),
  price: conditions(decimalOperands, { ordered: decimalOperands }),
  rate: conditions(fc.oneof(rates, decimalOperands), { ordered: fc.oneof(rates, decimalOperands) }),
  at: conditions(instantOperands, { ordered: instantOperands }),
  flag: conditions(fc.boolean()),
  day: conditions(days, { ordered: days, text: fc.constantFrom('2024', '01', '-0', '') }),
  status: conditions(statuses, { ordered: statuses, text: fc.constantFrom('o', 'n', 'ed', 'O') }),
  tags: conditions(tagValues, { ordered: tagValues, text: fc.constantFrom('r', 'R', 'e', LONG), contains: tagValues }),
  nums: conditions(ints, { ordered: ints, contains: ints }),
  prices: conditions(decimals10, { ordered: decimalOperands, contains: decimals10 }),
  times: conditions(instantOperands, { ordered: instantOperands, contains: instantOperands }),
  flags: conditions(fc.boolean(), { contains: fc.boolean() }),
  meta: conditions(jsonScalars, { ordered: jsonOrdered, text: strings, contains: jsonScalars }),
  'meta.city': conditions(jsonScalars, { ordered: jsonOrdered, text: strings, contains: jsonScalars }),
  'meta.n': conditions(jsonScalars, { ordered: jsonOrdered, text: strings }),
  'meta.tags': conditions(jsonScalars, { ordered: jsonOrdered, text: strings, contains: jsonScalars }),
  'meta.address.city': conditions(fc.constantFrom('Paris', 'Lyon', 'paris'), { ordered: strings, text: strings }),
  'meta.address.geo.lat': conditions(ints, { ordered: ints }),
  blob: conditions(bytes, { ordered: bytes }),
  owner: conditions(tagIds, { ordered: tagIds, text: fc.constantFrom('t', '1', '') }),
  refs: conditions(tagIds, { ordered: tagIds, contains: tagIds }),
  $id: conditions(fc.constantFrom('a', 'm', 'z'), { ordered: fc.constantFrom('4', '8', 'c') }),
  $version: conditions(fc.integer({ min: 0, max: 5 }), { ordered: fc.integer({ min: 0, max: 5 }) }),
  $createdAt: conditions(instantOperands, { ordered: instantOperands }),
};
const leafFilter: fc.Arbitrary<Filter> = fc.oneof(...Object.entries(fieldConditions).map(([field, cond]) => cond.map((c) => ({ [field]: c }) as Filter)));

const { filter: filterArb } = fc.letrec<{ filter: Filter }>((tie) => ({
  filter: fc.oneof(
    { maxDepth: 3, depthIdentifier: 'filter' },
    { weight: 5, arbitrary: leafFilter },
    { weight: 1, arbitrary: fc.tuple(leafFilter, leafFilter).map(([a, b]) => ({ ...a, ...b })) },
    { weight: 1, arbitrary: fc.array(tie('filter'), { maxLength: 3 }).map((fs) => ({ $and: fs })) },
    { weight: 1, arbitrary: fc.array(tie('filter'), { maxLength: 3 }).map((fs) => ({ $or: fs })) },
    { weight: 1, arbitrary: tie('filter').map((f) => ({ $not: f })) },
  ),
}));

const orderArb: fc.Arbitrary<OrderBy> = fc
  .uniqueArray(fc.tuple(fc.constantFrom('n', 'x', 's', 'price', 'rate', 'at', 'flag', 'day', 'status', 'blob', 'owner', '$id', '$version', '$createdAt'), fc.constantFrom('asc' as const, 'desc' as const)), { selector: ([f]) => f, maxLength: 3 })
  .map((keys) => keys.map(([f, d]) => ({ [f]: d })));

/** Runs a query both ways: the same ids in the same order, or the same error code. */
function outcome(run: () => string[]): string[] | string {
  try {
    return run();
  } catch (error) {
    if (error instanceof FilterError) return error.code;
    throw error;
  }
}

const docs: Doc[] = fc.sample(docArb, { numRuns: 300, seed: 20261125 }).map((d, i) => {
  const doc: Doc = { $id: `${(i * 7919).toString(36).padStart(4, '0')}-${i}` };
  for (const [key, value] of Object.entries(d)) if (value !== undefined) doc[key] = value;
  return withSystemFields(doc);
});
const byId = new Map(docs.map((d) => [d.$id, d]));

describe('compileQuery (SQL in a real DO) agrees with queryDocuments (memory)', () => {
  it('on random filters and orderings over 300 random documents', async () => {
    await inDurableObject((storage) => {
      storeItems(storage, docs);
      let nonEmpty = 0;
      fc.assert(
        fc.property(filterArb, orderArb, fc.option(fc.integer({ min: 0, max: 50 }), { nil: undefined }), (where, orderBy, limit) => {
          const spec: QuerySpec = { where, orderBy, ...(limit === undefined ? {} : { limit }) };
          const sql = outcome(() => sqlIds(storage, spec));
          expect(outcome(() => memoryIds(docs, spec))).toEqual(sql);
          if (Array.isArray(sql) && sql.length > 0 && sql.length < docs.length) nonEmpty++;
        }),
        { numRuns: 1500 },
      );
      // The generators must exercise selective filters, not only match-all or match-none.
      expect(nonEmpty).toBeGreaterThan(500);
    });
  });

  it('cursor pagination visits the full order exactly once, both ways', async () => {
    await inDurableObject((storage) => {
      storeItems(storage, docs);
      fc.assert(
        fc.property(filterArb, orderArb, fc.integer({ min: 7, max: 60 }), (where, orderBy, pageSize) => {
          const full = outcome(() => sqlIds(storage, { where, orderBy }));
          if (!Array.isArray(full)) return;
          for (const run of [(spec: QuerySpec) => sqlIds(storage, spec), (spec: QuerySpec) => memoryIds(docs, spec)]) {
            const seen: string[] = [];
            let after: string | undefined;
            // Bounded, so a cursor that fails to advance fails the test instead of hanging it.
            for (let pages = 0; pages <= docs.length / pageSize + 1; pages++) {
              const page = run({ where, orderBy, limit: pageSize, ...(after === undefined ? {} : { after }) });
              seen.push(...page);
              if (page.length < pageSize) break;
              after = encodeCursor(byId.get(page[page.length - 1] as string) as Doc, orderBy);
            }
            expect(seen).toEqual(full);
          }
        }),
        { numRuns: 150 },
      );
    });
  });
});
