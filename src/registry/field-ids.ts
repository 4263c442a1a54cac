/**
 * Field ids of ICETYPE.md §4 (Iceberg and Parquet `field_id`): system fields
 * 1–5, stored user fields from 6 in declaration order, then list elements;
 * a new path gets the next id, a removed id is retired and never reused, and
 * re-assigning an unchanged schema never renumbers. Pure.
 */
import type { FieldDefinition, IceTypeSchema } from '../icetype/ast.js';
import { isStoredField } from '../icetype/schema-checks.js';
import { SYSTEM_FIELDS } from '../icetype/names.js';

/** The field ids of one schema version, and what is needed to evolve them. */
export interface FieldIdAssignment {
  /** Path → id: `'$id'` → 1, `'tags'` → 9, `'tags.element'` → 14. */
  readonly fields: Readonly<Record<string, number>>;
  /** The highest id ever assigned (Iceberg `last-column-id`); the next new path gets `lastId + 1`. */
  readonly lastId: number;
  /** Ids once assigned to paths that no longer exist, ascending. Never handed out again. */
  readonly retired: readonly number[];
}

/** The path of a list's element: `'tags.element'`. */
export function elementPath(field: string): string {
  return `${field}.element`;
}

/** Whether a stored field is a list in Iceberg (`T[]`, `-> T[]`, `vector(N)`), so its element has an id too. */
function hasElement(field: FieldDefinition): boolean {
  return field.isArray || field.type.kind === 'vector';
}

/**
 * Every path that gets an id, in id order: system fields, stored fields in
 * declaration order, then the elements of list fields in declaration order.
 * Backward and fuzzy relations store nothing and have no path.
 */
export function fieldIdPaths(schema: IceTypeSchema): string[] {
  const stored = [...schema.fields.values()].filter(isStoredField);
  return [...SYSTEM_FIELDS, ...stored.map((f) => f.name), ...stored.filter(hasElement).map((f) => elementPath(f.name))];
}

/**
 * The field ids of `schema`. Without `previous`, ids are 1… in path order.
 * With `previous` (the assignment of the version before), paths it has keep
 * their ids, paths it lacks get `previous.lastId + 1`… in path order, and
 * its paths that `schema` lacks are retired — so a field removed and later
 * added again under the same name gets a new id.
 *
 * @example
 * const v1 = assignFieldIds(parseSchema({ $type: 'Post', title: 'string!', tags: 'string[]' }))
 * // { fields: { $id: 1, …, $updatedAt: 5, title: 6, tags: 7, 'tags.element': 8 }, lastId: 8, retired: [] }
 * assignFieldIds(parseSchema({ $type: 'Post', tags: 'string[]', views: 'int?' }), v1)
 * // { fields: { $id: 1, …, tags: 7, 'tags.element': 8, views: 9 }, lastId: 9, retired: [6] }
 */
export function assignFieldIds(schema: IceTypeSchema, previous?: FieldIdAssignment): FieldIdAssignment {
  const paths = fieldIdPaths(schema);
  const fields: Record<string, number> = {};
  const known = new Map<string, number>();
  if (previous !== undefined) for (const [path, id] of Object.entries(previous.fields)) known.set(path, id);
  // System fields are 1–5 in every version, whatever `previous` says.
  SYSTEM_FIELDS.forEach((path, i) => known.set(path, i + 1));

  let lastId = Math.max(previous?.lastId ?? 0, SYSTEM_FIELDS.length);
  for (const path of paths) {
    const id = known.get(path) ?? ++lastId;
    setPath(fields, path, id);
  }

  const retired = new Set(previous?.retired ?? []);
  for (const [path, id] of known) if (!Object.hasOwn(fields, path)) retired.add(id);
  return { fields, lastId, retired: [...retired].sort((a, b) => a - b) };
}

/** `__proto__` is a valid field name: keep it an own property. */
function setPath(target: Record<string, number>, path: string, id: number): void {
  Object.defineProperty(target, path, { value: id, enumerable: true, writable: true, configurable: true });
}
