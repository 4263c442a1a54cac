/**
 * The floor: hand-written SQL through `ctx.storage.sql.exec` on the same
 * table, indexes and change log as the Drizzle baseline, with statement
 * texts built once (workerd caches prepared statements by text) and rows
 * read as arrays (`.raw()`) and decoded by hand into the same documents.
 */
import { v7 as uuidv7 } from 'uuid';
import { SHARD } from '../../support/worker/change-log.js';
import { CursorMeter, type RowCost } from '../../support/worker/cursor-meter.js';
import { PLAIN_DDL } from './plain-tables.js';
import { afterImage, type BenchUser, type NewBenchUser } from './users.js';
import { Tally, type Outcome, type Variant } from './variant.js';

const USER_COLUMNS = ['$id', '$type', '$version', '$createdAt', '$updatedAt', 'tenantId', 'email', 'name', 'age', 'status', 'createdAt', 'score', 'tags'];
const CHANGE_COLUMNS = ['tx_id', 'collection', 'doc_id', 'op', 'after', 'changed', 'ts', 'shard'];
const USERS_PER_INSERT = Math.floor(100 / USER_COLUMNS.length);
const CHANGES_PER_INSERT = Math.floor(100 / CHANGE_COLUMNS.length);

function insertSql(table: string, columns: readonly string[], rows: number): string {
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  return `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${Array.from({ length: rows }, () => tuple).join(', ')}`;
}

const SELECT_BY_ID = 'SELECT * FROM "User" WHERE "$id" = ?';
const SELECT_BY_EMAIL = 'SELECT * FROM "User" WHERE "email" = ? ORDER BY "$id"';
const SELECT_BY_AGE = 'SELECT * FROM "User" WHERE "age" >= ? AND "age" <= ? ORDER BY "$id"';
const UPDATE_AGE = 'UPDATE "User" SET "age" = ?, "$version" = "$version" + 1, "$updatedAt" = ? WHERE "$id" = ? RETURNING *';

type UserRow = Record<string, SqlStorageValue>;

/** A row of `SELECT *` read with `.raw()` (an array in USER_COLUMNS order, no per-row object) as a document. */
function decode(row: SqlStorageValue[]): BenchUser {
  const createdAt = row[10];
  const tags = row[12];
  return {
    $id: row[0] as string,
    $type: row[1] as string,
    $version: row[2] as number,
    $createdAt: new Date(row[3] as number),
    $updatedAt: new Date(row[4] as number),
    tenantId: row[5] as string,
    email: row[6] as string | null,
    name: row[7] as string,
    age: row[8] as number | null,
    status: row[9] as BenchUser['status'],
    createdAt: createdAt === null ? null : new Date(createdAt as number),
    score: row[11] as string | null,
    tags: tags === null ? null : (JSON.parse(tags as string) as string[]),
  };
}

export class RawVariant implements Variant {
  readonly #storage: DurableObjectStorage;
  readonly #sql: SqlStorage;
  readonly #meter = new CursorMeter();
  readonly #insertUsers = new Map<number, string>();
  readonly #insertChanges = new Map<number, string>();
  #tx = 0;

  constructor(storage: DurableObjectStorage) {
    this.#storage = storage;
    this.#sql = storage.sql;
  }

  async setup(): Promise<void> {
    this.#storage.transactionSync(() => PLAIN_DDL.forEach((ddl) => this.#sql.exec(ddl)));
  }

  #exec(query: string, ...bindings: unknown[]): SqlStorageCursor<UserRow> {
    return this.#meter.track(this.#sql.exec<UserRow>(query, ...bindings));
  }

  #insert(cache: Map<number, string>, table: string, columns: readonly string[], rows: number, params: unknown[]): void {
    let text = cache.get(rows);
    if (text === undefined) cache.set(rows, (text = insertSql(table, columns, rows)));
    this.#exec(text, ...params);
  }

  #newUser(doc: NewBenchUser, now: Date): BenchUser {
    return { $id: uuidv7(), $type: 'User', $version: 1, $createdAt: now, $updatedAt: now, ...doc, status: 'active', createdAt: now };
  }

  #pushUser(params: unknown[], u: BenchUser): void {
    const created = u.$createdAt.getTime();
    params.push(u.$id, u.$type, u.$version, created, u.$updatedAt.getTime(), u.tenantId, u.email, u.name, u.age, u.status, u.createdAt?.getTime() ?? null, u.score, JSON.stringify(u.tags));
  }

  #pushChange(params: unknown[], u: BenchUser, op: string, tx: number, changed: string | null): void {
    params.push(String(tx), 'User', u.$id, op, afterImage(u), changed, u.$updatedAt.getTime(), SHARD);
  }

  create(docs: readonly NewBenchUser[]): Outcome {
    const tally = new Tally();
    for (const doc of docs) {
      const user = this.#storage.transactionSync(() => {
        const created = this.#newUser(doc, new Date());
        const row: unknown[] = [];
        this.#pushUser(row, created);
        this.#insert(this.#insertUsers, 'User', USER_COLUMNS, 1, row);
        const change: unknown[] = [];
        this.#pushChange(change, created, 'insert', ++this.#tx, null);
        this.#insert(this.#insertChanges, '_cdc', CHANGE_COLUMNS, 1, change);
        return created;
      });
      tally.add(user);
    }
    return tally.outcome;
  }

  createMany(docs: readonly NewBenchUser[]): Outcome {
    const tally = new Tally();
    const created = this.#storage.transactionSync(() => {
      const now = new Date();
      const tx = ++this.#tx;
      const rows = docs.map((doc) => this.#newUser(doc, now));
      for (let i = 0; i < rows.length; i += USERS_PER_INSERT) {
        const chunk = rows.slice(i, i + USERS_PER_INSERT);
        const params: unknown[] = [];
        for (const user of chunk) this.#pushUser(params, user);
        this.#insert(this.#insertUsers, 'User', USER_COLUMNS, chunk.length, params);
      }
      for (let i = 0; i < rows.length; i += CHANGES_PER_INSERT) {
        const chunk = rows.slice(i, i + CHANGES_PER_INSERT);
        const params: unknown[] = [];
        for (const user of chunk) this.#pushChange(params, user, 'insert', tx, null);
        this.#insert(this.#insertChanges, '_cdc', CHANGE_COLUMNS, chunk.length, params);
      }
      return rows;
    });
    for (const user of created) tally.add(user);
    return tally.outcome;
  }

  get(ids: readonly string[]): Outcome {
    const tally = new Tally();
    for (const id of ids) {
      const next = this.#exec(SELECT_BY_ID, id).raw().next();
      tally.add(next.done === true ? null : decode(next.value));
    }
    return tally.outcome;
  }

  update(ids: readonly string[], ages: readonly number[]): Outcome {
    const tally = new Tally();
    ids.forEach((id, k) => {
      const user = this.#storage.transactionSync(() => {
        const next = this.#exec(UPDATE_AGE, ages[k]!, Date.now(), id).raw().next();
        if (next.done === true) throw new Error(`bench: expected User ${id}, found none`);
        const updated = decode(next.value);
        const change: unknown[] = [];
        this.#pushChange(change, updated, 'update', ++this.#tx, '["age"]');
        this.#insert(this.#insertChanges, '_cdc', CHANGE_COLUMNS, 1, change);
        return updated;
      });
      tally.add(user);
    });
    return tally.outcome;
  }

  queryByEmail(emails: readonly string[]): Outcome {
    const tally = new Tally();
    for (const email of emails) for (const row of this.#exec(SELECT_BY_EMAIL, email).raw()) tally.add(decode(row));
    return tally.outcome;
  }

  queryByAge(ranges: readonly (readonly [number, number])[]): Outcome {
    const tally = new Tally();
    for (const [lo, hi] of ranges) for (const row of this.#exec(SELECT_BY_AGE, lo, hi).raw()) tally.add(decode(row));
    return tally.outcome;
  }

  cost(): RowCost {
    return this.#meter.total;
  }
}
