/**
 * The schema registry of issue 3 §4 over DO SQLite: versions of each
 * collection's schema in `_schemas`, with the field ids of ICETYPE.md §4,
 * accepted only when they evolve compatibly; and schema discovery over
 * stored documents (ICETYPE.md §5).
 */
import type { IceTypeSchema } from '../icetype/ast.js';
import { COLLECTION_NAME_PATTERN, SCHEMALESS_NAME_PATTERN } from '../icetype/names.js';
import { quoteIdentifier } from '../cdc/row-json.js';
import { checkEvolution } from './check-evolution.js';
import { discoveredSchema, discoverFromDocuments, type DocumentDiscovery } from './discover.js';
import { batchDocuments, isNoSuchTable, rowDocument, tableRows } from './discover-rows.js';
import { assignFieldIds, type FieldIdAssignment } from './field-ids.js';
import { readDefinition } from './read-definition.js';
import { SchemaRegistryError } from './registry-error.js';
import type { SchemaChange } from './schema-change.js';
import { assignmentOf, definitionText, insertVersion, parseStored, readLatest, readNewestVersion, readVersions } from './schema-rows.js';

/** What `registerSchema` did. */
export interface Registration {
  readonly name: string;
  /** The version now current: 1 on first registration, N+1 after a compatible change, N when nothing changed. */
  readonly version: number;
  readonly fieldIds: FieldIdAssignment;
  /** Differences from the previous version (empty on first registration and when nothing changed). */
  readonly changes: readonly SchemaChange[];
  /** Whether a new version was written. */
  readonly written: boolean;
}

/** One registered version. */
export interface RegisteredSchema {
  readonly name: string;
  readonly version: number;
  readonly schema: IceTypeSchema;
  /** The ids of this version, with `lastId` and `retired` as of this version. */
  readonly fieldIds: FieldIdAssignment;
  readonly createdAt: Date;
}

/** The latest version of a collection, as listed. */
export interface SchemaSummary {
  readonly name: string;
  readonly version: number;
  /** When that version was registered. */
  readonly updatedAt: Date;
}

/** What `discoverSchema` found. */
export interface DiscoveredSchema extends DocumentDiscovery {
  readonly collection: string;
  /** With `{ schema: true }`: the discovered fields as an IceType schema. */
  readonly schema?: IceTypeSchema;
}

/** Options of `registerSchema`. */
export interface RegisterOptions {
  /** The collection: for an object without `$type`, or to pick one collection from a text with several. */
  readonly name?: string;
}

/** Options of `discoverSchema`. */
export interface DiscoverOptions {
  /** Also build an `IceTypeSchema` from the discovered fields. */
  readonly schema?: boolean;
}

/**
 * Registers, evolves and reads collection schemas. Every write runs in the
 * caller's transaction function, so a refused or failed registration
 * leaves `_schemas` as it was. Needs the `_schemas` table (`migrate`).
 *
 * @example
 * const registry = new SchemaRegistry(ctx.storage.sql, (fn) => ctx.storage.transactionSync(fn))
 * registry.registerSchema({ $type: 'User', email: 'string!' })                 // { version: 1, fieldIds: { fields: { …, email: 6 }, … } }
 * registry.registerSchema({ $type: 'User', email: 'string!', age: 'int?' })    // { version: 2, … age: 7 }
 * registry.registerSchema({ $type: 'User', email: 'int!', age: 'int?' })       // throws SchemaRegistryError INCOMPATIBLE_SCHEMA (TYPE_CHANGED)
 * // SQL: SELECT version, definition, field_ids, created_at FROM _schemas WHERE name = ? AND version <= ? ORDER BY version
 * //      INSERT INTO _schemas (name, version, definition, field_ids, created_at) VALUES (?, ?, ?, ?, ?)
 */
export class SchemaRegistry {
  readonly #sql: SqlStorage;
  readonly #transaction: <T>(fn: () => T) => T;

  constructor(sql: SqlStorage, transaction: <T>(fn: () => T) => T) {
    this.#sql = sql;
    this.#transaction = transaction;
  }

  /**
   * Registers a collection's schema, given as an object (`$type` or
   * `options.name` names it) or as schema text (one collection, or the one
   * named by `options.name`). The first registration is version 1; an
   * identical schema (same printed object form) returns the current
   * version without writing; a compatible change writes version N+1 with
   * evolved field ids. Throws `SchemaRegistryError`: `INVALID_SCHEMA`
   * (parse issues), `INCOMPATIBLE_SCHEMA` (with every problem).
   */
  registerSchema(definition: object | string, options?: RegisterOptions): Registration {
    const { schema, text } = readDefinition(definition, options?.name);
    const name = schema.name;
    return this.#transaction(() => {
      const versions = readVersions(this.#sql, name);
      const latest = versions[versions.length - 1];
      if (latest === undefined) {
        const fieldIds = assignFieldIds(schema);
        insertVersion(this.#sql, name, 1, text, fieldIds, Date.now());
        return { name, version: 1, fieldIds, changes: [], written: true };
      }
      const previous = parseStored(name, latest);
      const previousIds = assignmentOf(versions);
      if (definitionText(previous) === text) return { name, version: latest.version, fieldIds: previousIds, changes: [], written: false };

      let evolution = checkEvolution(previous, schema);
      if (evolution.problems.some((p) => p.code === 'UNIQUE_ADDED') && this.#isEmpty(name)) {
        evolution = checkEvolution(previous, schema, { empty: true });
      }
      if (!evolution.compatible) {
        const n = evolution.problems.length;
        throw new SchemaRegistryError(
          'INCOMPATIBLE_SCHEMA',
          `expected a compatible change of version ${latest.version}, found ${n} incompatible change${n === 1 ? '' : 's'}`,
          { collection: name, problems: evolution.problems },
        );
      }
      const version = latest.version + 1;
      const fieldIds = assignFieldIds(schema, previousIds);
      insertVersion(this.#sql, name, version, text, fieldIds, Date.now());
      return { name, version, fieldIds, changes: evolution.changes, written: true };
    });
  }

  /** A registered version (the latest by default), or null when there is none. */
  getSchema(name: string, version?: number): RegisteredSchema | null {
    const versions = readVersions(this.#sql, name, version);
    const last = versions[versions.length - 1];
    if (last === undefined || (version !== undefined && last.version !== version)) return null;
    return { name, version: last.version, schema: parseStored(name, last), fieldIds: assignmentOf(versions), createdAt: new Date(last.createdAt) };
  }

  /** The latest version of every registered collection, by name. */
  listSchemas(): SchemaSummary[] {
    return readLatest(this.#sql).map((row) => ({ name: row.name, version: row.version, updatedAt: new Date(row.createdAt) }));
  }

  /** The field ids of the latest version, or null when the collection is not registered. */
  getFieldIds(name: string): FieldIdAssignment | null {
    const versions = readVersions(this.#sql, name);
    return versions.length === 0 ? null : assignmentOf(versions);
  }

  /**
   * The type of every field over all stored documents of a collection
   * (ICETYPE.md §5): on the rows layout read in pages of 500 rows and
   * decoded with the registered schema when there is one (one read per
   * row); on the batched layout decoded batch by batch (one read per batch,
   * a few batches in memory at a time). No writes. Null when the collection
   * has neither a table nor batches.
   *
   * @example
   * registry.discoverSchema('User')
   * // { collection: 'User', documentCount: 1200, fields: { age: { type: 'int', nullable: true, seen: 1100 }, … } }
   * // SQL: SELECT * FROM "User" ORDER BY "$id" LIMIT 500, then … WHERE "$id" > ? …
   */
  discoverSchema(collection: string, options?: DiscoverOptions): DiscoveredSchema | null {
    if (!COLLECTION_NAME_PATTERN.test(collection) && !SCHEMALESS_NAME_PATTERN.test(collection)) return null;
    const latest = readNewestVersion(this.#sql, collection);
    const registered = latest === undefined ? undefined : parseStored(collection, latest);
    const batched = batchDocuments(this.#sql, collection);
    const rows = batched === null ? tableRows(this.#sql, collection) : null;
    if (batched === null && rows === null) return null;
    const discovery = discoverFromDocuments(
      batched ??
        (function* () {
          for (const row of rows!) yield rowDocument(registered, collection, row);
        })(),
    );
    const result: DiscoveredSchema = { collection, ...discovery };
    return options?.schema === true ? { ...result, schema: discoveredSchema(collection, discovery) } : result;
  }

  /** Whether a collection holds no documents, in its table or in batches (a missing table holds none). */
  #isEmpty(collection: string): boolean {
    const any = (query: string, ...bindings: SqlStorageValue[]): boolean => {
      try {
        return this.#sql.exec(query, ...bindings).toArray().length > 0;
      } catch (error) {
        if (isNoSuchTable(error, collection) || isNoSuchTable(error, '_batches')) return false;
        throw error;
      }
    };
    return !any(`SELECT 1 FROM ${quoteIdentifier(collection)} LIMIT 1`) && !any('SELECT 1 FROM _batches WHERE collection = ? LIMIT 1', collection);
  }
}
