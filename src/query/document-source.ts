import type { IceTypeSchema } from '../icetype/ast.js';
import type { EdgeTable } from '../relations/edge-table.js';
import { relatedIds, type RelatedRef } from '../relations/related-ids.js';
import { relationPaths } from '../relations/relation-paths.js';
import type { Filter } from '../store/filter/types.js';
import type { NormalizedDocument } from '../store/values/normalized-document.js';

/**
 * What the relational-query emulation reads: documents of either layout and
 * `_rels` edges. Every method costs a bounded number of statements whatever
 * the number of ids, so a relation level costs the same for 5 parents as
 * for 500 (src/session/drizzle.ts builds it over `db.store` and `_rels`).
 */
export interface DocumentSource {
  schemaOf(collection: string): IceTypeSchema;
  /** The documents matching `filter` (all when undefined); a superset is fine. */
  find(collection: string, filter: Filter | undefined): NormalizedDocument[];
  /** The documents with these ids, `null` where none. */
  getMany(collection: string, ids: readonly string[]): (NormalizedDocument | null)[];
  /** For each id, the documents relation field `field` of `collection` leads to, from `_rels`, in relation order (one statement; see `relatedIds`). */
  related(collection: string, field: string, ids: readonly string[]): Map<string, RelatedRef[]>;
}

/** The reads of `db.store` a `DocumentSource` is built on (`DocumentStore` has them). */
export interface StoreReads {
  query(collection: never, options: { readonly where?: Filter }): { readonly documents: readonly object[] };
  getMany(collection: never, ids: readonly string[]): readonly (object | null)[];
}

/**
 * The `DocumentSource` of a database: documents from the store (either
 * layout), edges from `_rels` through the schema set's relation paths.
 *
 * @example
 * const source = createDocumentSource(schema.collections, db.store, new EdgeTable(storage.sql));
 * runRelationalQuery(source, 'Book', { with: { genres: true } }, 'many');
 */
export function createDocumentSource(collections: ReadonlyMap<string, IceTypeSchema>, store: StoreReads, edges: EdgeTable): DocumentSource {
  const paths = relationPaths(collections);
  return {
    schemaOf: (name) => {
      const schema = collections.get(name);
      if (schema === undefined) throw new TypeError(`DocumentSource: need a collection of the schema set, have "${name}"`);
      return schema;
    },
    find: (name, filter) => store.query(name as never, filter === undefined ? {} : { where: filter }).documents as NormalizedDocument[],
    getMany: (name, ids) => store.getMany(name as never, ids) as (NormalizedDocument | null)[],
    related: (name, field, ids) => {
      const path = paths.get(name)?.get(field);
      if (path === undefined) throw new TypeError(`DocumentSource: need a relation field, have ${name}.${field}`);
      return relatedIds(edges, path, ids);
    },
  };
}
