/**
 * Schema discovery of ICETYPE.md §5: the type of each field merged over
 * every document (`inferType` folded with `mergeInferredTypes`), never taken
 * from one document alone (seed defect W11). Pure: documents come from any
 * iterable, so the rows layout (`discover-rows.ts`) and the batched layout
 * feed the same fold, one document at a time.
 */
import type { IceTypeSchema, PrimitiveName } from '../icetype/ast.js';
import { IceTypeParseError } from '../icetype/errors.js';
import { inferType, mergeInferredTypes, type InferredType } from '../icetype/infer.js';
import { parseSchema } from '../icetype/schema.js';
import { SchemaRegistryError } from './registry-error.js';

/** A discovered type: a primitive, optionally a list (`'long'`, `'string[]'`). Nullability is separate. */
export type DiscoveredType = `${PrimitiveName}${'' | '[]'}`;

/** What discovery found for one field. */
export interface DiscoveredField {
  /** The narrowest type holding every non-null value seen (`json` when they conflict or none was seen). */
  readonly type: DiscoveredType;
  /** Some document has `null` here or lacks the field. */
  readonly nullable: boolean;
  /** Documents with a non-null value. */
  readonly seen: number;
}

/** The fields of a set of documents. */
export interface DocumentDiscovery {
  readonly documentCount: number;
  /** By field name, in order of first appearance. System fields (`$id`, …) are left out. */
  readonly fields: Readonly<Record<string, DiscoveredField>>;
}

interface Accumulator {
  type: InferredType | undefined;
  seen: number;
  /** Some value was `[]`: a list of no known element type, merged at the end. */
  emptyList: boolean;
}

/**
 * The type after the fold. `inferType([])` is `json`, which would turn
 * every list field with one empty list into json; an empty list fits any
 * list type, so it only counts against non-list types.
 */
function finalType(acc: Accumulator): DiscoveredType {
  let t = acc.type;
  if (acc.emptyList && (t === undefined || !t.replace('?', '').endsWith('[]'))) t = t === undefined ? 'json' : mergeInferredTypes(t, 'json');
  return (t ?? 'json').replace('?', '') as DiscoveredType;
}

/**
 * Folds `inferType` over every top-level field of every document. Numbers
 * widen int → long → double, string formats widen to string, other
 * conflicts become json (an empty list fits any list type); a field is
 * nullable when any document has `null` there or lacks it. Keeps one accumulator per field name, so memory does
 * not grow with the number of documents.
 *
 * @example
 * discoverFromDocuments([{ n: 1, s: 'a' }, { n: 2 ** 40 }, { n: 1.5, s: null }])
 * // { documentCount: 3, fields: { n: { type: 'double', nullable: false, seen: 3 }, s: { type: 'string', nullable: true, seen: 1 } } }
 */
export function discoverFromDocuments(docs: Iterable<Readonly<Record<string, unknown>>>): DocumentDiscovery {
  const found = new Map<string, Accumulator>();
  let documentCount = 0;
  for (const doc of docs) {
    documentCount++;
    for (const key of Object.keys(doc)) {
      if (key.charCodeAt(0) === 36) continue; // `$` system fields are not the user's to discover
      let acc = found.get(key);
      if (acc === undefined) found.set(key, (acc = { type: undefined, seen: 0, emptyList: false }));
      const value = doc[key];
      if (value === null || value === undefined) continue;
      acc.seen++;
      if (Array.isArray(value) && value.length === 0) {
        acc.emptyList = true;
        continue;
      }
      const t = inferType(value);
      acc.type = acc.type === undefined ? t : mergeInferredTypes(acc.type, t);
    }
  }
  const fields: Record<string, DiscoveredField> = {};
  for (const [name, acc] of found) {
    const field: DiscoveredField = { type: finalType(acc), nullable: acc.seen < documentCount, seen: acc.seen };
    Object.defineProperty(fields, name, { value: field, enumerable: true, writable: true, configurable: true });
  }
  return { documentCount, fields };
}

/**
 * The IceType schema of discovered fields: each field its discovered type,
 * required (`!`) when no document lacked it. Throws `SchemaRegistryError`
 * (`INVALID_SCHEMA`) when a discovered name cannot be a field name.
 *
 * @example
 * printSchema(discoveredSchema('Metric', discoverFromDocuments([{ n: 1 }, { n: 2.5, tag: 'x' }])))
 * // { $type: 'Metric', n: 'double!', tag: 'string' }
 */
export function discoveredSchema(collection: string, discovery: DocumentDiscovery): IceTypeSchema {
  const definition: Record<string, string> = {};
  Object.defineProperty(definition, '$type', { value: collection, enumerable: true });
  for (const [name, field] of Object.entries(discovery.fields)) {
    const type = `${field.type}${field.nullable ? '' : '!'}`;
    Object.defineProperty(definition, name, { value: type, enumerable: true });
  }
  try {
    return parseSchema(definition);
  } catch (error) {
    if (!(error instanceof IceTypeParseError)) throw error;
    throw new SchemaRegistryError('INVALID_SCHEMA', 'expected discovered fields to form a valid schema, found issues', {
      collection,
      issues: error.issues,
      cause: error,
    });
  }
}
