/**
 * The field ids a generator uses (ICETYPE.md §4): the registry's, passed in
 * (`db.registry.getFieldIds(name)`), checked against the schema; or, when
 * none are given, the registry's own first-version assignment
 * (`assignFieldIds`), so that a table generated before registration gets
 * the ids registration will give it.
 */
import type { IceTypeSchema } from '../../icetype/ast.js';
import { SYSTEM_FIELDS } from '../../icetype/names.js';
import { assignFieldIds, fieldIdPaths, type FieldIdAssignment } from '../../registry/field-ids.js';
import { GeneratorError } from './generator-error.js';

const HINT = 'pass db.registry.getFieldIds(name) of this schema version';

function isShaped(ids: unknown): ids is FieldIdAssignment {
  if (typeof ids !== 'object' || ids === null) return false;
  const { fields, lastId, retired } = ids as Partial<FieldIdAssignment>;
  return typeof fields === 'object' && fields !== null && Number.isSafeInteger(lastId) && Array.isArray(retired);
}

function listed(paths: readonly string[]): string {
  const shown = paths.slice(0, 5).map((p) => JSON.stringify(p));
  return paths.length > 5 ? `${shown.join(', ')} and ${paths.length - 5} more` : shown.join(', ');
}

/** Throws unless every id is a positive integer, within `lastId`, not retired, not repeated, and the system fields are 1–5. */
function checkIds(collection: string, ids: FieldIdAssignment): void {
  const invalid = (field: string, message: string): GeneratorError => new GeneratorError('INVALID_FIELD_IDS', message, { collection, field });
  const retired = new Set(ids.retired);
  const seen = new Map<number, string>();
  for (const [path, id] of Object.entries(ids.fields)) {
    if (!Number.isSafeInteger(id) || id < 1 || id > ids.lastId) {
      throw invalid(path, `expected a field id from 1 to lastId (${ids.lastId}), found ${Number.isSafeInteger(id) ? id : typeof id}`);
    }
    if (retired.has(id)) throw invalid(path, `expected a live field id, found ${id}, which is retired (ids of removed fields are never reused)`);
    const other = seen.get(id);
    if (other !== undefined) throw invalid(path, `expected each field id once, found ${id} for both ${JSON.stringify(other)} and ${JSON.stringify(path)}`);
    seen.set(id, path);
  }
  SYSTEM_FIELDS.forEach((name, i) => {
    if (ids.fields[name] !== i + 1) throw invalid(name, `expected system field ${name} to have id ${i + 1}, found ${ids.fields[name]}`);
  });
}

/**
 * The ids to generate `schema` with: `given` after checking it fits
 * `schema` exactly (every stored field and list element has an id, and
 * nothing else does), or `assignFieldIds(schema)` when `given` is absent.
 * Throws `GeneratorError` `INVALID_FIELD_IDS` or `FIELD_IDS_MISMATCH`.
 *
 * @example
 * resolveFieldIds(Post)                                // the ids registering Post as version 1 would give
 * resolveFieldIds(PostV2, db.registry.getFieldIds('Post')!) // v2's ids: old fields keep theirs
 */
export function resolveFieldIds(schema: IceTypeSchema, given: FieldIdAssignment | undefined): FieldIdAssignment {
  if (given === undefined) return assignFieldIds(schema);
  const collection = schema.name;
  if (!isShaped(given)) {
    throw new GeneratorError('INVALID_FIELD_IDS', `expected field ids { fields, lastId, retired } (${HINT}), found ${given === null ? 'null' : typeof given}`, { collection });
  }
  const paths = fieldIdPaths(schema);
  const missing = paths.filter((p) => !Object.hasOwn(given.fields, p));
  if (missing.length > 0) {
    throw new GeneratorError(
      'FIELD_IDS_MISMATCH',
      `expected a field id for every stored field of ${collection}, found none for ${listed(missing)} (${HINT})`,
      { collection, field: missing[0]! },
    );
  }
  const known = new Set(paths);
  const unknown = Object.keys(given.fields).filter((p) => !known.has(p));
  if (unknown.length > 0) {
    throw new GeneratorError(
      'FIELD_IDS_MISMATCH',
      `expected field ids of ${collection}'s fields only, found ids for ${listed(unknown)}, which ${collection} does not have (${HINT})`,
      { collection, field: unknown[0]! },
    );
  }
  checkIds(collection, given);
  return given;
}
