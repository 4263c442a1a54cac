import type { IceTypeSchema } from '../icetype/ast.js';
import { isStoredField } from '../icetype/schema-checks.js';
import { SYSTEM_FIELD_NAMES } from '../compile/system-columns.js';
import { quoteIdentifier } from '../cdc/row-json.js';

/** DO SQLite binds at most 100 parameters per statement. */
export const MAX_BOUND_PARAMETERS = 100;

/**
 * The SQL text of one collection's document operations on the rows layout.
 * Texts are built once per shape and reused, which also lets workerd reuse
 * its prepared statements (it caches them by SQL text). Identifiers come
 * from the validated schema only and are always quoted.
 */
export class CollectionStatements {
  readonly table: string;
  /** SQL column names in table order: system columns, then stored fields. */
  readonly columns: readonly string[];
  /** Documents per multi-row INSERT, so that rows × columns ≤ 100 bound parameters. */
  readonly rowsPerInsert: number;
  /** The columns, quoted and comma-separated: what reads select, in `columns` order (rows are read positionally). */
  readonly columnList: string;
  readonly selectById: string;
  readonly selectByIds: string;
  readonly versionById: string;
  readonly #inserts = new Map<number, string>();
  readonly #updates = new Map<string, string>();

  constructor(readonly schema: IceTypeSchema) {
    this.table = quoteIdentifier(schema.name);
    this.columns = [...SYSTEM_FIELD_NAMES, ...[...schema.fields.values()].filter(isStoredField).map((field) => field.name)];
    this.rowsPerInsert = Math.max(1, Math.floor(MAX_BOUND_PARAMETERS / this.columns.length));
    this.columnList = this.columns.map(quoteIdentifier).join(', ');
    this.selectById = `SELECT ${this.columnList} FROM ${this.table} WHERE "$id" = ?`;
    this.selectByIds = `SELECT ${this.columnList} FROM ${this.table} WHERE "$id" IN (SELECT value FROM json_each(?))`;
    this.versionById = `SELECT "$version" AS version FROM ${this.table} WHERE "$id" = ?`;
  }

  /** `INSERT` of `rows` documents, all columns. */
  insert(rows: number): string {
    let sql = this.#inserts.get(rows);
    if (sql === undefined) {
      const tuple = `(${this.columns.map(() => '?').join(', ')})`;
      sql = `INSERT INTO ${this.table} (${this.columns.map(quoteIdentifier).join(', ')}) VALUES ${Array.from({ length: rows }, () => tuple).join(', ')}`;
      this.#inserts.set(rows, sql);
    }
    return sql;
  }

  /**
   * `UPDATE` setting `columns` (bound in that order), bumping `$version`,
   * setting `$updatedAt` (bound next), for `$id` (bound next) and, with
   * `checkVersion`, only at `$version` (bound last). Returns the new row.
   */
  update(columns: readonly string[], checkVersion: boolean): string {
    const key = `${checkVersion ? 'v' : '-'}${columns.join('\u0000')}`;
    let sql = this.#updates.get(key);
    if (sql === undefined) {
      const sets = [...columns.map((c) => `${quoteIdentifier(c)} = ?`), '"$version" = "$version" + 1', '"$updatedAt" = ?'];
      sql = `UPDATE ${this.table} SET ${sets.join(', ')} WHERE "$id" = ?${checkVersion ? ' AND "$version" = ?' : ''} RETURNING ${this.columnList}`;
      this.#updates.set(key, sql);
    }
    return sql;
  }

  /** `DELETE` by `$id` (and `$version` when checked), returning the id. */
  delete(checkVersion: boolean): string {
    return `DELETE FROM ${this.table} WHERE "$id" = ?${checkVersion ? ' AND "$version" = ?' : ''} RETURNING "$id"`;
  }
}
