import type { FieldDefinition, IceTypeSchema } from '../icetype/ast.js';
import { quoteIdentifier, quoteString } from '../cdc/row-json.js';

/**
 * Keeps `_rels` in step with the forward relation fields of a rows-layout
 * table (DESIGN.md §4), whatever writes the table — `db.store`, a Drizzle
 * builder, raw SQL — by three triggers in the writing transaction:
 *
 * - insert: one edge per forward field value (`-> T`), one per list item
 *   (`-> T[]`, `ordinal` = position; a repeated id keeps its first);
 * - update of a forward field (or of `$id`): that field's edges are replaced;
 * - delete: the document's outgoing edges go, and so do incoming edges that
 *   no forward field of the schema set describes (`createRelation` edges,
 *   fuzzy matches). Edges from other documents' forward fields stay as long
 *   as those fields hold the id: they mirror stored data. `db.store.delete`
 *   applies each relation's `onDelete` before it deletes, so none are left
 *   there; a builder or raw SQL delete applies no `onDelete` (as SQL without
 *   foreign keys), and the referring documents keep their ids.
 *
 * Batched collections' tables stay empty; the store maintains their edges.
 */

const NOW_MS = "CAST(unixepoch('subsec') * 1000 AS INTEGER)";

/** The stored forward relation fields (`-> T`, `-> T[]`) of a collection. */
export function forwardFields(schema: IceTypeSchema): FieldDefinition[] {
  return [...schema.fields.values()].filter((field) => field.relation?.operator === '->');
}

/** `INSERT` of the edges field `field` of row `NEW` describes. */
function insertEdges(schema: IceTypeSchema, field: FieldDefinition, condition: string): string {
  const column = `NEW.${quoteIdentifier(field.name)}`;
  const head = `INSERT OR IGNORE INTO _rels (from_type, from_id, rel, to_type, to_id, ordinal, score, created_at) SELECT ${quoteString(schema.name)}, NEW."$id", ${quoteString(field.name)}, ${quoteString(field.relation!.target)}`;
  if (!field.relation!.many) return `${head}, ${column}, 0, NULL, ${NOW_MS} WHERE ${column} IS NOT NULL${condition};`;
  // A malformed list (raw SQL can write anything) yields no edges rather than failing the write.
  return `${head}, j.value, j.key, NULL, ${NOW_MS} FROM json_each(CASE WHEN json_valid(${column}) AND json_type(${column}) = 'array' THEN ${column} END) AS j WHERE j.type = 'text'${condition};`;
}

/** The edges triggers of one rows-layout collection (none without forward fields or incoming relations). */
export function edgeTriggers(schema: IceTypeSchema, collections: Iterable<IceTypeSchema>): { name: string; table: string; sql: string }[] {
  const table = quoteIdentifier(schema.name);
  const self = quoteString(schema.name);
  const forward = forwardFields(schema);
  const described: string[] = [];
  for (const other of collections) {
    for (const field of forwardFields(other)) if (field.relation!.target === schema.name) described.push(quoteString(`${other.name}.${field.name}`));
  }
  const keep = described.length === 0 ? '' : ` AND from_type || '.' || rel NOT IN (${described.join(', ')})`;
  const triggers: [string, string, string][] = [
    ['delete', `AFTER DELETE ON ${table}`, `DELETE FROM _rels WHERE from_type = ${self} AND from_id = OLD."$id"; DELETE FROM _rels WHERE to_type = ${self} AND to_id = OLD."$id"${keep};`],
  ];
  if (forward.length > 0) {
    triggers.unshift(['insert', `AFTER INSERT ON ${table}`, forward.map((field) => insertEdges(schema, field, '')).join(' ')]);
    const columns = ['$id', ...forward.map((field) => field.name)].map(quoteIdentifier).join(', ');
    const updates = forward.map((field) => {
      const column = quoteIdentifier(field.name);
      const changed = ` AND (NEW.${column} IS NOT OLD.${column} OR NEW."$id" IS NOT OLD."$id")`;
      return `DELETE FROM _rels WHERE from_type = ${self} AND from_id = OLD."$id" AND rel = ${quoteString(field.name)}${changed}; ${insertEdges(schema, field, changed)}`;
    });
    triggers.splice(1, 0, ['update', `AFTER UPDATE OF ${columns} ON ${table}`, updates.join(' ')]);
  }
  return triggers.map(([op, when, body]) => {
    const name = `_cdc_${schema.name}_rels_${op}`;
    return { name, table: schema.name, sql: `CREATE TRIGGER ${quoteIdentifier(name)} ${when} FOR EACH ROW BEGIN ${body} END` };
  });
}
