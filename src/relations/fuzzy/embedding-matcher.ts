import { cosineWithNorm, vectorNorm } from '../../search/cosine.js';
import { describeFound } from '../../store/values/describe-found.js';
import { FuzzyError } from './fuzzy-error.js';
import { matcherDescription, registerMatcher, type FuzzyMatcher, type MatchSide, type MatchSite, type MatcherCore, type MatcherOptions, type Prepared } from './matcher.js';

/**
 * Any text embedding: one vector per text, all of one length. Workers AI fits:
 * `(texts) => env.AI.run('@cf/baai/bge-base-en-v1.5', { text: texts }).then((r) => r.data)`.
 */
export type EmbedFunction = (texts: string[]) => readonly ArrayLike<number>[] | Promise<readonly ArrayLike<number>[]>;

/** Options of `embeddingMatcher`. */
export interface EmbeddingMatcherOptions<Fields extends string, TargetFields extends string = Fields> extends MatcherOptions<Fields, TargetFields> {
  /** Embeds texts; called at most once per `db.fuzzy.match`, with the texts not yet cached. */
  readonly embed: EmbedFunction;
}

interface Embedding {
  readonly version: number;
  readonly vector: Float64Array;
  readonly norm: number;
}

/**
 * The embedding cache of one database and matcher: per collection and field
 * list, each document's vector at the `$version` it was embedded from (an
 * updated document misses and is embedded again). Entries of documents that
 * are gone are dropped whenever a match reads their whole collection.
 */
interface EmbeddingState {
  dimensions: number | undefined;
  readonly spaces: Map<string, Map<string, Embedding>>;
}

const KNOWN = ['embed', 'fields', 'targetFields', 'threshold', 'topK'];

function spaceOf(state: EmbeddingState, side: MatchSide): Map<string, Embedding> {
  const key = JSON.stringify([side.collection, ...side.fields]);
  let space = state.spaces.get(key);
  if (space === undefined) state.spaces.set(key, (space = new Map()));
  return space;
}

async function callEmbed(embed: EmbedFunction, texts: string[], site: MatchSite): Promise<unknown> {
  try {
    return await embed(texts);
  } catch (cause) {
    throw new FuzzyError('EMBEDDING_FAILED', `expected embed(texts) to return vectors, found it threw (${describeFound(cause)}; see cause)`, { ...site, cause });
  }
}

/** Checks embed's answer for `count` texts — `count` vectors of one length, finite numbers, the length of earlier vectors — and copies it. */
function checkVectors(output: unknown, count: number, dimensions: number | undefined, site: MatchSite): Float64Array[] {
  const shape = (message: string) => new FuzzyError('EMBEDDING_SHAPE', message, site);
  if (!Array.isArray(output)) throw shape(`expected embed(texts) to return an array of vectors, found ${describeFound(output)}`);
  if (output.length !== count) throw new FuzzyError('EMBEDDING_COUNT', `expected embed(texts) to return ${count} vectors (one per text), found ${output.length}`, site);
  let length = dimensions;
  return output.map((item: unknown, i) => {
    const vector = Array.isArray(item) || (ArrayBuffer.isView(item) && !(item instanceof DataView)) ? (item as ArrayLike<unknown>) : undefined;
    if (vector === undefined) throw shape(`expected vector ${i} to be an array of numbers, found ${describeFound(item)}`);
    length ??= vector.length;
    if (vector.length === 0 || vector.length !== length) {
      throw shape(`expected every vector to have ${length === 0 ? 'at least one' : length} numbers${dimensions === undefined ? '' : ' (as embed returned before)'}, found vector ${i} with ${vector.length}`);
    }
    const copy = new Float64Array(vector.length);
    for (let j = 0; j < vector.length; j++) {
      const value = vector[j];
      if (typeof value !== 'number' || !Number.isFinite(value)) throw shape(`expected finite numbers in the vectors, found ${describeFound(value)} in vector ${i}`);
      copy[j] = value;
    }
    return copy;
  });
}

function embeddingCore(embed: EmbedFunction): MatcherCore<Embedding, EmbeddingState> {
  const prepare = async (sources: MatchSide, targets: MatchSide, state: EmbeddingState, site: MatchSite): Promise<Prepared<Embedding>> => {
    const sides = [sources, targets].map((side) => ({ side, space: spaceOf(state, side) }));
    // Every uncached (document, space) once, even when a document is both a source and a target.
    const pending = new Map<string, { space: Map<string, Embedding>; id: string; version: number; text: string }>();
    for (const { side, space } of sides) {
      for (const doc of side.documents) {
        const text = doc.texts.join('\n');
        if (text.length === 0 || space.get(doc.id)?.version === doc.version) continue;
        pending.set(JSON.stringify([side.collection, ...side.fields, doc.id]), { space, id: doc.id, version: doc.version, text });
      }
    }
    const wanted = [...pending.values()];
    if (wanted.length > 0) {
      const output = await callEmbed(embed, wanted.map((item) => item.text), site);
      const vectors = checkVectors(output, wanted.length, state.dimensions, site);
      wanted.forEach((item, i) => item.space.set(item.id, { version: item.version, vector: vectors[i]!, norm: vectorNorm(vectors[i]!) }));
      state.dimensions ??= vectors[0]!.length;
    }
    for (const { side, space } of sides) {
      if (!side.complete) continue;
      const live = new Set(side.documents.map((doc) => doc.id));
      for (const id of space.keys()) if (!live.has(id)) space.delete(id);
    }
    const lookup = ({ side, space }: (typeof sides)[number]) =>
      side.documents.map((doc) => {
        const cached = space.get(doc.id);
        return cached?.version === doc.version && doc.texts.length > 0 ? cached : undefined;
      });
    return { sources: lookup(sides[0]!), targets: lookup(sides[1]!) };
  };
  return {
    synchronous: false,
    newState: () => ({ dimensions: undefined, spaces: new Map() }),
    prepare,
    similarity: (a, b) => cosineWithNorm(a.vector, a.norm, b.vector),
  };
}

/**
 * A matcher of fuzzy relations by text embeddings: a source document's
 * `fields` and each target document's `targetFields` are each joined into
 * one text (values in field order, one per line), embedded by your `embed`
 * and scored by cosine similarity. Edges go to the best `topK` targets
 * scoring above 0 and at least `threshold`, ties broken by target `$id`; a
 * document never matches itself.
 *
 * Embeddings are cached in memory per database, keyed by collection, `$id`
 * and `$version`: a `db.fuzzy.match` embeds only documents it has not seen
 * at their current version, all of them in one `embed` call.
 *
 * Embedding is asynchronous, so writes do not re-match: call
 * `db.fuzzy.match(collection, field, ids?)` after writing — from
 * `ctx.waitUntil`, or an alarm for a whole collection. Until then, edges
 * reflect the documents as they were last matched.
 *
 * @throws FuzzyError `INVALID_OPTION` for malformed options; `db.fuzzy.match`
 * fails with `EMBEDDING_FAILED`, `EMBEDDING_COUNT` or `EMBEDDING_SHAPE` when
 * `embed` misbehaves, writing nothing.
 * @example
 * ```ts
 * const similar = embeddingMatcher({
 *   embed: async (texts) => (await env.AI.run('@cf/baai/bge-base-en-v1.5', { text: texts })).data,
 *   fields: ['title', 'blurb'],
 *   threshold: 0.75,
 *   topK: 5,
 * });
 * const db = drizzle(ctx.storage, { schema, matchers: { Book: { similar } } });
 * const book = db.store.create('Book', { title: 'Kindred', blurb: '…' });
 * ctx.waitUntil(db.fuzzy.match('Book', 'similar', [book.$id]));
 * ```
 */
export function embeddingMatcher<const Fields extends string, const TargetFields extends string = Fields>(
  options: EmbeddingMatcherOptions<Fields, TargetFields>,
): FuzzyMatcher<Fields, TargetFields> {
  const description = matcherDescription('embeddingMatcher', 'embedding', options, KNOWN);
  const embed: unknown = (options as { embed?: unknown }).embed;
  if (typeof embed !== 'function') throw new FuzzyError('INVALID_OPTION', `expected embeddingMatcher's embed to be a function (texts) => vectors, found ${describeFound(embed)}`);
  return registerMatcher(description as FuzzyMatcher<Fields, TargetFields>, embeddingCore(embed as EmbedFunction));
}
