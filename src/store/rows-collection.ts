import type { IceTypeSchema } from '../icetype/ast.js';
import { isStoredField } from '../icetype/schema-checks.js';
import { newDocumentId } from '../util/id.js';
import type { CollectionEngine, RowsPlan } from './collection-engine.js';
import { CollectionStatements } from './collection-statements.js';
import { compileFilter, compileQuery, type Filter, type QuerySpec } from './filter/index.js';
import { constraintError } from './constraint-errors.js';
import { StoreError } from './store-error.js';
import { DocumentError, documentSizeIssue, rowDecoder, toRowValues, validateDocument, type NormalizedDocument, type RowDecoder } from './values/index.js';

/**
 * The document operations of one collection on the rows layout: one row per
 * document in the collection's compiled table. Every method runs inside the
 * caller's transaction (the store opens one per operation); a thrown error
 * rolls back everything the operation did, including its CDC entries (which
 * the table's triggers write).
 */
export class RowsCollection implements CollectionEngine<RowsPlan> {
  readonly layout = 'rows';
  readonly statements: CollectionStatements;
  readonly #sql: SqlStorage;
  readonly #strict: boolean;
  readonly #settable: ReadonlySet<string>;
  readonly #decoder: RowDecoder;

  constructor(readonly schema: IceTypeSchema, sql: SqlStorage, strictByDefault: boolean) {
    this.statements = new CollectionStatements(schema);
    this.#sql = sql;
    this.#strict = schema.directives.strict ?? strictByDefault;
    this.#settable = new Set(['$id', ...[...schema.fields.values()].filter(isStoredField).map((f) => f.name)]);
    this.#decoder = rowDecoder(schema);
  }

  get name(): string {
    return this.schema.name;
  }

  /** Validates a new document and gives it its system fields. */
  prepareCreate(input: unknown, now: Date): NormalizedDocument {
    const doc = validateDocument(this.schema, input, { mode: 'create', now, newId: newDocumentId, strictByDefault: this.#strict });
    this.#rejectUnstorable(doc);
    // A fresh object: the system fields go onto it, after the fields, without a copy.
    doc.$type = this.name;
    doc.$version = 1;
    doc.$createdAt = now;
    doc.$updatedAt = now;
    return doc;
  }

  /** Inserts prepared documents, as many per statement as the parameter limit allows. */
  insert(docs: readonly NormalizedDocument[], _now?: Date): void {
    const { columns, rowsPerInsert } = this.statements;
    for (let start = 0; start < docs.length; start += rowsPerInsert) {
      const chunk = docs.slice(start, start + rowsPerInsert);
      const params: (string | number | ArrayBuffer | null)[] = [];
      for (const doc of chunk) {
        const row = toRowValues(this.schema, doc);
        for (const column of columns) params.push(row[column] ?? null);
      }
      try {
        this.#sql.exec(this.statements.insert(chunk.length), ...params);
      } catch (error) {
        throw constraintError(error, this.name, chunk.length === 1 ? (chunk[0]!.$id as string) : undefined) ?? error;
      }
    }
  }

  /** A row of this collection's table, read positionally (`statements.columnList` order), as a document. */
  readonly decode = (values: readonly SqlStorageValue[]): NormalizedDocument => this.#decoder.decode(values);

  get(id: string): NormalizedDocument | null {
    const row = this.#sql.exec(this.statements.selectById, id).raw().next();
    return row.done === true ? null : this.decode(row.value);
  }

  /** Documents by id, in the order of `ids` (`null` where none exists). */
  getMany(ids: readonly string[]): (NormalizedDocument | null)[] {
    const found = new Map<string, NormalizedDocument>();
    for (const row of this.#sql.exec(this.statements.selectByIds, JSON.stringify(ids)).raw()) {
      const doc = this.decode(row);
      found.set(doc.$id as string, doc);
    }
    return ids.map((id) => found.get(id) ?? null);
  }

  /**
   * Applies a validated patch: bumps `$version`, sets `$updatedAt`, checks
   * `ifVersion` and the size of the resulting document. Returns it.
   */
  update(id: string, input: unknown, now: Date, ifVersion?: number): NormalizedDocument {
    const patch = validateDocument(this.schema, input, { mode: 'patch', id, now, newId: newDocumentId, strictByDefault: this.#strict });
    this.#rejectUnstorable(patch);
    const values = toRowValues(this.schema, patch);
    const columns = Object.keys(values).filter((c) => c !== '$id');
    const params = [...columns.map((c) => values[c] ?? null), now.getTime(), id];
    if (ifVersion !== undefined) params.push(ifVersion);
    let row;
    try {
      row = this.#sql.exec(this.statements.update(columns, ifVersion !== undefined), ...params).raw().next();
    } catch (error) {
      throw constraintError(error, this.name, id) ?? error;
    }
    if (row.done === true) throw this.#missing(id, ifVersion);
    const doc = this.decode(row.value);
    const tooLarge = documentSizeIssue(this.schema, doc, id);
    if (tooLarge !== undefined) throw new DocumentError([tooLarge]);
    return doc;
  }

  /** Deletes one document; false when there was none. */
  delete(id: string, ifVersion?: number, _now?: Date): boolean {
    const params: (string | number)[] = ifVersion === undefined ? [id] : [id, ifVersion];
    const deleted = this.#sql.exec(this.statements.delete(ifVersion !== undefined), ...params).toArray().length > 0;
    if (!deleted && ifVersion !== undefined) {
      const error = this.#missing(id, ifVersion);
      if (error.code === 'VERSION_CONFLICT') throw error;
    }
    return deleted;
  }

  /** Deletes every document matching `where` (`{}` deletes all); returns how many. */
  deleteMany(where: Filter, _now?: Date): number {
    const compiled = compileFilter(this.schema, where);
    const sql = `DELETE FROM ${this.statements.table}${compiled.sql === '' ? '' : ` WHERE ${compiled.sql}`} RETURNING "$id"`;
    return this.#sql.exec(sql, ...compiled.params).toArray().length;
  }

  /** The documents a query selects, in one SELECT. */
  query(spec: QuerySpec): { documents: NormalizedDocument[]; plan: RowsPlan } {
    const compiled = compileQuery(this.schema, spec);
    const sql = `SELECT ${this.statements.columnList} FROM ${this.statements.table} ${compiled.sql}`;
    const documents = Array.from(this.#sql.exec(sql, ...compiled.params).raw(), this.decode);
    return { documents, plan: { layout: 'rows', sql, queryPlan: [] } };
  }

  /** SQLite's plan for a query's SELECT, one line per step. */
  queryPlan(spec: QuerySpec): string[] {
    const compiled = compileQuery(this.schema, spec);
    const sql = `EXPLAIN QUERY PLAN SELECT ${this.statements.columnList} FROM ${this.statements.table} ${compiled.sql}`;
    return this.#sql.exec<{ detail: string }>(sql, ...compiled.params).toArray().map((row) => row.detail);
  }

  /** How many documents match `where` (all when omitted). */
  count(where?: Filter): number {
    const compiled = where === undefined ? { sql: '', params: [] } : compileFilter(this.schema, where);
    const sql = `SELECT count(*) AS n FROM ${this.statements.table}${compiled.sql === '' ? '' : ` WHERE ${compiled.sql}`}`;
    return this.#sql.exec<{ n: number }>(sql, ...compiled.params).one().n;
  }

  /** Why an id-targeted write matched no row: no such document, or another version. */
  #missing(id: string, ifVersion: number | undefined): StoreError {
    const current = this.#sql.exec<{ version: number }>(this.statements.versionById, id).toArray()[0];
    if (current === undefined) return new StoreError('NOT_FOUND', 'expected an existing document, found none with that $id', { collection: this.name, id });
    return new StoreError('VERSION_CONFLICT', `expected $version ${ifVersion}, found ${current.version}`, {
      collection: this.name,
      id,
      ...(ifVersion === undefined ? {} : { expectedVersion: ifVersion }),
      actualVersion: current.version,
    });
  }

  /** The rows layout has a column per declared field only: open (non-strict) extras cannot be stored. */
  #rejectUnstorable(doc: NormalizedDocument): void {
    const extras = Object.keys(doc).filter((key) => !this.#settable.has(key));
    if (extras.length === 0) return;
    throw new DocumentError(
      extras.map((key) => ({
        code: 'UNKNOWN_FIELD' as const,
        message: `expected a declared field (the rows layout stores declared fields only; $storage: 'batched' keeps open documents), found "${key}"`,
        collection: this.name,
        path: [key],
        ...(typeof doc.$id === 'string' ? { id: doc.$id } : {}),
      })),
    );
  }
}
