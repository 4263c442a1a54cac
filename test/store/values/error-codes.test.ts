/**
 * Every DocumentErrorCode: the code, the path, the "expected …, found …"
 * message shape, and that neither the issue nor the error message repeats the
 * offending value.
 */
import { describe, expect, it } from 'vitest';
import { parseSchema } from '../../../src/icetype/index.js';
import {
  DocumentError,
  MAX_DOCUMENT_BYTES,
  assertDocumentId,
  fromRow,
  toRowValues,
  validateDocument,
  type DocumentErrorCode,
  type ValidateDocumentOptions,
} from '../../../src/store/values/index.js';
import { AllTypes, CREATE, PATCH, SENTINEL, documentError } from './helpers.js';

interface Case {
  readonly code: DocumentErrorCode;
  readonly schema: Record<string, unknown>;
  readonly input: unknown;
  readonly path: string[];
  /** Words the message must contain (what was expected and what kind was found). */
  readonly says: RegExp;
  /** The offending value as it would appear in text; must not appear in the message. */
  readonly secret?: string;
  readonly options?: ValidateDocumentOptions;
}

const S = { $type: 'T' };
const bigDigits = '12345678901234567890123456789012345678901';

const cases: Case[] = [
  { code: 'NOT_AN_OBJECT', schema: { ...S, a: 'string' }, input: [SENTINEL], path: [], says: /expected a T document .*found an array/ },
  { code: 'NOT_AN_OBJECT', schema: { ...S, a: 'string' }, input: SENTINEL, path: [], says: /found a string/ },
  { code: 'NOT_AN_OBJECT', schema: { ...S, a: 'string' }, input: new Map([['a', SENTINEL]]), path: [], says: /found an instance of Map/ },
  { code: 'UNKNOWN_FIELD', schema: { ...S, a: 'string' }, input: { extra: SENTINEL }, path: ['extra'], says: /\$strict.*found an unknown field/ },
  { code: 'UNKNOWN_FIELD', schema: { ...S, $strict: false, a: 'string' }, input: { $extra: SENTINEL }, path: ['$extra'], says: /reserved for system fields/ },
  { code: 'REQUIRED_FIELD', schema: { ...S, a: 'string!' }, input: {}, path: ['a'], says: /expected a value for the required .* found none/ },
  { code: 'NULL_NOT_ALLOWED', schema: { ...S, a: 'string!' }, input: { a: null }, path: ['a'], says: /expected a non-null value .*string.*found null/ },
  { code: 'NULL_NOT_ALLOWED', schema: { ...S, tags: 'string[]' }, input: { tags: [SENTINEL, SENTINEL, null] }, path: ['tags', '2'], says: /arrays cannot hold null/ },
  { code: 'TYPE_MISMATCH', schema: { ...S, a: 'int' }, input: { a: SENTINEL }, path: ['a'], says: /expected an int .*found a string/ },
  { code: 'TYPE_MISMATCH', schema: { ...S, a: 'bool' }, input: { a: 1 }, path: ['a'], says: /expected a boolean .*found a whole number/ },
  { code: 'TYPE_MISMATCH', schema: { ...S, tags: 'string[]' }, input: { tags: SENTINEL }, path: ['tags'], says: /expected an array \(string\[\]\), found a string/ },
  { code: 'TYPE_MISMATCH', schema: { ...S, tags: 'int[]' }, input: { tags: [1, SENTINEL] }, path: ['tags', '1'], says: /found a string/ },
  { code: 'NOT_SETTABLE', schema: { ...S, posts: '<- Post.author[]' }, input: { posts: [SENTINEL] }, path: ['posts'], says: /"<- Post" is a backward relation derived from Post.author .*found an array/ },
  { code: 'NOT_SETTABLE', schema: { ...S, similar: '~> Post' }, input: { similar: SENTINEL }, path: ['similar'], says: /fuzzy relation/ },
  { code: 'NOT_SETTABLE', schema: { ...S, liked: '<~ Post.similar' }, input: { liked: SENTINEL }, path: ['liked'], says: /fuzzy backward relation/ },
  { code: 'INT_RANGE', schema: { ...S, a: 'int' }, input: { a: 3000000001 }, path: ['a'], says: /from -2147483648 to 2147483647.*32-bit.*above/, secret: '3000000001' },
  { code: 'LONG_RANGE', schema: { ...S, a: 'long' }, input: { a: 2n ** 60n }, path: ['a'], says: /returns integers as doubles.*found a bigint/, secret: String(2n ** 60n) },
  { code: 'LONG_RANGE', schema: { ...S, a: 'long' }, input: { a: 2 ** 60 }, path: ['a'], says: /cannot round-trip.*found a whole number/, secret: String(2 ** 60) },
  { code: 'NOT_FINITE', schema: { ...S, a: 'double' }, input: { a: Number.NaN }, path: ['a'], says: /expected a finite number \(double\), found NaN/ },
  { code: 'NOT_FINITE', schema: { ...S, a: 'float' }, input: { a: -Infinity }, path: ['a'], says: /found -Infinity/ },
  { code: 'NOT_FINITE', schema: { ...S, v: 'vector(2)' }, input: { v: [1, Infinity] }, path: ['v', '1'], says: /found Infinity/ },
  { code: 'NOT_FINITE', schema: { ...S, v: 'vector(2)' }, input: { v: [1, 1e39] }, path: ['v', '1'], says: /float32 range/, secret: '1e+39' },
  { code: 'DECIMAL_PRECISION', schema: { ...S, d: 'decimal(10,2)' }, input: { d: bigDigits }, path: ['d'], says: /at most 8 integer digits for decimal\(10,2\), found 41 integer digits/, secret: bigDigits },
  { code: 'DECIMAL_PRECISION', schema: { ...S, d: 'decimal(10,2)' }, input: { d: '1.12345' }, path: ['d'], says: /at most 2 fraction digits .*never rounded.*found 5 fraction digits/, secret: '1.12345' },
  { code: 'INVALID_DECIMAL', schema: { ...S, d: 'decimal(10,2)' }, input: { d: `${SENTINEL}1e5` }, path: ['d'], says: /no exponent.*found a string that is not a plain decimal/ },
  { code: 'INVALID_DECIMAL', schema: { ...S, d: 'decimal(10,2)' }, input: { d: '1e5' }, path: ['d'], says: /found a string/, secret: '1e5' },
  { code: 'ENUM_VALUE', schema: { ...S, e: '"red" | "green"' }, input: { e: SENTINEL }, path: ['e'], says: /expected one of "red", "green", found a string that is none of them/ },
  { code: 'VARCHAR_LENGTH', schema: { ...S, v: 'varchar(10)' }, input: { v: SENTINEL }, path: ['v'], says: new RegExp(`at most 10 characters for varchar\\(10\\), found ${SENTINEL.length} characters`) },
  { code: 'INVALID_STRING', schema: { ...S, s: 'string' }, input: { s: `${SENTINEL}\uD800` }, path: ['s'], says: /well-formed Unicode.*unpaired surrogate/ },
  { code: 'INVALID_UUID', schema: { ...S, u: 'uuid' }, input: { u: SENTINEL }, path: ['u'], says: /expected a UUID string .*found a string in another format/ },
  { code: 'INVALID_TIMESTAMP', schema: { ...S, t: 'timestamp' }, input: { t: SENTINEL }, path: ['t'], says: /ISO-8601 .*time zone.*found a string that is not/ },
  { code: 'INVALID_TIMESTAMP', schema: { ...S, t: 'timestamp' }, input: { t: '2031-07-09T11:12:13' }, path: ['t'], says: /with a time zone/, secret: '2031-07-09T11:12:13' },
  { code: 'INVALID_TIMESTAMP', schema: { ...S, t: 'timestamp' }, input: { t: new Date(Number.NaN) }, path: ['t'], says: /found an invalid Date/ },
  { code: 'INVALID_TIMESTAMP', schema: { ...S, t: 'timestamp' }, input: { t: 1.5 }, path: ['t'], says: /found a fractional number/, secret: '1.5' },
  { code: 'INVALID_DATE', schema: { ...S, d: 'date' }, input: { d: '2023-02-29' }, path: ['d'], says: /real calendar day, found a string naming a day that does not exist/, secret: '2023-02-29' },
  { code: 'INVALID_DATE', schema: { ...S, d: 'date' }, input: { d: SENTINEL }, path: ['d'], says: /"YYYY-MM-DD".*found a string in another format/ },
  { code: 'INVALID_TIME', schema: { ...S, t: 'time' }, input: { t: '24:00:00' }, path: ['t'], says: /"HH:MM:SS\[\.ffffff\]".*found a string in another format/, secret: '24:00:00' },
  { code: 'INVALID_TIME', schema: { ...S, t: 'time' }, input: { t: '10:00:00.1234567' }, path: ['t'], says: /found a string/, secret: '10:00:00.1234567' },
  { code: 'VECTOR_DIMENSIONS', schema: { ...S, v: 'vector(3)' }, input: { v: [1, 2, 3, 4, 5] }, path: ['v'], says: /expected 3 numbers for vector\(3\), found 5/ },
  { code: 'INVALID_JSON', schema: { ...S, j: 'json' }, input: { j: { a: [SENTINEL, undefined] } }, path: ['j', 'a', '1'], says: /expected a JSON value .*found undefined/ },
  { code: 'INVALID_JSON', schema: { ...S, j: 'json' }, input: { j: { f: () => SENTINEL } }, path: ['j', 'f'], says: /found a function/ },
  { code: 'INVALID_JSON', schema: { ...S, j: 'json' }, input: { j: [Number.NaN] }, path: ['j', '0'], says: /found NaN/ },
  { code: 'INVALID_JSON', schema: { ...S, j: 'json' }, input: { j: { when: new Date() } }, path: ['j', 'when'], says: /found a Date/ },
  { code: 'INVALID_JSON', schema: { ...S, j: 'json' }, input: { j: { n: 1n } }, path: ['j', 'n'], says: /found a bigint/ },
  { code: 'INVALID_ID', schema: { ...S, a: 'string' }, input: { $id: '' }, path: ['$id'], says: /non-empty string of at most 512 characters .*found an empty string/ },
  { code: 'INVALID_ID', schema: { ...S, a: 'string' }, input: { $id: SENTINEL.repeat(20) }, path: ['$id'], says: new RegExp(`found a string of ${SENTINEL.length * 20} characters`) },
  { code: 'INVALID_ID', schema: { ...S, a: 'string' }, input: { $id: `${SENTINEL}\n` }, path: ['$id'], says: /found a string with a control character/ },
  { code: 'INVALID_ID', schema: { ...S, a: 'string' }, input: { $id: 42 }, path: ['$id'], says: /found a whole number/ },
  { code: 'INVALID_ID', schema: { ...S, owner: '-> User' }, input: { owner: `${SENTINEL}\u0000` }, path: ['owner'], says: /expected a target \$id: .*control character/ },
  { code: 'INVALID_ID', schema: { ...S, members: '-> User[]' }, input: { members: [SENTINEL, ''] }, path: ['members', '1'], says: /found an empty string/ },
  { code: 'SYSTEM_FIELD', schema: { ...S, a: 'string' }, input: { $type: SENTINEL }, path: ['$type'], says: /expected \$type to be left to the store .*found a string/ },
  { code: 'SYSTEM_FIELD', schema: { ...S, a: 'string' }, input: { $version: 7 }, path: ['$version'], says: /\+1 per update/ },
  { code: 'SYSTEM_FIELD', schema: { ...S, a: 'string' }, input: { $createdAt: new Date() }, path: ['$createdAt'], says: /found a Date/ },
  { code: 'SYSTEM_FIELD', schema: { ...S, a: 'string' }, input: { $updatedAt: SENTINEL }, path: ['$updatedAt'], says: /found a string/ },
  { code: 'SYSTEM_FIELD', schema: { ...S, a: 'string' }, input: { $id: SENTINEL }, path: ['$id'], says: /a \$id never changes.*found a string that differs/, options: PATCH },
  { code: 'DOCUMENT_TOO_LARGE', schema: { ...S, a: 'text' }, input: { a: SENTINEL.repeat(40_000) }, path: [], says: new RegExp(`at most ${MAX_DOCUMENT_BYTES} bytes .*found about \\d+ bytes`) },
];

describe('document error codes', () => {
  it.each(cases.map((c, i) => [`${c.code} #${i}`, c] as const))('%s', (_name, c) => {
    const schema = parseSchema(c.schema);
    const err = documentError(() => validateDocument(schema, c.input, c.options ?? CREATE));
    expect(err).toBeInstanceOf(DocumentError);
    expect(err.name).toBe('DocumentError');
    expect(err.code).toBe(c.code);
    expect(err.collection).toBe('T');
    expect(err.issues).toHaveLength(1);
    const issue = err.issues[0]!;
    expect(issue.code).toBe(c.code);
    expect(issue.collection).toBe('T');
    expect(issue.path).toEqual(c.path);
    expect(issue.message).toMatch(/^expected /);
    expect(issue.message).toMatch(c.says);
    for (const text of [issue.message, err.message]) {
      expect(text).not.toContain('SENTINEL');
      if (c.secret !== undefined) expect(text).not.toContain(c.secret);
    }
  });

  it('covers every code that validateDocument can produce', () => {
    const covered = new Set(cases.map((c) => c.code));
    const all: DocumentErrorCode[] = [
      'NOT_AN_OBJECT', 'UNKNOWN_FIELD', 'REQUIRED_FIELD', 'NULL_NOT_ALLOWED', 'TYPE_MISMATCH', 'NOT_SETTABLE',
      'INT_RANGE', 'LONG_RANGE', 'NOT_FINITE', 'DECIMAL_PRECISION', 'INVALID_DECIMAL', 'ENUM_VALUE',
      'VARCHAR_LENGTH', 'INVALID_STRING', 'INVALID_UUID', 'INVALID_TIMESTAMP', 'INVALID_DATE', 'INVALID_TIME',
      'VECTOR_DIMENSIONS', 'INVALID_JSON', 'INVALID_ID', 'SYSTEM_FIELD', 'DOCUMENT_TOO_LARGE',
    ];
    expect([...covered].sort()).toEqual([...all].sort());
  });

  it('reports every issue of a document at once, with the $id as context', () => {
    const schema = parseSchema({ $type: 'T', a: 'int!', b: 'date', tags: 'string[]' });
    const err = documentError(() =>
      validateDocument(schema, { $id: 'doc-9', b: SENTINEL, tags: [SENTINEL, 3, null], extra: SENTINEL }, CREATE),
    );
    expect(err.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['REQUIRED_FIELD', 'a'],
      ['INVALID_DATE', 'b'],
      ['TYPE_MISMATCH', 'tags.1'],
      ['NULL_NOT_ALLOWED', 'tags.2'],
      ['UNKNOWN_FIELD', 'extra'],
    ]);
    expect(err.code).toBe('REQUIRED_FIELD');
    expect(err.id).toBe('doc-9');
    expect(err.issues.every((i) => i.id === 'doc-9' && i.collection === 'T')).toBe(true);
    expect(err.message).toMatch(/^invalid T "doc-9" document, 5 issues:\n {2}- a: expected/);
    expect(err.message).not.toContain('SENTINEL');
  });

  it('names the patched document in issues', () => {
    const schema = parseSchema({ $type: 'T', a: 'int' });
    const err = documentError(() => validateDocument(schema, { a: SENTINEL }, PATCH));
    expect(err.issues[0]).toMatchObject({ code: 'TYPE_MISMATCH', id: 'doc-1', path: ['a'] });
  });

  it('assertDocumentId throws INVALID_ID without the value', () => {
    expect(() => assertDocumentId('T', 'ok-id')).not.toThrow();
    const err = documentError(() => assertDocumentId('T', `${SENTINEL}\u0007`));
    expect(err.issues).toEqual([{ code: 'INVALID_ID', collection: 'T', path: ['$id'], message: expect.stringMatching(/control character/) }]);
    expect(err.message).not.toContain('SENTINEL');
  });

  it('fromRow reports INVALID_STORED_VALUE without the stored value', () => {
    const bad: [Record<string, SqlStorageValue>, string[], RegExp][] = [
      [{ $id: 'r1', aBool: SENTINEL }, ['aBool'], /expected the column of bool to hold 0 or 1, found a string/],
      [{ $id: 'r1', strings: `[${SENTINEL}` }, ['strings'], /JSON text, found text that is not JSON/],
      [{ $id: 'r1', strings: JSON.stringify({ s: SENTINEL }) }, ['strings'], /a JSON array, found an object/],
      [{ $id: 'r1', aVector: new ArrayBuffer(8) }, ['aVector'], /a BLOB of 12 bytes/],
      [{ $id: 'r1', aTimestamp: SENTINEL }, ['aTimestamp'], /epoch milliseconds, found a string/],
      [{ $id: 'r1', timestamps: JSON.stringify([SENTINEL]) }, ['timestamps'], /ISO-8601 timestamps, found a string/],
      [{ $id: 'r1', binaries: JSON.stringify([SENTINEL]) }, ['binaries'], /hex strings, found a string/],
      [{ $id: 'r1', $createdAt: SENTINEL }, ['$createdAt'], /expected \$createdAt to be epoch milliseconds, found a string/],
    ];
    for (const [row, path, says] of bad) {
      const err = documentError(() => fromRow(AllTypes, row));
      expect(err.issues).toEqual([{ code: 'INVALID_STORED_VALUE', collection: 'AllTypes', id: 'r1', path, message: expect.stringMatching(says) }]);
      expect(err.message).not.toContain('SENTINEL');
    }
  });

  it('toRowValues rejects values that were not normalised, without the value', () => {
    const err = documentError(() => toRowValues(AllTypes, { aTimestamp: SENTINEL }));
    expect(err.issues[0]).toMatchObject({ code: 'TYPE_MISMATCH', path: ['aTimestamp'] });
    expect(err.message).toMatch(/validateDocument/);
    expect(err.message).not.toContain('SENTINEL');
  });
});
