/**
 * The reference model's state and the checks run after every command: the
 * documents the store must hold, the change-log entries it must have
 * written, and the comparison of both with the real database.
 */
import { expect } from 'vitest';
import type { ChangeEntry, ChangeLog, Filter } from '../../../src/index.js';
import { compareText } from './filters.js';
import { FIELDS, POOL_SIZE, type IdRef, type ModelDoc } from './values.js';

type Doc = Record<string, unknown>;

/** `db.store` seen without its collection-typed signatures (the model feeds it invalid input on purpose). */
export interface UntypedStore {
  create(collection: 'User', document: unknown): Doc;
  createMany(collection: 'User', documents: readonly unknown[]): Doc[];
  get(collection: 'User', id: string): Doc | null;
  getMany(collection: 'User', ids: readonly string[]): (Doc | null)[];
  update(collection: 'User', id: string, patch: unknown, options?: { ifVersion?: number }): Doc;
  upsert(collection: 'User', document: unknown): Doc;
  delete(collection: 'User', id: string, options?: { ifVersion?: number }): boolean;
  deleteMany(collection: 'User', where: Filter): number;
  query(
    collection: 'User',
    options?: { where?: Filter; orderBy?: unknown; limit?: number; offset?: number; select?: readonly string[]; after?: string },
  ): { documents: Doc[]; nextCursor: string | null };
  count(collection: 'User', where?: Filter): number;
}

export interface Real {
  readonly store: UntypedStore;
  readonly cdc: ChangeLog;
}

/** A change the log must hold. */
export interface ExpectedEntry {
  readonly op: 'insert' | 'update' | 'delete';
  readonly id: string;
  readonly after: ModelDoc | null;
  /** The document before the change (compared only when before images are captured). */
  readonly before: ModelDoc | null;
  readonly changed: readonly string[] | null;
}

/** The entries of one command. */
export interface ExpectedGroup {
  readonly command: number;
  readonly name: string;
  readonly entries: readonly ExpectedEntry[];
  /** deleteMany: SQLite deletes in no promised order, so entries are compared by id. */
  readonly unordered: boolean;
  readonly t0: number;
  readonly t1: number;
}

export interface Model {
  readonly docs: Map<string, ModelDoc>;
  readonly captureBefore: boolean;
  /** Every command's expected entries, in order (commands that changed nothing have none). */
  readonly log: ExpectedGroup[];
  /** txId → the command that wrote it. */
  readonly txIds: Map<string, number>;
  commands: number;
  lastSeq: number;
}

export function newModel(captureBefore: boolean): Model {
  return { docs: new Map(), captureBefore, log: [], txIds: new Map(), commands: 0, lastSeq: 0 };
}

/** The model's documents in `$id` order (the store's default order). */
export function sortedDocs(m: Model): ModelDoc[] {
  return [...m.docs.values()].sort((a, b) => compareText(a.$id, b.$id));
}

export function resolveId(ref: IdRef, m: Model): string {
  switch (ref.k) {
    case 'pool':
      return `u${ref.i}`;
    case 'missing':
      return `missing-${ref.i}`;
    case 'bad':
      return ref.id;
    case 'existing': {
      const ids = sortedDocs(m).map((d) => d.$id);
      return ids.length === 0 ? `u${ref.n % POOL_SIZE}` : ids[ref.n % ids.length]!;
    }
  }
}

export function cloneDoc(doc: ModelDoc): ModelDoc {
  const out: Doc = {};
  for (const [k, v] of Object.entries(doc)) out[k] = v instanceof Date ? new Date(v.getTime()) : Array.isArray(v) ? [...(v as unknown[])] : v;
  return out as ModelDoc;
}

/** Whether two stored values are the same column value (what the CDC trigger's `IS NOT` compares). */
export function sameStored(a: unknown, b: unknown): boolean {
  if (a === null || b === null) return a === b;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}

export function changedFields(before: ModelDoc, after: ModelDoc): string[] {
  return FIELDS.filter((f) => !sameStored(before[f], after[f]));
}

/** How often each outcome happened, over all runs: the test checks its generators reach them. */
export const outcomes = new Map<string, number>();

export function note(outcome: string): void {
  outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
}

// ---- outcomes -------------------------------------------------------------------------

export type Attempt<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

/** Runs one store call between two clock readings. */
export function timed<T>(fn: () => T): { res: Attempt<T>; t0: number; t1: number } {
  const t0 = Date.now();
  let res: Attempt<T>;
  try {
    res = { ok: true, value: fn() };
  } catch (error) {
    res = { ok: false, error };
  }
  return { res, t0, t1: Date.now() };
}

type ErrorClass = abstract new (...args: never[]) => Error;

export function expectError(res: Attempt<unknown>, cls: ErrorClass, codes: readonly string[]): Error & { code: string; details?: Record<string, unknown> } {
  if (res.ok) throw new Error(`expected ${cls.name} ${codes.join(' or ')}, found success: ${JSON.stringify(res.value)?.slice(0, 400)}`);
  const error = res.error as Error & { code: string; details?: Record<string, unknown> };
  note(`error:${String(error?.code)}`);
  if (!(error instanceof cls) || !codes.includes(error.code)) {
    throw new Error(`expected ${cls.name} ${codes.join(' or ')}, found ${error?.name} ${error?.code}: ${error?.message}`, { cause: error });
  }
  return error;
}

export function expectOk<T>(res: Attempt<T>): T {
  if (!res.ok) {
    const e = res.error as Error & { code?: string };
    throw new Error(`expected success, found ${e?.name} ${e?.code}: ${e?.message}`, { cause: e });
  }
  return res.value;
}

/** A write's clock reading must fall inside the call. */
export function expectWriteTime(value: unknown, t0: number, t1: number, what: string): number {
  expect(value, `${what} is a Date`).toBeInstanceOf(Date);
  const t = (value as Date).getTime();
  if (!(t >= t0 && t <= t1)) throw new Error(`expected ${what} within the call [${t0}, ${t1}], found ${t}`);
  return t;
}

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function expectGeneratedId(id: unknown, m: Model): string {
  expect(id, 'a generated $id is a UUIDv7').toMatch(UUID_V7);
  expect(m.docs.has(id as string), 'a generated $id is new').toBe(false);
  return id as string;
}

/** Unique constraints a document with these values would violate against `docs` (the document `self` excluded). */
export function conflicts(docs: Iterable<ModelDoc>, id: string | undefined, values: Record<string, unknown>, self?: string): string[] {
  const codes: string[] = [];
  let idTaken = false;
  let pairTaken = false;
  for (const doc of docs) {
    if (doc.$id === self) continue;
    if (id !== undefined && doc.$id === id) idTaken = true;
    if (values.email !== null && values.email !== undefined && doc.tenantId === values.tenantId && doc.email === values.email) pairTaken = true;
  }
  if (idTaken) codes.push('ALREADY_EXISTS');
  if (pairTaken) codes.push('UNIQUE_VIOLATION');
  return codes;
}

// ---- after every command -----------------------------------------------------------------

const BIG = 1_000_000;

function byId<T extends { id: string }>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => compareText(a.id, b.id));
}

/** Compares one command's log entries with the model's. */
export function compareGroup(m: Model, real: readonly ChangeEntry[], group: ExpectedGroup, previousSeq: number): void {
  const where = `CDC of command #${group.command} ${group.name}`;
  expect(real.map((e) => `${e.op} ${e.id}`).sort(), `${where}: entries`).toEqual(group.entries.map((e) => `${e.op} ${e.id}`).sort());
  let seq = previousSeq;
  for (const entry of real) {
    expect(entry.seq, `${where}: seq increases`).toBeGreaterThan(seq);
    seq = entry.seq;
  }
  if (real.length > 0) {
    const txIds = new Set(real.map((e) => e.txId));
    expect([...txIds], `${where}: one txId per command`).toHaveLength(1);
    const txId = real[0]!.txId;
    const owner = m.txIds.get(txId);
    if (owner !== undefined && owner !== group.command) throw new Error(`${where}: txId ${txId} was already used by command #${owner}`);
    m.txIds.set(txId, group.command);
  }
  const actual = group.unordered ? byId(real) : real;
  const expected = group.unordered ? byId(group.entries) : group.entries;
  expected.forEach((e, i) => {
    const a = actual[i]!;
    const at = `${where}: entry ${i} (${e.op} ${e.id})`;
    expect({ collection: a.collection, op: a.op, id: a.id, shardId: a.shardId, synced: a.synced }, at).toEqual({
      collection: 'User',
      op: e.op,
      id: e.id,
      shardId: 'shard-0',
      synced: false,
    });
    expect(a.after, `${at}: after image`).toStrictEqual(e.after);
    expect(a.before, `${at}: before image`).toStrictEqual(m.captureBefore ? e.before : null);
    expect(a.changed === null ? null : [...a.changed].sort(), `${at}: changed fields`).toStrictEqual(e.changed === null ? null : [...e.changed].sort());
    expect(a.timestamp, `${at}: timestamp`).toBeInstanceOf(Date);
    const ts = a.timestamp.getTime();
    // The trigger reads SQLite's clock, not the isolate's: allow a second of skew.
    if (!(ts >= group.t0 - 1000 && ts <= group.t1 + 1000)) throw new Error(`${at}: timestamp ${ts} outside the call [${group.t0}, ${group.t1}]`);
  });
}

/**
 * After every command: the stored documents equal the model's (timestamps
 * included: `$updatedAt` moves only on writes), and the log grew by exactly
 * the command's entries.
 */
export function settle(m: Model, r: Real, group: Omit<ExpectedGroup, 'command'>): void {
  const command = m.commands++;
  note(`${group.name.slice(0, group.name.indexOf('('))}:${group.entries.length > 0 ? 'wrote' : 'no change'}`);
  const stored = r.store.query('User').documents;
  expect(stored, `documents after command #${command} ${group.name}`).toStrictEqual(sortedDocs(m));
  expect(r.store.count('User'), `count after command #${command}`).toBe(m.docs.size);
  for (const doc of stored) {
    const created = (doc.$createdAt as Date).getTime();
    const updated = (doc.$updatedAt as Date).getTime();
    if (!(created <= updated)) throw new Error(`${String(doc.$id)}: $createdAt ${created} after $updatedAt ${updated}`);
  }
  const full: ExpectedGroup = { ...group, command };
  const real = r.cdc.getChangesAfter(m.lastSeq, BIG);
  compareGroup(m, real, full, m.lastSeq);
  if (real.length > 0) m.lastSeq = real[real.length - 1]!.seq;
  if (full.entries.length > 0) m.log.push(full);
}

/** At the end: the whole log, from the start, equals the model's list of changes. */
export function compareWholeLog(m: Model, r: Real): void {
  const all = r.cdc.getChangesAfter(0, BIG);
  const expectedCount = m.log.reduce((n, g) => n + g.entries.length, 0);
  expect(all, 'the whole change log').toHaveLength(expectedCount);
  const seen = new Map<string, number>();
  m.txIds.clear();
  let at = 0;
  let seq = 0;
  for (const group of m.log) {
    const slice = all.slice(at, at + group.entries.length);
    compareGroup(m, slice, group, seq);
    const txId = slice[0]!.txId;
    expect(seen.has(txId), `txId ${txId} of command #${group.command} is distinct`).toBe(false);
    seen.set(txId, group.command);
    seq = slice[slice.length - 1]!.seq;
    at += group.entries.length;
  }
}
