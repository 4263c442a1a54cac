/**
 * Document ids (ICETYPE.md §1 `$id`): the primary key, and what forward
 * relations (`-> T`) store. Any non-empty string of at most 512 characters
 * without control characters; the store generates UUIDv7 ids when absent.
 */
import { describeFound } from './describe-found.js';
import { DocumentError } from './document-error.js';
import { countCodePoints, hasLoneSurrogate } from './text.js';

/** The longest `$id`, in Unicode code points. */
export const MAX_ID_LENGTH = 512;

// C0, DEL and C1 control characters.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

const EXPECTED = `a non-empty string of at most ${MAX_ID_LENGTH} characters without control characters`;

/**
 * Why `value` is not a valid document id, as an "expected …, found …"
 * sentence that never repeats the value, or undefined when it is valid.
 *
 * @example
 * idProblem('') // 'expected a non-empty string … , found an empty string'
 */
export function idProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0) return `expected ${EXPECTED}, found ${describeFound(value)}`;
  if (value.length > MAX_ID_LENGTH) {
    const n = countCodePoints(value);
    if (n > MAX_ID_LENGTH) return `expected ${EXPECTED}, found a string of ${n} characters`;
  }
  if (CONTROL.test(value)) return `expected ${EXPECTED}, found a string with a control character`;
  if (hasLoneSurrogate(value)) return `expected ${EXPECTED} (well-formed Unicode), found a string with an unpaired surrogate`;
  return undefined;
}

/**
 * Throws `DocumentError` (`INVALID_ID`, path `['$id']`) unless `id` is a
 * valid document id. For the id arguments of `get`, `update`, `delete`.
 *
 * @example
 * assertDocumentId('User', request.params.id) // narrows to string
 */
export function assertDocumentId(collection: string, id: unknown): asserts id is string {
  const problem = idProblem(id);
  if (problem !== undefined) throw new DocumentError([{ code: 'INVALID_ID', message: problem, collection, path: ['$id'] }]);
}
