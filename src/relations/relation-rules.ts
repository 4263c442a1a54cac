import type { FieldDefinition, IceTypeSchema, OnDeleteAction } from '../icetype/ast.js';
import type { CollectionEngine } from '../store/collection-engine.js';
import type { Filter } from '../store/filter/index.js';
import { StoreError } from '../store/store-error.js';
import type { NormalizedDocument } from '../store/values/index.js';
import type { EdgeTable } from './edge-table.js';
import { edgesOf } from './edges-of.js';
import { forwardFields } from './edge-triggers.js';

/**
 * The write rules of relations (DESIGN.md §4), applied by `db.store` on both
 * layouts inside the writing transaction:
 *
 * - a forward reference (`-> T`, `-> T[]`) must name an existing `T`
 *   (`REFERENCE_NOT_FOUND`); documents created together may refer to each other;
 * - deleting a document applies the `onDelete` of every forward relation
 *   pointing at it: `restrict` (default) refuses (`DELETE_RESTRICTED`),
 *   `cascade` deletes the referring documents (recursively), `set null`
 *   clears their field (a list drops the id);
 * - the batched layout's edges are written here (the rows layout's by
 *   triggers, `edgeTriggers`): on insert, on an update of a forward field,
 *   and on delete (every edge touching the document).
 *
 * Any error rolls the whole operation back, cascades included.
 */

type Engine = CollectionEngine<unknown>;

/** A forward field pointing at a collection, seen from that collection. */
interface Referrer {
  readonly collection: string;
  readonly field: FieldDefinition;
  readonly action: OnDeleteAction;
}

function key(collection: string, id: string): string {
  return `${collection}\u0000${id}`;
}

export class RelationRules {
  readonly #edges: EdgeTable;
  readonly #engine: (collection: string) => Engine;
  /** Per target collection, the forward fields pointing at it, by `from_type.rel`. */
  readonly #referrers = new Map<string, Map<string, Referrer>>();
  readonly #forward = new Map<string, FieldDefinition[]>();

  constructor(collections: ReadonlyMap<string, IceTypeSchema>, edges: EdgeTable, engine: (collection: string) => Engine) {
    this.#edges = edges;
    this.#engine = engine;
    for (const schema of collections.values()) {
      const forward = forwardFields(schema);
      this.#forward.set(schema.name, forward);
      for (const field of forward) {
        const target = field.relation!.target;
        let byRel = this.#referrers.get(target);
        if (byRel === undefined) this.#referrers.set(target, (byRel = new Map()));
        byRel.set(`${schema.name}.${field.name}`, { collection: schema.name, field, action: field.onDelete ?? 'restrict' });
      }
    }
  }

  #forwardOf(collection: string): readonly FieldDefinition[] {
    return this.#forward.get(collection) ?? [];
  }

  /**
   * Fails with `REFERENCE_NOT_FOUND` unless every forward reference of
   * `docs` (only `fields`, when given) names an existing document, or one of
   * `docs` itself. One read per target collection.
   */
  checkReferences(collection: string, docs: readonly NormalizedDocument[], fields?: ReadonlySet<string>): void {
    const forward = this.#forwardOf(collection).filter((field) => fields === undefined || fields.has(field.name));
    if (forward.length === 0) return;
    const created = new Set(docs.map((doc) => doc.$id as string));
    // target collection → referenced id → the first (document, field) naming it
    const wanted = new Map<string, Map<string, { id: string; field: string }>>();
    for (const doc of docs) {
      for (const field of forward) {
        const target = field.relation!.target;
        const value = doc[field.name];
        for (const ref of Array.isArray(value) ? value : [value]) {
          if (typeof ref !== 'string' || (target === collection && created.has(ref))) continue;
          let ids = wanted.get(target);
          if (ids === undefined) wanted.set(target, (ids = new Map()));
          if (!ids.has(ref)) ids.set(ref, { id: doc.$id as string, field: field.name });
        }
      }
    }
    for (const [target, refs] of wanted) {
      const ids = [...refs.keys()];
      const found = this.#engine(target).getMany(ids);
      const missing = ids.findIndex((_id, i) => found[i] === null);
      if (missing < 0) continue;
      const at = refs.get(ids[missing]!)!;
      throw new StoreError('REFERENCE_NOT_FOUND', `expected ${collection}.${at.field} to name an existing ${target}, found an id no ${target} has`, {
        collection,
        id: at.id,
        fields: [at.field],
        related: target,
      });
    }
  }

  /** After an insert: the batched layout's edges. */
  afterInsert(engine: Engine, docs: readonly NormalizedDocument[], now: Date): void {
    if (engine.layout === 'batched') this.#edges.insert(edgesOf(engine.schema, docs), now);
  }

  /** The forward fields a patch sets (their references need checking, their edges replacing). */
  forwardFieldsIn(collection: string, patch: unknown): ReadonlySet<string> {
    const set = new Set<string>();
    if (patch === null || typeof patch !== 'object') return set;
    for (const field of this.#forwardOf(collection)) if (Object.hasOwn(patch, field.name)) set.add(field.name);
    return set;
  }

  /** After an update that set forward `fields`: the batched layout's edges of those fields are replaced. */
  afterUpdate(engine: Engine, doc: NormalizedDocument, fields: ReadonlySet<string>, now: Date): void {
    if (engine.layout !== 'batched' || fields.size === 0) return;
    this.#edges.deleteOutgoing(engine.name, [doc.$id as string], [...fields]);
    this.#edges.insert(edgesOf(engine.schema, [doc], fields), now);
  }

  /** Whether deleting documents of `collection` needs the relation rules (something points at it, or its edges are the store's to remove). */
  involves(engine: Engine): boolean {
    return this.#referrers.has(engine.name) || engine.layout === 'batched';
  }

  /**
   * Deletes documents of `collection` with the relation rules: the
   * `onDelete` of relations pointing at them first, then the documents, then
   * (batched) their edges. `deleting` holds every document this operation
   * deletes, so cycles and documents deleted together do not restrict each
   * other. Returns the ids that existed and were deleted.
   */
  deleteDocuments(collection: string, ids: readonly string[], now: Date, deleting: Set<string>, ifVersion?: number): string[] {
    const engine = this.#engine(collection);
    const existing = this.#referrers.has(collection) ? engine.getMany(ids).flatMap((doc) => (doc === null ? [] : [doc.$id as string])) : [...ids];
    for (const id of existing) deleting.add(key(collection, id));
    if (existing.length > 0) this.#applyOnDelete(collection, existing, now, deleting);
    let deleted: string[];
    if (ifVersion !== undefined || existing.length === 1) {
      deleted = existing.filter((id) => engine.delete(id, ifVersion, now));
    } else {
      // `existing` was read in this transaction, so every one of them is deleted here.
      if (existing.length > 0) engine.deleteMany({ $id: { $in: existing } } as Filter, now);
      deleted = existing;
    }
    if (engine.layout === 'batched' && deleted.length > 0) {
      this.#edges.deleteOutgoing(collection, deleted);
      this.#edges.deleteIncoming(collection, deleted);
    }
    return deleted;
  }

  #applyOnDelete(collection: string, ids: readonly string[], now: Date, deleting: Set<string>): void {
    const referrers = this.#referrers.get(collection);
    if (referrers === undefined) return;
    const cascade = new Map<string, Set<string>>();
    const clear = new Map<string, Map<string, Set<string>>>(); // collection → referring id → fields to clear
    for (const edge of this.#edges.incoming(collection, ids)) {
      const referrer = referrers.get(`${edge.fromType}.${edge.rel}`);
      if (referrer === undefined || deleting.has(key(edge.fromType, edge.fromId))) continue;
      if (referrer.action === 'restrict') {
        throw new StoreError(
          'DELETE_RESTRICTED',
          `expected no ${edge.fromType} to refer to the ${collection} being deleted (${edge.fromType}.${edge.rel} has onDelete: 'restrict'), found one`,
          { collection, id: edge.toId, fields: [edge.rel], related: edge.fromType },
        );
      }
      if (referrer.action === 'cascade') {
        let set = cascade.get(edge.fromType);
        if (set === undefined) cascade.set(edge.fromType, (set = new Set()));
        set.add(edge.fromId);
      } else {
        let byId = clear.get(edge.fromType);
        if (byId === undefined) clear.set(edge.fromType, (byId = new Map()));
        let fields = byId.get(edge.fromId);
        if (fields === undefined) byId.set(edge.fromId, (fields = new Set()));
        fields.add(edge.rel);
      }
    }
    for (const [from, fromIds] of cascade) this.deleteDocuments(from, [...fromIds].filter((id) => !deleting.has(key(from, id))), now, deleting);
    for (const [from, byId] of clear) this.#clearReferences(from, byId, collection, new Set(ids), now, deleting);
  }

  /** `onDelete: 'set null'`: clears the fields (lists drop the deleted ids) of referring documents not deleted themselves. */
  #clearReferences(collection: string, byId: Map<string, Set<string>>, target: string, gone: ReadonlySet<string>, now: Date, deleting: Set<string>): void {
    const engine = this.#engine(collection);
    const ids = [...byId.keys()].filter((id) => !deleting.has(key(collection, id)));
    const docs = engine.getMany(ids);
    ids.forEach((id, i) => {
      const doc = docs[i];
      if (doc === null || doc === undefined) return;
      const patch: Record<string, unknown> = {};
      for (const name of byId.get(id)!) {
        const field = engine.schema.fields.get(name);
        if (field?.relation?.target !== target) continue;
        const value = doc[name];
        patch[name] = Array.isArray(value) ? value.filter((ref) => typeof ref !== 'string' || !gone.has(ref)) : null;
      }
      const updated = engine.update(id, patch, now);
      this.afterUpdate(engine, updated, new Set(Object.keys(patch)), now);
    });
  }
}
