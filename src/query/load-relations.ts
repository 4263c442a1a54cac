import type { IceTypeSchema } from '../icetype/ast.js';
import { matchesFilter, type Filter } from '../store/filter/index.js';
import type { NormalizedDocument } from '../store/values/index.js';
import type { RelatedRef } from '../relations/index.js';
import { planRelationalQuery } from './plan-relational-query.js';
import { RelationalQueryError } from './relational-query-error.js';
import type { RelationalFindConfig, RelationalPlan, RelationalQueryMode } from './types.js';

/**
 * Runs a Drizzle relational query (RQB v2) over the document store, `with`
 * included, for collections Drizzle's SQL cannot serve: batched ones, and
 * rows collections whose `with` reaches a batched one. Each relation level
 * costs one read for all parents together (`getMany` for forward relations,
 * one `$in` query for backward ones) — never one per parent.
 */

/** What the runner needs of the store. */
export interface DocumentSource {
  schemaOf(collection: string): IceTypeSchema;
  /** The documents matching `filter` (all when undefined); a superset is fine. */
  find(collection: string, filter: Filter | undefined): NormalizedDocument[];
  getMany(collection: string, ids: readonly string[]): (NormalizedDocument | null)[];
  /** For each id, the documents relation field `field` of `collection` leads to, from `_rels` (one statement; see `relatedIds`). */
  related(collection: string, field: string, ids: readonly string[]): Map<string, RelatedRef[]>;
}

type Row = Record<string, unknown>;

function and(a: Filter | undefined, b: Filter): Filter {
  return a === undefined ? b : { $and: [a, b] };
}

function exact(schema: IceTypeSchema, plan: RelationalPlan, doc: NormalizedDocument): boolean {
  return (plan.filter === undefined || matchesFilter(schema, doc, plan.filter)) && (plan.residual?.(doc) ?? true);
}

function page<T>(items: readonly T[], plan: RelationalPlan): T[] {
  const offset = plan.offset ?? 0;
  return items.slice(offset, plan.limit === undefined ? undefined : offset + plan.limit);
}

/** Rows of `collection` for `config`, relations attached. */
export function runRelationalQuery(source: DocumentSource, collection: string, config: RelationalFindConfig | undefined, mode: RelationalQueryMode): Row[] {
  const schema = source.schemaOf(collection);
  const plan = planRelationalQuery(schema, config, mode);
  const docs = page(
    source
      .find(collection, plan.filter)
      .filter((doc) => plan.residual?.(doc) ?? true)
      .sort(plan.compare),
    plan,
  );
  return attach(source, schema, docs, plan);
}

/** Maps documents to rows and loads the plan's relations onto them. */
function attach(source: DocumentSource, schema: IceTypeSchema, docs: readonly NormalizedDocument[], plan: RelationalPlan): Row[] {
  const rows = docs.map(plan.toRow);
  for (const [name, value] of Object.entries(plan.with ?? {})) {
    const config = value === true ? undefined : value;
    const relation = schema.fields.get(name)?.relation;
    if (relation?.operator === '->' && !relation.many) {
      const loaded = loadForward(source, relation.target, docs.map((doc) => doc[name]), config);
      rows.forEach((row, i) => (row[name] = loaded[i] ?? null));
    } else if (relation?.operator === '<-' && relation.inverse !== undefined) {
      const loaded = loadBackward(source, relation.target, relation.inverse, docs, config, relation.many);
      rows.forEach((row, i) => (row[name] = loaded[i]));
    } else {
      throw new RelationalQueryError('UNSUPPORTED_QUERY', `expected a forward (-> T) or backward (<- T.field) relation, found "${name}", which Drizzle's relations do not include`, ['with', name], schema.name);
    }
  }
  return rows;
}

/** The target row of each forward reference (null where absent or filtered out). */
function loadForward(source: DocumentSource, target: string, refs: readonly unknown[], config: RelationalFindConfig | undefined): (Row | null)[] {
  const schema = source.schemaOf(target);
  const plan = planRelationalQuery(schema, config, 'first');
  const ids = [...new Set(refs.filter((ref): ref is string => typeof ref === 'string'))];
  const found = source.getMany(target, ids).filter((doc): doc is NormalizedDocument => doc !== null && exact(schema, plan, doc));
  const rows = attach(source, schema, found, plan);
  const byId = new Map(found.map((doc, i) => [doc.$id as string, rows[i]!]));
  return refs.map((ref) => (typeof ref === 'string' ? (byId.get(ref) ?? null) : null));
}

/** The children of each parent (`many`), or its one child (or null). Limits apply per parent, as in Drizzle. */
function loadBackward(
  source: DocumentSource,
  target: string,
  inverse: string,
  parents: readonly NormalizedDocument[],
  config: RelationalFindConfig | undefined,
  many: boolean,
): (Row[] | Row | null)[] {
  const schema = source.schemaOf(target);
  const plan = planRelationalQuery(schema, config, many ? 'many' : 'first');
  const parentIds = parents.map((doc) => doc.$id as string);
  const children = parentIds.length === 0 ? [] : source.find(target, and(plan.filter, { [inverse]: { $in: parentIds } } as Filter));
  const groups = new Map<string, NormalizedDocument[]>();
  for (const child of children.filter((doc) => plan.residual?.(doc) ?? true).sort(plan.compare)) {
    const parent = child[inverse];
    if (typeof parent !== 'string') continue;
    let group = groups.get(parent);
    if (group === undefined) groups.set(parent, (group = []));
    group.push(child);
  }
  const kept = parentIds.map((id) => page(groups.get(id) ?? [], plan));
  const rows = attach(source, schema, kept.flat(), plan);
  let at = 0;
  return kept.map((group) => {
    const mine = rows.slice(at, (at += group.length));
    return many ? mine : (mine[0] ?? null);
  });
}
