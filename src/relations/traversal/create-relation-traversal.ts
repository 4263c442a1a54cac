import type { IceTypeSchema } from '../../icetype/ast.js';
import type { SchemaSetDefinition } from '../../icetype/static/schema-set.js';
import type { DocumentStore } from '../../store/document-store.js';
import { assertDocumentId } from '../../store/values/index.js';
import type { EdgeTable } from '../edge-table.js';
import { relatedIds } from '../related-ids.js';
import { relationPaths } from '../relation-paths.js';
import { RelationError } from './relation-error.js';
import { strictProperties } from './strict-properties.js';
import { traversalStep, type TraversalStep } from './traversal-step.js';
import type { TraversalContext, TraversalReader } from './traversal-state.js';
import type { RelationTraversal } from './types.js';

/** What `createRelationTraversal` reads from. */
export interface RelationTraversalOptions<D extends SchemaSetDefinition> {
  /** The parsed collections of the schema set (`IceTypeSchemaSet.collections`). */
  readonly collections: ReadonlyMap<string, IceTypeSchema>;
  /** The document store the documents are read from. */
  readonly store: DocumentStore<D>;
  /** The `_rels` table, over the metered storage. */
  readonly edges: EdgeTable;
  /** Runs each read as one metered operation (`SessionStorage.operation`). */
  readonly operation: <T>(fn: () => T) => T;
}

/** The start ids, checked and de-duplicated in the order given. */
function startIds(collection: string, ids: unknown): string[] {
  const list: readonly unknown[] = Array.isArray(ids) ? ids : [ids];
  for (const id of list) assertDocumentId(collection, id);
  return [...new Set(list as readonly string[])];
}

/**
 * `db.rel`: a fluent traversal of the relations of a schema set
 * (DESIGN.md §4), typed from it, on both layouts. Each hop is one `_rels`
 * statement for all current ids; each `where` one store read; the final
 * documents one store read — whatever the number of documents.
 *
 * @example
 * ```ts
 * const rel = createRelationTraversal({ collections: schema.collections, store, edges, operation });
 * rel.User(id).posts.comments.where({ approved: true }).all();
 * // SELECT … FROM _rels WHERE to_type = 'User' AND to_id IN (…) AND rel = 'author' AND from_type = 'Post'
 * // SELECT … FROM _rels WHERE to_type = 'Post' AND to_id IN (…) AND rel = 'post' AND from_type = 'Comment'
 * // SELECT … FROM "Comment" WHERE "$id" IN (…) AND "approved" = 1
 * ```
 */
export function createRelationTraversal<D extends SchemaSetDefinition>(options: RelationTraversalOptions<D>): RelationTraversal<D> {
  const { collections, edges, operation } = options;
  const context: TraversalContext = {
    paths: relationPaths(collections),
    reader: options.store as unknown as TraversalReader,
    related: (path, ids) => relatedIds(edges, path, ids),
    operation,
  };
  const starts: Record<string, (ids: string | readonly string[]) => TraversalStep> = {};
  for (const collection of collections.keys()) {
    starts[collection] = (ids) => traversalStep(context, collections, { collection, source: { ids: startIds(collection, ids) } });
  }
  const unknownCollection = (name: string): never => {
    throw new RelationError('UNKNOWN_COLLECTION', `expected a collection of the schema (${[...collections.keys()].join(', ')}), found "${name}"`, name);
  };
  return strictProperties(starts, () => undefined, unknownCollection) as unknown as RelationTraversal<D>;
}
