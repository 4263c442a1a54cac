import type { FieldDefinition, IceTypeSchema } from '../icetype/ast.js';

/**
 * How each relation field of a schema set is read from `_rels`
 * (DESIGN.md §4, ICETYPE.md §1.3). Forward fields (`-> T`, `-> T[]`) and
 * fuzzy forward fields (`~> T`) are the edges leaving the document, named
 * after the field; backward fields (`<- T.f`, `<~ T.f`) are the edges named
 * `f` leaving `T` documents and arriving at this one. One path per field.
 */

/** The kinds of relation field. */
export type RelationKind = 'forward' | 'backward' | 'fuzzy-forward' | 'fuzzy-backward';

/** How to follow one relation field. */
export interface RelationPath {
  /** The collection that declares the field. */
  readonly collection: string;
  /** The relation field. */
  readonly field: string;
  readonly kind: RelationKind;
  /** The collection the relation leads to. */
  readonly target: string;
  /** Many related documents (`[]`), or at most one. */
  readonly many: boolean;
  /** Which end of the edge the document is: `outgoing` edges leave it, `incoming` ones arrive at it. */
  readonly direction: 'outgoing' | 'incoming';
  /** `_rels.rel` of the edges: the forward field's name (for backward fields, the inverse). */
  readonly rel: string;
}

const KINDS = { '->': 'forward', '<-': 'backward', '~>': 'fuzzy-forward', '<~': 'fuzzy-backward' } as const;

/** The path of one relation field, or undefined for a field that is not a relation (or a backward one without inverse). */
export function relationPath(collection: string, field: FieldDefinition): RelationPath | undefined {
  const relation = field.relation;
  if (relation === undefined) return undefined;
  const kind = KINDS[relation.operator];
  const outgoing = kind === 'forward' || kind === 'fuzzy-forward';
  if (!outgoing && relation.inverse === undefined) return undefined;
  return {
    collection,
    field: field.name,
    kind,
    target: relation.target,
    many: relation.many,
    direction: outgoing ? 'outgoing' : 'incoming',
    rel: outgoing ? field.name : relation.inverse!,
  };
}

/** Every relation path of a schema set, by collection and field. */
export function relationPaths(collections: ReadonlyMap<string, IceTypeSchema>): ReadonlyMap<string, ReadonlyMap<string, RelationPath>> {
  const out = new Map<string, Map<string, RelationPath>>();
  for (const schema of collections.values()) {
    const fields = new Map<string, RelationPath>();
    for (const field of schema.fields.values()) {
      const path = relationPath(schema.name, field);
      if (path !== undefined) fields.set(field.name, path);
    }
    out.set(schema.name, fields);
  }
  return out;
}
