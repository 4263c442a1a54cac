import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BatchCodecError,
  EMPTY_BATCH_SIZE,
  assembleBatch,
  decodeBatchEntries,
  encodeDocument,
  spliceEncoded,
  MAX_VALUE_DEPTH,
  batchDocumentCount,
  decodeBatch,
  decodeDocumentAt,
  encodeBatch,
  encodedDocumentSize,
  findDocumentIndex,
  findDocumentIndexes,
  decodeDocumentsAt,
  projectBatch,
  MAX_BATCH_DOCUMENTS,
  spliceBatch,
} from '../../src/batch/codec/index.js';
import { setOwn, type NormalizedDocument, type NormalizedValue } from '../../src/store/values/normalized-document.js';
import { bytesToHex } from '../../src/util/hex.js';

/** A text form that distinguishes everything the codec must keep: key order, -0, NaN, Date vs string, bytes, lone surrogates. */
function canon(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'number') return Object.is(v, -0) ? 'num:-0' : `num:${v}`;
  if (typeof v === 'string') return `str:${JSON.stringify(v)}`; // escapes lone surrogates as \udxxx
  if (typeof v === 'boolean') return `bool:${v}`;
  if (v instanceof Date) return `date:${v.getTime()}`;
  if (v instanceof Uint8Array) return `bytes:${bytesToHex(v)}`;
  if (Array.isArray(v)) return `[${v.map(canon).join(',')}]`;
  if (typeof v === 'object') {
    return `{${Object.keys(v)
      .map((k) => `${JSON.stringify(k)}:${canon((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  throw new Error(`canon: unexpected ${typeof v}`);
}

function expectCodecError(fn: () => unknown, code: string, text?: RegExp): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(BatchCodecError);
    expect((e as BatchCodecError).code).toBe(code);
    expect((e as Error).message).toMatch(/^codec: /);
    if (text) expect((e as Error).message).toMatch(text);
    return;
  }
  expect.unreachable(`expected BatchCodecError ${code}`);
}

/** Any UTF-16 code unit, so lone surrogates appear. */
const anyUnitString = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 12 });
const anyString = fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), anyUnitString, fc.string({ maxLength: 80 }));
const key = fc.oneof(anyString, fc.constantFrom('$id', '$type', '$ref', '__proto__', 'constructor', 'toString', '0', '10'));

function objectOf<T>(entries: [string, T][]): Record<string, T> {
  const o: Record<string, T> = {};
  for (const [k, v] of entries) setOwn(o, k, v);
  return o;
}

const { value } = fc.letrec<{ value: NormalizedValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.double(), // includes -0, NaN, ±Infinity
    fc.integer(),
    fc.maxSafeInteger(),
    fc.constantFrom(Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 2 ** 53, -(2 ** 53), 127, 128, -128, -129, 0, -0),
    anyString,
    fc.date({ noInvalidDate: false }),
    fc.uint8Array({ maxLength: 20 }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.array(fc.tuple(key, tie('value')), { maxLength: 4 }).map((e) => objectOf(e) as NormalizedValue),
  ),
}));

const document: fc.Arbitrary<NormalizedDocument> = fc
  .tuple(fc.option(anyString, { nil: undefined }), fc.nat(4), fc.array(fc.tuple(key, value), { maxLength: 6 }))
  .map(([id, idPos, entries]) => {
    const rest = entries.filter(([k]) => k !== '$id' || id === undefined);
    if (id !== undefined) rest.splice(Math.min(idPos, rest.length), 0, ['$id', id]);
    return objectOf(rest);
  });

const documents = fc.array(document, { maxLength: 12 });

describe('encodeBatch / decodeBatch', () => {
  it('round-trips arbitrary documents exactly (key order, -0, NaN, invalid dates, astral and lone surrogates, any key)', () => {
    fc.assert(
      fc.property(documents, (docs) => {
        const bytes = encodeBatch(docs);
        const back = decodeBatch(bytes);
        expect(back.map(canon)).toEqual(docs.map(canon));
        expect(batchDocumentCount(bytes)).toBe(docs.length);
        // Decoding an ArrayBuffer (what DO SQLite returns for a BLOB) is the same.
        expect(decodeBatch(bytes.slice().buffer).map(canon)).toEqual(docs.map(canon));
      }),
      { numRuns: 300 },
    );
  });

  it('projectBatch reads exactly the named fields of each document (in stored order) and decodes any one whole', () => {
    fc.assert(
      fc.property(documents, fc.uniqueArray(fc.oneof(fc.constantFrom('$id', 'a', 'b', '__proto__'), fc.string({ maxLength: 3 })), { maxLength: 6 }), (docs, picked) => {
        const bytes = encodeBatch(docs);
        const names = new Set(picked);
        const { projected, full } = projectBatch(bytes, names);
        const all = decodeBatch(bytes);
        expect(projected.map(canon)).toEqual(
          all.map((d) => {
            const only: NormalizedDocument = {};
            // A string $id is read from its slot, ahead of the other fields; any other $id is an ordinary field.
            const slot = typeof d.$id === 'string';
            if (names.has('$id') && slot) setOwn(only, '$id', d.$id as NormalizedValue);
            for (const [k, v] of Object.entries(d)) if (!(k === '$id' && slot) && names.has(k)) setOwn(only, k, v as NormalizedValue);
            return canon(only);
          }),
        );
        all.forEach((d, i) => expect(canon(full(i))).toBe(canon(d)));
      }),
      { numRuns: 300 },
    );
  });

  it('decodeDocumentAt equals the element of the full decode', () => {
    fc.assert(
      fc.property(documents, (docs) => {
        const bytes = encodeBatch(docs);
        const all = decodeBatch(bytes);
        for (let i = 0; i < docs.length; i++) expect(canon(decodeDocumentAt(bytes, i))).toBe(canon(all[i]));
      }),
      { numRuns: 100 },
    );
  });

  it('encodedDocumentSize is exactly each document’s contribution to the batch', () => {
    fc.assert(
      fc.property(documents, (docs) => {
        const bytes = encodeBatch(docs);
        expect(bytes.length).toBe(docs.reduce((n, d) => n + encodedDocumentSize(d), EMPTY_BATCH_SIZE));
        for (const d of docs) expect(encodeBatch([d]).length).toBe(EMPTY_BATCH_SIZE + encodedDocumentSize(d));
      }),
      { numRuns: 100 },
    );
  });

  it('keeps lone surrogates (WTF-8) and writes well-formed strings as plain UTF-8', () => {
    const docs = [{ $id: 'a\ud800', s: '\udc00x\ud83d', pair: '😀', ok: 'é', long: `${'x'.repeat(100)}\ud800😀` }];
    expect(canon(decodeBatch(encodeBatch(docs))[0])).toBe(canon(docs[0]));
    const utf8 = new TextEncoder().encode('😀é');
    const hex = bytesToHex(encodeBatch([{ v: '😀é' }]));
    expect(hex).toContain(bytesToHex(utf8));
    expect(findDocumentIndex(encodeBatch(docs), 'a\ud800')).toBe(0);
    expect(findDocumentIndex(encodeBatch(docs), 'a\ufffd')).toBe(-1);
  });

  it('decodes binary values as copies, not views of the batch', () => {
    const bytes = encodeBatch([{ b: new Uint8Array([1, 2, 3]) }]);
    const b = decodeBatch(bytes)[0]!['b'] as Uint8Array;
    expect(b.buffer).not.toBe(bytes.buffer);
  });

  it('handles an empty batch and the 256-document maximum', () => {
    expect(decodeBatch(encodeBatch([]))).toEqual([]);
    expect(encodeBatch([]).length).toBe(EMPTY_BATCH_SIZE);
    const many = Array.from({ length: 256 }, (_, i) => ({ $id: `id${i}`, i }));
    expect(decodeBatch(encodeBatch(many))).toEqual(many);
    expectCodecError(() => encodeBatch([...many, { $id: 'x' }]), 'INVALID_ARGUMENT', /at most 256 documents, found 257/);
  });

  it('rejects values that are not NormalizedValues, naming the document and field but not the value', () => {
    expectCodecError(() => encodeBatch([{ $id: 'a' }, { a: undefined as unknown as null }]), 'UNENCODABLE_VALUE', /document 1, field `a`: cannot encode undefined/);
    expectCodecError(() => encodeBatch([{ m: new Map() as unknown as null }]), 'UNENCODABLE_VALUE', /a Map/);
    expectCodecError(() => encodeBatch([{ f: (() => 1) as unknown as null }]), 'UNENCODABLE_VALUE', /function/);
    expectCodecError(() => encodeBatch([{ b: 1n as unknown as null }]), 'UNENCODABLE_VALUE', /bigint/);
    expectCodecError(() => encodeBatch([[] as unknown as NormalizedDocument]), 'UNENCODABLE_VALUE', /plain object, found an array/);
    expectCodecError(() => encodedDocumentSize({ s: [, 1] as unknown as null }), 'UNENCODABLE_VALUE', /^codec: field `s`: cannot encode undefined/);
    const cyclic: Record<string, NormalizedValue> = {};
    cyclic['self'] = cyclic as NormalizedValue;
    expectCodecError(() => encodeBatch([{ cyclic: cyclic as NormalizedValue }]), 'UNENCODABLE_VALUE', /nest deeper than 256/);
    let deep: NormalizedValue = 1;
    for (let i = 0; i < MAX_VALUE_DEPTH - 1; i++) deep = [deep];
    expect(decodeBatch(encodeBatch([{ deep }]))).toEqual([{ deep }]);
  });
});

describe('findDocumentIndex', () => {
  it('finds every $id and returns -1 for one that is absent', () => {
    fc.assert(
      fc.property(documents, anyString, (docs, probe) => {
        const bytes = encodeBatch(docs);
        const ids = docs.map((d) => d['$id']);
        for (const id of ids) if (typeof id === 'string') expect(findDocumentIndex(bytes, id)).toBe(ids.indexOf(id));
        expect(findDocumentIndex(bytes, probe)).toBe(ids.indexOf(probe));
      }),
      { numRuns: 200 },
    );
  });

  it('finds many ids at once exactly as one by one (findDocumentIndexes), and decodes them (decodeDocumentsAt)', () => {
    fc.assert(
      fc.property(documents, fc.array(anyString, { maxLength: 4 }), (docs, probes) => {
        const bytes = encodeBatch(docs);
        const asked = [...docs.map((d) => d['$id']).filter((id): id is string => typeof id === 'string'), ...probes, 'a\ud800', 'a\ufffd'];
        const indexes = findDocumentIndexes(bytes, asked);
        expect(indexes).toEqual(asked.map((id) => findDocumentIndex(bytes, id)));
        const present = indexes.filter((i) => i >= 0);
        expect(decodeDocumentsAt(bytes, present)).toEqual(present.map((i) => decodeDocumentAt(bytes, i)));
      }),
      { numRuns: 200 },
    );
    expect(() => decodeDocumentsAt(encodeBatch([{ $id: 'a' }]), [1])).toThrow(/document index 1 is outside a batch of 1/);
  });

  it('ignores a non-string $id (it is an ordinary field then)', () => {
    const bytes = encodeBatch([{ $id: 7 }, { x: 1, $id: '7' }]);
    expect(findDocumentIndex(bytes, '7')).toBe(1);
    expect(decodeBatch(bytes)).toEqual([{ $id: 7 }, { x: 1, $id: '7' }]);
    expect(Object.keys(decodeBatch(bytes)[1]!)).toEqual(['x', '$id']);
  });
});

describe('malformed input', () => {
  const readers: [string, (b: Uint8Array) => unknown][] = [
    ['decodeBatch', decodeBatch],
    // Index 0 of a batch that (still) reads as empty is an argument error, not a format error: ask only where it exists.
    ['decodeDocumentAt', (b) => (batchDocumentCount(b) > 0 ? decodeDocumentAt(b, 0) : undefined)],
    ['batchDocumentCount', batchDocumentCount],
    ['findDocumentIndex', (b) => findDocumentIndex(b, 'x')],
    // Skips every value but `a`'s: skipping must check bounds and tags as decoding does.
    ['projectBatch', (b) => projectBatch(b, new Set(['a'])).projected],
  ];

  it('every truncation of a valid batch throws INVALID_BATCH from every reader', () => {
    fc.assert(
      fc.property(documents, (docs) => {
        const bytes = encodeBatch(docs);
        for (let n = 0; n < bytes.length; n++) {
          for (const [, read] of readers) expectCodecError(() => read(bytes.subarray(0, n)), 'INVALID_BATCH');
        }
      }),
      { numRuns: 30 },
    );
  });

  it('garbled bytes decode or throw BatchCodecError, never anything else', () => {
    fc.assert(
      fc.property(documents, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }), (docs, flips) => {
        const bytes = encodeBatch(docs);
        for (const [at, b] of flips) bytes[at % bytes.length] = b;
        for (const [, read] of readers) {
          try {
            read(bytes);
          } catch (e) {
            expect(e).toBeInstanceOf(BatchCodecError);
            expect((e as BatchCodecError).code).toBe('INVALID_BATCH');
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('random bytes decode or throw BatchCodecError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (tail) => {
        const bytes = new Uint8Array([0x49, 0x43, 0x42, 0x31, 1, 0, tail[0] ?? 1, 0, ...tail]);
        try {
          decodeBatch(bytes);
        } catch (e) {
          expect(e).toBeInstanceOf(BatchCodecError);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('reads field names right past the interned-name table\'s capacity, and names that differ in one byte', () => {
    // 6,000 distinct short names (more than the 4,096 interned), each read twice, among near-identical ones.
    const docs = Array.from({ length: 60 }, (_, d) => Object.fromEntries(Array.from({ length: 100 }, (_, k) => [`k${d * 100 + k}`, k])));
    for (let pass = 0; pass < 2; pass++) expect(decodeBatch(encodeBatch(docs))).toEqual(docs);
    const near = [{ ab: 1, ac: 2, ba: 3, 'a\u00e9': 4, ['a'.repeat(32)]: 5, ['a'.repeat(33)]: 6 }];
    expect(decodeBatch(encodeBatch(near))).toEqual(near);
  });

  it('refuses a field name written twice, in a document or an object inside one', () => {
    /** `encodeBatch([doc])` with the first name `from` (a length byte and its ASCII bytes) renamed `to`. */
    const renamed = (doc: Record<string, unknown>, from: string, to: string): Uint8Array => {
      const bytes = encodeBatch([doc as never]);
      const needle = [from.length, ...[...from].map((c) => c.charCodeAt(0))];
      const at = bytes.findIndex((_, i) => needle.every((b, j) => bytes[i + j] === b));
      expect(at).toBeGreaterThan(0);
      [...to].forEach((c, j) => (bytes[at + 1 + j] = c.charCodeAt(0)));
      return bytes;
    };
    expectCodecError(() => decodeBatch(renamed({ $id: 'x', a: 1, b: 2 }, 'b', 'a')), 'INVALID_BATCH', /duplicate field name/);
    expectCodecError(() => decodeBatch(renamed({ $id: 'x', $ix: 1 }, '$ix', '$id')), 'INVALID_BATCH', /duplicate field name/);
    expectCodecError(() => decodeBatch(renamed({ a: 1, b: 2 }, 'b', 'a')), 'INVALID_BATCH', /duplicate field name/);
    expectCodecError(() => decodeBatch(renamed({ o: { ka: 1, kb: 2 } }, 'kb', 'ka')), 'INVALID_BATCH', /duplicate object key/);
    // The same names, read back right after, are still what they are.
    expect(decodeBatch(encodeBatch([{ $id: 'x', a: 1, b: 2, o: { ka: 1, kb: 2 } }]))).toEqual([{ $id: 'x', a: 1, b: 2, o: { ka: 1, kb: 2 } }]);
  });

  it('says what it needed and what it found', () => {
    expectCodecError(() => decodeBatch(new Uint8Array(3)), 'INVALID_BATCH', /need 8 bytes for the batch header at offset 0, have 3/);
    expectCodecError(() => decodeBatch(new Uint8Array(12)), 'INVALID_BATCH', /bad magic/);
    const good = encodeBatch([{ $id: 'a', n: 1 }]);
    const v2 = good.slice();
    v2[4] = 2;
    expectCodecError(() => decodeBatch(v2), 'INVALID_BATCH', /unsupported batch format version 2, expected 1/);
    expectCodecError(() => decodeBatch(good.subarray(0, good.length - 1)), 'INVALID_BATCH', /need \d+ bytes for 1 documents, have \d+/);
    const badTag = good.slice();
    badTag[badTag.length - 2] = 99; // the tag of `n`
    expectCodecError(() => decodeBatch(badTag), 'INVALID_BATCH', /unknown value tag 99/);
    expectCodecError(() => decodeDocumentAt(good, 1), 'INVALID_ARGUMENT', /document index 1 is outside a batch of 1/);
    expectCodecError(() => decodeDocumentAt(good, -1), 'INVALID_ARGUMENT');
  });
});

/** 128 documents shaped like a typical collection's. */
function typicalDocuments(): NormalizedDocument[] {
  const base = Date.UTC(2025, 0, 1);
  return Array.from({ length: 128 }, (_, i) => {
    const t = new Date(base + i * 61_000);
    const hex = (base + i).toString(16).padStart(12, '0');
    return {
      $id: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${(i * 7919).toString(16).padStart(3, '0').slice(-3)}-8abc-${(i * 104729).toString(16).padStart(12, '0')}`,
      $type: 'User',
      $version: 1 + (i % 3),
      $createdAt: t,
      $updatedAt: t,
      name: `User number ${i}`,
      email: `user${i}@example.com`,
      age: 18 + (i % 60),
      score: Math.round(i * 3.7 * 100) / 100,
      balance: `${i * 13}.50`,
      active: i % 2 === 0,
      tags: ['customer', i % 3 === 0 ? 'vip' : 'regular'],
      address: { city: i % 2 === 0 ? 'Berlin' : 'Lisbon', zip: `${10000 + i}` },
      note: i % 5 === 0 ? null : 'prefers email',
    };
  });
}

const typical = typicalDocuments();
const batchBytes = encodeBatch(typical).length;
const jsonBytes = new TextEncoder().encode(JSON.stringify(typical)).length;

describe('size', () => {
  // Measured: 128 typical documents take about 77% of their JSON text (35,056 vs 45,580 bytes) (see the test name for the exact figures).
  it(`128 typical documents: ${batchBytes} bytes encoded vs ${jsonBytes} bytes of JSON text`, () => {
    expect(batchBytes).toBeLessThan(jsonBytes);
    expect(decodeBatch(encodeBatch(typical))).toEqual(typical);
  });
});

describe('encodeBatch with known sizes', () => {
  it('gives the same bytes, and refuses sizes that do not match the documents', () => {
    const docs: NormalizedDocument[] = [{ $id: 'a', n: 1, s: 'é' }, { $id: 'b', when: new Date(5), list: [1, 'x', null] }];
    const sizes = docs.map(encodedDocumentSize);
    expect(encodeBatch(docs, sizes)).toEqual(encodeBatch(docs));
    expect(() => encodeBatch(docs, [sizes[0]! + 1, sizes[1]!])).toThrow(BatchCodecError);
    expect(() => encodeBatch(docs, [sizes[0]! - 1, sizes[1]!])).toThrow(BatchCodecError);
    // The last document too short: the writer would run past the buffer.
    const long: NormalizedDocument[] = [{ $id: 'c', text: 'x'.repeat(300) }];
    expect(() => encodeBatch(long, [encodedDocumentSize(long[0]!) - 200])).toThrow(BatchCodecError);
  });
});

describe('spliceBatch', () => {
  it('equals encoding the edited list, for any range and replacement', () => {
    fc.assert(
      fc.property(documents, fc.nat(), fc.nat(), documents, (docs, a, r, insert) => {
        const at = docs.length === 0 ? 0 : a % (docs.length + 1);
        const remove = Math.min(r % 3, docs.length - at);
        fc.pre(docs.length - remove + insert.length <= MAX_BATCH_DOCUMENTS);
        const spliced = spliceBatch(encodeBatch(docs), at, remove, insert);
        expect(spliced).toEqual(encodeBatch([...docs.slice(0, at), ...insert, ...docs.slice(at + remove)]));
      }),
      { numRuns: 200 },
    );
  });

  it('refuses ranges outside the batch', () => {
    const blob = encodeBatch([{ $id: 'a' }, { $id: 'b' }]);
    expect(() => spliceBatch(blob, 3, 0, [])).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => spliceBatch(blob, 1, 2, [])).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => spliceBatch(blob.subarray(0, 10), 0, 0, [])).toThrow(expect.objectContaining({ code: 'INVALID_BATCH' }));
  });
});

describe('encodeDocument / assembleBatch (each document encoded once, then copied)', () => {
  it('assembles the same bytes as encodeBatch, and decodeBatchEntries gives back each document with its bytes', () => {
    fc.assert(
      fc.property(documents, (docs) => {
        const parts = docs.map((d) => encodeDocument(d));
        const blob = assembleBatch(parts);
        expect(blob).toEqual(encodeBatch(docs));
        for (let i = 0; i < docs.length; i++) expect(parts[i]!.length + 4).toBe(encodedDocumentSize(docs[i]!));
        const entries = decodeBatchEntries(blob);
        expect(entries.map((e) => canon(e.doc))).toEqual(docs.map(canon));
        expect(assembleBatch(entries.map((e) => e.bytes))).toEqual(blob);
        expect(entries.map((e) => e.bytes)).toEqual(parts);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps earlier results intact across its shared buffers, for documents small and larger than a buffer', () => {
    const big = (i: number): NormalizedDocument => ({ $id: `big${i}`, s: 'é'.repeat(40_000 + i) });
    const docs = Array.from({ length: 2_000 }, (_, i) => (i % 500 === 7 ? big(i) : { $id: `id${i}`, n: i, s: `v${'x'.repeat(i % 90)}` }));
    const parts = docs.map((d) => encodeDocument(d));
    // Later writes must not have overwritten earlier views.
    for (let i = 0; i < docs.length; i += 97) expect(assembleBatch([parts[i]!])).toEqual(encodeBatch([docs[i]!]));
    expect(decodeBatch(assembleBatch(parts.slice(0, 256)))).toEqual(docs.slice(0, 256));
  });

  it('writes strings of every length around its one-byte-length shortcut exactly as encodeBatch sizes them', () => {
    for (const unit of ['x', 'é', '€', '😀', '\ud800']) {
      for (let n = 38; n <= 46; n++) {
        const s = unit.repeat(n);
        const doc = { $id: s, [s]: s, list: [s] };
        expect(assembleBatch([encodeDocument(doc)])).toEqual(encodeBatch([doc]));
        expect(canon(decodeBatch(assembleBatch([encodeDocument(doc)]))[0])).toBe(canon(doc));
      }
    }
  });

  it('rejects what encodeBatch rejects, with the same codes and messages', () => {
    expectCodecError(() => encodeDocument({ a: undefined as unknown as null }, { document: 3 }), 'UNENCODABLE_VALUE', /document 3, field `a`: cannot encode undefined/);
    expectCodecError(() => encodeDocument({ m: new Map() as unknown as null }), 'UNENCODABLE_VALUE', /field `m`: cannot encode a Map/);
    expectCodecError(() => encodeDocument([] as unknown as NormalizedDocument), 'UNENCODABLE_VALUE', /plain object, found an array/);
    const cyclic: Record<string, NormalizedValue> = {};
    cyclic['self'] = cyclic as NormalizedValue;
    expectCodecError(() => encodeDocument({ cyclic: cyclic as NormalizedValue }), 'UNENCODABLE_VALUE', /nest deeper than 256/);
    // A failed document leaves nothing behind: the next one encodes as usual.
    expect(assembleBatch([encodeDocument({ $id: 'after' })])).toEqual(encodeBatch([{ $id: 'after' }]));
    expectCodecError(() => assembleBatch(Array.from({ length: 257 }, () => encodeDocument({}))), 'INVALID_ARGUMENT', /at most 256 documents, found 257/);
  });

  it('spliceEncoded equals spliceBatch, for any range and replacement', () => {
    fc.assert(
      fc.property(documents, documents, fc.nat(), fc.nat(), (docs, insert, a, r) => {
        const at = docs.length === 0 ? 0 : a % (docs.length + 1);
        const remove = Math.min(r % 3, docs.length - at);
        fc.pre(docs.length - remove + insert.length <= MAX_BATCH_DOCUMENTS);
        const blob = encodeBatch(docs);
        expect(spliceEncoded(blob, at, remove, insert.map((d) => encodeDocument(d)))).toEqual(spliceBatch(blob, at, remove, insert));
      }),
      { numRuns: 200 },
    );
  });
});
