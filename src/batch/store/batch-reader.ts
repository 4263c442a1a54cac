import type { IceTypeSchema } from '../../icetype/ast.js';
import { compileMatcher, decodeCursor, orderKeys, queryDocuments, type Filter, type FilterOptions, type QuerySpec } from '../../store/filter/index.js';
import { compareText } from '../../store/filter/text-order.js';
import type { NormalizedDocument } from '../../store/values/index.js';
import { bloomKey, bloomMightContain } from '../bloom/index.js';
import { decodeDocumentAt, decodeDocumentsAt, findDocumentIndex, findDocumentIndexes, projectBatch } from '../codec/index.js';
import { planBatchReads, type BatchSummary } from '../planner/index.js';
import { planFields } from '../../store/filter/plan-fields.js';
import { planFilter } from '../../store/filter/plan-filter.js';
import { mustMatch } from '../zone-map/index.js';
import type { BloomSet } from '../bloom/index.js';
import type { ZoneMap } from '../zone-map/index.js';
import type { BatchSummaryRow, BatchTable, BatchWithData } from './batch-table.js';
import type { BatchWriter } from './batch-writer.js';
import type { Conform } from './conform.js';
import { scanInIdOrder } from './id-order-scan.js';
import { boundedBatches, scanTopK, topKKey } from './top-k-scan.js';
import { compareDocuments } from '../../store/filter/compare-documents.js';
import { readTarget, toComparable } from '../../store/filter/document-value.js';
import { statsOf } from './stats-cache.js';

/** How a batched query was served (`db.explain`). */
export interface BatchedPlan {
  readonly layout: 'batched';
  /** Batches the collection has. */
  readonly batchesTotal: number;
  /** Batches whose zone maps prove no document matches. */
  readonly prunedByZoneMap: number;
  /** Batches, not pruned by zone maps, whose bloom filters prove no document matches. */
  readonly prunedByBloom: number;
  /** Batches read and decoded. */
  readonly batchesRead: number;
  /** Documents the filter was evaluated on. */
  readonly documentsScanned: number;
}

/** Which batches a filter leaves to read, and why the others were skipped. */
export interface ReadPlan {
  readonly keep: number[];
  readonly kept: BatchSummaryRow[];
  readonly total: number;
  readonly prunedByZoneMap: number;
  readonly prunedByBloom: number;
}

/** A batch's statistics for the planner. */
function summaryOf(row: BatchSummaryRow): BatchSummary<number> {
  const summary: { id: number; zoneMap?: ZoneMap; blooms?: BloomSet } = { id: row.id };
  if (row.stats.zoneMap !== null) summary.zoneMap = row.stats.zoneMap;
  if (row.stats.blooms !== null) summary.blooms = row.stats.blooms;
  return summary;
}

/** Documents read by projection before `decodeMatching` judges whether most of them match. */
const PROJECTION_PROBE = 256;

/** Up to this many ids wanted from one batch are each checked against its `$id` bloom filter first. */
const BLOOM_CHECKED_IDS = 8;

/**
 * The reads of one batched collection: point reads that decode at most one
 * batch per id, queries that plan with each batch's zone map and blooms
 * before decoding, and pages in `$id` order that stop at the page's end.
 * Every decoded document is conformed to the schema in force.
 */
export class BatchReader {
  constructor(
    readonly name: string,
    private readonly table: BatchTable,
    private readonly writer: BatchWriter,
    /** The schema filters and statistics see (undefined: schemaless). */
    private readonly querySchema: IceTypeSchema | undefined,
    private readonly filterOptions: FilterOptions,
    private readonly conform: Conform,
    private readonly countDecoded: (batches: number) => void,
    /** `conform` for documents read for some fields only (`projectionConformer`). */
    private readonly conformFields: (names: ReadonlySet<string>) => Conform,
  ) {}

  /** The document with this `$id`, decoding at most one batch. */
  get(id: string): NormalizedDocument | null {
    const batch = this.table.locate(id);
    if (batch === undefined || compareText(id, batch.maxId) > 0 || !this.mightHold(batch, id)) return null;
    this.countDecoded(1);
    const index = findDocumentIndex(batch.data, id);
    return index < 0 ? null : this.conform(decodeDocumentAt(batch.data, index));
  }

  /** Documents by id, in the order of `ids` (`null` where none exists): one statement, each batch decoded at most once. */
  getMany(ids: readonly string[]): (NormalizedDocument | null)[] {
    const found = new Map<string, NormalizedDocument>();
    const sorted = [...new Set(ids)].sort(compareText);
    for (const batch of this.table.locateMany(sorted)) {
      // The ids inside the batch's range: a binary search for the first, then a walk.
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (compareText(sorted[mid]!, batch.minId) < 0) lo = mid + 1;
        else hi = mid;
      }
      let hi2 = lo;
      while (hi2 < sorted.length && compareText(sorted[hi2]!, batch.maxId) <= 0) hi2++;
      // Blooms spare decoding a batch that holds none of a few ids; past a handful, reading the batch's ids once is cheaper than hashing each.
      const inRange = sorted.slice(lo, hi2);
      const wanted = inRange.length > BLOOM_CHECKED_IDS ? inRange : inRange.filter((id) => this.mightHold(batch, id));
      if (wanted.length === 0) continue;
      this.countDecoded(1);
      const indexes = findDocumentIndexes(batch.data, wanted);
      const present = indexes.filter((index) => index >= 0);
      const docs = decodeDocumentsAt(batch.data, present);
      let next = 0;
      wanted.forEach((id, i) => {
        if (indexes[i]! >= 0) found.set(id, this.conform(docs[next++]!));
      });
    }
    return ids.map((id) => found.get(id) ?? null);
  }

  /** The documents a query selects, and how the batches were read. */
  query(spec: QuerySpec): { documents: NormalizedDocument[]; plan: BatchedPlan } {
    const order = orderKeys(spec.orderBy, this.name);
    const read =
      spec.limit !== undefined && order.length === 1
        ? this.readInIdOrder(spec, order[0]!.direction, spec.limit)
        : (this.readTopK(spec, spec.limit) ?? (spec.where === undefined ? this.scanAll() : this.readPlanned(spec.where)));
    const documents = queryDocuments(this.querySchema, read.docs, spec, this.filterOptions);
    return { documents, plan: read.plan };
  }

  /**
   * The first `offset + limit` documents of a query ordered by one scalar
   * field that every candidate batch has a zone for, reading batches
   * best-first and stopping early (see `scanTopK`); undefined where that
   * does not apply (several order keys, a cursor, a schemaless or undeclared
   * field, a batch without a zone for it).
   */
  private readTopK(spec: QuerySpec, limit: number | undefined): { docs: NormalizedDocument[]; plan: BatchedPlan } | undefined {
    if (limit === undefined || spec.after !== undefined) return undefined;
    const key = topKKey(this.querySchema, this.filterOptions, spec.orderBy);
    if (key === undefined) return undefined;
    const plan = spec.where === undefined ? this.planAll() : this.plan(spec.where);
    const batches = boundedBatches(key, plan.kept);
    if (batches === undefined) return undefined;
    const where = spec.where;
    const scan = scanTopK({
      batches,
      direction: key.direction,
      need: (spec.offset ?? 0) + limit,
      keyOf: (doc) => toComparable(key.target.kind, readTarget(key.target, doc), true) ?? null,
      compare: compareDocuments(this.querySchema, spec.orderBy),
      read: (ids) => {
        const read = this.table.read(ids);
        return where === undefined ? { docs: this.decodeAll(read), scanned: read.reduce((n, b) => n + b.count, 0) } : this.decodeMatching(read, where);
      },
    });
    return {
      docs: scan.docs,
      plan: { layout: 'batched', batchesTotal: plan.total, prunedByZoneMap: plan.prunedByZoneMap, prunedByBloom: plan.prunedByBloom, batchesRead: scan.batchesRead, documentsScanned: scan.scanned },
    };
  }

  /** Every batch, as a plan that prunes nothing. */
  private planAll(): ReadPlan {
    const kept = this.table.summaries();
    return { keep: kept.map((s) => s.id), kept, total: kept.length, prunedByZoneMap: 0, prunedByBloom: 0 };
  }

  /** A page in `$id` order: only the batches up to the page's last match are read (see `scanInIdOrder`). */
  private readInIdOrder(spec: QuerySpec, direction: 'asc' | 'desc', limit: number): { docs: NormalizedDocument[]; plan: BatchedPlan } {
    const plan = spec.where === undefined ? { kept: this.table.heads(), total: -1, prunedByZoneMap: 0, prunedByBloom: 0 } : this.plan(spec.where);
    const cursor = spec.after === undefined ? undefined : decodeCursor(spec.after).values.at(-1);
    const matches = spec.where === undefined ? () => true : compileMatcher(this.querySchema, spec.where, this.filterOptions);
    const { docs, batchesRead } = scanInIdOrder({
      heads: plan.kept,
      direction,
      ...(typeof cursor === 'string' ? { afterId: cursor } : {}),
      need: (spec.offset ?? 0) + limit,
      matches,
      read: (ids) => this.decodeAll(this.table.read(ids)),
    });
    const total = plan.total < 0 ? plan.kept.length : plan.total;
    return { docs, plan: { layout: 'batched', batchesTotal: total, prunedByZoneMap: plan.prunedByZoneMap, prunedByBloom: plan.prunedByBloom, batchesRead, documentsScanned: docs.length } };
  }

  /**
   * How many documents match `where` (all when omitted: from the batch
   * counts alone). A batch whose zone map proves every document matches
   * counts without being decoded, so a count over a time range decodes only
   * the batches at its ends.
   */
  count(where?: Filter): number {
    if (where === undefined) return this.table.documentCount();
    const node = planFilter(this.querySchema, where, this.filterOptions);
    const plan = this.plan(where);
    let total = 0;
    const toRead: number[] = [];
    for (const batch of plan.kept) {
      if (batch.stats.zoneMap !== null && mustMatch(batch.stats.zoneMap, node)) total += batch.count;
      else toRead.push(batch.id);
    }
    return total + this.decodeMatching(this.table.read(toRead), where).docs.length;
  }

  /** Reads every batch's head and statistics (one row each, no documents; the statistics mostly from memory) and keeps the batches the filter may match. */
  plan(where: Filter): ReadPlan {
    const summaries = this.table.summaries();
    const plan = planBatchReads(
      this.querySchema,
      summaries.map((s) => summaryOf(s)),
      where,
      this.filterOptions,
    );
    const keep = new Set(plan.keep);
    return {
      keep: plan.keep,
      kept: summaries.filter((s) => keep.has(s.id)),
      total: summaries.length,
      prunedByZoneMap: plan.prunedByZoneMap.length,
      prunedByBloom: plan.prunedByBloom.length,
    };
  }

  /** The documents of the batches a filter may match. */
  readPlanned(where: Filter): { docs: NormalizedDocument[]; plan: BatchedPlan } {
    const plan = this.plan(where);
    // Batches whose zone maps prove every document matches are decoded whole, without a filtering pass.
    const node = planFilter(this.querySchema, where, this.filterOptions);
    const whole = new Set(plan.kept.filter((s) => s.stats.zoneMap !== null && mustMatch(s.stats.zoneMap, node)).map((s) => s.id));
    const { docs, scanned } = this.decodeMatching(this.table.read(plan.keep), where, whole);
    return {
      docs,
      plan: { layout: 'batched', batchesTotal: plan.total, prunedByZoneMap: plan.prunedByZoneMap, prunedByBloom: plan.prunedByBloom, batchesRead: plan.keep.length, documentsScanned: scanned },
    };
  }

  private scanAll(): { docs: NormalizedDocument[]; plan: BatchedPlan } {
    const batches = this.table.scan();
    const docs = this.decodeAll(batches);
    return { docs, plan: { layout: 'batched', batchesTotal: batches.length, prunedByZoneMap: 0, prunedByBloom: 0, batchesRead: batches.length, documentsScanned: docs.length } };
  }

  /**
   * The documents of these batches that match `where`, conformed. Each
   * document is first read for the filter's fields only and decoded whole
   * only when it matches, so a selective filter over many batches builds few
   * documents. Once most documents seen match, the rest are decoded whole
   * and then filtered, which is cheaper when nearly everything matches.
   * Batches in `whole` are known to match throughout and are decoded whole.
   */
  decodeMatching(batches: readonly BatchWithData[], where: Filter, whole: ReadonlySet<number> = new Set()): { docs: NormalizedDocument[]; scanned: number } {
    const matches = compileMatcher(this.querySchema, where, this.filterOptions);
    const names = planFields(planFilter(this.querySchema, where, this.filterOptions));
    const conformFields = this.conformFields(names);
    const docs: NormalizedDocument[] = [];
    let seen = 0;
    let matched = 0;
    let known = 0;
    for (const batch of batches) {
      if (whole.has(batch.id)) {
        for (const d of this.writer.decode(batch)) docs.push(d.doc);
        known += batch.count;
        continue;
      }
      if (seen >= PROJECTION_PROBE && matched * 2 > seen) {
        for (const d of this.writer.decode(batch)) {
          seen++;
          if (matches(d.doc)) docs.push(d.doc);
        }
        continue;
      }
      this.countDecoded(1);
      const { projected, full } = projectBatch(batch.data, names);
      for (let i = 0; i < projected.length; i++) {
        seen++;
        if (!matches(conformFields(projected[i]!))) continue;
        matched++;
        docs.push(this.conform(full(i)));
      }
    }
    return { docs, scanned: seen + known };
  }

  /** The documents of these batches, conformed. */
  decodeAll(batches: readonly BatchWithData[]): NormalizedDocument[] {
    const docs: NormalizedDocument[] = [];
    for (const batch of batches) for (const d of this.writer.decode(batch)) docs.push(d.doc);
    return docs;
  }

  /** Whether the batch's `$id` bloom admits `id` (true without one). */
  private mightHold(batch: BatchWithData, id: string): boolean {
    const filter = statsOf(batch).blooms?.get('$id');
    const key = bloomKey(id);
    return filter === undefined || key === undefined || bloomMightContain(filter, key);
  }

  /** The document `id`, its batch and its index there, decoding only it; or undefined. */
  locateOne(id: string): { readonly batch: BatchWithData; readonly index: number; readonly doc: NormalizedDocument } | undefined {
    const batch = this.table.locate(id);
    if (batch === undefined || compareText(id, batch.maxId) > 0 || !this.mightHold(batch, id)) return undefined;
    this.countDecoded(1);
    const index = findDocumentIndex(batch.data, id);
    return index < 0 ? undefined : { batch, index, doc: this.conform(decodeDocumentAt(batch.data, index)) };
  }
}
