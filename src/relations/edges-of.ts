import type { IceTypeSchema } from '../icetype/ast.js';
import type { NormalizedDocument } from '../store/values/index.js';
import type { NewRelation } from './edge-table.js';
import { forwardFields } from './edge-triggers.js';

/**
 * The edges a document's forward relation fields describe, as the rows
 * layout's triggers write them (`edgeTriggers`): one per `-> T` value, one per
 * `-> T[]` item with its position as `ordinal` (a repeated id keeps its first).
 * The batched layout writes these itself. With `fields`, only those fields.
 */
export function edgesOf(schema: IceTypeSchema, docs: readonly NormalizedDocument[], fields?: ReadonlySet<string>): NewRelation[] {
  const edges: NewRelation[] = [];
  const forward = forwardFields(schema).filter((field) => fields === undefined || fields.has(field.name));
  if (forward.length === 0) return edges;
  for (const doc of docs) {
    const fromId = doc.$id as string;
    for (const field of forward) {
      const value = doc[field.name];
      const targets = Array.isArray(value) ? value : [value];
      const seen = new Set<string>();
      targets.forEach((toId, ordinal) => {
        if (typeof toId !== 'string' || seen.has(toId)) return;
        seen.add(toId);
        edges.push({ fromType: schema.name, fromId, rel: field.name, toType: field.relation!.target, toId, ordinal, score: null });
      });
    }
  }
  return edges;
}
