/**
 * What one step of a traversal stands for, as plain immutable data (the
 * fluent objects of `traversal-step.ts` wrap it), and what reading it needs.
 */
import type { Filter, OrderBy } from '../../store/filter/index.js';
import type { NormalizedDocument } from '../../store/values/index.js';
import type { QueryOptions, QueryResult } from '../../store/document-store.js';
import type { RelatedRef } from '../related-ids.js';
import type { RelationPath } from '../relation-paths.js';

/** Where a step's documents come from: start ids, or a relation followed from the previous step's documents. */
export type TraversalSource = { readonly ids: readonly string[] } | { readonly parent: TraversalState; readonly path: RelationPath };

/** One step: its collection, its source and how it is narrowed. */
export interface TraversalState {
  readonly collection: string;
  readonly source: TraversalSource;
  readonly where?: Filter;
  readonly orderBy?: OrderBy;
  readonly limit?: number;
}

/** The store reads a traversal uses (`db.store`'s, untyped). */
export interface TraversalReader {
  getMany(collection: string, ids: readonly string[]): (NormalizedDocument | null)[];
  query(collection: string, options: QueryOptions): QueryResult<NormalizedDocument>;
  count(collection: string, where?: Filter): number;
}

/** Everything a traversal reads from. */
export interface TraversalContext {
  /** Relation paths by collection and field (`relationPaths`). */
  readonly paths: ReadonlyMap<string, ReadonlyMap<string, RelationPath>>;
  readonly reader: TraversalReader;
  /** For each id, where `path` leads, in relation order: one statement (`relatedIds`). */
  readonly related: (path: RelationPath, ids: readonly string[]) => Map<string, RelatedRef[]>;
  /** Runs a read as one metered operation. */
  readonly operation: <T>(fn: () => T) => T;
}

/** Whether a step keeps only some of its candidates (so hopping on from it reads them). */
export function isNarrowed(state: TraversalState): boolean {
  return state.where !== undefined || state.orderBy !== undefined || state.limit !== undefined;
}
