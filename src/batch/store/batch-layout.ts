import type { IceTypeConfig } from '../../config/icetype-config.js';
import type { IceTypeSchema } from '../../icetype/ast.js';
import type { NormalizedDocument } from '../../store/values/index.js';
import { compareText } from '../../store/filter/text-order.js';
import { buildBloomSet, serializeBloomSet } from '../bloom/index.js';
import { assembleBatch, EMPTY_BATCH_SIZE, encodeDocument } from '../codec/index.js';
import { buildZoneMap, serializeZoneMap } from '../zone-map/index.js';
import type { BatchRowValues } from './batch-table.js';

/** What the batched layout reads from the configuration. */
export interface BatchSettings {
  /** Most documents per batch. */
  readonly batchSize: number;
  /** Most encoded bytes per batch, header included. */
  readonly maxBatchBytes: number;
  /** Batches filled below this many documents are merged with a neighbour (0: never automatically). */
  readonly compactBelow: number;
  readonly zoneMaps: boolean;
  readonly bloomFalsePositiveRate: number;
}

export function batchSettings(config: IceTypeConfig): BatchSettings {
  return {
    batchSize: config.storage.batchSize,
    maxBatchBytes: config.storage.maxBatchBytes,
    compactBelow: Math.floor(config.storage.compactionThreshold * config.storage.batchSize),
    zoneMaps: config.indexes.zoneMaps,
    bloomFalsePositiveRate: config.indexes.bloomFalsePositiveRate,
  };
}

/**
 * A document with its encoding: every batch and change-log row it goes into
 * copies these bytes, so a written document is encoded once.
 */
export interface SizedDocument {
  readonly doc: NormalizedDocument;
  /** `encodeDocument(doc)`, or the document's bytes in the batch it was read from. */
  readonly bytes: Uint8Array;
  /** What the document adds to a batch: its bytes and its offset-table entry (`encodedDocumentSize`). */
  readonly size: number;
}

/** Bytes of an offset-table entry. */
const OFFSET_ENTRY = 4;

/** A document with its bytes, encoded now. */
export function sized(doc: NormalizedDocument): SizedDocument {
  return withBytes(doc, encodeDocument(doc));
}

/** A document with bytes that encode it (read from a batch, or encoded before). */
export function withBytes(doc: NormalizedDocument, bytes: Uint8Array): SizedDocument {
  return { doc, bytes, size: bytes.length + OFFSET_ENTRY };
}

export function idOf(doc: NormalizedDocument): string {
  return doc.$id as string;
}

/** Orders documents by `$id` as SQLite orders text (code points). */
export function byId(a: SizedDocument, b: SizedDocument): number {
  return compareText(idOf(a.doc), idOf(b.doc));
}

/** Encoded size of a batch of these documents. */
export function batchBytes(docs: readonly SizedDocument[]): number {
  let bytes = EMPTY_BATCH_SIZE;
  for (const d of docs) bytes += d.size;
  return bytes;
}

/** Whether these documents fit in one batch. */
export function fits(settings: BatchSettings, count: number, bytes: number): boolean {
  return count <= settings.batchSize && bytes <= settings.maxBatchBytes;
}

/** The `_batches` columns for documents sorted by `$id`: the encoded BLOB, its id range, zone map and blooms. */
export function encodeBatchRow(schema: IceTypeSchema | undefined, settings: BatchSettings, docs: readonly SizedDocument[]): BatchRowValues {
  const plain = docs.map((d) => d.doc);
  const blooms = buildBloomSet(schema, plain, { falsePositiveRate: settings.bloomFalsePositiveRate, expectedItems: settings.batchSize });
  const zoneMap = settings.zoneMaps ? buildZoneMap(schema, plain) : null;
  return {
    count: docs.length,
    bytes: batchBytes(docs),
    minId: idOf(plain[0]!),
    maxId: idOf(plain[plain.length - 1]!),
    data: assembleBatch(docs.map((d) => d.bytes)),
    zoneMap: zoneMap === null ? null : serializeZoneMap(zoneMap),
    blooms: serializeBloomSet(blooms),
    stats: { zoneMap, blooms },
  };
}

/**
 * Splits documents sorted by `$id` into as few batches as the limits allow,
 * evenly: k = the fewest batches by count, then a new batch whenever the
 * current one reaches ⌈n / k⌉ documents or would pass the byte cap. Even
 * splits leave room in both halves, so the next insert into a split range
 * does not split again.
 */
export function splitEvenly(settings: BatchSettings, docs: readonly SizedDocument[]): SizedDocument[][] {
  const k = Math.max(1, Math.ceil(docs.length / settings.batchSize), Math.ceil(batchBytes(docs) / settings.maxBatchBytes));
  const target = Math.ceil(docs.length / k);
  const batches: SizedDocument[][] = [];
  let current: SizedDocument[] = [];
  let bytes = EMPTY_BATCH_SIZE;
  for (const d of docs) {
    if (current.length > 0 && (current.length >= target || bytes + d.size > settings.maxBatchBytes)) {
      batches.push(current);
      current = [];
      bytes = EMPTY_BATCH_SIZE;
    }
    current.push(d);
    bytes += d.size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
