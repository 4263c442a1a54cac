/**
 * The error of document validation and decoding (ICETYPE.md §3, §4; issue 3
 * §2): every problem found in one document is an issue with a stable `code`,
 * the collection, a field path and the `$id` when known. Messages say what
 * was expected and the *kind* of what was found — never the value itself,
 * since documents may hold personal data.
 */
import { IceTypeError } from '../../errors.js';

/**
 * Every stable document issue code. Adding one is compatible; renaming one is
 * a breaking change.
 */
export type DocumentErrorCode =
  /** The document is not a plain object. */
  | 'NOT_AN_OBJECT'
  /** A key that is not a field of the collection, on a `$strict` collection (or any other `$`-key). */
  | 'UNKNOWN_FIELD'
  /** A required (`!`) field without a default is missing on create. */
  | 'REQUIRED_FIELD'
  /** `null` on a required field, or as an array item. */
  | 'NULL_NOT_ALLOWED'
  /** The value has the wrong JavaScript type for the field. */
  | 'TYPE_MISMATCH'
  /** Backward and fuzzy relations (`<-`, `~>`, `<~`) are derived and take no value. */
  | 'NOT_SETTABLE'
  /** `int` is a 32-bit signed integer. */
  | 'INT_RANGE'
  /** `long` beyond ±(2^53−1): DO SQLite returns integers as doubles. */
  | 'LONG_RANGE'
  /** NaN or ±Infinity in a number field (or a vector item beyond the float32 range). */
  | 'NOT_FINITE'
  /** More integer digits than P−S or more fraction digits than S; decimals are never rounded. */
  | 'DECIMAL_PRECISION'
  /** Not a decimal: a string with an exponent or other characters, or another type. */
  | 'INVALID_DECIMAL'
  /** A string not among the enum's values. */
  | 'ENUM_VALUE'
  /** A string longer than `varchar(N)` allows (in Unicode code points). */
  | 'VARCHAR_LENGTH'
  /** A string with an unpaired UTF-16 surrogate, which SQLite's UTF-8 text cannot hold. */
  | 'INVALID_STRING'
  | 'INVALID_UUID'
  /** Not a valid Date, ISO-8601 string with a time zone, or integer epoch milliseconds. */
  | 'INVALID_TIMESTAMP'
  /** Not a real calendar date `YYYY-MM-DD`. */
  | 'INVALID_DATE'
  /** Not `HH:MM:SS[.ffffff]`. */
  | 'INVALID_TIME'
  /** A vector with the wrong number of items. */
  | 'VECTOR_DIMENSIONS'
  /** A value JSON cannot hold: undefined, functions, NaN, bigint, cycles, non-plain objects. */
  | 'INVALID_JSON'
  /** `$id` (or a relation's target id) is not a non-empty string of at most 512 characters without control characters. */
  | 'INVALID_ID'
  /** `$type`, `$version`, `$createdAt` and `$updatedAt` are set by the store. */
  | 'SYSTEM_FIELD'
  /** The document is larger than `MAX_DOCUMENT_BYTES`. */
  | 'DOCUMENT_TOO_LARGE'
  /** A stored value read back by `fromRow` does not have the shape its column should hold. */
  | 'INVALID_STORED_VALUE';

/** One problem found in one document. */
export interface DocumentIssue {
  readonly code: DocumentErrorCode;
  /** Says what was expected and the kind of value found (never the value). */
  readonly message: string;
  /** The collection name (`schema.name`). */
  readonly collection: string;
  /** `['age']` for a field, `['tags', '2']` for an array item, `[]` for the whole document. */
  readonly path: readonly string[];
  /** The document's `$id`, when known. */
  readonly id?: string;
}

/** One issue as a line: `tags.2: expected …`. */
export function formatDocumentIssue(issue: DocumentIssue): string {
  return issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}

const MAX_LISTED_ISSUES = 10;

/**
 * Thrown when a document is invalid. `code` is the first issue's code;
 * `issues` holds every issue found (a document is checked completely before
 * anything is thrown).
 *
 * @example
 * try {
 *   validateDocument(User, { age: 'x' }, { mode: 'create', now: new Date(), newId })
 * } catch (e) {
 *   if (e instanceof DocumentError) e.issues[0] // { code: 'TYPE_MISMATCH', path: ['age'], collection: 'User', message: 'expected an int …, found a string' }
 * }
 */
export class DocumentError extends IceTypeError {
  override readonly name = 'DocumentError';
  /** Code of the first issue. */
  declare readonly code: DocumentErrorCode;
  /** The collection of the document. */
  readonly collection: string;
  /** The document's `$id`, when known. */
  readonly id?: string;
  /** Every issue found. Never empty. */
  readonly issues: DocumentIssue[];

  constructor(issues: readonly DocumentIssue[]) {
    const first = issues[0];
    if (first === undefined) throw new TypeError('DocumentError needs at least one issue');
    const subject = first.id !== undefined ? `${first.collection} ${JSON.stringify(first.id)}` : first.collection;
    const listed = issues.slice(0, MAX_LISTED_ISSUES).map((i) => `  - ${formatDocumentIssue(i)}`);
    if (issues.length > MAX_LISTED_ISSUES) listed.push(`  - … and ${issues.length - MAX_LISTED_ISSUES} more`);
    super(
      first.code,
      issues.length === 1
        ? `invalid ${subject} document: ${formatDocumentIssue(first)}`
        : `invalid ${subject} document, ${issues.length} issues:\n${listed.join('\n')}`,
    );
    this.collection = first.collection;
    if (first.id !== undefined) this.id = first.id;
    this.issues = [...issues];
  }
}
