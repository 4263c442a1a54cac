import { documentImage } from '../../cdc/document-image.js';
import { writeStoreChanges, type StoreChange } from '../../cdc/store-changes.js';
import { SYSTEM_FIELD_NAMES } from '../../compile/system-columns.js';
import type { IceTypeSchema } from '../../icetype/ast.js';
import { isStoredField } from '../../icetype/schema-checks.js';
import { compileMatcher, type Filter, type FilterOptions, type QuerySpec } from '../../store/filter/index.js';
import { compareText } from '../../store/filter/text-order.js';
import { StoreError } from '../../store/store-error.js';
import { DocumentError, documentSizeIssue, validateDocument, type NormalizedDocument } from '../../store/values/index.js';
import { newDocumentId } from '../../util/id.js';
import { bloomKey, bloomMightContain } from '../bloom/index.js';
import { idOf, sized, type BatchSettings } from './batch-layout.js';
import type { BatchTable } from './batch-table.js';
import { BatchWriter } from './batch-writer.js';
import { BatchReader, type BatchedPlan } from './batch-reader.js';
import { conformer, projectionConformer, type Conform } from './conform.js';
import { compactAround, compactCollection, type CompactionResult } from './compaction.js';
import { findUniqueConflict, type UniqueConflict } from './unique-check.js';

/** Change capture of one collection. */
export interface CaptureSettings {
  readonly enabled: boolean;
  readonly captureBefore: boolean;
}

/** What the collection needs from the session. */
export interface BatchedHooks {
  readonly sql: SqlStorage;
  /** Numbers the write transaction for the change log. */
  numberWrite(): void;
  /** Counts decoded batches in the cost meter. */
  countDecoded(batches: number): void;
}

/** Most written documents a uniqueness check tests against each batch's blooms before it reads every batch instead. */
const BLOOM_CANDIDATES = 64;

const SYSTEM_FIELDS = new Set<string>(SYSTEM_FIELD_NAMES);

/**
 * The document operations of one collection on the batched layout (DESIGN.md
 * §2): documents packed into `_batches` rows, sorted by `$id`, with per-batch
 * zone maps and bloom filters that let reads skip batches. Results are the
 * rows layout's, document for document (a differential test holds both to
 * one model). Every method runs inside the caller's transaction; writes
 * record their own change-log entries (packed per batch write).
 */
export class BatchedCollection {
  readonly layout = 'batched';
  readonly #hooks: BatchedHooks;
  readonly #table: BatchTable;
  readonly #writer: BatchWriter;
  readonly #settings: BatchSettings;
  readonly #capture: CaptureSettings;
  readonly #strict: boolean;
  readonly #storedFields: readonly string[];
  /** Filters read undeclared fields of open (non-strict) documents from the documents. */
  readonly #filterOptions: FilterOptions;
  /**
   * The schema filters, orderings and statistics see: the collection's, or
   * none for a schemaless collection (values typed by what they are).
   */
  readonly #querySchema: IceTypeSchema | undefined;
  readonly #conform: Conform;
  readonly #reader: BatchReader;

  /**
   * @param schema The collection's schema; for a schemaless collection, `schemalessSchema(name)` with `schemaless` true.
   */
  constructor(
    readonly schema: IceTypeSchema,
    table: BatchTable,
    hooks: BatchedHooks,
    settings: BatchSettings,
    capture: CaptureSettings,
    strictByDefault: boolean,
    schemaless = false,
  ) {
    this.#hooks = hooks;
    this.#table = table;
    this.#settings = settings;
    this.#capture = capture;
    this.#strict = schema.directives.strict ?? strictByDefault;
    this.#storedFields = [...schema.fields.values()].filter(isStoredField).map((f) => f.name);
    this.#querySchema = schemaless ? undefined : schema;
    this.#filterOptions = schemaless ? {} : { unknownFields: this.#strict ? 'reject' : 'document' };
    this.#conform = conformer(this.#querySchema, this.#strict);
    this.#writer = new BatchWriter(this.#querySchema, schema.name, table, settings, (n) => hooks.countDecoded(n), this.#conform);
    this.#reader = new BatchReader(
      schema.name,
      table,
      this.#writer,
      this.#querySchema,
      this.#filterOptions,
      this.#conform,
      (n) => hooks.countDecoded(n),
      (names) => projectionConformer(this.#querySchema, this.#strict, names),
    );
  }

  get name(): string {
    return this.schema.name;
  }

  /** Validates a new document and gives it its system fields; declared fields without a value are null, as a row reads back. */
  prepareCreate(input: unknown, now: Date): NormalizedDocument {
    // validateDocument returns a fresh object: the system fields go onto it, after the fields, without a copy.
    const out = validateDocument(this.schema, input, { mode: 'create', now, newId: newDocumentId, strictByDefault: this.#strict });
    out.$type = this.name;
    out.$version = 1;
    out.$createdAt = now;
    out.$updatedAt = now;
    for (const field of this.#storedFields) if (!Object.hasOwn(out, field)) out[field] = null;
    return out;
  }

  insert(docs: readonly NormalizedDocument[], now = new Date()): void {
    if (docs.length === 0) return;
    this.#hooks.numberWrite();
    // Report the first document in list order that cannot be written, as the rows layout (SQLite inserting in order) does.
    const ids = docs.map(idOf);
    const increasing = isStrictlyIncreasing(ids);
    const taken = this.#firstTakenId(ids, increasing);
    const unique = this.#uniqueConflict(docs, new Set());
    if (taken !== undefined && (unique === undefined || taken <= unique.index)) {
      throw new StoreError('ALREADY_EXISTS', 'expected a new $id, found one that is already taken', { collection: this.name, id: idOf(docs[taken]!) });
    }
    if (unique !== undefined) throw this.#uniqueError(unique);
    // Each document is encoded once: its batch and its change-log row copy the same bytes.
    const entries = docs.map(sized);
    this.#writer.insert(entries, now, increasing);
    this.#record('insert', entries.map(({ doc, bytes }) => ({ id: idOf(doc), after: null, document: doc, encoded: bytes, before: null, changed: null })), now);
  }

  get(id: string): NormalizedDocument | null {
    return this.#reader.get(id);
  }

  /** Documents by id, in the order of `ids` (`null` where none exists): one statement, each batch decoded at most once. */
  getMany(ids: readonly string[]): (NormalizedDocument | null)[] {
    return this.#reader.getMany(ids);
  }

  /** Applies a validated patch: bumps `$version`, sets `$updatedAt`, checks `ifVersion`, size and uniqueness. Returns the document. */
  update(id: string, input: unknown, now: Date, ifVersion?: number): NormalizedDocument {
    const patch = validateDocument(this.schema, input, { mode: 'patch', id, now, newId: newDocumentId, strictByDefault: this.#strict });
    this.#hooks.numberWrite();
    const found = this.#reader.locateOne(id);
    if (found === undefined) throw this.#notFound(id);
    const { batch, index, doc: current } = found;
    this.#checkVersion(id, current, ifVersion);
    const next: NormalizedDocument = { ...current };
    for (const [key, value] of Object.entries(patch)) if (key !== '$id') next[key] = value;
    next.$version = (current.$version as number) + 1;
    next.$updatedAt = now;
    const tooLarge = documentSizeIssue(this.schema, next, id);
    if (tooLarge !== undefined) throw new DocumentError([tooLarge]);
    const entry = sized(next);
    this.#writer.checkSizes([entry]);
    this.#checkUnique([next], new Set([id]));
    if (this.#writer.splice(batch, index, [current], [entry], now) === undefined) {
      // The document grew past what the batch can hold: rewrite it whole, split.
      const docs = this.#writer.decode(batch);
      docs[index] = entry;
      this.#writer.replace(batch, docs, now);
    }
    const before = documentImage(this.schema, current);
    const after = documentImage(this.schema, next);
    this.#record('update', [{ id, after, before: this.#capture.captureBefore ? before : null, changed: changedFields(before, after) }], now);
    return next;
  }

  /** Deletes one document; false when there was none. */
  delete(id: string, ifVersion?: number, now = new Date()): boolean {
    const found = this.#reader.locateOne(id);
    if (found === undefined) return false;
    const { batch, index, doc: current } = found;
    this.#checkVersion(id, current, ifVersion);
    this.#hooks.numberWrite();
    // Removing a document always fits: the splice writes (or, for the last document, deletes) the row.
    const written = this.#writer.splice(batch, index, [current], [], now)!;
    this.#record('delete', [{ id, after: null, before: this.#capture.captureBefore ? documentImage(this.schema, current) : null, changed: null }], now);
    if (written.count > 0 && written.count < this.#settings.compactBelow) compactAround(this.#writer, written, this.#writer.decode(written), now);
    return true;
  }

  /** Deletes every document matching `where`; returns how many. */
  deleteMany(where: Filter, now = new Date()): number {
    const matches = compileMatcher(this.#querySchema, where, this.#filterOptions);
    const { keep } = this.#reader.plan(where);
    let deleted = 0;
    let underFilled = false;
    for (const batch of this.#table.read(keep)) {
      const docs = this.#writer.decode(batch);
      const rest = docs.filter((d) => !matches(d.doc));
      if (rest.length === docs.length) continue;
      if (deleted === 0) this.#hooks.numberWrite();
      const gone = docs.filter((d) => matches(d.doc));
      this.#writer.replace(batch, rest, now);
      this.#record(
        'delete',
        gone.map((d) => ({ id: idOf(d.doc), after: null, before: this.#capture.captureBefore ? documentImage(this.schema, d.doc) : null, changed: null })),
        now,
      );
      deleted += gone.length;
      if (rest.length > 0 && rest.length < this.#settings.compactBelow) underFilled = true;
    }
    if (underFilled) compactCollection(this.#writer, now, { onlyUnderFilled: true });
    return deleted;
  }

  /** The documents a query selects, and how the batches were read. */
  query(spec: QuerySpec): { documents: NormalizedDocument[]; plan: BatchedPlan } {
    return this.#reader.query(spec);
  }

  /** How many documents match `where` (all when omitted; then from the batch counts alone). */
  count(where?: Filter): number {
    return this.#reader.count(where);
  }

  /** Merges adjacent batches that fit together; see `compactCollection`. */
  compact(now = new Date()): CompactionResult {
    return compactCollection(this.#writer, now, { onlyUnderFilled: false });
  }

  #checkVersion(id: string, current: NormalizedDocument, ifVersion: number | undefined): void {
    if (ifVersion === undefined || current.$version === ifVersion) return;
    throw new StoreError('VERSION_CONFLICT', `expected $version ${ifVersion}, found ${String(current.$version)}`, {
      collection: this.name,
      id,
      expectedVersion: ifVersion,
      actualVersion: current.$version as number,
    });
  }

  #notFound(id: string): StoreError {
    return new StoreError('NOT_FOUND', 'expected an existing document, found none with that $id', { collection: this.name, id });
  }

  /**
   * Index of the first document whose `$id` is stored already or given
   * earlier in the list. Ids above the highest stored one (new UUIDv7s,
   * the common case) cannot be taken, so only the others are looked up.
   */
  /** The index of the first of `ids` already stored or given earlier in `ids`, or undefined. */
  #firstTakenId(ids: readonly string[], increasing: boolean): number | undefined {
    const highest = this.#table.highestId();
    // Ids in strictly increasing order, all above the stored ones (new UUIDv7s): none is taken, none repeats.
    if (increasing && (highest === undefined || compareText(ids[0]!, highest) > 0)) return undefined;
    const lookup = highest === undefined ? [] : ids.filter((id) => compareText(id, highest) <= 0);
    const stored = new Set(lookup.length === 0 ? [] : this.getMany(lookup).flatMap((doc) => (doc === null ? [] : [idOf(doc)])));
    const seen = new Set<string>();
    for (let i = 0; i < ids.length; i++) {
      if (stored.has(ids[i]!) || seen.has(ids[i]!)) return i;
      seen.add(ids[i]!);
    }
    return undefined;
  }

  /** Refuses documents that would share a unique key with each other or with a stored document (other than those in `replacing`). */
  #checkUnique(docs: readonly NormalizedDocument[], replacing: ReadonlySet<string>): void {
    const conflict = this.#uniqueConflict(docs, replacing);
    if (conflict !== undefined) throw this.#uniqueError(conflict);
  }

  #uniqueError(conflict: UniqueConflict): StoreError {
    return new StoreError('UNIQUE_VIOLATION', `expected unique values of (${conflict.fields.join(', ')}), found them taken`, {
      collection: this.name,
      fields: conflict.fields,
      id: conflict.id,
    });
  }

  #uniqueConflict(docs: readonly NormalizedDocument[], replacing: ReadonlySet<string>): UniqueConflict | undefined {
    return findUniqueConflict(this.schema, docs, replacing, (fields, candidates) => {
      // With many candidates nearly every batch passes some bloom (1% each), and asking costs
      // candidates × batches probes: read every batch instead.
      if (candidates.length > BLOOM_CANDIDATES) return this.#reader.decodeAll(this.#table.scan());
      const summaries = this.#table.summaries();
      const keep = summaries.filter((s) => {
        const blooms = s.stats.blooms;
        if (blooms === null) return true;
        // Any field of the constraint with a bloom can rule the batch out.
        return fields.every((field) => {
          const filter = blooms.get(field);
          if (filter === undefined) return true;
          return candidates.some((doc) => {
            const key = bloomKey(doc[field]);
            return key === undefined || bloomMightContain(filter, key);
          });
        });
      });
      return this.#reader.decodeAll(this.#table.read(keep.map((s) => s.id)));
    });
  }

  #record(op: 'insert' | 'update' | 'delete', changes: readonly StoreChange[], now: Date): void {
    if (!this.#capture.enabled || changes.length === 0) return;
    writeStoreChanges(this.#hooks.sql, this.name, op, changes, now);
  }
}

/** Stored fields whose image value differs (system fields excluded), as the update trigger lists them. */
function changedFields(before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((key) => !SYSTEM_FIELDS.has(key) && JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null));
}

function isStrictlyIncreasing(ids: readonly string[]): boolean {
  for (let i = 1; i < ids.length; i++) if (compareText(ids[i - 1]!, ids[i]!) >= 0) return false;
  return true;
}
