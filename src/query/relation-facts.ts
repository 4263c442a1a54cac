/**
 * Answers relation filters (`where: { books: { title: { like: 'S%' } } }`)
 * for a whole level of documents at once, as Drizzle's
 * `relationsFilterToSQL` writes them: `exists (select * from target where
 * join and where)`. Per filter: one relation hop for all documents
 * (src/query/relation-hop.ts), then the filter's own condition over the
 * distinct related documents — nested relation filters recursively, again
 * once per level. The cost depends on the filter's shape, never on how many
 * documents are tested.
 */
import type { NormalizedDocument } from '../store/values/normalized-document.js';
import type { DocumentSource } from './document-source.js';
import { evaluateWhere } from './evaluate-where.js';
import { fetchByIds, relatedIdLists } from './relation-hop.js';
import { existsNodes, type ExistsNode, type RelationFacts } from './where-node.js';

/** For each of `nodes` (relation filters of `docs`' collection), the `$id`s of `docs` having a related document the filter's condition makes TRUE. */
export function relationFacts(source: DocumentSource, nodes: readonly ExistsNode[], docs: readonly NormalizedDocument[]): RelationFacts {
  const facts = new Map<ExistsNode, ReadonlySet<string>>();
  for (const node of nodes) {
    const lists = relatedIdLists(source, node.path, docs);
    const related = [...fetchByIds(source, node.path.target, lists).values()];
    const where = node.where;
    const inner = relationFacts(source, existsNodes(where), related);
    const matched = new Set(related.filter((doc) => where === undefined || evaluateWhere(node.path.target, where, doc, inner) === true).map((doc) => doc.$id as string));
    facts.set(node, new Set(docs.filter((_, i) => lists[i]!.some((id) => matched.has(id))).map((doc) => doc.$id as string)));
  }
  return facts;
}
