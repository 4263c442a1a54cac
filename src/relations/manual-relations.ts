import type { CollectionEngine } from '../store/collection-engine.js';
import { StoreError } from '../store/store-error.js';
import type { EdgeTable, StoredRelation } from './edge-table.js';

/**
 * Edges outside the schema — the original store's `createRelation` API:
 * any named edge between two existing documents, kept in `_rels` beside the
 * schema's own, ordered by `ordinal`, removed when either document is.
 * Names the schema declares on a collection (its relation fields) are
 * refused: their edges follow the documents.
 */

/** Options of `createRelation`. */
export interface RelationOptions {
  /** Position among the edges of the same name from the same document (default: after the last). */
  readonly ordinal?: number;
  /** A weight or similarity to keep on the edge. */
  readonly score?: number | null;
}

/** `_rels.rel` names: like field names, at most 64 characters. */
export const RELATION_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

type Engine = CollectionEngine<unknown>;

function invalid(collection: string, message: string): StoreError {
  return new StoreError('INVALID_OPTION', message, { collection });
}

/** Checks a relation name for a collection: well formed, and not one of its schema relation fields. */
export function checkRelationName(engine: Engine, rel: unknown): asserts rel is string {
  if (typeof rel !== 'string' || !RELATION_NAME_PATTERN.test(rel)) {
    throw invalid(engine.name, `expected a relation name matching ${String(RELATION_NAME_PATTERN)}, found ${typeof rel === 'string' ? 'a name that does not' : typeof rel}`);
  }
  if (engine.schema.fields.get(rel)?.relation !== undefined) {
    throw invalid(engine.name, `expected a relation name outside the schema, found ${engine.name}.${rel}, a relation field whose edges follow the documents`);
  }
}

/** Fails with `REFERENCE_NOT_FOUND` unless the document exists. */
export function checkEndpoint(engine: Engine, id: string, from: string, rel: string): void {
  if (engine.get(id) !== null) return;
  throw new StoreError('REFERENCE_NOT_FOUND', `expected the relation ${from}.${rel} to join existing documents, found no ${engine.name} with that $id`, {
    collection: from,
    fields: [rel],
    related: engine.name,
    id,
  });
}

function checkOptions(collection: string, options: RelationOptions): void {
  const { ordinal, score } = options;
  if (ordinal !== undefined && !Number.isSafeInteger(ordinal)) throw invalid(collection, `expected ordinal to be an integer, found ${typeof ordinal === 'number' ? ordinal : typeof ordinal}`);
  if (score !== undefined && score !== null && (typeof score !== 'number' || !Number.isFinite(score))) {
    throw invalid(collection, `expected score to be a finite number or null, found ${typeof score === 'number' ? score : typeof score}`);
  }
}

/** Writes one edge outside the schema (replacing its ordinal and score if it exists); runs in the caller's transaction. */
export function writeRelation(edges: EdgeTable, from: Engine, fromId: string, rel: string, to: Engine, toId: string, options: RelationOptions, now: Date): StoredRelation {
  checkRelationName(from, rel);
  checkOptions(from.name, options);
  checkEndpoint(from, fromId, from.name, rel);
  checkEndpoint(to, toId, from.name, rel);
  const ordinal = options.ordinal ?? edges.nextOrdinal(from.name, fromId, rel);
  return edges.upsert({ fromType: from.name, fromId, rel, toType: to.name, toId, ordinal, score: options.score ?? null }, now);
}
