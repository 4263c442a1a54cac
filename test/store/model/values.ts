/**
 * The value side of the reference model of `User` (examples/schema.ts):
 * generated field values that carry what validation must make of them — the
 * canonical value, or the issue code — written out by hand from ICETYPE.md
 * §1.1/§4 and issue 3 §2, not computed with the library's own validator.
 */
import fc from 'fast-check';

/** The stored fields of User, in declaration order (what validation walks). */
export const FIELDS = ['tenantId', 'email', 'name', 'age', 'status', 'createdAt', 'score', 'tags'] as const;
export type FieldName = (typeof FIELDS)[number];

/** A document of the model: system fields and every stored field (null when unset). */
export type ModelDoc = Record<string, unknown> & {
  $id: string;
  $type: 'User';
  $version: number;
  $createdAt: Date;
  $updatedAt: Date;
};

/** A generated input value and what the store must make of it. */
export interface V {
  readonly raw: unknown;
  /** The canonical value (when valid). `NOW` means "the write's clock". */
  readonly norm?: unknown;
  /** The document issue code (when invalid). */
  readonly code?: string;
}

const ok = (raw: unknown, norm: unknown = raw): V => ({ raw, norm });
const bad = (raw: unknown, code: string): V => ({ raw, code });

export const INT_MIN = -2147483648;
export const INT_MAX = 2147483647;

// ---- valid values -------------------------------------------------------------

export const TENANTS = ['t1', 't2', 't3'] as const;
export const EMAILS = ['a@x', 'b@x', 'c@x', 'd@y'] as const;
/** Names: code-point order ≠ UTF-16 order for '𝒜da' vs 'ﬀ'; an empty string; an embedded NUL. */
export const NAMES = ['Ada', 'Bob', 'ada', 'Émile', '𝒜da', 'ﬀ', '', "O'Brien", 'Zed', 'a\u0000b'] as const;
export const TAGS = ['a', 'b', 'vip', 'x y', 'ﬀ', '𝒜'] as const;

const T_2024 = Date.UTC(2024, 0, 15, 9, 30);

const tenantV = fc.constantFrom(...TENANTS).map((t) => ok(t));
const emailV = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...EMAILS).map((e) => ok(e)) },
  { weight: 3, arbitrary: fc.nat({ max: 40 }).map((n) => ok(`m${n}@x`)) },
  { weight: 1, arbitrary: fc.constant(ok(null)) },
);
const nameV = fc.constantFrom(...NAMES).map((n) => ok(n));
const ageV = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: -3, max: 120 }).map((n) => ok(n)) },
  { weight: 1, arbitrary: fc.constantFrom(ok(INT_MIN), ok(INT_MAX), ok(-0, 0), ok(31), ok(null)) },
);
const statusV = fc.constantFrom(ok('active'), ok('suspended'), ok(null));
/** timestamp: a Date, ISO-8601 with a zone, integer epoch ms (ICETYPE.md §4). */
const createdAtV = fc.constantFrom(
  ok(new Date(T_2024), new Date(T_2024)),
  ok('2024-01-15T10:30:00+01:00', new Date(T_2024)),
  ok('2024-01-15T09:30:00.123Z', new Date(T_2024 + 123)),
  ok(1_700_000_000_000, new Date(1_700_000_000_000)),
  ok(0, new Date(0)),
  ok(-86_400_000, new Date(-86_400_000)),
  ok(null),
);
/** decimal(10,2): exact, padded to 2 fraction digits, never rounded; no leading zeros, no -0. */
const scoreV = fc.constantFrom(
  ok('99.5', '99.50'),
  ok('100', '100.00'),
  ok(0.1, '0.10'),
  ok(-12.3, '-12.30'),
  ok('-0', '0.00'),
  ok('12345678.99', '12345678.99'),
  ok('-99999999.99', '-99999999.99'),
  ok(5, '5.00'),
  ok(10n, '10.00'),
  ok('-100.01', '-100.01'),
  ok('0010.5', '10.50'),
  ok('9.9', '9.90'),
  ok(null),
);
const tagsV = fc.oneof(
  { weight: 5, arbitrary: fc.array(fc.constantFrom(...TAGS), { maxLength: 3 }).map((t) => ok(t, [...t])) },
  { weight: 1, arbitrary: fc.constant(ok(null)) },
);

/** Valid values per field. */
export const VALID: Record<FieldName, fc.Arbitrary<V>> = {
  tenantId: tenantV,
  email: emailV,
  name: nameV,
  age: ageV,
  status: statusV,
  createdAt: createdAtV,
  score: scoreV,
  tags: tagsV,
};

// ---- defects ------------------------------------------------------------------

/** One thing wrong with a document: a bad field value, an extra key, or (create only) a missing required field. */
export type Defect =
  | { readonly kind: 'value'; readonly field: FieldName; readonly v: V }
  | { readonly kind: 'extra'; readonly key: string; readonly v: V }
  | { readonly kind: 'remove'; readonly field: 'tenantId' | 'name' };

const valueDefects: [FieldName, V][] = [
  ['tenantId', bad(null, 'NULL_NOT_ALLOWED')],
  ['tenantId', bad(7, 'TYPE_MISMATCH')],
  ['name', bad(null, 'NULL_NOT_ALLOWED')],
  ['name', bad('x\uD800', 'INVALID_STRING')],
  ['email', bad(['a@x'], 'TYPE_MISMATCH')],
  ['age', bad('thirty', 'TYPE_MISMATCH')],
  ['age', bad(2 ** 31, 'INT_RANGE')],
  ['age', bad(INT_MIN - 1, 'INT_RANGE')],
  ['age', bad(1.5, 'TYPE_MISMATCH')],
  ['age', bad(Number.NaN, 'NOT_FINITE')],
  ['age', bad(Number.POSITIVE_INFINITY, 'NOT_FINITE')],
  ['age', bad(3n, 'TYPE_MISMATCH')],
  ['status', bad('deleted', 'ENUM_VALUE')],
  ['status', bad(1, 'TYPE_MISMATCH')],
  ['createdAt', bad('2023-07-04T08:15:00', 'INVALID_TIMESTAMP')],
  ['createdAt', bad('yesterday', 'INVALID_TIMESTAMP')],
  ['createdAt', bad(1.5, 'INVALID_TIMESTAMP')],
  ['createdAt', bad(new Date(Number.NaN), 'INVALID_TIMESTAMP')],
  ['createdAt', bad(true, 'TYPE_MISMATCH')],
  ['score', bad('1.234', 'DECIMAL_PRECISION')],
  ['score', bad('123456789', 'DECIMAL_PRECISION')],
  ['score', bad(0.125, 'DECIMAL_PRECISION')],
  ['score', bad('1e3', 'INVALID_DECIMAL')],
  ['score', bad('abc', 'INVALID_DECIMAL')],
  ['score', bad(Number.NaN, 'NOT_FINITE')],
  ['score', bad(true, 'TYPE_MISMATCH')],
  ['tags', bad('a', 'TYPE_MISMATCH')],
  ['tags', bad(['a', null], 'NULL_NOT_ALLOWED')],
  ['tags', bad([1], 'TYPE_MISMATCH')],
];
const extraDefects: [string, V][] = [
  ['nickname', bad('secret-value', 'UNKNOWN_FIELD')],
  ['$version', bad(3, 'SYSTEM_FIELD')],
  ['$type', bad('User', 'SYSTEM_FIELD')],
  ['$createdAt', bad(new Date(0), 'SYSTEM_FIELD')],
  ['$foo', bad(1, 'UNKNOWN_FIELD')],
  // A backward relation stores nothing: no value may be given.
  ['posts', bad([], 'NOT_SETTABLE')],
];

export const defectArb: fc.Arbitrary<Defect> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...valueDefects).map(([field, v]): Defect => ({ kind: 'value', field, v })) },
  { weight: 3, arbitrary: fc.constantFrom(...extraDefects).map(([key, v]): Defect => ({ kind: 'extra', key, v })) },
  { weight: 1, arbitrary: fc.constantFrom('tenantId' as const, 'name' as const).map((field): Defect => ({ kind: 'remove', field })) },
);

// ---- documents ------------------------------------------------------------------

/** The `$id` of an input: none (generated), a small pool, an existing document's, or an invalid one. */
export type IdRef =
  | { readonly k: 'pool'; readonly i: number }
  | { readonly k: 'existing'; readonly n: number }
  | { readonly k: 'missing'; readonly i: number }
  | { readonly k: 'bad'; readonly id: string };

export const POOL_SIZE = 6;

export const targetRef: fc.Arbitrary<IdRef> = fc.oneof(
  { weight: 12, arbitrary: fc.nat().map((n): IdRef => ({ k: 'existing', n })) },
  { weight: 3, arbitrary: fc.nat({ max: POOL_SIZE - 1 }).map((i): IdRef => ({ k: 'pool', i })) },
  { weight: 1, arbitrary: fc.nat({ max: 3 }).map((i): IdRef => ({ k: 'missing', i })) },
);

const badIdRef: fc.Arbitrary<IdRef> = fc.constantFrom('', 'a\u0001b', 'x'.repeat(513)).map((id): IdRef => ({ k: 'bad', id }));

export const createIdRef: fc.Arbitrary<IdRef | undefined> = fc.oneof(
  { weight: 5, arbitrary: fc.constant(undefined) },
  { weight: 4, arbitrary: fc.nat({ max: POOL_SIZE - 1 }).map((i): IdRef => ({ k: 'pool', i })) },
  { weight: 1, arbitrary: fc.nat().map((n): IdRef => ({ k: 'existing', n })) },
  { weight: 1, arbitrary: badIdRef },
);

/** A generated input document (before its `$id` and unique copy are resolved against the model). */
export interface DocSpec {
  readonly id?: IdRef | undefined;
  readonly fields: Partial<Record<FieldName, V>>;
  /** Copy `(tenantId, email)` of the n-th existing document that has an email: a unique collision. */
  readonly copyUnique?: number | undefined;
  readonly defect?: Defect | undefined;
}

/** `arb` one time in `1 + absentWeight`, else undefined. */
export function sometimes<T>(arb: fc.Arbitrary<T>, absentWeight: number): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: absentWeight, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
}

const optional = (arb: fc.Arbitrary<V>) => fc.option(arb, { nil: undefined, freq: 3 });

/** All fields of a create (required ones present, others sometimes absent). */
const fullFields = fc.record({
  tenantId: tenantV,
  email: optional(emailV),
  name: nameV,
  age: optional(ageV),
  status: optional(statusV),
  createdAt: fc.option(createdAtV, { nil: undefined, freq: 2 }),
  score: optional(scoreV),
  tags: optional(tagsV),
});

/** Any subset of fields (patches, partial upserts). */
export const partialFields = fc.record(
  {
    tenantId: tenantV,
    email: emailV,
    name: nameV,
    age: ageV,
    status: statusV,
    createdAt: createdAtV,
    score: scoreV,
    tags: tagsV,
  },
  { requiredKeys: [] },
);

function clean(fields: Partial<Record<FieldName, V | undefined>>): Partial<Record<FieldName, V>> {
  const out: Partial<Record<FieldName, V>> = {};
  for (const f of FIELDS) if (fields[f] !== undefined) out[f] = fields[f];
  return out;
}

const maybeDefect = sometimes(defectArb, 6);
const maybeCopy = sometimes(fc.nat(), 4);

export const createSpec: fc.Arbitrary<DocSpec> = fc
  .record({ id: createIdRef, fields: fullFields, copyUnique: maybeCopy, defect: maybeDefect })
  .map((s) => ({ ...s, fields: clean(s.fields) }));

/** A document of a createMany batch that is valid and new unless `$id` or `(tenantId, email)` repeat by chance. */
export const cleanCreateSpec: fc.Arbitrary<DocSpec> = fc
  .record({
    id: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.nat({ max: POOL_SIZE - 1 }).map((i): IdRef => ({ k: 'pool', i })) }),
    fields: fullFields,
  })
  .map((s) => ({ id: s.id, fields: clean(s.fields) }));

/** A document that is likely wrong: a defect, a taken `(tenantId, email)` or a taken `$id`. */
export const suspectCreateSpec: fc.Arbitrary<DocSpec> = fc
  .record({ id: createIdRef, fields: fullFields, copyUnique: sometimes(fc.nat(), 1), defect: sometimes(defectArb, 1) })
  .map((s) => ({ ...s, fields: clean(s.fields) }));

export const upsertSpec: fc.Arbitrary<DocSpec> = fc
  .record({
    id: fc.oneof({ weight: 1, arbitrary: fc.constant(undefined) }, { weight: 4, arbitrary: targetRef }, { weight: 1, arbitrary: createIdRef }),
    fields: fc.oneof(fullFields, partialFields),
    copyUnique: maybeCopy,
    defect: maybeDefect,
  })
  .map((s) => ({ ...s, fields: clean(s.fields) }));

export const patchSpec: fc.Arbitrary<DocSpec> = fc
  .record({ fields: partialFields, copyUnique: maybeCopy, defect: maybeDefect })
  .map((s) => ({ fields: clean(s.fields), copyUnique: s.copyUnique, defect: s.defect }));

// ---- the model's validation ---------------------------------------------------------

/** What validation must give: the canonical stored values, or the first issue's code. */
export type Validation =
  | { readonly ok: true; readonly values: Record<string, unknown>; readonly id: string | undefined }
  | {
      readonly ok: false;
      readonly code: string;
      /** The field the first issue names (`path[0]`). */
      readonly field: string;
      /** The `$id` the error must name: the given or target id; undefined when it is invalid or generated. */
      readonly id: string | undefined;
      /** The raw value at fault, which the message must not repeat. */
      readonly raw: unknown;
    };

/** Marks a `now()` default: filled with the write's clock. */
export const NOW = Symbol('now()');

const ID_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

function idValid(id: unknown): boolean {
  return typeof id === 'string' && id.length > 0 && [...id].length <= 512 && !ID_CONTROL.test(id);
}

/**
 * A materialised input: the raw object given to the store and, per key, what
 * the model knows about its value.
 */
export interface Input {
  readonly raw: Record<string, unknown>;
  readonly specs: ReadonlyMap<string, V>;
}

/**
 * Validation as issue 3 §2 / ICETYPE.md §1 describe it, issue order as
 * documented on `DocumentError` (the `$id`, then fields in declaration
 * order, then unknown keys): create applies defaults (`status = "active"`,
 * `createdAt = now()`), requires `tenantId` and `name`, sets absent optional
 * fields to null; patch checks only the given keys and may not change `$id`.
 */
export function validateInput(input: Input, mode: 'create' | 'patch', targetId?: string): Validation {
  const issues: [code: string, field: string, raw: unknown][] = [];
  let id: string | undefined;
  const givenId = input.raw.$id;
  if (mode === 'create') {
    if (givenId !== undefined) {
      if (idValid(givenId)) id = givenId as string;
      else issues.push(['INVALID_ID', '$id', givenId]);
    }
  } else if (givenId !== undefined && givenId !== targetId) {
    issues.push(['SYSTEM_FIELD', '$id', givenId]);
  }
  const values: Record<string, unknown> = {};
  for (const field of [...FIELDS, 'posts']) {
    const spec = input.specs.get(field);
    if (field === 'posts') {
      if (spec !== undefined) issues.push([spec.code ?? 'NOT_SETTABLE', field, spec.raw]);
      continue;
    }
    if (spec !== undefined) {
      if (spec.code !== undefined) issues.push([spec.code, field, spec.raw]);
      else values[field] = spec.norm;
      continue;
    }
    if (mode === 'patch') continue;
    if (field === 'status') values[field] = 'active';
    else if (field === 'createdAt') values[field] = NOW;
    else if (field === 'tenantId' || field === 'name') issues.push(['REQUIRED_FIELD', field, undefined]);
    else values[field] = null;
  }
  for (const key of Object.keys(input.raw)) {
    if (key === '$id' || (FIELDS as readonly string[]).includes(key) || key === 'posts') continue;
    issues.push([input.specs.get(key)?.code ?? 'UNKNOWN_FIELD', key, input.raw[key]]);
  }
  const first = issues[0];
  if (first === undefined) return { ok: true, values, id };
  return { ok: false, code: first[0], field: first[1], raw: first[2], id: mode === 'patch' ? targetId : id };
}

// ---- printing ---------------------------------------------------------------------

/** Readable, bigint- and Date-safe text of a value, for command names. */
export function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'new Date(NaN)' : `new Date(${JSON.stringify(value.toISOString())})`;
  if (Array.isArray(value)) return `[${value.map(show).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${show(v)}`)
      .join(', ')} }`;
  }
  return String(value);
}
