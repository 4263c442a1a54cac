/**
 * The document size limit: documentByteSize measures JSON text (binary and
 * vectors at their byte length) and validateDocument rejects documents over
 * MAX_DOCUMENT_BYTES without echoing them.
 */
import { describe, expect, it } from 'vitest';
import { parseSchema } from '../../../src/icetype/index.js';
import {
  MAX_DOCUMENT_BYTES,
  documentByteSize,
  documentSizeIssue,
  validateDocument,
} from '../../../src/store/values/index.js';
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
