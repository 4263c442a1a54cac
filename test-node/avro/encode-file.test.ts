/**
 * `encodeAvroFile` against avsc's container decoder and python3-avro's
 * `DataFileReader`: random schemas and records, blocks of every size, the
 * header's schema with its Iceberg id attributes, extra metadata, the
 * empty file and files of many blocks.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeAvroFile, type AvroSchema } from '../../src/iceberg/avro/index.js';
import { avscFile } from '../../scripts/support/avsc-decode.js';
import { fieldIds } from './support/field-ids.js';
import { plain } from './support/plain.js';
import { pythonFiles } from './support/python-decode.js';
import { avroRecordWithSamples } from './support/random-schema.js';

const SYNC = new Uint8Array(16).map((_, i) => 0xa0 + i);

/** Where `needle` starts in `haystack`, every time. */
function occurrences(haystack: Uint8Array, needle: Uint8Array): number {
  let count = 0;
  for (let i = 0; i + needle.length <= haystack.length; i++) {
    if (needle.every((b, j) => haystack[i + j] === b)) count++;
  }
  return count;
}

describe('encodeAvroFile against avsc', () => {
  it('random records of random schemas, in blocks of random size, decode to the input; the header keeps the schema as written', async () => {
    await fc.assert(
      fc.asyncProperty(avroRecordWithSamples(6), fc.integer({ min: 1, max: 64 }), async ({ schema, samples }, blockSize) => {
        const file = await avscFile(encodeAvroFile(schema, samples.map((s) => s.input), { blockSize }));
        expect(plain(file.records)).toEqual(plain(samples.map((s) => s.expected)));
        expect(file.codec).toBe('null');
        // avsc parses the header schema but exports no custom attributes; the header's JSON must keep them.
        const stored: unknown = JSON.parse(file.meta['avro.schema']!);
        expect(stored).toEqual(JSON.parse(JSON.stringify(schema)));
        expect(fieldIds(stored)).toEqual(fieldIds(schema));
      }),
      { numRuns: 200 },
    );
  });

  it('writes the given sync marker after the header and after each block, and the same bytes twice', async () => {
    const records = Array.from({ length: 1000 }, (_, i) => ({ id: BigInt(i) * 1_000_000_007n, name: `n${i}` }));
    const schema: AvroSchema = { type: 'record', name: 'row', fields: [{ name: 'id', type: 'long' }, { name: 'name', type: 'string' }] };
    const bytes = encodeAvroFile(schema, records, { syncMarker: SYNC, blockSize: 100 });
    expect(encodeAvroFile(schema, records, { syncMarker: SYNC, blockSize: 100 })).toEqual(bytes);
    const file = await avscFile(bytes);
    expect(file.sync).toEqual(SYNC);
    expect(plain(file.records)).toEqual(plain(records));
    // Records take 8–14 bytes; a block closes at ≥ 100 bytes: about 90 blocks, plus the header's marker.
    const markers = occurrences(bytes, SYNC);
    expect(markers).toBeGreaterThan(70);
    expect(markers).toBeLessThan(130);
  });

  it('puts one record per block with blockSize 1, and everything in one block by default', async () => {
    const records = Array.from({ length: 50 }, (_, i) => i);
    expect(occurrences(encodeAvroFile('int', records, { syncMarker: SYNC, blockSize: 1 }), SYNC)).toBe(51);
    expect(occurrences(encodeAvroFile('int', records, { syncMarker: SYNC }), SYNC)).toBe(2);
    expect(plain((await avscFile(encodeAvroFile('int', records, { blockSize: 1 }))).records)).toEqual(records);
  });

  it('writes a file of no records as the header alone', async () => {
    const bytes = encodeAvroFile('string', [], { syncMarker: SYNC });
    expect(occurrences(bytes, SYNC)).toBe(1);
    expect(bytes.subarray(bytes.length - 16)).toEqual(SYNC);
    expect(Buffer.from(bytes.subarray(0, 4)).toString('latin1')).toBe('Obj\x01');
    expect((await avscFile(bytes)).records).toEqual([]);
  });

  it('takes records from any iterable', async () => {
    function* numbers(): Generator<number> {
      yield* [3, 1, 2];
    }
    expect(plain((await avscFile(encodeAvroFile('long', numbers()))).records)).toEqual([3, 1, 2]);
  });

  it('stores extra metadata after avro.schema and avro.codec, strings and bytes', async () => {
    const bytes = encodeAvroFile('int', [1], { metadata: { 'format-version': '2', content: 'data', raw: new Uint8Array([0x68, 0x69]) } });
    const { meta } = await avscFile(bytes);
    expect(Object.keys(meta)).toEqual(['avro.schema', 'avro.codec', 'format-version', 'content', 'raw']);
    expect(meta).toMatchObject({ 'avro.codec': 'null', 'format-version': '2', content: 'data', raw: 'hi' });
  });

  it('uses a fresh random sync marker when none is given', async () => {
    const a = await avscFile(encodeAvroFile('int', [1]));
    const b = await avscFile(encodeAvroFile('int', [1]));
    expect(a.sync).not.toEqual(b.sync);
  });
});

describe('encodeAvroFile against python3-avro', () => {
  it('random records of random schemas decode to the input, with the same ids in the schema Python parsed', () => {
    const cases = fc.sample(fc.tuple(avroRecordWithSamples(5), fc.integer({ min: 1, max: 48 })), { numRuns: 60, seed: 20_260_601 });
    const files = cases.map(([{ schema, samples }, blockSize]) => encodeAvroFile(schema, samples.map((s) => s.input), { blockSize, metadata: { k: 'v' } }));
    const read = pythonFiles(files);
    expect(read).toHaveLength(cases.length);
    cases.forEach(([{ schema, samples }], i) => {
      const file = read[i]!;
      expect(plain(file.records), JSON.stringify(schema)).toEqual(plain(samples.map((s) => s.expected)));
      expect(file.ids).toEqual(fieldIds(schema));
      expect(file.meta).toMatchObject({ 'avro.codec': 'null', k: 'v' });
    });
  });

  it('reads the empty file and a file of many blocks', () => {
    const many = Array.from({ length: 2000 }, (_, i) => ({ i, s: '😀'.repeat(i % 4) }));
    const schema: AvroSchema = { type: 'record', name: 'r', fields: [{ name: 'i', type: 'int', 'field-id': 1 }, { name: 's', type: 'string', 'field-id': 2 }] };
    const [empty, blocks] = pythonFiles([encodeAvroFile(schema, []), encodeAvroFile(schema, many, { blockSize: 64 })]);
    expect(empty!.records).toEqual([]);
    expect(empty!.ids).toEqual(['/i field-id=1', '/s field-id=2']);
    expect(blocks!.records).toEqual(many);
  });
});
