import { quoteIdentifier } from '../cdc/row-json.js';
import type { IceTypeSchema } from '../icetype/ast.js';
import { compileFilter, MAX_BOUND_PARAMETERS, type Filter } from '../store/filter/index.js';
import { fromRow, type NormalizedDocument } from '../store/values/index.js';
import { ftsTableName } from './fts-objects.js';
import { matchExpression, searchTerms } from './fts-query.js';
import { checkOptions, integerOption } from './options.js';
import { rowidName } from './rowid.js';
import { SearchError } from './search-error.js';

/** Most hits one `search` call returns. */
export const MAX_SEARCH_LIMIT = 1000;
/** Longest search text, in UTF-16 code units. */
export const MAX_QUERY_LENGTH = 2000;
/** Most terms a search text may hold (each one is ANDed). */
export const MAX_QUERY_TERMS = 32;

/** Options of `search`. */
export interface SearchOptions {
  /** Most hits to return (default 20, at most `MAX_SEARCH_LIMIT`). */
  readonly limit?: number;
  /** Hits to skip first (default 0). */
  readonly offset?: number;
  /** Only documents matching this filter (the filter of `db.store.query`). */
  readonly where?: Filter;
  /** Search only these `$fts` fields (default: all of them). */
  readonly fields?: readonly string[];
  /** Match the last term as a prefix, for search-as-you-type (default false). */
  readonly prefix?: boolean;
}

/** A document found, with its relevance: higher is better. */
export interface SearchHit<Doc = NormalizedDocument> {
  readonly document: Doc;
  readonly score: number;
}

const OPTIONS = ['limit', 'offset', 'where', 'fields', 'prefix'];
/** The MATCH text, LIMIT and OFFSET; the filter gets the rest of DO SQLite's 100. */
const OWN_PARAMS = 3;

function checkFields(schema: IceTypeSchema, fields: unknown): readonly string[] | undefined {
  if (fields === undefined) return undefined;
  const known = schema.directives.fts;
  const valid = Array.isArray(fields) && fields.length > 0 && fields.every((f, i) => typeof f === 'string' && known.includes(f) && fields.indexOf(f) === i);
  if (!valid) {
    throw new SearchError('INVALID_OPTION', `expected fields to be a non-empty list of distinct $fts fields (${known.join(', ')})`, { collection: schema.name });
  }
  return fields as readonly string[];
}

/**
 * Full-text search over a collection's `$fts` fields, best first. The text
 * is split on whitespace; a document matches when it contains every term
 * (case and diacritics ignored: `cafe` finds `Café`). FTS5 syntax in the
 * text is never interpreted — quotes, `NEAR(`, `OR`, `*`, `-`, `:` are
 * plain text — so any text is safe; one without words returns `[]`.
 * Ranked by BM25 over the searched fields (more occurrences of rarer terms
 * in shorter fields rank higher); `score` is −bm25, so higher is better.
 * Ties break on `$id`. Reads the FTS5 index and the matching rows only.
 *
 * @throws SearchError `NOT_SEARCHABLE`, `INVALID_QUERY`, `INVALID_OPTION`; FilterError for a bad `where`.
 * @example
 * ```ts
 * search(ctx.storage.sql, Post, 'durable obj', { prefix: true, where: { published: true }, limit: 10 })
 * // SELECT "Post".*, bm25("Post_fts") AS "$bm25" FROM "Post_fts" JOIN "Post" ON "Post".rowid = "Post_fts".rowid
 * //   WHERE "Post_fts" MATCH ? AND ("Post"."published" = ?) ORDER BY "$bm25", "Post"."$id" LIMIT ? OFFSET ?
 * // MATCH '"durable" AND "obj"*'
 * ```
 */
export function search(sql: SqlStorage, schema: IceTypeSchema, text: string, options: SearchOptions = {}): SearchHit[] {
  const collection = schema.name;
  if (schema.directives.fts.length === 0) {
    throw new SearchError('NOT_SEARCHABLE', 'expected a collection with $fts fields, found none', { collection });
  }
  const opts = checkOptions(collection, options, OPTIONS);
  const limit = integerOption(collection, 'limit', opts.limit, 0, MAX_SEARCH_LIMIT, 20);
  const offset = integerOption(collection, 'offset', opts.offset, 0, Number.MAX_SAFE_INTEGER, 0);
  const columns = checkFields(schema, opts.fields);
  if (opts.prefix !== undefined && typeof opts.prefix !== 'boolean') {
    throw new SearchError('INVALID_OPTION', `expected prefix to be a boolean, found ${typeof opts.prefix}`, { collection });
  }
  if (typeof text !== 'string') throw new SearchError('INVALID_QUERY', `expected the search text to be a string, found ${text === null ? 'null' : typeof text}`, { collection });
  if (text.length > MAX_QUERY_LENGTH) {
    throw new SearchError('INVALID_QUERY', `expected a search text of at most ${MAX_QUERY_LENGTH} characters, found ${text.length}`, { collection });
  }
  const terms = searchTerms(text);
  if (terms.length > MAX_QUERY_TERMS) {
    throw new SearchError('INVALID_QUERY', `expected at most ${MAX_QUERY_TERMS} search terms, found ${terms.length}`, { collection });
  }
  const filter = opts.where === undefined ? undefined : compileFilter(schema, opts.where as Filter, { maxParams: MAX_BOUND_PARAMETERS - OWN_PARAMS });
  if (terms.length === 0 || limit === 0) return [];

  const match = matchExpression(terms, { prefix: opts.prefix === true, ...(columns === undefined ? {} : { columns }) });
  const fts = quoteIdentifier(ftsTableName(collection));
  const table = quoteIdentifier(collection);
  const statement =
    `SELECT ${table}.*, bm25(${fts}) AS "$bm25" FROM ${fts} JOIN ${table} ON ${table}.${rowidName(schema)} = ${fts}.rowid ` +
    `WHERE ${fts} MATCH ?${filter === undefined ? '' : ` AND (${filter.sql})`} ORDER BY "$bm25", ${table}."$id" LIMIT ? OFFSET ?`;
  let rows: Record<string, SqlStorageValue>[];
  try {
    rows = sql.exec(statement, match, ...(filter?.params ?? []), limit, offset).toArray();
  } catch (error) {
    if (error instanceof Error && error.message.includes(`no such table: ${ftsTableName(collection)}`)) {
      throw new SearchError('NOT_SEARCHABLE', 'expected an installed full-text index, found none (migrate installs it)', { collection, cause: error });
    }
    throw error;
  }
  return rows.map((row) => ({ document: fromRow(schema, row), score: 0 - (row.$bm25 as number) }));
}
