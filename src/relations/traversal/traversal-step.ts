/**
 * The fluent object behind each step of `db.rel`: immutable, lazy (narrowing
 * and hopping read nothing) and strict (a hop on a name that is not a
 * relation field throws `UNKNOWN_RELATION`).
 */
import type { IceTypeSchema } from '../../icetype/ast.js';
import type { QueryResult } from '../../store/document-store.js';
import type { Filter, OrderBy } from '../../store/filter/index.js';
import type { NormalizedDocument } from '../../store/values/index.js';
import { describeFound } from '../../store/values/describe-found.js';
import { assertLimit, RelationError } from './relation-error.js';
import { stepCount } from './step-count.js';
import { stepDocuments } from './step-documents.js';
import { stepPage } from './step-page.js';
import { strictProperties } from './strict-properties.js';
import type { TraversalContext, TraversalState } from './traversal-state.js';
import type { TraversalPageOptions } from './types.js';

/** A step as the implementation sees it: `TraversalMethods` over untyped documents. */
export interface TraversalStep {
  where(filter: Filter): TraversalStep;
  orderBy(order: OrderBy): TraversalStep;
  limit(n: number): TraversalStep;
  hop(field: string): TraversalStep;
  all(): NormalizedDocument[];
  get(): NormalizedDocument | null;
  first(): NormalizedDocument | null;
  count(): number;
  ids(): string[];
  page(options: TraversalPageOptions): QueryResult<NormalizedDocument>;
}

/** The schemas of the set, for naming what a hop found instead of a relation. */
export type TraversalSchemas = ReadonlyMap<string, IceTypeSchema>;

function unknownRelation(context: TraversalContext, schemas: TraversalSchemas, collection: string, name: unknown): never {
  const relations = [...(context.paths.get(collection)?.keys() ?? [])];
  const listed = relations.length === 0 ? 'none' : relations.join(', ');
  const found =
    typeof name !== 'string'
      ? describeFound(name)
      : schemas.get(collection)?.fields.has(name) === true
        ? `"${name}", a field that is not a relation`
        : `"${name}", which is no field of ${collection}`;
  throw new RelationError('UNKNOWN_RELATION', `expected a relation field of ${collection} (${listed}), found ${found}`, collection, typeof name === 'string' ? name : undefined);
}

/** The step for `state`: its methods, and a property per relation field of its collection. */
export function traversalStep(context: TraversalContext, schemas: TraversalSchemas, state: TraversalState): TraversalStep {
  const { collection } = state;
  const paths = context.paths.get(collection);
  const next = (change: Partial<TraversalState>) => traversalStep(context, schemas, { ...state, ...change });
  const hop = (field: string): TraversalStep | undefined => {
    const path = typeof field === 'string' ? paths?.get(field) : undefined;
    return path === undefined ? undefined : traversalStep(context, schemas, { collection: path.target, source: { parent: state, path } });
  };
  const all = () => context.operation(() => stepDocuments(context, state));
  const first = () => context.operation(() => stepDocuments(context, { ...state, limit: Math.min(state.limit ?? 1, 1) })[0] ?? null);
  const step: TraversalStep = {
    where: (filter) => next({ where: state.where === undefined ? filter : { $and: [state.where, filter] } }),
    orderBy: (order) => next({ orderBy: order }),
    limit: (n) => {
      assertLimit(collection, 'limit', n);
      return next({ limit: n });
    },
    hop: (field) => hop(field) ?? unknownRelation(context, schemas, collection, field),
    all,
    get: first,
    first,
    count: () => context.operation(() => stepCount(context, state)),
    ids: () => all().map((doc) => doc.$id as string),
    page: (options) => context.operation(() => stepPage(context, state, options)),
  };
  return strictProperties(step, hop, (name) => unknownRelation(context, schemas, collection, name));
}
