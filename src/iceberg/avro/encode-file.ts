/**
 * Avro object container files (Avro 1.11 specification, "Object Container
 * Files"): the header (magic `Obj\x01`, a metadata map with `avro.schema`
 * and `avro.codec`, a 16-byte sync marker), then blocks of records, each a
 * count, a byte size, the records and the sync marker. Codec `null` only.
 *
 * The project carries this encoder because no Avro library runs in
 * workerd: avsc and its kin generate code with `new Function`, which
 * workerd forbids. Tests check it against decoders we did not write
 * (avsc in Node, Debian's python3-avro).
 */
import { AvroError, avroPath } from './avro-error.js';
import type { AvroRecordSchema, AvroSchema } from './avro-schema.js';
import { checkAvroSchema } from './check-avro-schema.js';
import { writeAvroValue } from './encode-value.js';
import { AvroWriter } from './avro-writer.js';

/** Options of `encodeAvroFile`. */
export interface AvroFileOptions {
  /**
   * Key-value metadata written after `avro.schema` and `avro.codec`, in
   * the order given; strings are stored as UTF-8. Iceberg manifests carry
   * `schema`, `schema-id`, `partition-spec`, `partition-spec-id`,
   * `format-version` and `content` here. Keys starting `avro.` are reserved.
   */
  readonly metadata?: Readonly<Record<string, string | Uint8Array>>;
  /** The 16-byte sync marker; random when omitted. Give one for byte-identical output. */
  readonly syncMarker?: Uint8Array;
  /** A block is closed once its records take at least this many bytes. Default 64 KiB. */
  readonly blockSize?: number;
}

const MAGIC = new Uint8Array([0x4f, 0x62, 0x6a, 0x01]);
const SYNC_SIZE = 16;
const DEFAULT_BLOCK_SIZE = 64 * 1024;
const utf8 = new TextEncoder();

/** The header's schema, as the specification gives it. */
const HEADER_SCHEMA: AvroRecordSchema = {
  type: 'record',
  name: 'org.apache.avro.file.Header',
  fields: [
    { name: 'magic', type: { type: 'fixed', name: 'Magic', size: 4 } },
    { name: 'meta', type: { type: 'map', values: 'bytes' } },
    { name: 'sync', type: { type: 'fixed', name: 'Sync', size: SYNC_SIZE } },
  ],
};

/**
 * An Avro object container file holding `records`, all of `schema`.
 * The schema is stored as `JSON.stringify(schema)`, so attributes such as
 * Iceberg's `field-id` reach readers exactly as written. A record that
 * does not match throws `AvroError` `AVRO_TYPE_MISMATCH` with a path
 * starting at its index (`[3].data_file.record_count`).
 *
 * @example
 * const file = encodeAvroFile(MANIFEST_LIST_SCHEMA, manifests, {
 *   metadata: { 'snapshot-id': '1', 'parent-snapshot-id': 'null', 'sequence-number': '1', 'format-version': '2' },
 * })
 */
export function encodeAvroFile(schema: AvroSchema, records: Iterable<unknown>, options: AvroFileOptions = {}): Uint8Array {
  checkAvroSchema(schema);
  const sync = options.syncMarker ?? crypto.getRandomValues(new Uint8Array(SYNC_SIZE));
  if (sync.length !== SYNC_SIZE) throw new AvroError('AVRO_INVALID_OPTION', `expected a sync marker of ${SYNC_SIZE} bytes, found ${sync.length}`);
  const blockSize = options.blockSize ?? DEFAULT_BLOCK_SIZE;
  if (!(blockSize >= 1)) throw new AvroError('AVRO_INVALID_OPTION', `expected a block size of at least 1 byte, found ${String(blockSize)}`);

  const meta = new Map<string, Uint8Array>([
    ['avro.schema', utf8.encode(JSON.stringify(schema))],
    ['avro.codec', utf8.encode('null')],
  ]);
  for (const [key, value] of Object.entries(options.metadata ?? {})) {
    if (key.startsWith('avro.')) throw new AvroError('AVRO_INVALID_OPTION', `expected metadata keys outside the reserved avro. namespace, found ${JSON.stringify(key)}`);
    meta.set(key, typeof value === 'string' ? utf8.encode(value) : value);
  }
  const out = new AvroWriter();
  writeAvroValue(out, HEADER_SCHEMA, { magic: MAGIC, meta, sync }, undefined);

  const block = new AvroWriter();
  let count = 0;
  const flush = (): void => {
    out.long(count);
    out.long(block.length);
    out.raw(block.written());
    out.raw(sync);
    block.truncate(0);
    count = 0;
  };
  let index = 0;
  for (const record of records) {
    writeAvroValue(block, schema, record, avroPath(undefined, index++));
    count++;
    if (block.length >= blockSize) flush();
  }
  if (count > 0) flush();
  return out.toBytes();
}
