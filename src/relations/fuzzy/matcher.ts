import { isPlainObject } from '../../icetype/directives.js';
import { describeFound } from '../../store/values/describe-found.js';
import { FuzzyError } from './fuzzy-error.js';

/**
 * What every fuzzy matcher is (issue 5 §3): a public, frozen description —
 * which fields it reads, its threshold and top-k — and, behind it, the
 * scoring core that only this module can reach (a `WeakMap` keyed by the
 * matcher object, so a hand-made look-alike is refused with `INVALID_OPTION`).
 */

/** Most matches a matcher keeps per document. */
export const MAX_FUZZY_TOP_K = 1000;
/** `topK` when the options leave it out. */
export const DEFAULT_FUZZY_TOP_K = 10;

/**
 * A matcher of a fuzzy relation (`~> T`), from `textMatcher` or
 * `embeddingMatcher`, for `drizzle(storage, { schema, matchers })`. The type
 * parameters are the source and target field names it reads, so the
 * `matchers` option accepts it only on collections that have those text fields.
 */
export interface FuzzyMatcher<Fields extends string = string, TargetFields extends string = Fields> {
  /** `'text'`: synchronous, re-matched on write; `'embedding'`: asynchronous, matched by `db.fuzzy.match`. */
  readonly kind: 'text' | 'embedding';
  /** The source document's text fields. */
  readonly fields: readonly Fields[];
  /** The candidate (target) documents' text fields: `fields` unless given. */
  readonly targetFields: readonly TargetFields[];
  /** The least score an edge needs (scores are in [0, 1]; a score of 0 is never a match). */
  readonly threshold: number;
  /** Most edges per source document: the best `topK`. */
  readonly topK: number;
}

/** A document as a core sees it: its id, version and the texts of the fields read. */
export interface MatchDocument {
  readonly id: string;
  readonly version: number;
  readonly texts: readonly string[];
}

/** Documents of one collection read through one field list. `complete`: every document of the collection is there. */
export interface MatchSide {
  readonly collection: string;
  readonly fields: readonly string[];
  readonly documents: readonly MatchDocument[];
  readonly complete: boolean;
}

/** Sources' and targets' vectors, aligned with the sides' documents; `undefined` for a document with nothing to compare. */
export interface Prepared<V> {
  readonly sources: readonly (V | undefined)[];
  readonly targets: readonly (V | undefined)[];
}

/** Where a match runs, for error messages. */
export interface MatchSite {
  readonly collection: string;
  readonly field: string;
}

/**
 * The scoring half of a matcher. `prepare` turns documents into vectors
 * (synchronously for `synchronous` cores — those run inside write
 * transactions); `similarity` scores a pair (`null`: not comparable).
 * `state` is one per database and matcher (the embedding cache).
 */
export interface MatcherCore<V = unknown, S = unknown> {
  readonly synchronous: boolean;
  newState(): S;
  prepare(sources: MatchSide, targets: MatchSide, state: S, site: MatchSite): Prepared<V> | Promise<Prepared<V>>;
  similarity(a: V, b: V): number | null;
}

const cores = new WeakMap<object, MatcherCore>();

/** Freezes `matcher` and ties it to its core; returns it. */
export function registerMatcher<M extends FuzzyMatcher, V, S>(matcher: M, core: MatcherCore<V, S>): M {
  cores.set(Object.freeze(matcher), core as unknown as MatcherCore);
  return matcher;
}

/** The core of a matcher made by this module, or `undefined` for anything else. */
export function coreOf(matcher: unknown): MatcherCore | undefined {
  return typeof matcher === 'object' && matcher !== null ? cores.get(matcher) : undefined;
}

/** The options every matcher takes. */
export interface MatcherOptions<Fields extends string, TargetFields extends string> {
  /** The source document's text fields (`string`, `text`, `varchar(N)`, enums; lists too), read together. */
  readonly fields: readonly Fields[];
  /** The target documents' text fields; default `fields` (the same names on the target collection). */
  readonly targetFields?: readonly TargetFields[];
  /** The least score an edge needs, in [0, 1]; default 0 (any positive score). */
  readonly threshold?: number;
  /** Most edges per source document, 1 to `MAX_FUZZY_TOP_K`; default 10. */
  readonly topK?: number;
}

function invalid(message: string): FuzzyError {
  return new FuzzyError('INVALID_OPTION', message);
}

function fieldList(factory: string, name: string, value: unknown): readonly string[] {
  if (!Array.isArray(value) || value.length === 0) throw invalid(`expected ${factory}'s ${name} to be a non-empty array of field names, found ${describeFound(value)}`);
  const seen = new Set<string>();
  for (const item of value as unknown[]) {
    if (typeof item !== 'string' || item.length === 0) throw invalid(`expected ${factory}'s ${name} to hold field names, found ${describeFound(item)}`);
    if (seen.has(item)) throw invalid(`expected ${factory}'s ${name} to name each field once, found ${JSON.stringify(item)} twice`);
    seen.add(item);
  }
  return Object.freeze([...seen]);
}

/**
 * Checks a matcher factory's options — a plain object with only `known`
 * keys, `fields`/`targetFields` non-empty lists of distinct names, `threshold`
 * in [0, 1], `topK` an integer from 1 to `MAX_FUZZY_TOP_K` — and returns the
 * public description with defaults filled in. Throws `INVALID_OPTION`.
 */
export function matcherDescription(factory: string, kind: FuzzyMatcher['kind'], options: unknown, known: readonly string[]): FuzzyMatcher {
  if (!isPlainObject(options)) throw invalid(`expected ${factory} options to be an object, found ${describeFound(options)}`);
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw invalid(`expected ${factory} options among ${known.join(', ')}, found ${JSON.stringify(key)}`);
  }
  const fields = fieldList(factory, 'fields', options['fields']);
  const targetFields = options['targetFields'] === undefined ? fields : fieldList(factory, 'targetFields', options['targetFields']);
  const threshold = options['threshold'] ?? 0;
  if (typeof threshold !== 'number' || !(threshold >= 0 && threshold <= 1)) {
    throw invalid(`expected ${factory}'s threshold to be a number from 0 to 1, found ${typeof threshold === 'number' ? threshold : describeFound(threshold)}`);
  }
  const topK = options['topK'] ?? DEFAULT_FUZZY_TOP_K;
  if (typeof topK !== 'number' || !Number.isSafeInteger(topK) || topK < 1 || topK > MAX_FUZZY_TOP_K) {
    throw invalid(`expected ${factory}'s topK to be an integer from 1 to ${MAX_FUZZY_TOP_K}, found ${typeof topK === 'number' ? topK : describeFound(topK)}`);
  }
  return { kind, fields, targetFields, threshold, topK };
}
