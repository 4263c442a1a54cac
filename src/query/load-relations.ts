/**
 * Runs a Drizzle relational query (RQB v2) over the document store, `with`
 * and relation filters included, for what Drizzle's SQL cannot serve:
 * batched collections, and relations that are not Drizzle relations (`-> T[]`,
 * fuzzy ones, backward ones over a list) — see src/query/route-queries.ts.
 * Every relation level costs a bounded number of statements for all parents
 * together (src/query/relation-hop.ts), never one per parent; relation
 * filters likewise (src/query/relation-facts.ts).
 */
import type { IceTypeSchema } from '../icetype/ast.js';
import { matchesFilter } from '../store/filter/index.js';
import type { NormalizedDocument } from '../store/values/index.js';
import { setOwn } from '../store/values/normalized-document.js';
import type { DocumentSource } from './document-source.js';
import { planRelationalQuery } from './plan-relational-query.js';
import { queryRelation } from './query-relation.js';
import { relationFacts } from './relation-facts.js';
import { fetchByIds, relatedIdLists } from './relation-hop.js';
import type { RelationalFindConfig, RelationalPlan, RelationalQueryMode } from './types.js';

export type { DocumentSource } from './document-source.js';

type Row = Record<string, unknown>;

function page<T>(items: readonly T[], plan: RelationalPlan): T[] {
  const offset = plan.offset ?? 0;
  return items.slice(offset, plan.limit === undefined ? undefined : offset + plan.limit);
}

/** Those of `docs` the plan's `where` makes TRUE; relation filters are answered for all of them at once. */
function matching(source: DocumentSource, schema: IceTypeSchema, plan: RelationalPlan, docs: readonly NormalizedDocument[]): NormalizedDocument[] {
  const filter = plan.filter;
  const candidates = filter === undefined ? [...docs] : docs.filter((doc) => matchesFilter(schema, doc, filter));
  const residual = plan.residual;
  if (residual === undefined) return candidates;
  const facts = plan.exists.length === 0 ? undefined : relationFacts(source, plan.exists, candidates);
  return candidates.filter((doc) => residual(doc, facts));
}

/** Rows of `collection` for `config` (`findMany`: all, `findFirst`: at most one), relations attached. */
export function runRelationalQuery(source: DocumentSource, collection: string, config: RelationalFindConfig | undefined, mode: RelationalQueryMode): Row[] {
  const schema = source.schemaOf(collection);
  const plan = planRelationalQuery(schema, config, mode, source.schemaOf);
  const docs = page(matching(source, schema, plan, source.find(collection, plan.filter)).sort(plan.compare), plan);
  return attach(source, schema, docs, plan);
}

/** Maps documents to rows and loads the plan's relations onto them. */
function attach(source: DocumentSource, schema: IceTypeSchema, docs: readonly NormalizedDocument[], plan: RelationalPlan): Row[] {
  const rows = docs.map(plan.toRow);
  for (const [name, value] of Object.entries(plan.with ?? {})) {
    const loaded = loadRelation(source, schema, name, docs, value === true ? undefined : value);
    rows.forEach((row, i) => (row[name] = loaded[i]));
  }
  return rows;
}

/**
 * Relation `name` of each parent: its rows (a many relation: `[]`, `-> T[]`
 * and the like) or its row or null (a one relation). `where`, `orderBy`,
 * `offset` and `limit` apply per parent, as in Drizzle. Without `orderBy`,
 * forward lists keep list order and fuzzy relations best score first; backward
 * relations, whose order SQL leaves unspecified, come in `$id` order as
 * top-level rows do.
 */
/**
 * A deep copy of a row: plain objects, arrays, `Date`s, `Uint8Array`s and
 * primitives, which is all rows hold. Several times faster than
 * `structuredClone`, which serializes.
 */
function cloneRow(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return new Date(value.getTime());
  if (value instanceof Uint8Array) return value.slice();
  if (Array.isArray(value)) return value.map(cloneRow);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) setOwn(out, key, cloneRow(item));
  return out;
}

function loadRelation(source: DocumentSource, schema: IceTypeSchema, name: string, parents: readonly NormalizedDocument[], config: RelationalFindConfig | undefined): (Row[] | Row | null)[] {
  const path = queryRelation(schema, name, ['with', name]);
  const target = source.schemaOf(path.target);
  const plan = planRelationalQuery(target, config, path.many ? 'many' : 'first', source.schemaOf);
  const lists = relatedIdLists(source, path, parents);
  const byId = fetchByIds(source, path.target, lists);
  const kept = new Set(matching(source, target, plan, [...byId.values()]));
  const sorted = plan.ordered || path.kind === 'backward';
  const groups = lists.map((ids) => {
    const docs = ids.map((id) => byId.get(id)).filter((doc): doc is NormalizedDocument => doc !== undefined && kept.has(doc));
    return page(sorted ? docs.sort(plan.compare) : docs, plan);
  });
  const distinct = [...new Set(groups.flat())];
  const rows = attach(source, target, distinct, plan);
  const rowOf = new Map(distinct.map((doc, i) => [doc, rows[i]!]));
  // A document related to several parents appears once per parent, each a row of its own (as Drizzle's are).
  const used = new Set<Row>();
  const rowFor = (doc: NormalizedDocument): Row => {
    const row = rowOf.get(doc)!;
    if (!used.has(row)) {
      used.add(row);
      return row;
    }
    return cloneRow(row) as Row;
  };
  return groups.map((group) => (path.many ? group.map(rowFor) : group.length > 0 ? rowFor(group[0]!) : null));
}
