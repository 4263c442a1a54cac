/**
 * Model-based property test of relation integrity (issue 5 §1): random
 * creates, reference updates, deletes and deleteManys over the `onDelete`
 * schema (test/relations/integrity-support.ts) run on rows, batched and mixed
 * layouts and on an in-memory model written from the documented rules. After
 * every command: the same outcome (or error code), the same documents' ids
 * and relation fields, and `_rels` holding exactly the edges the documents'
 * forward fields describe — never a dangling reference made through the store.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../src/index.js';
import { inDurableObject } from '../support/do.js';
import { INTEGRITY_LAYOUTS, edgeList, openIntegrity, type IntegrityDb } from './integrity-support.js';

const NUM_RUNS = 60;

type Collection = 'Folder' | 'File' | 'Tag' | 'Person' | 'Pin';
type Doc = Record<string, unknown> & { $id: string };
type State = Record<Collection, Map<string, Doc>>;

const IDS: Record<Collection, readonly string[]> = {
  Folder: ['f1', 'f2', 'f3', 'f4'],
  File: ['x1', 'x2', 'x3', 'x4', 'x5'],
  Tag: ['t1', 't2', 't3'],
  Person: ['p1', 'p2'],
  Pin: ['n1', 'n2'],
};
/** The relation fields of each collection, as the model compares them. */
const FIELDS: Record<Collection, readonly string[]> = { Folder: ['parent'], File: ['folder', 'tags', 'owner'], Tag: [], Person: [], Pin: ['file'] };
const TARGET: Record<string, Collection> = { 'Folder.parent': 'Folder', 'File.folder': 'Folder', 'File.tags': 'Tag', 'File.owner': 'Person', 'Pin.file': 'File' };

type Command =
  | { kind: 'create'; collection: Collection; docs: Doc[] }
  | { kind: 'update'; collection: 'File' | 'Folder'; id: string; patch: Record<string, unknown> }
  | { kind: 'delete'; collection: Collection; ids: string[]; many: boolean };

const id = (c: Collection) => fc.constantFrom(...IDS[c]);
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const fileDoc = fc.record({ $id: id('File'), name: fc.constant('n'), folder: id('Folder'), tags: opt(fc.array(id('Tag'), { maxLength: 3 })), owner: opt(id('Person')) });
const command: fc.Arbitrary<Command> = fc.oneof(
  fc.array(fc.record({ $id: id('Folder'), name: fc.constant('n'), parent: opt(id('Folder')) }), { minLength: 1, maxLength: 3 }).map((docs) => ({ kind: 'create', collection: 'Folder', docs }) as Command),
  fc.array(fileDoc, { minLength: 1, maxLength: 2 }).map((docs) => ({ kind: 'create', collection: 'File', docs }) as Command),
  fc.oneof(id('Tag'), id('Person')).map((key) => ({ kind: 'create', collection: key.startsWith('t') ? 'Tag' : 'Person', docs: [{ $id: key, name: 'n' }] }) as Command),
  fc.record({ $id: id('Pin'), note: fc.constant('n'), file: id('File') }).map((doc) => ({ kind: 'create', collection: 'Pin', docs: [doc] }) as Command),
  fc.record({ id: id('File'), patch: fc.oneof(fc.record({ tags: opt(fc.array(id('Tag'), { maxLength: 3 })) }), fc.record({ owner: opt(id('Person')) }), fc.record({ folder: id('Folder') })) }).map(
    ({ id: key, patch }) => ({ kind: 'update', collection: 'File', id: key, patch }) as Command,
  ),
  fc.record({ id: id('Folder'), parent: opt(id('Folder')) }).map(({ id: key, parent }) => ({ kind: 'update', collection: 'Folder', id: key, patch: { parent } }) as Command),
  fc.constantFrom<Collection>('Folder', 'File', 'Tag', 'Person', 'Pin').chain((collection) =>
    fc.record({ ids: fc.subarray([...IDS[collection]], { minLength: 1, maxLength: Math.min(3, IDS[collection].length) }), many: fc.boolean() }).map(({ ids, many }) => ({ kind: 'delete', collection, ids: many ? ids : ids.slice(0, 1), many }) as Command),
  ),
);

/** Every run starts from this, so deletes meet every rule early (a pin on a file in a nested folder, tags and an owner). */
const SEED: readonly Command[] = [
  { kind: 'create', collection: 'Folder', docs: [{ $id: 'f1', name: 'n', parent: null }, { $id: 'f2', name: 'n', parent: 'f1' }] },
  { kind: 'create', collection: 'Tag', docs: [{ $id: 't1', name: 'n' }] },
  { kind: 'create', collection: 'Person', docs: [{ $id: 'p1', name: 'n' }] },
  { kind: 'create', collection: 'File', docs: [{ $id: 'x1', name: 'n', folder: 'f2', tags: ['t1'], owner: 'p1' }, { $id: 'x2', name: 'n', folder: 'f1', tags: null, owner: null }] },
  { kind: 'create', collection: 'Pin', docs: [{ $id: 'n1', note: 'n', file: 'x1' }] },
];

class Refused extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/** The documented rules, applied to plain maps. */
class IntegrityModel {
  state: State = { Folder: new Map(), File: new Map(), Tag: new Map(), Person: new Map(), Pin: new Map() };

  #refsOf(collection: Collection, doc: Doc): [Collection, string][] {
    return FIELDS[collection].flatMap((field) => {
      const value = doc[field];
      const target = TARGET[`${collection}.${field}`]!;
      return (Array.isArray(value) ? value : [value]).filter((ref): ref is string => typeof ref === 'string').map((ref): [Collection, string] => [target, ref]);
    });
  }

  apply(cmd: Command): unknown {
    const next = structuredClone(this.state);
    const result = this.#run(next, cmd);
    this.state = next;
    return result;
  }

  #run(s: State, cmd: Command): unknown {
    if (cmd.kind === 'create') {
      // References are checked before the documents are written (and found taken).
      const ids = new Set(cmd.docs.map((d) => d.$id));
      for (const doc of cmd.docs) {
        for (const [target, ref] of this.#refsOf(cmd.collection, doc)) {
          if (!s[target].has(ref) && !(target === cmd.collection && ids.has(ref))) throw new Refused('REFERENCE_NOT_FOUND');
        }
      }
      if (ids.size < cmd.docs.length || cmd.docs.some((d) => s[cmd.collection].has(d.$id))) throw new Refused('ALREADY_EXISTS');
      for (const doc of cmd.docs) s[cmd.collection].set(doc.$id, { ...doc });
      return cmd.docs.length;
    }
    if (cmd.kind === 'update') {
      const doc = s[cmd.collection].get(cmd.id);
      if (doc === undefined) throw new Refused('NOT_FOUND');
      const updated = { ...doc, ...cmd.patch };
      for (const [target, ref] of this.#refsOf(cmd.collection, { $id: cmd.id, ...cmd.patch })) if (!s[target].has(ref)) throw new Refused('REFERENCE_NOT_FOUND');
      s[cmd.collection].set(cmd.id, updated);
      return 'updated';
    }
    const existing = cmd.ids.filter((key) => s[cmd.collection].has(key));
    this.#delete(s, cmd.collection, existing);
    return cmd.many ? existing.length : existing.length === 1;
  }

  /** Deletes with onDelete: folders cascade to subfolders and their files, pins restrict files, tags and people are cleared. */
  #delete(s: State, collection: Collection, ids: readonly string[]): void {
    const gone: Record<Collection, Set<string>> = { Folder: new Set(), File: new Set(), Tag: new Set(), Person: new Set(), Pin: new Set() };
    for (const key of ids) gone[collection].add(key);
    if (collection === 'Folder') {
      let grew = true;
      while (grew) {
        grew = false;
        for (const folder of s.Folder.values()) {
          if (!gone.Folder.has(folder.$id) && typeof folder.parent === 'string' && gone.Folder.has(folder.parent)) {
            gone.Folder.add(folder.$id);
            grew = true;
          }
        }
      }
      for (const file of s.File.values()) if (gone.Folder.has(file.folder as string)) gone.File.add(file.$id);
    }
    for (const pin of s.Pin.values()) if (!gone.Pin.has(pin.$id) && gone.File.has(pin.file as string)) throw new Refused('DELETE_RESTRICTED');
    for (const c of Object.keys(gone) as Collection[]) for (const key of gone[c]) s[c].delete(key);
    for (const file of s.File.values()) {
      if (collection === 'Tag' && Array.isArray(file.tags) && file.tags.some((t) => gone.Tag.has(t as string))) file.tags = file.tags.filter((t) => !gone.Tag.has(t as string));
      if (collection === 'Person' && typeof file.owner === 'string' && gone.Person.has(file.owner)) file.owner = null;
    }
  }

  /** The edges the documents' forward fields describe, as `edgeList` prints them. */
  edges(): string[] {
    const out: string[] = [];
    for (const collection of Object.keys(FIELDS) as Collection[]) {
      for (const doc of this.state[collection].values()) {
        for (const field of FIELDS[collection]) {
          const value = doc[field];
          const target = TARGET[`${collection}.${field}`]!;
          const list = Array.isArray(value) ? value : [value];
          const seen = new Set<unknown>();
          list.forEach((ref, ordinal) => {
            if (typeof ref !== 'string' || seen.has(ref)) return;
            seen.add(ref);
            out.push(`${collection}:${doc.$id}.${field} -> ${target}:${ref} #${ordinal}`);
          });
        }
      }
    }
    return out.sort();
  }
}

function runReal(db: IntegrityDb, cmd: Command): unknown {
  const store = db.store as unknown as {
    createMany(c: string, d: unknown[]): unknown[];
    update(c: string, id: string, p: unknown): unknown;
    delete(c: string, id: string): boolean;
    deleteMany(c: string, w: unknown): number;
  };
  if (cmd.kind === 'create') return store.createMany(cmd.collection, cmd.docs).length;
  if (cmd.kind === 'update') {
    store.update(cmd.collection, cmd.id, cmd.patch);
    return 'updated';
  }
  return cmd.many ? store.deleteMany(cmd.collection, { $id: { $in: cmd.ids } }) : store.delete(cmd.collection, cmd.ids[0]!);
}

function outcome(run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    if (error instanceof Refused || error instanceof StoreError) return `error:${error.code}`;
    throw error;
  }
}

function documents(db: IntegrityDb): Record<string, unknown[]> {
  const store = db.store as unknown as { query(c: string): { documents: Doc[] } };
  return Object.fromEntries(
    (Object.keys(FIELDS) as Collection[]).map((c) => [c, store.query(c).documents.map((d) => [d.$id, ...FIELDS[c].map((f) => d[f] ?? null)]).sort()]),
  );
}

function modelDocuments(model: IntegrityModel): Record<string, unknown[]> {
  return Object.fromEntries((Object.keys(FIELDS) as Collection[]).map((c) => [c, [...model.state[c].values()].map((d) => [d.$id, ...FIELDS[c].map((f) => d[f] ?? null)]).sort()]));
}

describe.each(Object.entries(INTEGRITY_LAYOUTS))('relation integrity against a model, %s layout', (_layout, set) => {
  it('keeps documents, outcomes and _rels equal to the model', async () => {
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 5, maxLength: 30 }), async (commands) => {
        await inDurableObject(async (storage) => {
          const db = await openIntegrity(storage, set);
          const model = new IntegrityModel();
          for (const cmd of [...SEED, ...commands]) {
            const expected = outcome(() => model.apply(cmd));
            const actual = outcome(() => runReal(db, cmd));
            seen.add(`${cmd.kind}:${typeof expected === 'string' && expected.startsWith('error:') ? expected : 'ok'}`);
            expect(actual, JSON.stringify(cmd)).toEqual(expected);
            expect(documents(db)).toEqual(modelDocuments(model));
            expect(edgeList(storage)).toEqual(model.edges());
          }
        });
      }),
      { numRuns: NUM_RUNS },
    );
    // The generators reach every rule; if one is missing they have drifted.
    for (const want of ['create:ok', 'create:error:REFERENCE_NOT_FOUND', 'update:ok', 'update:error:REFERENCE_NOT_FOUND', 'delete:ok', 'delete:error:DELETE_RESTRICTED']) {
      expect(seen).toContain(want);
    }
  });
});
