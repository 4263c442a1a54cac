import { quoteIdentifier } from '../cdc/row-json.js';
import type { FieldDefinition, IceTypeSchema } from '../icetype/ast.js';
import { compileFilter, MAX_BOUND_PARAMETERS, type Filter } from '../store/filter/index.js';
import { compareText } from '../store/filter/text-order.js';
import { DocumentError, fromRow } from '../store/values/index.js';
import { cosineWithNorm, vectorNorm } from './cosine.js';
import { float32Values } from './float32-blob.js';
import { checkOptions, integerOption } from './options.js';
import { rowidName } from './rowid.js';
import type { SearchHit } from './search.js';
import { SearchError } from './search-error.js';
import { TopK } from './top-k.js';

/** Most neighbours one `nearest` call returns. */
export const MAX_NEAREST_K = 1000;
/** Rows read per statement while scanning: memory stays O(k + page). */
export const NEAREST_PAGE_SIZE = 512;

/** Options of `nearest`. */
export interface NearestOptions {
  /** How many neighbours (default 10, at most `MAX_NEAREST_K`). */
  readonly k?: number;
  /** Only documents matching this filter (the filter of `db.store.query`), applied in SQL before scoring. */
  readonly where?: Filter;
  /** Leave out documents scoring below this (cosine similarity, −1…1). */
  readonly minScore?: number;
}

const OPTIONS = ['k', 'where', 'minScore'];
/** The rowid cursor of each page; the filter gets the rest of DO SQLite's 100. */
const OWN_PARAMS = 1;

interface Candidate {
  readonly id: string;
  readonly score: number;
}

interface PageRow extends Record<string, SqlStorageValue> {
  $rowid: number;
  $id: string;
  $vector: SqlStorageValue;
}

/** A stored vector of the wrong size or type: the error reading the document would give. */
function corruptVector(schema: IceTypeSchema, field: string, dimensions: number, id: string): DocumentError {
  return new DocumentError([
    {
      code: 'INVALID_STORED_VALUE',
      message: `expected the column of vector(${dimensions}) to hold a BLOB of ${dimensions * 4} bytes (${dimensions} float32), found another value`,
      collection: schema.name,
      path: [field],
      id,
    },
  ]);
}

/** Best first: higher score, then `$id` ascending as SQLite orders text. */
function compareCandidates(a: Candidate, b: Candidate): number {
  return b.score - a.score || compareText(a.id, b.id);
}

function vectorField(schema: IceTypeSchema, name: unknown): FieldDefinition & { type: { kind: 'vector' } } {
  const field = typeof name === 'string' ? schema.fields.get(name) : undefined;
  if (field === undefined || field.type.kind !== 'vector' || field.isArray || field.relation !== undefined) {
    const vectors = [...schema.fields.values()].filter((f) => f.type.kind === 'vector' && !f.isArray).map((f) => f.name);
    const found = typeof name === 'string' ? JSON.stringify(name) : typeof name;
    throw new SearchError('NOT_A_VECTOR_FIELD', `expected a vector(N) field (${vectors.join(', ') || 'none'}), found ${found}`, {
      collection: schema.name,
      ...(typeof name === 'string' ? { field: name } : {}),
    });
  }
  return field as FieldDefinition & { type: { kind: 'vector' } };
}

/** The query as float32, like stored vectors: checked for length and finiteness, non-zero. */
function queryVector(schema: IceTypeSchema, field: string, dimensions: number, vector: unknown): Float32Array {
  const details = { collection: schema.name, field };
  if (!Array.isArray(vector) && !(vector instanceof Float32Array)) {
    throw new SearchError('INVALID_QUERY', `expected the query vector as number[] or Float32Array, found ${vector === null ? 'null' : typeof vector}`, details);
  }
  if (vector.length !== dimensions) {
    throw new SearchError('VECTOR_DIMENSIONS', `expected a query vector of ${dimensions} dimensions, found ${vector.length}`, details);
  }
  const query = new Float32Array(dimensions);
  for (let i = 0; i < dimensions; i++) {
    const x: unknown = vector[i];
    if (typeof x !== 'number') throw new SearchError('INVALID_QUERY', `expected a number at index ${i} of the query vector, found ${typeof x}`, details);
    query[i] = x;
    if (!Number.isFinite(query[i])) {
      throw new SearchError('NOT_FINITE', `expected finite float32 components, found ${Number.isNaN(x) ? 'NaN' : 'a value beyond ±3.4e38'} at index ${i}`, details);
    }
  }
  return query;
}

/**
 * The `k` documents whose `field` vectors are most similar to `vector` by
 * cosine similarity, best first (ties by `$id`), each with its score in
 * [−1, 1]. Exact: every row passing `where` is scored — no approximate
 * index. Rows are read in pages of `NEAREST_PAGE_SIZE` (only `$id` and the
 * vector) through a bounded top-k heap, so memory is O(k + page) whatever
 * the collection's size; the k winners are then read whole in one
 * statement. Billed rows read ≈ rows passing `where` + k.
 *
 * The query is taken as float32, like the stored vectors. Rows whose vector
 * is null are skipped, and so are zero vectors: they have no direction, so
 * their similarity is undefined (a zero query vector is an error).
 *
 * @throws SearchError `NOT_A_VECTOR_FIELD`, `VECTOR_DIMENSIONS`, `NOT_FINITE`, `INVALID_QUERY`, `INVALID_OPTION`; FilterError for a bad `where`.
 * @example
 * ```ts
 * nearest(ctx.storage.sql, Doc, 'embedding', queryEmbedding, { k: 5, where: { lang: 'en' } })
 * // pages of: SELECT "Doc".rowid AS "$rowid", "$id", "embedding" AS "$vector" FROM "Doc"
 * //   WHERE "Doc".rowid > ? AND "Doc"."embedding" IS NOT NULL AND ("Doc"."lang" = ?) ORDER BY "Doc".rowid LIMIT 512
 * // → [{ document: {…}, score: 0.93 }, …]
 * ```
 */
export function nearest(sql: SqlStorage, schema: IceTypeSchema, field: string, vector: readonly number[] | Float32Array, options: NearestOptions = {}): SearchHit[] {
  const collection = schema.name;
  const definition = vectorField(schema, field);
  const opts = checkOptions(collection, options, OPTIONS);
  const k = integerOption(collection, 'k', opts.k, 1, MAX_NEAREST_K, 10);
  const minScore = opts.minScore;
  if (minScore !== undefined && (typeof minScore !== 'number' || !Number.isFinite(minScore))) {
    throw new SearchError('INVALID_OPTION', `expected minScore to be a finite number, found ${typeof minScore === 'number' ? String(minScore) : typeof minScore}`, { collection });
  }
  const dimensions = definition.type.dimensions;
  const query = queryVector(schema, field, dimensions, vector);
  const queryNorm = vectorNorm(query);
  if (queryNorm === 0) throw new SearchError('INVALID_QUERY', 'expected a query vector with a direction, found the zero vector', { collection, field });
  const filter = opts.where === undefined ? undefined : compileFilter(schema, opts.where as Filter, { maxParams: MAX_BOUND_PARAMETERS - OWN_PARAMS });

  const table = quoteIdentifier(collection);
  const rowid = `${table}.${rowidName(schema)}`;
  const column = `${table}.${quoteIdentifier(field)}`;
  const page = (first: boolean) =>
    `SELECT ${rowid} AS "$rowid", "$id", ${column} AS "$vector" FROM ${table} WHERE ${first ? '' : `${rowid} > ? AND `}${column} IS NOT NULL` +
    `${filter === undefined ? '' : ` AND (${filter.sql})`} ORDER BY ${rowid} LIMIT ${NEAREST_PAGE_SIZE}`;
  const best = new TopK<Candidate>(k, compareCandidates);
  let after: number | undefined;
  for (;;) {
    const cursor = after === undefined ? [] : [after];
    const rows = sql.exec<PageRow>(page(after === undefined), ...cursor, ...(filter?.params ?? [])).toArray();
    for (const row of rows) {
      const blob = row.$vector;
      if (!(blob instanceof ArrayBuffer) || blob.byteLength !== dimensions * 4) throw corruptVector(schema, field, dimensions, row.$id);
      const score = cosineWithNorm(query, queryNorm, float32Values(blob));
      if (score === null || (minScore !== undefined && score < minScore)) continue;
      best.offer({ id: row.$id, score });
    }
    if (rows.length < NEAREST_PAGE_SIZE) break;
    after = rows[rows.length - 1]!.$rowid;
  }

  const winners = best.sorted();
  if (winners.length === 0) return [];
  const documents = new Map<unknown, Record<string, SqlStorageValue>>();
  for (const row of sql.exec(`SELECT * FROM ${table} WHERE "$id" IN (SELECT value FROM json_each(?))`, JSON.stringify(winners.map((w) => w.id)))) {
    documents.set(row.$id, row);
  }
  return winners.map((w) => ({ document: fromRow(schema, documents.get(w.id)!), score: w.score }));
}
