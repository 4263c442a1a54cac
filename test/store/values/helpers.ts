/** Shared fixtures of the document value tests. */
import { parseSchema } from '../../../src/icetype/index.js';
import { DocumentError, validateDocument, type ValidateDocumentOptions } from '../../../src/store/values/index.js';

/** A value that stands for personal data: it must never appear in an error message. */
export const SENTINEL = 'SENTINEL-ada.lovelace@example.com';

export const NOW = new Date('2024-03-05T06:07:08.009Z');
export const FIXED_ID = '01900000-0000-7000-8000-000000000001';

export const CREATE: ValidateDocumentOptions = { mode: 'create', now: NOW, newId: () => FIXED_ID };
export const PATCH: ValidateDocumentOptions = { mode: 'patch', id: 'doc-1', now: NOW, newId: () => FIXED_ID };

/** The `DocumentError` thrown by `f` (fails the test when none is thrown). */
export function documentError(f: () => unknown): DocumentError {
  try {
    f();
  } catch (e) {
    if (e instanceof DocumentError) return e;
    throw e;
  }
  throw new Error('expected a DocumentError, nothing was thrown');
}

/** Validates one field's value in a one-field (optional) schema and returns the normalised value. */
export function normalizeOne(type: string, value: unknown): unknown {
  const schema = parseSchema({ $type: 'T', f: type });
  return validateDocument(schema, { f: value }, CREATE).f;
}

/** The issues of validating `{ f: value }` against a one-field schema. */
export function issuesOf(type: string, value: unknown) {
  const schema = parseSchema({ $type: 'T', f: type });
  return documentError(() => validateDocument(schema, { f: value }, CREATE)).issues;
}

/** A schema with one field of every type, arrays of most, and relations. */
export const AllTypes = parseSchema({
  $type: 'AllTypes',
  aString: 'string',
  aText: 'text',
  aVarchar: 'varchar(5)',
  aUuid: 'uuid',
  anEnum: '"red" | "green" | "blue"',
  anInt: 'int',
  aLong: 'long',
  aFloat: 'float',
  aDouble: 'double',
  aBool: 'bool',
  aTimestamp: 'timestamp',
  aDate: 'date',
  aTime: 'time',
  aJson: 'json',
  aBinary: 'binary',
  aDecimal: 'decimal(10,2)',
  aWholeDecimal: 'decimal(38)',
  aVector: 'vector(3)',
  strings: 'string[]',
  ints: 'int[]',
  longs: 'long[]',
  doubles: 'double[]',
  bools: 'bool[]',
  timestamps: 'timestamp[]',
  dates: 'date[]',
  times: 'time[]',
  uuids: 'uuid[]',
  enums: '"a" | "b"[]',
  decimals: 'decimal(10,2)[]',
  binaries: 'binary[]',
  vectors: 'vector(2)[]',
  jsons: 'json[]',
  owner: '-> User',
  members: '-> User[]',
  posts: '<- Post.author[]',
});
