import type { IceTypeSchema } from '../../icetype/ast.js';
import type { SchemaSetDefinition } from '../../icetype/static/schema-set.js';
import type { DocumentStore, WriteListener } from '../../store/document-store.js';
import type { NormalizedDocument } from '../../store/values/index.js';
import type { EdgeTable, NewRelation } from '../edge-table.js';
import { documentTexts } from './document-text.js';
import { FuzzyError } from './fuzzy-error.js';
import type { MatchDocument, MatchSide, Prepared } from './matcher.js';
import { collectionOf, fuzzyFieldOf, type FuzzyCollectionNames, type FuzzyFieldNames, type ResolvedMatcher, type ResolvedMatchers } from './matcher-config.js';
import { rankMatches, type Match } from './rank-matches.js';

/**
 * Fuzzy relations on a database (issue 5 §3, DESIGN.md §4): matching
 * documents with their collection's matchers and keeping the results as
 * `_rels` edges — `rel` the `~>` field, `score` the similarity, `ordinal` the
 * rank (0 = best). A document's edges of a field are replaced as a whole, in
 * one transaction. Documents are read through `db.store`, so both layouts
 * work; deleting a document removes its edges (the relation rules).
 */

/** What a `db.fuzzy.match` did. */
export interface FuzzyMatchResult {
  /** Source documents matched (ids naming no document are skipped). */
  readonly documents: number;
  /** Edges written for them. */
  readonly edges: number;
}

/** `db.fuzzy`: matching on demand. */
export interface FuzzyRelations<D extends SchemaSetDefinition = SchemaSetDefinition> {
  /**
   * Matches documents of `collection` (those of `ids`, or every one) with the
   * matcher of their fuzzy field `field` against every document of its
   * target collection, and replaces their `field` edges with the best
   * `topK` scoring at least `threshold`. Embeddings are computed first (one
   * `embed` call for what is not cached), then the edges are written in one
   * transaction; a document deleted meanwhile gets none, and none point at it.
   *
   * Text matchers re-match on write by themselves; call this for embedding
   * matchers after writes (from `ctx.waitUntil`, or an alarm), and for any
   * matcher when target documents were added or changed — those do not
   * re-match their sources. Cost: one read of each collection, and
   * O(sources × targets) comparisons.
   *
   * Fails with a `FuzzyError` — `UNKNOWN_COLLECTION`, `UNKNOWN_FIELD`,
   * `NOT_A_FUZZY_FIELD`, `NO_MATCHER`, `INVALID_OPTION` (`ids` not an array),
   * or an embedding code — and writes nothing.
   *
   * @example
   * ```ts
   * await db.fuzzy.match('Book', 'similar');              // every book: { documents: 120, edges: 593 }
   * ctx.waitUntil(db.fuzzy.match('Book', 'similar', [book.$id]));
   * ```
   */
  match<C extends FuzzyCollectionNames<D>>(collection: C, field: FuzzyFieldNames<D[C]>, ids?: readonly string[]): Promise<FuzzyMatchResult>;
}

/** What the fuzzy relations of a database work with. */
export interface FuzzyRelationsOptions {
  readonly collections: ReadonlyMap<string, IceTypeSchema>;
  readonly matchers: ResolvedMatchers;
  readonly store: DocumentStore;
  readonly edges: EdgeTable;
  /** The session's `transactionSync`. */
  readonly transaction: <T>(fn: () => T) => T;
}

/** The matches of one source document. */
interface Ranked {
  readonly id: string;
  readonly matches: readonly Match[];
}

function matchDocument(doc: NormalizedDocument, fields: readonly string[]): MatchDocument {
  return { id: doc.$id as string, version: doc.$version as number, texts: documentTexts(doc, fields) };
}

class FuzzyEngine {
  readonly #options: FuzzyRelationsOptions;
  /** Per matcher core: its state on this database (the embedding cache). */
  readonly #states = new Map<ResolvedMatcher['core'], unknown>();

  constructor(options: FuzzyRelationsOptions) {
    this.#options = options;
  }

  #state(resolved: ResolvedMatcher): unknown {
    const { core } = resolved;
    if (!this.#states.has(core)) this.#states.set(core, core.newState());
    return this.#states.get(core);
  }

  #resolve(collection: unknown, field: unknown): ResolvedMatcher {
    const schema = collectionOf(this.#options.collections, collection);
    const definition = fuzzyFieldOf(schema, field);
    const resolved = this.#options.matchers.get(schema.name)?.get(definition.name);
    if (resolved !== undefined) return resolved;
    throw new FuzzyError('NO_MATCHER', `expected a matcher for ${schema.name}.${definition.name} in drizzle(…, { matchers }), found none`, { collection: schema.name, field: definition.name });
  }

  /** Documents of a collection with the texts of `fields`: those of `ids`, or all. */
  #read(collection: string, fields: readonly string[], ids?: readonly string[]): MatchSide {
    const store = this.#options.store;
    const docs = ids === undefined ? store.query(collection, { select: [...fields, '$version'] as never[] }).documents : store.getMany(collection, ids).filter((doc) => doc !== null);
    return { collection, fields, complete: ids === undefined, documents: docs.map((doc) => matchDocument(doc, fields)) };
  }

  #rank(resolved: ResolvedMatcher, sources: MatchSide, targets: MatchSide, prepared: Prepared<unknown>): Ranked[] {
    const { core, matcher, collection, target } = resolved;
    const candidates = targets.documents.map((doc, i) => ({ id: doc.id, vector: prepared.targets[i] }));
    return sources.documents.map((doc, i) => {
      const vector = prepared.sources[i];
      const self = collection === target ? doc.id : undefined;
      return { id: doc.id, matches: vector === undefined ? [] : rankMatches(vector, candidates, core.similarity, matcher, self) };
    });
  }

  /** Replaces the `field` edges of the ranked documents; in the caller's transaction. */
  #replace(resolved: ResolvedMatcher, ranked: readonly Ranked[], now: Date): FuzzyMatchResult {
    const { collection, field, target } = resolved;
    const edges: NewRelation[] = ranked.flatMap((source) =>
      source.matches.map((match, ordinal) => ({ fromType: collection, fromId: source.id, rel: field, toType: target, toId: match.id, ordinal, score: match.score })),
    );
    this.#options.edges.deleteOutgoing(collection, ranked.map((source) => source.id), [field]);
    this.#options.edges.insert(edges, now);
    return { documents: ranked.length, edges: edges.length };
  }

  /** The ranked documents and matches whose documents still exist (an asynchronous matcher let other writes in). */
  #existing(resolved: ResolvedMatcher, ranked: readonly Ranked[]): Ranked[] {
    const store = this.#options.store;
    const exists = (collection: string, ids: readonly string[]) => new Set(store.getMany(collection, ids).flatMap((doc) => (doc === null ? [] : [doc.$id as string])));
    const sources = exists(resolved.collection, ranked.map((source) => source.id));
    const targets = exists(resolved.target, [...new Set(ranked.flatMap((source) => source.matches.map((match) => match.id)))]);
    return ranked.filter((source) => sources.has(source.id)).map((source) => ({ id: source.id, matches: source.matches.filter((match) => targets.has(match.id)) }));
  }

  async match(collection: unknown, field: unknown, ids?: unknown): Promise<FuzzyMatchResult> {
    const resolved = this.#resolve(collection, field);
    if (ids !== undefined && !Array.isArray(ids)) {
      throw new FuzzyError('INVALID_OPTION', `expected ids to be an array of document ids or undefined (every document), found ${typeof ids}`, { collection: resolved.collection, field: resolved.field });
    }
    const { matcher, core } = resolved;
    const sources = this.#read(resolved.collection, matcher.fields, ids === undefined ? undefined : [...new Set(ids as string[])]);
    const targets = this.#read(resolved.target, matcher.targetFields);
    const prepared = core.prepare(sources, targets, this.#state(resolved), resolved);
    // A synchronous matcher runs to the write without yielding: nothing can change in between.
    if (!(prepared instanceof Promise)) return this.#options.transaction(() => this.#replace(resolved, this.#rank(resolved, sources, targets, prepared), new Date()));
    const ranked = this.#rank(resolved, sources, targets, await prepared);
    return this.#options.transaction(() => this.#replace(resolved, this.#existing(resolved, ranked), new Date()));
  }

  /** The store's write listener: re-matches created documents, and updated ones whose patch sets a matched field, with synchronous matchers. */
  readonly afterWrite: WriteListener = (collection, documents, now, patch) => {
    const byField = this.#options.matchers.get(collection);
    if (byField === undefined) return;
    for (const resolved of byField.values()) {
      const { matcher, core } = resolved;
      if (!core.synchronous || (patch !== undefined && !matcher.fields.some((name) => Object.hasOwn(patch, name)))) continue;
      const sources: MatchSide = { collection, fields: matcher.fields, complete: false, documents: documents.map((doc) => matchDocument(doc, matcher.fields)) };
      const targets = this.#read(resolved.target, matcher.targetFields);
      const prepared = core.prepare(sources, targets, this.#state(resolved), resolved) as Prepared<unknown>;
      this.#replace(resolved, this.#rank(resolved, sources, targets, prepared), now);
    }
  };
}

/**
 * The fuzzy relations of one database: `api` is `db.fuzzy`, `afterWrite` the
 * listener `drizzle()` registers on the store (`DocumentStore.setWriteListener`).
 */
export function createFuzzyRelations<D extends SchemaSetDefinition>(options: FuzzyRelationsOptions): { readonly api: FuzzyRelations<D>; readonly afterWrite: WriteListener } {
  const engine = new FuzzyEngine(options);
  const api: FuzzyRelations<D> = { match: (collection, field, ids) => engine.match(collection, field, ids) };
  return { api: Object.freeze(api), afterWrite: engine.afterWrite };
}
