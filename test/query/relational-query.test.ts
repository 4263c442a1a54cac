// Differential test of src/query: Drizzle's own RQB v2 (`db.query.X.findMany`
// on the rows layout, the truth) against `planRelationalQuery` evaluated over
// the same documents read from `db.store` — results must be deeply equal.
import { EmptyFilter, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import migrations from '../../migrations/migrations.js';
import { schema } from '../../examples/schema.js';
import { drizzle, matchesFilter, migrate, type NormalizedDocument } from '../../src/index.js';
import type { IceTypeSchema } from '../../src/icetype/ast.js';
import { planRelationalQuery, RelationalQueryError, type RelationalFindConfig, type RelationalPlan } from '../../src/query/index.js';
import { evaluateWhere } from '../../src/query/evaluate-where.js';
import { parseWhere } from '../../src/query/parse-where.js';
import { queryColumns } from '../../src/query/query-columns.js';
import { inDurableObject } from '../support/do.js';

const UserSchema = schema.collections.get('User') as IceTypeSchema;
const PostSchema = schema.collections.get('Post') as IceTypeSchema;

type Row = Record<string, unknown>;

/** A tiny deterministic generator, so the fixture is the same on every run. */
function prng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  return { next, pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T };
}

const NAMES = ['Ada', 'ada', 'ADA', 'Émile', 'émile', 'Zoë', 'zoe', 'Ørsted', 'a_b', 'a%b', '😀 smile', 'Bob', 'bob', '', 'Ñandú', 'İstanbul', 'straße', 'Ab', 'aB'];
const TENANTS = ['t1', 't2', 'T1'];
const AGES = [null, 0, 1, 17, 18, 30, 36, 64, 99, -3];
const SCORES = [null, '99.50', '100.00', '9.5', '-5.25', '7', '0', '1234.56'];
const DATES = [null, new Date(0), new Date('2020-01-01T00:00:00.000Z'), new Date('2024-06-15T12:30:00.000Z'), new Date('1999-12-31T23:59:59.999Z')];
const TAGS = [null, [], ['a'], ['a', 'B'], ['vip', 'x'], ['é']];

function userDocs(count: number) {
  const r = prng(42);
  return Array.from({ length: count }, (_, i) => {
    const name = `${r.pick(NAMES)}${r.next() < 0.5 ? '' : ` ${i % 7}`}`;
    return {
      tenantId: r.pick(TENANTS),
      email: `${r.pick(['u', 'U', 'x'])}${i}@t.test`,
      name,
      age: r.pick(AGES),
      status: r.pick(['active', 'suspended'] as const),
      createdAt: r.pick(DATES),
      score: r.pick(SCORES),
      tags: r.pick(TAGS),
    };
  });
}

async function open(storage: DurableObjectStorage) {
  const db = drizzle(storage, { schema });
  await migrate(db, migrations);
  return db;
}

/** What the batched layout would do with a plan: filter, residual, sort, page, project. */
function emulate(plan: RelationalPlan, collection: IceTypeSchema, docs: readonly NormalizedDocument[]): Row[] {
  const matched = docs.filter((d) => (plan.filter === undefined || matchesFilter(collection, d, plan.filter)) && (plan.residual?.(d) ?? true));
  const start = plan.offset ?? 0;
  const page = [...matched].sort(plan.compare).slice(start, plan.limit === undefined ? undefined : start + plan.limit);
  return page.map(plan.toRow);
}

/** A canonical text of a row, for comparing results as multisets. */
function canon(rows: readonly Row[]): string[] {
  return rows.map((row) => JSON.stringify(row, (_k, v: unknown) => (v instanceof Uint8Array ? [...v] : v))).sort();
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, found none');
}

// ---- generated RQB configs ----------------------------------------------

const pickFrom = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
const LIKE_PATTERNS = ['a%', '%A%', '_da%', 'é%', 'É%', '%_%', '%', '', 'ada', 'a_b%', 'a%b%', '%😀%', '_😀%', '%ë', '%E', 'İ%', 'STRASSE', 'straSSe', '%1', '%@t.test', 'U1%'];
const textOps = (values: readonly string[]) =>
  fc.oneof(
    pickFrom(values),
    fc.record({ op: pickFrom(['eq', 'ne', 'gt', 'gte', 'lt', 'lte'] as const), v: pickFrom(values) }).map(({ op, v }) => ({ [op]: v })),
    fc.record({ op: pickFrom(['in', 'notIn'] as const), v: fc.array(fc.oneof(pickFrom(values), fc.constant(null)), { maxLength: 3 }) }).map(({ op, v }) => ({ [op]: v })),
    fc.record({ op: pickFrom(['like', 'notLike'] as const), v: pickFrom(LIKE_PATTERNS) }).map(({ op, v }) => ({ [op]: v })),
    pickFrom([{ isNull: true }, { isNotNull: true }, { isNull: false }]),
  );
const valueOps = <T>(values: fc.Arbitrary<T>, shorthand = true) =>
  fc.oneof(
    ...(shorthand ? [values] : []),
    fc.record({ op: pickFrom(['eq', 'ne', 'gt', 'gte', 'lt', 'lte'] as const), v: fc.oneof({ weight: 9, arbitrary: values }, { weight: 1, arbitrary: fc.constant(null) }) }).map(({ op, v }) => ({ [op]: v })),
    fc.record({ op: pickFrom(['in', 'notIn'] as const), v: fc.array(fc.oneof({ weight: 5, arbitrary: values }, { weight: 1, arbitrary: fc.constant(null) }), { maxLength: 3 }) }).map(({ op, v }) => ({ [op]: v })),
    pickFrom([{ isNull: true }, { isNotNull: true }]),
  );

/** Column-level NOT/OR/AND around a column's operators. */
const fieldFilter = (leaf: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 6, arbitrary: leaf },
    { weight: 1, arbitrary: leaf.map((f) => ({ NOT: f })) },
    { weight: 1, arbitrary: fc.array(leaf, { minLength: 1, maxLength: 3 }).map((fs) => ({ OR: fs })) },
    { weight: 1, arbitrary: fc.tuple(leaf, leaf).map(([a, b]) => ({ AND: [a, b] })) },
  );

const userColumnFilters: Record<string, fc.Arbitrary<unknown>> = {
  name: fieldFilter(textOps(['Ada', 'ada', 'Émile', 'Zoë', 'a_b', 'b', 'Z', '', 'Ørsted 3', '😀 smile'])),
  email: fieldFilter(textOps(['u1@t.test', 'U10@t.test', 'x', 'u'])),
  tenantId: fieldFilter(textOps(TENANTS)),
  status: fieldFilter(textOps(['active', 'suspended', 'other'])),
  age: fieldFilter(valueOps(fc.integer({ min: -5, max: 100 }))),
  // Decimals are TEXT columns: SQL compares them as text ('100.00' < '99.50').
  score: fieldFilter(textOps(['99.50', '100.00', '99.5', '7', '-5.25', '1'])),
  createdAt: fieldFilter(valueOps(fc.oneof(pickFrom(DATES.filter((d) => d !== null)), fc.integer({ min: 0, max: 2e12 }), fc.date({ min: new Date(0), max: new Date('2030-01-01'), noInvalidDate: true })))),
  tags: fieldFilter(fc.oneof(pickFrom([{ isNull: true }, { isNotNull: true }, { eq: ['a', 'B'] }, { ne: [] }, { like: '%a%' }, { in: [['a'], []] }, { gt: ['a'] }]))),
  $version: fieldFilter(valueOps(fc.integer({ min: 0, max: 3 }))),
  $type: fieldFilter(textOps(['User', 'Post'])),
};

const columnsObject = (filters: Record<string, fc.Arbitrary<unknown>>) =>
  fc.dictionary(pickFrom(Object.keys(filters)), fc.constant(0), { minKeys: 0, maxKeys: 2 }).chain((keys) => fc.record(Object.fromEntries(Object.keys(keys).map((k) => [k, filters[k] as fc.Arbitrary<unknown>]))));

const whereTree = (filters: Record<string, fc.Arbitrary<unknown>>) =>
  fc.letrec<{ node: Record<string, unknown> }>((tie) => ({
    node: fc.oneof(
      { maxDepth: 3, depthIdentifier: 'where' },
      { weight: 5, arbitrary: columnsObject(filters) },
      { weight: 1, arbitrary: fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((xs) => ({ OR: xs })) },
      { weight: 1, arbitrary: fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((xs) => ({ AND: xs })) },
      { weight: 1, arbitrary: tie('node').map((x) => ({ NOT: x })) },
      { weight: 1, arbitrary: fc.tuple(columnsObject(filters), tie('node')).map(([cols, x]) => ({ ...cols, NOT: x })) },
    ),
  })).node;

const USER_SORTABLE = ['name', 'age', 'score', 'createdAt', 'tenantId', 'email', 'status', 'tags', '$version'];
const USER_KEYS = ['$id', '$type', '$version', '$createdAt', '$updatedAt', 'tenantId', 'email', 'name', 'age', 'status', 'createdAt', 'score', 'tags'];

const findConfig = (filters: Record<string, fc.Arbitrary<unknown>>, sortable: readonly string[], keys: readonly string[]) =>
  fc
    .record(
      {
        where: whereTree(filters),
        order: fc.uniqueArray(fc.tuple(pickFrom(sortable), pickFrom(['asc', 'desc'] as const)), { maxLength: 2, selector: ([k]) => k }),
        page: fc.option(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined })), { nil: undefined }),
        columns: fc.option(fc.tuple(fc.boolean(), fc.uniqueArray(pickFrom(keys), { minLength: 1, maxLength: 4 })), { nil: undefined }),
      },
      { requiredKeys: ['order'] },
    )
    .map(({ where, order, page, columns }) => {
      const config: Record<string, unknown> = {};
      if (where !== undefined) config.where = where;
      // With a page, `$id` last makes the order total, so both sides pick the same rows.
      const orderBy = [...order, ...(page !== undefined ? [['$id', 'asc'] as const] : [])];
      if (orderBy.length > 0) config.orderBy = Object.fromEntries(orderBy);
      if (page !== undefined) {
        config.limit = page[0];
        if (page[1] !== undefined) config.offset = page[1];
      }
      if (columns !== undefined) config.columns = Object.fromEntries(columns[1].map((k) => [k, columns[0]]));
      return config as RelationalFindConfig;
    });

type FindMany = (config: RelationalFindConfig) => { sync(): Row[] };

function checkOne(findMany: FindMany, collection: IceTypeSchema, docs: readonly NormalizedDocument[], config: RelationalFindConfig): void {
  const truth = findMany(config).sync();
  const plan = planRelationalQuery(collection, config, 'many');
  const emulated = emulate(plan, collection, docs);
  const orderKeys = Object.keys((config.orderBy as Record<string, string> | undefined) ?? {});
  if (orderKeys.includes('$id')) expect(emulated).toEqual(truth);
  else expect(canon(emulated)).toEqual(canon(truth));
  // Order and superset: Drizzle's own rows (by $id), unpaged.
  const { columns: _c, limit: _l, offset: _o, ...rest } = config;
  const ids = findMany({ ...rest, columns: { $id: true } })
    .sync()
    .map((row) => row.$id as string);
  const byId = new Map(docs.map((d) => [d.$id as string, d]));
  const ordered = ids.map((id) => byId.get(id) as NormalizedDocument);
  for (let i = 1; i < ordered.length; i++) {
    // Ties in SQL are unordered: compare without the `$id` tie-break.
    expect(plan.compare({ ...(ordered[i - 1] as NormalizedDocument), $id: '' }, { ...(ordered[i] as NormalizedDocument), $id: '' })).toBeLessThanOrEqual(0);
  }
  if (plan.filter !== undefined) for (const doc of ordered) expect(matchesFilter(collection, doc, plan.filter)).toBe(true);
  // The three-valued evaluator alone (the residual, whether or not the plan needs it) selects Drizzle's rows.
  const where = 'where' in config ? parseWhere(collection, queryColumns(collection), config.where) : undefined;
  const selected = docs.filter((d) => where === undefined || evaluateWhere(collection.name, where, d) === true).map((d) => d.$id as string);
  expect(selected.sort()).toEqual([...ids].sort());
}

function seed(db: Awaited<ReturnType<typeof open>>) {
  const users = db.store.createMany('User', userDocs(300));
  const r = prng(7);
  const posts = db.store.createMany(
    'Post',
    Array.from({ length: 120 }, (_, i) => ({
      title: `${r.pick(['Hello', 'hello', 'Ünïcode', '100%', 'a_b'])} ${i}`,
      body: r.pick([null, 'Body', 'body text', '']),
      published: r.pick([true, false]),
      author: (users[Math.floor(r.next() * 40)] as { $id: string }).$id,
    })),
  );
  return { users, posts };
}

describe('planRelationalQuery against Drizzle RQB v2 on the rows layout', () => {
  it('agrees with Drizzle on generated User queries', async () => {
    await inDurableObject(async (storage) => {
      const db = await open(storage);
      seed(db);
      const docs = db.store.query('User', {}).documents as NormalizedDocument[];
      expect(docs).toHaveLength(300);
      const findMany = (config: RelationalFindConfig) => db.query.User.findMany(config as never) as unknown as { sync(): Row[] };
      fc.assert(
        fc.property(findConfig(userColumnFilters, USER_SORTABLE, USER_KEYS), (config) => checkOne(findMany, UserSchema, docs, config)),
        { numRuns: 400, seed: 20261125 },
      );
    });
  });

  it('agrees with Drizzle on Post queries by authorId and booleans', async () => {
    await inDurableObject(async (storage) => {
      const db = await open(storage);
      const { users } = seed(db);
      const docs = db.store.query('Post', {}).documents as NormalizedDocument[];
      const ids = users.slice(0, 6).map((u) => u.$id);
      const postFilters: Record<string, fc.Arbitrary<unknown>> = {
        authorId: fieldFilter(textOps(ids)),
        published: fieldFilter(valueOps(fc.boolean())),
        title: fieldFilter(textOps(['Hello 1', 'hello', '100% 3', 'Ünïcode 5'])),
        body: fieldFilter(textOps(['Body', 'body text', ''])),
      };
      const findMany = (config: RelationalFindConfig) => db.query.Post.findMany(config as never) as unknown as { sync(): Row[] };
      const keys = ['$id', '$version', 'title', 'body', 'published', 'authorId'];
      fc.assert(fc.property(findConfig(postFilters, ['title', 'body', 'published', 'authorId'], keys), (config) => checkOne(findMany, PostSchema, docs, config)), {
        numRuns: 150,
        seed: 7,
      });
      // findFirst: limit 1 after ordering.
      const first = { where: { published: true }, orderBy: { title: 'desc' as const, $id: 'asc' as const } };
      const plan = planRelationalQuery(PostSchema, first, 'first');
      expect(plan.limit).toBe(1);
      expect(emulate(plan, PostSchema, docs)[0]).toEqual(db.query.Post.findFirst(first).sync());
    });
  });

  it('pins Drizzle and SQLite behaviours the emulation follows', async () => {
    await inDurableObject(async (storage) => {
      const db = await open(storage);
      seed(db);
      const docs = db.store.query('User', {}).documents as NormalizedDocument[];
      const same = (config: RelationalFindConfig) => {
        const truth = db.query.User.findMany(config as never).sync() as Row[];
        expect(canon(emulate(planRelationalQuery(UserSchema, config, 'many'), UserSchema, docs))).toEqual(canon(truth));
        return truth;
      };
      // A Date as a column value is an object with no operators: Drizzle adds NO condition.
      expect(same({ where: { createdAt: new Date(0) } })).toHaveLength(300);
      // `in: []` is `1 = 0` (nothing, not even NULLs); `notIn: []` is `1 = 1` (everything, NULLs too).
      expect(same({ where: { age: { in: [] } } })).toHaveLength(0);
      expect(same({ where: { age: { notIn: [] } } })).toHaveLength(300);
      // `ne` never matches NULL, and neither does NOT of a comparison with NULL.
      const nullAges = docs.filter((d) => d.age === null).length;
      expect(nullAges).toBeGreaterThan(0);
      expect(same({ where: { age: { ne: 1000 } } })).toHaveLength(300 - nullAges);
      expect(same({ where: { NOT: { age: { gt: 1000 } } } })).toHaveLength(300 - nullAges);
      expect(same({ where: { age: { eq: null } } as RelationalFindConfig['where'] })).toHaveLength(0);
      // `NOT: {}` and `OR: [{}, x]` drop the empty condition: OR of {} and x is x, not TRUE.
      expect(same({ where: { OR: [{}, { age: 1000 }] } })).toHaveLength(0);
      expect(same({ where: { NOT: {} } })).toHaveLength(300);
      // LIKE folds ASCII case only: 'ada' matches 'ADA', 'émile' does not match 'Émile'.
      const ada = same({ where: { name: { like: 'ada%' } }, columns: { name: true } }).map((r) => r.name as string);
      expect(ada.some((n) => n.startsWith('ADA'))).toBe(true);
      const emile = same({ where: { name: { like: 'émile%' } }, columns: { name: true } }).map((r) => r.name as string);
      expect(emile.length).toBeGreaterThan(0);
      expect(emile.every((n) => n.startsWith('émile'))).toBe(true);
      // `_` is one character, even outside the BMP.
      expect(same({ where: { name: { like: '_ smile%' } } }).length).toBeGreaterThan(0);
      // Decimals are TEXT ('9.5' is stored '9.50'): '100.00' > '9' is false, '9.50' > '9' is true.
      const byScore = same({ where: { score: { gt: '9' } }, columns: { score: true } }).map((r) => r.score);
      expect(byScore).not.toContain('100.00');
      expect(byScore).toContain('9.50');
      // NULLs sort first ascending, last descending.
      const asc = db.query.User.findMany({ orderBy: { age: 'asc' }, columns: { age: true } }).sync();
      expect(asc[0]?.age).toBeNull();
      const desc = db.query.User.findMany({ orderBy: { age: 'desc' }, columns: { age: true } }).sync();
      expect(desc.at(-1)?.age).toBeNull();
      // Values come back as Drizzle decodes them: Dates, parsed json arrays, decimal strings.
      const [row] = db.query.User.findMany({ where: { tags: { isNotNull: true }, createdAt: { isNotNull: true } }, limit: 1, orderBy: { $id: 'asc' } }).sync();
      expect(row?.createdAt).toBeInstanceOf(Date);
      expect(Array.isArray(row?.tags)).toBe(true);
      // `where: undefined` and `OR: []` are errors in Drizzle, and here.
      expect(() => db.query.User.findMany({ where: undefined }).sync()).toThrow();
      expect(thrown(() => planRelationalQuery(UserSchema, { where: undefined }, 'many'))).toMatchObject({ code: 'INVALID_QUERY' });
      expect(() => db.query.User.findMany({ where: { OR: [] } }).sync()).toThrow();
      expect(thrown(() => planRelationalQuery(UserSchema, { where: { OR: [] } }, 'many'))).toMatchObject({ code: 'INVALID_QUERY' });
      // EmptyFilter is skipped everywhere.
      expect(same({ where: { age: EmptyFilter, name: { eq: EmptyFilter } } as RelationalFindConfig['where'] })).toHaveLength(300);
    });
  });

  it('throws typed errors where Drizzle or DO SQLite fail, or the batched layout cannot follow', async () => {
    await inDurableObject(async (storage) => {
      const db = await open(storage);
      seed(db);
      const fails = (config: RelationalFindConfig) => expect(() => db.query.User.findMany(config as never).sync()).toThrow();
      const code = (config: RelationalFindConfig, mode: 'many' | 'first' = 'many') => {
        const error = thrown(() => planRelationalQuery(UserSchema, config, mode));
        expect(error).toBeInstanceOf(RelationalQueryError);
        expect((error as RelationalQueryError).message).toMatch(/expected .* found/);
        return (error as RelationalQueryError).code;
      };
      // SQLite has no ILIKE and no Postgres array operators: Drizzle's SQL fails.
      for (const where of [{ name: { ilike: 'a%' } }, { name: { notIlike: 'a%' } }, { tags: { arrayContains: ['a'] } }, { tags: { arrayOverlaps: ['a'] } }, { tags: { arrayContained: ['a'] } }]) {
        fails({ where });
        expect(code({ where })).toBe('UNSUPPORTED_QUERY');
      }
      // OFFSET without LIMIT is a SQLite syntax error.
      fails({ offset: 3 });
      expect(code({ offset: 3 })).toBe('INVALID_QUERY');
      // DO SQLite rejects LIKE patterns over 50 bytes.
      const long = `${'é'.repeat(25)}%`;
      fails({ where: { name: { like: long } } });
      expect(code({ where: { name: { like: long } } })).toBe('PATTERN_TOO_LONG');
      // Exactly 50 bytes is fine on both sides.
      const fifty = { where: { name: { like: 'é'.repeat(25) } } };
      expect(db.query.User.findMany(fifty).sync()).toEqual([]);
      expect(planRelationalQuery(UserSchema, fifty, 'many').residual).toBeDefined();
      // A null column value is a TypeError in Drizzle (use isNull).
      fails({ where: { age: null } as RelationalFindConfig['where'] });
      expect(code({ where: { age: null } as RelationalFindConfig['where'] })).toBe('INVALID_QUERY');
      // Unsupported on the batched layout (Drizzle runs these as SQL).
      expect(code({ where: { RAW: sql`1 = 1` } })).toBe('UNSUPPORTED_QUERY');
      // Relation filters need the schema set (`schemaOf`, which the runner passes; test/relations/query-filters.test.ts).
      expect(code({ where: { posts: { title: 'x' } } })).toBe('UNSUPPORTED_QUERY');
      expect(planRelationalQuery(UserSchema, { where: { posts: { title: 'x' } } }, 'many', (name) => schema.collections.get(name) as IceTypeSchema).exists).toHaveLength(1);
      expect(code({ extras: { loud: sql`upper(name)` } })).toBe('UNSUPPORTED_QUERY');
      expect(code({ orderBy: () => undefined })).toBe('UNSUPPORTED_QUERY');
      expect(code({ orderBy: { posts: 'asc(count)' } })).toBe('UNSUPPORTED_QUERY');
      expect(code({ where: { age: { eq: sql`1` } } })).toBe('UNSUPPORTED_QUERY');
      // Unknown names and malformed values.
      expect(code({ where: { nope: 1 } })).toBe('UNKNOWN_COLUMN');
      expect(code({ orderBy: { nope: 'asc' } })).toBe('UNKNOWN_COLUMN');
      expect(code({ columns: { nope: true } })).toBe('UNKNOWN_COLUMN');
      expect(code({ with: { nope: true } })).toBe('UNKNOWN_RELATION');
      expect(code({ where: { age: { gt: 'x' } } })).toBe('INVALID_OPERAND');
      expect(code({ where: { age: { between: [1, 2] } } })).toBe('INVALID_QUERY');
      expect(code({ where: { age: { in: 3 } } })).toBe('INVALID_QUERY');
      expect(code({ where: { age: { like: '1%' } } })).toBe('UNSUPPORTED_QUERY');
      expect(code({ orderBy: { age: 'up' } })).toBe('INVALID_QUERY');
      expect(code({ columns: { age: false, name: undefined }, limit: 1.5 })).toBe('INVALID_QUERY');
      // Selecting nothing is an error in Drizzle too.
      fails({ columns: {} });
      expect(code({ columns: {} })).toBe('INVALID_QUERY');
      // Messages never carry operand values.
      expect((thrown(() => planRelationalQuery(UserSchema, { where: { age: { gt: 'secret' } } }, 'many')) as Error).message).not.toContain('secret');
    });
  });

  it('keeps `with` for the caller and prunes exactly where it can', () => {
    const plan = planRelationalQuery(UserSchema, { with: { posts: { limit: 2 } }, where: { age: { gte: 18 }, status: 'active' } }, 'many');
    expect(plan.with).toEqual({ posts: { limit: 2 } });
    expect(plan.residual).toBeUndefined();
    expect(plan.filter).toEqual({ $and: [{ age: { $gte: 18 } }, { status: { $eq: 'active' } }] });
    const like = planRelationalQuery(UserSchema, { where: { NOT: { name: { like: 'a%' } } } }, 'many');
    expect(like.residual).toBeDefined();
    expect(like.filter).toEqual({ name: { $exists: true } });
  });
});
