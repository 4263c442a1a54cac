/**
 * The document size limit: documentByteSize measures JSON text (binary and
 * vectors at their byte length) and validateDocument rejects documents over
 * MAX_DOCUMENT_BYTES without echoing them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSchema } from '../../../src/icetype/index.js';
import {
  MAX_DOCUMENT_BYTES,
  documentByteSize,
  documentSizeIssue,
  validateDocument,
} from '../../../src/store/values/index.js';
import { documentSizeBound } from '../../../src/store/values/document-size.js';
import type { NormalizedDocument, NormalizedValue } from '../../../src/store/values/normalized-document.js';
import { CREATE, PATCH, SENTINEL, documentError } from './helpers.js';

const Blob = parseSchema({ $type: 'Blob', body: 'text', data: 'binary', emb: 'vector(1024)', list: 'binary[]', meta: 'json' });

describe('documentByteSize', () => {
  it('equals the UTF-8 length of the JSON text for JSON values', () => {
    const doc = { name: 'Ada ✓ 😀 "q" \\ \n \u0001', n: -1.5, ok: true, none: null, list: [1, 'x', { a: [] }], obj: {} };
    expect(documentByteSize(doc)).toBe(new TextEncoder().encode(JSON.stringify(doc)).length);
    expect(documentByteSize({})).toBe(2);
  });

  it('counts dates as ISO strings, bytes at their length (hex inside arrays), vectors at 4 bytes per item', () => {
    expect(documentByteSize({ t: new Date(0) })).toBe(JSON.stringify({ t: new Date(0) }).length);
    expect(documentByteSize({ data: new Uint8Array(100) })).toBe('{"data":}'.length + 100);
    expect(documentByteSize({ list: [new Uint8Array(10)] })).toBe('{"list":[]}'.length + 22);
    const emb = new Array<number>(1024).fill(0.123456789);
    expect(documentByteSize({ emb }, Blob)).toBe('{"emb":}'.length + 4096);
    expect(documentByteSize({ emb })).toBe(JSON.stringify({ emb }).length);
  });
});

describe('DOCUMENT_TOO_LARGE', () => {
  it('accepts a document at the limit and rejects one just over it', () => {
    const overhead = documentByteSize({ $id: '01900000-0000-7000-8000-000000000001', body: '', data: null, emb: null, list: null, meta: null });
    const fits = 'x'.repeat(MAX_DOCUMENT_BYTES - overhead);
    expect(validateDocument(Blob, { body: fits }, CREATE).body).toBe(fits);
    const err = documentError(() => validateDocument(Blob, { body: `${fits}x` }, CREATE));
    expect(err.issues).toEqual([
      {
        code: 'DOCUMENT_TOO_LARGE',
        collection: 'Blob',
        id: '01900000-0000-7000-8000-000000000001',
        path: [],
        message: `expected a document of at most ${MAX_DOCUMENT_BYTES} bytes (1 MiB, under the 2 MB Durable Object row limit), found about ${MAX_DOCUMENT_BYTES + 1} bytes`,
      },
    ]);
  });

  it('counts binary, multi-byte text and json content', () => {
    expect(documentError(() => validateDocument(Blob, { data: new Uint8Array(MAX_DOCUMENT_BYTES) }, CREATE)).code).toBe('DOCUMENT_TOO_LARGE');
    expect(documentError(() => validateDocument(Blob, { body: '€'.repeat(400_000) }, CREATE)).code).toBe('DOCUMENT_TOO_LARGE');
    expect(documentError(() => validateDocument(Blob, { meta: { s: [SENTINEL.repeat(40_000)] } }, PATCH)).code).toBe('DOCUMENT_TOO_LARGE');
    expect(documentError(() => validateDocument(Blob, { list: [new Uint8Array(600_000)] }, CREATE)).code).toBe('DOCUMENT_TOO_LARGE');
    expect(validateDocument(Blob, { data: new Uint8Array(600_000) }, CREATE).data).toHaveLength(600_000);
  });

  it('is reported alongside other issues', () => {
    const err = documentError(() => validateDocument(Blob, { body: SENTINEL.repeat(40_000), emb: [1] }, CREATE));
    expect(err.issues.map((i) => i.code)).toEqual(['VECTOR_DIMENSIONS', 'DOCUMENT_TOO_LARGE']);
    expect(err.message).not.toContain('SENTINEL');
  });

  it('documentSizeIssue checks a merged document for the store', () => {
    expect(documentSizeIssue(Blob, { body: 'small' })).toBeUndefined();
    expect(documentSizeIssue(Blob, { body: 'x'.repeat(MAX_DOCUMENT_BYTES) }, 'd1')).toMatchObject({ code: 'DOCUMENT_TOO_LARGE', id: 'd1', path: [] });
  });
});

describe('documentSizeBound (the quick check that spares formatting numbers and dates)', () => {
  const { value } = fc.letrec<{ value: NormalizedValue }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.constant(null),
      fc.boolean(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom(-1.7976931348623157e308, 5e-324, -123456789.12345679, Number.MIN_SAFE_INTEGER),
      fc.string({ unit: 'binary', maxLength: 20 }),
      fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 10 }),
      fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: false }),
      fc.uint8Array({ maxLength: 10 }),
      fc.array(tie('value'), { maxLength: 3 }),
      fc.dictionary(fc.string({ maxLength: 6 }), tie('value'), { maxKeys: 3 }) as fc.Arbitrary<NormalizedValue>,
    ),
  }));
  it('is never below documentByteSize, so a document it lets through is within the limit', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('body', 'data', 'emb', 'meta', 'x', '\ud800', '"'), value), (doc) => {
        const d = doc as NormalizedDocument;
        expect(documentSizeBound(d, Blob)).toBeGreaterThanOrEqual(documentByteSize(d, Blob));
      }),
      { numRuns: 2000 },
    );
    const vector = { emb: Array.from({ length: 1024 }, () => -1.2345678901234567e-300) };
    // A vector counts at its 4 bytes per number, as documentByteSize counts it, not at the longest number text.
    expect(documentSizeBound(vector, Blob)).toBeGreaterThanOrEqual(documentByteSize(vector, Blob));
    expect(documentSizeBound(vector, Blob)).toBeLessThan(4 * 1024 + 50);
  });
});
