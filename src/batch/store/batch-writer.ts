import type { IceTypeSchema } from '../../icetype/ast.js';
import { compareText } from '../../store/filter/text-order.js';
import { StoreError } from '../../store/store-error.js';
import { DocumentError, type NormalizedDocument } from '../../store/values/index.js';
import { decodeBatchEntries, decodeDocumentAt, EMPTY_BATCH_SIZE, encodedDocumentSize, spliceEncoded } from '../codec/index.js';
import { extendBloomSet, serializeBloomSet } from '../bloom/index.js';
import { adjustZoneMap, serializeZoneMap } from '../zone-map/index.js';
import { statsOf } from './stats-cache.js';
import { planPacking } from '../packer/index.js';
import { batchBytes, byId, encodeBatchRow, fits, idOf, sized, splitEvenly, withBytes, type BatchSettings, type SizedDocument } from './batch-layout.js';
import type { BatchHead, BatchTable, BatchWithData } from './batch-table.js';
import type { Conform } from './conform.js';

/**
 * How documents get into batches and batches into `_batches` rows (issue 4
 * §1), keeping every collection's batches sorted by `$id` with disjoint
 * ranges:
 * - new documents go to the batch whose range would hold them (the greatest
 *   `min_id` not above their id); time-ordered UUIDv7 ids all land in the
 *   newest batch, which is appended to and, when full, followed by new
 *   batches filled densely (`planPacking`);
 * - a batch that overflows in the middle of the id space is split evenly;
 * - every batch written gets its zone map and blooms rebuilt from its
 *   documents, so statistics are exact, never merged approximations.
 * A batch never exceeds `maxBatchBytes`: a document too large for an empty
 * batch is refused with `DOCUMENT_TOO_LARGE`.
 */
export class BatchWriter {
  constructor(
    readonly schema: IceTypeSchema | undefined,
    readonly collection: string,
    readonly table: BatchTable,
    readonly settings: BatchSettings,
    /** Called with the number of batches whose documents were decoded. */
    readonly onDecode: (batches: number) => void,
    /** Brings decoded documents to the schema in force. */
    readonly conform: Conform = (doc) => doc,
  ) {}

  /** Documents of a batch read from storage (conformed to the schema), counted as one decode; those the schema left as they were keep their stored bytes. */
  decode(batch: BatchWithData): SizedDocument[] {
    this.onDecode(1);
    return decodeBatchEntries(batch.data).map(({ doc, bytes }) => {
      const conformed = this.conform(doc);
      return conformed === doc ? withBytes(doc, bytes) : sized(conformed);
    });
  }

  /** Refuses documents no batch can hold. */
  checkSizes(docs: readonly SizedDocument[]): void {
    const limit = this.settings.maxBatchBytes - EMPTY_BATCH_SIZE;
    const issues = docs
      .filter((d) => d.size > limit)
      .map((d) => ({
        code: 'DOCUMENT_TOO_LARGE' as const,
        message: `expected a document of at most ${limit} encoded bytes (storage.maxBatchBytes ${this.settings.maxBatchBytes} less the batch header), found ${d.size} bytes`,
        collection: this.collection,
        path: [],
        id: idOf(d.doc),
      }));
    if (issues.length > 0) throw new DocumentError(issues);
  }

  /**
   * Inserts new documents (validated, with their ids, encoded by `sized`).
   * Fails with `ALREADY_EXISTS` when an id is taken or given twice.
   * `increasing`: the caller found the ids strictly increasing already, so
   * they need neither sorting nor a check for repeats.
   */
  insert(docs: readonly SizedDocument[], now: Date, increasing = false): void {
    const pending = increasing || isSortedById(docs) ? docs : [...docs].sort(byId);
    this.checkSizes(pending);
    if (!increasing) {
      for (let i = 1; i < pending.length; i++) {
        if (idOf(pending[i]!.doc) === idOf(pending[i - 1]!.doc)) throw this.#exists(idOf(pending[i]!.doc));
      }
    }
    let start = 0;
    while (start < pending.length) {
      const firstId = idOf(pending[start]!.doc);
      const target = this.table.floor(firstId) ?? this.table.lowest();
      if (target === undefined) {
        // An empty collection: fill new batches densely.
        const plan = planPacking(pending.map((d) => d.size), undefined, { batchSize: this.settings.batchSize, maxBatchBytes: this.settings.maxBatchBytes });
        this.#writeNew(plan.newBatches.map((indexes) => indexes.map((i) => pending[i]!)), now);
        return;
      }
      const next = this.table.next(target.minId);
      let end = start;
      while (end < pending.length && (next === undefined || compareText(idOf(pending[end]!.doc), next.minId) < 0)) end++;
      this.#insertInto(target, next === undefined, pending.slice(start, end), now);
      start = end;
    }
  }

  /** Adds sorted documents to the batch whose range they fall in. */
  #insertInto(target: BatchHead, isLast: boolean, docs: readonly SizedDocument[], now: Date): void {
    if (isLast && compareText(idOf(docs[0]!.doc), target.maxId) > 0) {
      // The common case (time-ordered ids): append to the newest batch, then fill new ones densely.
      const plan = planPacking(
        docs.map((d) => d.size),
        { id: target.id, count: target.count, bytes: target.bytes },
        { batchSize: this.settings.batchSize, maxBatchBytes: this.settings.maxBatchBytes },
      );
      if (plan.appendToOpen.length > 0) {
        // Appending splices the new documents onto the open batch's BLOB; the others are not decoded.
        const appended = plan.appendToOpen.map((i) => docs[i]!);
        const [batch] = this.table.read([target.id]);
        if (this.splice(batch!, batch!.count, [], appended, now) === undefined) this.rewrite(target, [...this.decode(batch!), ...appended], now);
      }
      this.#writeNew(plan.newBatches.map((indexes) => indexes.map((i) => docs[i]!)), now);
      return;
    }
    const existing = this.#read(target);
    const ids = new Set(existing.map((d) => idOf(d.doc)));
    const taken = docs.find((d) => ids.has(idOf(d.doc)));
    if (taken !== undefined) throw this.#exists(idOf(taken.doc));
    this.replace(target, [...existing, ...docs].sort(byId), now);
  }

  #read(target: BatchHead): SizedDocument[] {
    const [batch] = this.table.read([target.id]);
    return this.decode(batch!);
  }

  /**
   * Rewrites one batch row by splicing its BLOB: `removed` (the stored
   * documents at `at`) give way to `insert`, the other documents' bytes are
   * copied, not re-encoded, and the statistics are adjusted, not rebuilt
   * (`adjustZoneMap`, `extendBloomSet`: counts exact, ranges and filters
   * possibly wider — still sound). The caller keeps `$id` order. Returns the
   * batch as written, or undefined — having written nothing — when the
   * result would pass the limits (then `replace` splits it).
   */
  splice(target: BatchWithData, at: number, removed: readonly NormalizedDocument[], insert: readonly SizedDocument[], now: Date): BatchWithData | undefined {
    const count = target.count - removed.length + insert.length;
    let bytes = target.bytes;
    for (const doc of removed) bytes -= encodedDocumentSize(doc);
    for (const d of insert) bytes += d.size;
    if (!fits(this.settings, count, bytes)) return undefined;
    if (count === 0) {
      this.table.delete(target.id);
      return { ...target, count: 0, bytes: EMPTY_BATCH_SIZE };
    }
    const docs = insert.map((d) => d.doc);
    const data = spliceEncoded(target.data, at, removed.length, insert.map((d) => d.bytes));
    const stored = statsOf(target);
    const stats = {
      zoneMap: stored.zoneMap === null || !this.settings.zoneMaps ? null : adjustZoneMap(this.schema, stored.zoneMap, removed, docs),
      blooms: stored.blooms === null ? null : extendBloomSet(stored.blooms, docs),
    };
    const zoneMap = stats.zoneMap === null ? null : serializeZoneMap(stats.zoneMap);
    const blooms = stats.blooms === null ? null : serializeBloomSet(stats.blooms);
    const idAt = (index: number): string => idOf(decodeDocumentAt(data, index));
    const values = {
      count,
      bytes,
      minId: at === 0 ? idAt(0) : target.minId,
      maxId: at + insert.length === count ? idAt(count - 1) : target.maxId,
      data,
      zoneMap,
      blooms,
      stats,
    };
    const statsTag = this.table.update(target, values, now);
    return { ...target, ...values, statsTag, data: data.buffer as ArrayBuffer, blooms: blooms === null ? null : (blooms.buffer as ArrayBuffer) };
  }

  /** Writes documents sorted by `$id` in place of a batch: rewritten when they fit, split evenly when not, deleted when none are left. */
  replace(target: BatchHead, docs: readonly SizedDocument[], now: Date): void {
    if (docs.length === 0) {
      this.table.delete(target.id);
      return;
    }
    if (fits(this.settings, docs.length, batchBytes(docs))) {
      this.rewrite(target, docs, now);
      return;
    }
    const [first, ...rest] = splitEvenly(this.settings, docs);
    this.rewrite(target, first!, now);
    this.#writeNew(rest, now);
  }

  /** Rewrites one batch row with these documents (sorted by `$id`, within the limits). */
  rewrite(target: BatchHead, docs: readonly SizedDocument[], now: Date): void {
    this.table.update(target, encodeBatchRow(this.schema, this.settings, docs), now);
  }

  #writeNew(batches: readonly (readonly SizedDocument[])[], now: Date): void {
    for (const docs of batches) if (docs.length > 0) this.table.insert(encodeBatchRow(this.schema, this.settings, docs), now);
  }

  #exists(id: string): StoreError {
    return new StoreError('ALREADY_EXISTS', 'expected a new $id, found one that is already taken', { collection: this.collection, id });
  }
}

/** Whether documents are in `$id` order already (time-ordered ids usually are): then they need no sorted copy. */
function isSortedById(docs: readonly SizedDocument[]): boolean {
  for (let i = 1; i < docs.length; i++) if (byId(docs[i - 1]!, docs[i]!) > 0) return false;
  return true;
}
