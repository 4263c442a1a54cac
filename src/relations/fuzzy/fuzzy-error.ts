import { IceTypeError } from '../../errors.js';

/** Why a fuzzy-relation matcher or a match was rejected. Adding a code is compatible; renaming one is a breaking change. */
export type FuzzyErrorCode =
  /** `matchers` or `db.fuzzy.match` names a collection that is not in the schema set. */
  | 'UNKNOWN_COLLECTION'
  /** A fuzzy field, or a text field of a matcher, that the collection does not declare. */
  | 'UNKNOWN_FIELD'
  /** A field given as a fuzzy relation that is not `~> T` (a plain field, `->`, `<-`, `<~`). */
  | 'NOT_A_FUZZY_FIELD'
  /** A matcher's text field that holds no text: not `string`, `text`, `varchar(N)` or an enum (single or list). */
  | 'NOT_A_TEXT_FIELD'
  /** `db.fuzzy.match` on a `~>` field that has no matcher in `drizzle(…, { matchers })`. */
  | 'NO_MATCHER'
  /** A malformed option or argument: `topK`, `threshold`, `fields`, `embed`, `ids`, a matcher not made by `textMatcher`/`embeddingMatcher`. */
  | 'INVALID_OPTION'
  /** `embed(texts)` threw or rejected (the error is the `cause`). */
  | 'EMBEDDING_FAILED'
  /** `embed(texts)` returned another number of vectors than texts. */
  | 'EMBEDDING_COUNT'
  /** `embed(texts)` returned something other than equal-length vectors of finite numbers. */
  | 'EMBEDDING_SHAPE';

/**
 * A rejected matcher configuration or match. The message says what was
 * expected and what was found and starts with the collection and field
 * involved (`Book.similar: …`); it never carries document text, ids' values
 * in bulk or vectors. A rejected match writes nothing.
 *
 * @example
 * try { db.fuzzy.match('Book', 'title') } catch (e) {
 *   if (e instanceof FuzzyError) e.code // 'NOT_A_FUZZY_FIELD'
 * }
 */
export class FuzzyError extends IceTypeError {
  override readonly name = 'FuzzyError';
  constructor(
    override readonly code: FuzzyErrorCode,
    message: string,
    readonly details: { readonly collection?: string; readonly field?: string; readonly cause?: unknown } = {},
  ) {
    super(code, `${where(details)}: ${message}`, details.cause === undefined ? undefined : { cause: details.cause });
  }
}

function where(details: { readonly collection?: string; readonly field?: string }): string {
  if (details.collection === undefined) return 'fuzzy';
  return details.field === undefined ? details.collection : `${details.collection}.${details.field}`;
}
