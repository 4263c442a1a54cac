/**
 * Decoding with avsc, an Avro implementation we did not write. Longs are
 * read as bigint (avsc's documented `LongType.__with` recipe), so values
 * beyond 2^53 compare exactly; unions are read unwrapped.
 */
import avro from 'avsc';

const bigintLong = avro.types.LongType.__with({
  fromBuffer: (buf: Buffer) => buf.readBigInt64LE(),
  toBuffer: (n: bigint) => {
    const buf = Buffer.alloc(8);
    buf.writeBigInt64LE(n);
    return buf;
  },
  fromJSON: BigInt,
  toJSON: Number,
  isValid: (n: unknown) => typeof n === 'bigint',
  compare: (a: bigint, b: bigint) => (a === b ? 0 : a < b ? -1 : 1),
});

/** `long` in name or object form (`{ type: 'long', logicalType: … }`) becomes the bigint long. */
function isLong(schema: avro.Schema): avro.Type | undefined {
  return schema === 'long' || (typeof schema === 'object' && (schema as { type?: unknown }).type === 'long') ? bigintLong : undefined;
}

/** The avsc type of `schema`, longs as bigint. */
export function avscType(schema: unknown): avro.Type {
  return avro.Type.forSchema(schema as avro.Schema, { typeHook: isLong, wrapUnions: false });
}

/** A single value decoded by avsc. */
export function avscValue(schema: unknown, bytes: Uint8Array): unknown {
  return avscType(schema).fromBuffer(Buffer.from(bytes));
}

/** What avsc's container-file decoder reads from a file. */
export interface AvscFile {
  readonly records: unknown[];
  /** The header's metadata, values as strings. */
  readonly meta: Record<string, string>;
  readonly codec: string;
  readonly sync: Uint8Array;
}

/** A whole object container file decoded by avsc's `BlockDecoder`. */
export function avscFile(bytes: Uint8Array): Promise<AvscFile> {
  return new Promise((resolve, reject) => {
    const decoder = new avro.streams.BlockDecoder({ parseHook: (schema) => avscType(schema) });
    const records: unknown[] = [];
    let header: Omit<AvscFile, 'records'> | undefined;
    decoder.on('metadata', (_type: avro.Type, codec: string, head: { meta: Record<string, Buffer>; sync: Buffer }) => {
      header = {
        meta: Object.fromEntries(Object.entries(head.meta).map(([k, v]) => [k, v.toString('utf8')])),
        codec,
        sync: new Uint8Array(head.sync),
      };
    });
    decoder.on('data', (record: unknown) => records.push(record));
    decoder.on('error', reject);
    decoder.on('end', () => (header === undefined ? reject(new Error('avsc: no header')) : resolve({ ...header, records })));
    decoder.end(Buffer.from(bytes));
  });
}

function buffers(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value);
  if (Array.isArray(value)) return value.map(buffers);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, buffers(v)]));
  return value;
}

/** avsc's own encoding of a value (bytes as `Uint8Array`, longs as bigint), for byte-for-byte comparison. */
export function avscEncode(schema: unknown, value: unknown): Uint8Array {
  return new Uint8Array(avscType(schema).toBuffer(buffers(value)));
}
