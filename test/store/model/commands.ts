/**
 * The commands of the model-based test: each runs one `db.store` call on the
 * real database and the same operation on the model, compares the result
 * (or the error), updates the model and checks the whole state and the
 * change log (`settle`).
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { DocumentError, FilterError, StoreError } from '../../../src/index.js';
import { badCode, badFilter, comparator, filterArb, matches, resolveNode, toFilter, toOrderBy, orderArb, type FNode, type OrderSpec } from './filters.js';
import {
  changedFields,
  cloneDoc,
  conflicts,
  expectError,
  expectGeneratedId,
  expectOk,
  expectWriteTime,
  note,
  resolveId,
  settle,
  sortedDocs,
  timed,
  type Attempt,
  type ExpectedEntry,
  type Model,
  type Real,
} from './model.js';
import {
  cleanCreateSpec,
  createSpec,
  FIELDS,
  NOW,
  patchSpec,
  show,
  sometimes,
  suspectCreateSpec,
  targetRef,
  upsertSpec,
  validateInput,
  type DocSpec,
  type IdRef,
  type Input,
  type ModelDoc,
  type V,
  type Validation,
} from './values.js';

type Cmd = fc.Command<Model, Real>;

// ---- inputs ----------------------------------------------------------------------------

function showRef(ref: IdRef | undefined): string {
  if (ref === undefined) return 'new';
  switch (ref.k) {
    case 'pool':
      return `u${ref.i}`;
    case 'missing':
      return `missing-${ref.i}`;
    case 'existing':
      return `existing#${ref.n}`;
    case 'bad':
      return `bad(${show(ref.id.length > 20 ? `${ref.id.slice(0, 8)}…(${ref.id.length})` : ref.id)})`;
  }
}

function showSpec(spec: DocSpec): string {
  const fields = Object.fromEntries(Object.entries(spec.fields).map(([k, v]) => [k, (v as V).raw]));
  const parts = [show(fields)];
  if (spec.copyUnique !== undefined) parts.push(`copyUnique#${spec.copyUnique}`);
  if (spec.defect !== undefined) {
    const d = spec.defect;
    parts.push(d.kind === 'remove' ? `without ${d.field}` : `${d.kind === 'value' ? d.field : d.key}=${show(d.v.raw)}`);
  }
  return parts.join(' ');
}

/** Builds the raw input object of a spec against the current model. */
function materialize(spec: DocSpec, m: Model, id: string | undefined): Input {
  const specs = new Map<string, V>();
  for (const f of FIELDS) {
    const v = spec.fields[f];
    if (v !== undefined) specs.set(f, v);
  }
  if (spec.copyUnique !== undefined) {
    const withEmail = sortedDocs(m).filter((d) => d.email !== null);
    const source = withEmail.length === 0 ? undefined : withEmail[spec.copyUnique % withEmail.length];
    if (source !== undefined) {
      specs.set('tenantId', { raw: source.tenantId, norm: source.tenantId });
      specs.set('email', { raw: source.email, norm: source.email });
    }
  }
  const d = spec.defect;
  if (d?.kind === 'value') specs.set(d.field, d.v);
  if (d?.kind === 'remove') specs.delete(d.field);
  if (d?.kind === 'extra') specs.set(d.key, d.v);
  const raw: Record<string, unknown> = {};
  if (id !== undefined) raw.$id = id;
  for (const [key, v] of specs) raw[key] = v.raw;
  return { raw, specs };
}

/** The stored document a successful create must give. */
function created(values: Record<string, unknown>, id: string, at: Date): ModelDoc {
  const doc: Record<string, unknown> = { $id: id, $type: 'User', $version: 1, $createdAt: new Date(at.getTime()), $updatedAt: new Date(at.getTime()) };
  for (const f of FIELDS) {
    const v = values[f];
    doc[f] = v === NOW ? new Date(at.getTime()) : v instanceof Date ? new Date(v.getTime()) : Array.isArray(v) ? [...(v as unknown[])] : v;
  }
  return doc as ModelDoc;
}

/** The stored document a successful update must give. */
function updated(old: ModelDoc, values: Record<string, unknown>, at: Date): ModelDoc {
  const doc = cloneDoc(old) as Record<string, unknown>;
  for (const [f, v] of Object.entries(values)) doc[f] = v instanceof Date ? new Date(v.getTime()) : Array.isArray(v) ? [...(v as unknown[])] : v;
  doc.$version = old.$version + 1;
  doc.$updatedAt = new Date(at.getTime());
  return doc as ModelDoc;
}

/** A unique violation names the fields, never their values (issue 3 §2). */
function checkUniqueDetails(error: Error & { code: string; details?: Record<string, unknown> }, values: Record<string, unknown>): void {
  expect(error.details?.collection).toBe('User');
  if (error.code !== 'UNIQUE_VIOLATION') return;
  expect(error.details?.fields).toEqual(['tenantId', 'email']);
  expect(error.message, 'a unique violation does not echo the email').not.toContain(String(values.email));
}

/** A validation failure: the first issue's code, collection, field path and `$id`, and no document contents in the message. */
function expectInvalid(res: Attempt<unknown>, v: Extract<Validation, { ok: false }>): void {
  const error = expectError(res, DocumentError, [v.code]) as DocumentError;
  const issue = error.issues[0]!;
  expect({ code: issue.code, collection: issue.collection, field: issue.path[0] }, 'the first issue').toEqual({ code: v.code, collection: 'User', field: v.field });
  if (v.id !== undefined) expect(error.id, "the error names the document's $id").toBe(v.id);
  if (typeof v.raw === 'string' && v.raw.length >= 5 && v.raw !== 'User') expect(error.message, 'the message does not echo the value').not.toContain(v.raw);
}

/**
 * The create half shared by `create` and `upsert`: validation, unique
 * checks, the stored document. Returns the entries written.
 */
function modelCreate(m: Model, input: Input, res: Attempt<Record<string, unknown>>, t0: number, t1: number): ExpectedEntry[] {
  const v = validateInput(input, 'create');
  if (!v.ok) {
    expectInvalid(res, v);
    return [];
  }
  const codes = conflicts(m.docs.values(), v.id, v.values);
  if (codes.length > 0) {
    checkUniqueDetails(expectError(res, StoreError, codes), v.values);
    return [];
  }
  const doc = expectOk(res);
  const id = v.id ?? expectGeneratedId(doc.$id, m);
  expectWriteTime(doc.$createdAt, t0, t1, '$createdAt');
  const expected = created(v.values, id, doc.$createdAt as Date);
  expect(doc, 'the created document').toStrictEqual(expected);
  m.docs.set(id, expected);
  return [{ op: 'insert', id, after: cloneDoc(expected), before: null, changed: null }];
}

/** The update half shared by `update` and `upsert`. */
function modelUpdate(m: Model, id: string, input: Input, ifVersion: number | undefined, res: Attempt<Record<string, unknown>>, t0: number, t1: number): ExpectedEntry[] {
  const v = validateInput(input, 'patch', id);
  if (!v.ok) {
    expectInvalid(res, v);
    return [];
  }
  const old = m.docs.get(id);
  if (old === undefined) {
    expectError(res, StoreError, ['NOT_FOUND']);
    return [];
  }
  const merged = { ...old, ...v.values };
  const codes = conflicts(m.docs.values(), undefined, merged, id);
  if (ifVersion !== undefined && ifVersion !== old.$version) codes.unshift('VERSION_CONFLICT');
  if (codes.length > 0) {
    const error = expectError(res, StoreError, codes);
    checkUniqueDetails(error, merged);
    if (error.code === 'VERSION_CONFLICT') expect(error.details).toMatchObject({ id, expectedVersion: ifVersion, actualVersion: old.$version });
    return [];
  }
  const doc = expectOk(res);
  expectWriteTime(doc.$updatedAt, t0, t1, '$updatedAt');
  const expected = updated(old, v.values, doc.$updatedAt as Date);
  expect(doc, 'the updated document').toStrictEqual(expected);
  m.docs.set(id, expected);
  return [{ op: 'update', id, after: cloneDoc(expected), before: cloneDoc(old), changed: changedFields(old, expected) }];
}

// ---- write commands -------------------------------------------------------------------------

class CreateCmd implements Cmd {
  constructor(readonly spec: DocSpec) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const id = this.spec.id === undefined ? undefined : resolveId(this.spec.id, m);
    const input = materialize(this.spec, m, id);
    const { res, t0, t1 } = timed(() => r.store.create('User', input.raw));
    const entries = modelCreate(m, input, res, t0, t1);
    settle(m, r, { name: this.toString(), entries, unordered: false, t0, t1 });
  }
  toString = () => `create(${showRef(this.spec.id)}, ${showSpec(this.spec)})`;
}

class CreateManyCmd implements Cmd {
  constructor(readonly specs: readonly DocSpec[]) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const inputs = this.specs.map((s) => materialize(s, m, s.id === undefined ? undefined : resolveId(s.id, m)));
    const { res, t0, t1 } = timed(() => r.store.createMany('User', inputs.map((i) => i.raw)));
    const entries: ExpectedEntry[] = [];
    const validations = inputs.map((i) => validateInput(i, 'create'));
    const invalid = validations.find((v) => !v.ok);
    if (invalid !== undefined && !invalid.ok) {
      expectInvalid(res, invalid);
    } else {
      // Rows are inserted in order: the first row that collides with the stored documents or an earlier row fails the batch.
      const batch: ModelDoc[] = [];
      let failed = false;
      for (const v of validations) {
        if (!v.ok) throw new Error('unreachable');
        const codes = conflicts([...m.docs.values(), ...batch], v.id, v.values);
        if (codes.length > 0) {
          checkUniqueDetails(expectError(res, StoreError, codes), v.values);
          failed = true;
          break;
        }
        batch.push(created(v.values, v.id ?? `(generated ${batch.length})`, new Date(0)));
      }
      if (!failed) {
        const docs = expectOk(res);
        expect(docs).toHaveLength(inputs.length);
        const at = docs[0]?.$createdAt as Date | undefined;
        if (at !== undefined) expectWriteTime(at, t0, t1, '$createdAt');
        docs.forEach((doc, i) => {
          const v = validations[i]!;
          if (!v.ok) throw new Error('unreachable');
          const id = v.id ?? expectGeneratedId(doc.$id, m);
          const expected = created(v.values, id, at!);
          expect(doc, `created document ${i} (one clock per createMany)`).toStrictEqual(expected);
          m.docs.set(id, expected);
          entries.push({ op: 'insert', id, after: cloneDoc(expected), before: null, changed: null });
        });
      }
    }
    settle(m, r, { name: this.toString(), entries, unordered: false, t0, t1 });
  }
  toString = () => `createMany([${this.specs.map((s) => `${showRef(s.id)}: ${showSpec(s)}`).join('; ')}])`;
}

type VersionChoice = 'right' | 'wrong' | 'zero' | 'fraction' | undefined;

function versionOf(choice: VersionChoice, old: ModelDoc | undefined, salt: number): number | undefined {
  const current = old?.$version ?? 1;
  switch (choice) {
    case undefined:
      return undefined;
    case 'right':
      return current;
    case 'wrong':
      return salt % 2 === 1 && current > 1 ? current - 1 : current + 1 + (salt % 3);
    case 'zero':
      return 0;
    case 'fraction':
      return 1.5;
  }
}

const versionArb: fc.Arbitrary<VersionChoice> = fc.oneof(
  { weight: 8, arbitrary: fc.constant(undefined) },
  { weight: 6, arbitrary: fc.constant('right' as const) },
  { weight: 4, arbitrary: fc.constant('wrong' as const) },
  { weight: 1, arbitrary: fc.constantFrom('zero' as const, 'fraction' as const) },
);

class UpdateCmd implements Cmd {
  constructor(
    readonly target: IdRef,
    readonly patch: DocSpec,
    readonly idInPatch: 'same' | 'other' | undefined,
    readonly version: VersionChoice,
    readonly salt: number,
  ) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const id = resolveId(this.target, m);
    const old = m.docs.get(id);
    const ifVersion = versionOf(this.version, old, this.salt);
    const input = materialize(this.patch, m, this.idInPatch === undefined ? undefined : this.idInPatch === 'same' ? id : `${id}-other`);
    const { res, t0, t1 } = timed(() => r.store.update('User', id, input.raw, ifVersion === undefined ? undefined : { ifVersion }));
    let entries: ExpectedEntry[] = [];
    if (ifVersion !== undefined && (!Number.isSafeInteger(ifVersion) || ifVersion < 1)) expectError(res, StoreError, ['INVALID_OPTION']);
    else entries = modelUpdate(m, id, input, ifVersion, res, t0, t1);
    settle(m, r, { name: this.toString(), entries, unordered: false, t0, t1 });
  }
  toString = () =>
    `update(${showRef(this.target)}, ${showSpec(this.patch)}${this.idInPatch === undefined ? '' : ` $id=${this.idInPatch}`}${this.version === undefined ? '' : `, ifVersion=${this.version}/${this.salt}`})`;
}

class UpsertCmd implements Cmd {
  constructor(readonly spec: DocSpec) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const id = this.spec.id === undefined ? undefined : resolveId(this.spec.id, m);
    const input = materialize(this.spec, m, id);
    const { res, t0, t1 } = timed(() => r.store.upsert('User', input.raw));
    let entries: ExpectedEntry[];
    if (id !== undefined && m.docs.has(id)) {
      // Merge semantics: the given fields change, the others stay (like update).
      const patch = new Map(input.specs);
      const { $id: _ignored, ...raw } = input.raw;
      entries = modelUpdate(m, id, { raw, specs: patch }, undefined, res, t0, t1);
      if (entries.length > 0) note('upsert:merged into an existing document');
    } else {
      entries = modelCreate(m, input, res, t0, t1);
    }
    settle(m, r, { name: this.toString(), entries, unordered: false, t0, t1 });
  }
  toString = () => `upsert(${showRef(this.spec.id)}, ${showSpec(this.spec)})`;
}

class DeleteCmd implements Cmd {
  constructor(
    readonly target: IdRef,
    readonly version: VersionChoice,
    readonly salt: number,
  ) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const id = resolveId(this.target, m);
    const old = m.docs.get(id);
    const ifVersion = versionOf(this.version, old, this.salt);
    const { res, t0, t1 } = timed(() => r.store.delete('User', id, ifVersion === undefined ? undefined : { ifVersion }));
    const entries: ExpectedEntry[] = [];
    if (ifVersion !== undefined && (!Number.isSafeInteger(ifVersion) || ifVersion < 1)) {
      expectError(res, StoreError, ['INVALID_OPTION']);
    } else if (old === undefined) {
      expect(expectOk(res), 'delete of a missing id').toBe(false);
    } else if (ifVersion !== undefined && ifVersion !== old.$version) {
      const error = expectError(res, StoreError, ['VERSION_CONFLICT']);
      expect(error.details).toMatchObject({ id, expectedVersion: ifVersion, actualVersion: old.$version });
    } else {
      expect(expectOk(res), 'delete of an existing id').toBe(true);
      m.docs.delete(id);
      entries.push({ op: 'delete', id, after: null, before: cloneDoc(old), changed: null });
    }
    settle(m, r, { name: this.toString(), entries, unordered: false, t0, t1 });
  }
  toString = () => `delete(${showRef(this.target)}${this.version === undefined ? '' : `, ifVersion=${this.version}/${this.salt}`})`;
}

class DeleteManyCmd implements Cmd {
  constructor(readonly where: FNode | undefined) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const node = this.where === undefined ? undefined : resolveNode(this.where, { docs: sortedDocs(m) });
    const { res, t0, t1 } = timed(() => r.store.deleteMany('User', node === undefined ? {} : toFilter(node)));
    const entries: ExpectedEntry[] = [];
    const bad = node === undefined ? undefined : badCode(node);
    if (bad !== undefined) {
      expectError(res, FilterError, [bad]);
    } else {
      const doomed = sortedDocs(m).filter((d) => node === undefined || matches(node, d));
      expect(expectOk(res), 'deleteMany count').toBe(doomed.length);
      for (const doc of doomed) {
        m.docs.delete(doc.$id);
        entries.push({ op: 'delete', id: doc.$id, after: null, before: cloneDoc(doc), changed: null });
      }
    }
    settle(m, r, { name: this.toString(), entries, unordered: true, t0, t1 });
  }
  toString = () => `deleteMany(${this.where === undefined ? '{}' : show(this.where)})`;
}

// ---- read commands ----------------------------------------------------------------------------

function settleRead(m: Model, r: Real, name: string, t0: number, t1: number): void {
  settle(m, r, { name, entries: [], unordered: false, t0, t1 });
}

class GetCmd implements Cmd {
  constructor(readonly target: IdRef) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const id = resolveId(this.target, m);
    const { res, t0, t1 } = timed(() => r.store.get('User', id));
    if (this.target.k === 'bad') expectError(res, DocumentError, ['INVALID_ID']);
    else expect(expectOk(res), `get(${id})`).toStrictEqual(m.docs.get(id) ?? null);
    settleRead(m, r, this.toString(), t0, t1);
  }
  toString = () => `get(${showRef(this.target)})`;
}

class GetManyCmd implements Cmd {
  constructor(readonly targets: readonly IdRef[]) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const ids = this.targets.map((t) => resolveId(t, m));
    const { res, t0, t1 } = timed(() => r.store.getMany('User', ids));
    expect(expectOk(res), `getMany(${ids.join(', ')})`).toStrictEqual(ids.map((id) => m.docs.get(id) ?? null));
    settleRead(m, r, this.toString(), t0, t1);
  }
  toString = () => `getMany(${this.targets.map(showRef).join(', ')})`;
}

const SELECTABLE = [...FIELDS, '$version', '$updatedAt', '$id'] as const;

function project(doc: ModelDoc, select: readonly string[] | undefined): Record<string, unknown> {
  if (select === undefined) return doc;
  const out: Record<string, unknown> = { $id: doc.$id };
  for (const f of select) out[f] = doc[f];
  return out;
}

/** A query that must fail: which part is wrong. */
type QueryFault = 'filter' | 'order' | 'limit' | 'offset' | 'cursor' | undefined;

interface QuerySpec {
  readonly where: FNode | undefined;
  readonly orderBy: OrderSpec | undefined;
  readonly limit: number | undefined;
  readonly offset: number | undefined;
  readonly select: readonly string[] | undefined;
  readonly fault: QueryFault;
}

class QueryCmd implements Cmd {
  constructor(readonly spec: QuerySpec) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const s = this.spec;
    const docs = sortedDocs(m);
    const node = s.where === undefined ? undefined : resolveNode(s.where, { docs });
    const options: Record<string, unknown> = {};
    if (node !== undefined) options.where = toFilter(node);
    if (s.orderBy !== undefined) options.orderBy = toOrderBy(s.orderBy);
    if (s.limit !== undefined) options.limit = s.limit;
    if (s.offset !== undefined) options.offset = s.offset;
    if (s.select !== undefined) options.select = s.select;
    if (s.fault === 'order') options.orderBy = { tags: 'asc' };
    if (s.fault === 'limit') options.limit = -1;
    if (s.fault === 'offset') options.offset = 1.5;
    if (s.fault === 'cursor') options.after = 'not a cursor';
    const { res, t0, t1 } = timed(() => r.store.query('User', options));
    const bad = node === undefined ? undefined : badCode(node);
    if (s.fault === 'limit' || s.fault === 'offset') expectError(res, StoreError, ['INVALID_OPTION']);
    else if (s.fault === 'order') expectError(res, FilterError, ['INVALID_ORDER']);
    else if (bad !== undefined) expectError(res, FilterError, [bad]);
    else if (s.fault === 'cursor') expectError(res, FilterError, ['INVALID_CURSOR']);
    else {
      const all = docs.filter((d) => node === undefined || matches(node, d)).sort(comparator(s.orderBy));
      const offset = s.offset ?? 0;
      const page = all.slice(offset, s.limit === undefined ? undefined : offset + s.limit);
      const { documents, nextCursor } = expectOk(res);
      expect(documents, 'query documents').toStrictEqual(page.map((d) => project(d, s.select)));
      const full = s.limit !== undefined && page.length === s.limit && page.length > 0;
      expect(nextCursor === null ? 'no cursor' : 'a cursor', 'nextCursor').toBe(full ? 'a cursor' : 'no cursor');
    }
    settleRead(m, r, this.toString(), t0, t1);
  }
  toString = () => {
    const s = this.spec;
    return `query(${show({ where: s.where, orderBy: s.orderBy === undefined ? undefined : toOrderBy(s.orderBy), limit: s.limit, offset: s.offset, select: s.select, fault: s.fault })})`;
  };
}

/**
 * Reads a whole result page by page through `nextCursor`; the pages must tile
 * the model's result. With an offset, every page skips that many documents
 * after the cursor ("the offset applies after the cursor").
 */
class PaginateCmd implements Cmd {
  constructor(
    readonly where: FNode | undefined,
    readonly orderBy: OrderSpec | undefined,
    readonly pageSize: number,
    readonly select: readonly string[] | undefined,
    readonly offset: number | undefined,
  ) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const docs = sortedDocs(m);
    const node = this.where === undefined ? undefined : resolveNode(this.where, { docs });
    const all = docs.filter((d) => node === undefined || matches(node, d)).sort(comparator(this.orderBy));
    const base: Record<string, unknown> = { limit: this.pageSize };
    if (this.offset !== undefined) base.offset = this.offset;
    const skip = this.offset ?? 0;
    if (node !== undefined) base.where = toFilter(node);
    if (this.orderBy !== undefined) base.orderBy = toOrderBy(this.orderBy);
    if (this.select !== undefined) base.select = this.select;
    const t0 = Date.now();
    let after: string | undefined;
    let firstCursor: string | undefined;
    let position = 0; // index in `all` just after the cursor's document
    for (let page = 0; ; page++) {
      if (page > all.length / this.pageSize + 1) throw new Error(`pagination did not end after ${page} pages of ${this.pageSize} (${all.length} documents)`);
      const result = r.store.query('User', after === undefined ? base : { ...base, after });
      const expected = all.slice(position + skip, position + skip + this.pageSize);
      expect(result.documents, `page ${page} of ${this.pageSize}`).toStrictEqual(expected.map((d) => project(d, this.select)));
      const full = expected.length === this.pageSize;
      expect(result.nextCursor === null ? 'no cursor' : 'a cursor', `page ${page}: nextCursor`).toBe(full ? 'a cursor' : 'no cursor');
      if (result.nextCursor === null) {
        if (page >= 2) note('paginate:3 pages or more');
        break;
      }
      firstCursor ??= result.nextCursor;
      after = result.nextCursor;
      position += skip + this.pageSize;
    }
    if (firstCursor !== undefined) {
      // A cursor is bound to its ordering: another ordering rejects it.
      const other = this.orderBy === undefined ? { age: 'asc' } : toOrderBy({ ...this.orderBy, keys: this.orderBy.keys.map(([f, d]) => [f, d === 'asc' ? 'desc' : 'asc'] as const) });
      const { res } = timed(() => r.store.query('User', { ...base, orderBy: other, after: firstCursor }));
      expectError(res, FilterError, ['INVALID_CURSOR']);
    }
    settleRead(m, r, this.toString(), t0, Date.now());
  }
  toString = () =>
    `paginate(${show({ where: this.where, orderBy: this.orderBy === undefined ? undefined : toOrderBy(this.orderBy), pageSize: this.pageSize, offset: this.offset, select: this.select })})`;
}

class CountCmd implements Cmd {
  constructor(readonly where: FNode | undefined) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const docs = sortedDocs(m);
    const node = this.where === undefined ? undefined : resolveNode(this.where, { docs });
    const { res, t0, t1 } = timed(() => r.store.count('User', node === undefined ? undefined : toFilter(node)));
    const bad = node === undefined ? undefined : badCode(node);
    if (bad !== undefined) expectError(res, FilterError, [bad]);
    else expect(expectOk(res), 'count').toBe(docs.filter((d) => node === undefined || matches(node, d)).length);
    settleRead(m, r, this.toString(), t0, t1);
  }
  toString = () => `count(${this.where === undefined ? '' : show(this.where)})`;
}

// ---- arbitraries ---------------------------------------------------------------------------------

function containsBad(node: FNode): boolean {
  switch (node.t) {
    case 'bad':
      return true;
    case 'field':
      return false;
    case 'obj':
      return node.leaves.some(containsBad);
    case 'and':
    case 'or':
      return node.children.some(containsBad);
    case 'not':
      return containsBad(node.child);
  }
}

const maybeFilter = fc.option(filterArb, { nil: undefined, freq: 5 });
/** A filter that is sometimes invalid, at the top or inside `$or`. */
const filterOrBad = fc.oneof(
  { weight: 10, arbitrary: maybeFilter },
  { weight: 1, arbitrary: badFilter },
  { weight: 1, arbitrary: fc.tuple(filterArb, badFilter).map(([good, bad]): FNode => ({ t: 'or', children: [good, bad] })) },
);
const selectArb = sometimes(fc.uniqueArray(fc.constantFrom(...SELECTABLE), { maxLength: 3 }), 3);

const createArb = createSpec.map((s): Cmd => new CreateCmd(s));
/** Batches of up to 10 (two INSERT chunks of 7 rows), sometimes with one suspect document somewhere in the middle. */
const createManyArb = fc
  .record({ docs: fc.array(cleanCreateSpec, { maxLength: 9 }), suspect: sometimes(fc.tuple(fc.nat(), suspectCreateSpec), 1) })
  .map(({ docs, suspect }): Cmd => {
    if (suspect === undefined) return new CreateManyCmd(docs);
    const at = suspect[0] % (docs.length + 1);
    return new CreateManyCmd([...docs.slice(0, at), suspect[1], ...docs.slice(at)]);
  });
const updateArb = fc
  .record({
    target: targetRef,
    patch: patchSpec,
    idInPatch: sometimes(fc.constantFrom('same' as const, 'other' as const), 7),
    version: versionArb,
    salt: fc.nat({ max: 5 }),
  })
  .map((u): Cmd => new UpdateCmd(u.target, u.patch, u.idInPatch, u.version, u.salt));
const upsertArb = upsertSpec.map((s): Cmd => new UpsertCmd(s));
const deleteArb = fc.record({ target: targetRef, version: versionArb, salt: fc.nat({ max: 5 }) }).map((d): Cmd => new DeleteCmd(d.target, d.version, d.salt));
const deleteManyArb = fc
  .oneof({ weight: 12, arbitrary: filterArb }, { weight: 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: badFilter })
  .map((w): Cmd => new DeleteManyCmd(w));
const getArb = fc
  .oneof({ weight: 8, arbitrary: targetRef }, { weight: 1, arbitrary: fc.constantFrom('', 'a\u0001').map((id): IdRef => ({ k: 'bad', id })) })
  .map((t): Cmd => new GetCmd(t));
const getManyArb = fc.array(targetRef, { maxLength: 5 }).map((t): Cmd => new GetManyCmd(t));
const queryArb = fc
  .record({
    where: filterOrBad,
    orderBy: orderArb,
    limit: fc.option(fc.nat({ max: 5 }), { nil: undefined, freq: 2 }),
    offset: sometimes(fc.nat({ max: 3 }), 2),
    select: selectArb,
    fault: fc.oneof(
      { weight: 12, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.constantFrom('order' as const, 'limit' as const, 'offset' as const, 'cursor' as const) },
    ),
  })
  // One fault per query: a faulty option goes with a valid filter.
  .map((q): Cmd => new QueryCmd(q.fault !== undefined && q.where !== undefined && containsBad(q.where) ? { ...q, where: undefined } : q));
const paginateArb = fc
  .record({ where: maybeFilter, orderBy: orderArb, pageSize: fc.integer({ min: 1, max: 4 }), select: selectArb, offset: sometimes(fc.nat({ max: 2 }), 3) })
  .map((p): Cmd => new PaginateCmd(p.where, p.orderBy, p.pageSize, p.select, p.offset));
const countArb = filterOrBad.map((w): Cmd => new CountCmd(w));

/** Every command, weighted by repetition (fc.commands picks among its arbitraries uniformly). */
export const commandArbs: fc.Arbitrary<Cmd>[] = [
  createArb,
  createArb,
  createArb,
  createManyArb,
  updateArb,
  updateArb,
  updateArb,
  upsertArb,
  upsertArb,
  deleteArb,
  deleteManyArb,
  getArb,
  getManyArb,
  queryArb,
  queryArb,
  paginateArb,
  countArb,
];
