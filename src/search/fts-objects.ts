/**
 * The SQL objects behind a collection's `$fts` directive (ICETYPE.md §2):
 * an external-content FTS5 table over the collection table (SQLite "FTS5",
 * §4.4.3 External Content Tables) and three permanent triggers that keep it
 * in step with every write — `db.store`, Drizzle builders or raw SQL alike.
 * Pure: definitions only; `installSearchIndexes` puts them in place.
 */
import type { TriggerDefinition } from '../cdc/triggers.js';
import { quoteIdentifier } from '../cdc/row-json.js';
import type { IceTypeSchema } from '../icetype/ast.js';
import { rowidName } from './rowid.js';
import { SearchError } from './search-error.js';

/** Trigger names start with this; `installSearchIndexes` owns every trigger so named. */
export const FTS_TRIGGER_PREFIX = '_fts_';

/** Folds case and diacritics (`café` matches `cafe`), splits on everything but letters, digits and private-use characters. */
export const FTS_TOKENIZER = 'unicode61 remove_diacritics 2';

/** FTS5 reserves these column names (case-insensitively). */
const RESERVED_FTS_COLUMNS = new Set(['rank', 'rowid']);

/** The FTS5 table of a collection: `"<Collection>_fts"`. */
export function ftsTableName(collection: string): string {
  return `${collection}_fts`;
}

export interface FtsDefinition {
  readonly collection: string;
  /** The FTS5 table's name. */
  readonly table: string;
  /** The indexed columns, in `$fts` order. */
  readonly columns: readonly string[];
  /** `CREATE VIRTUAL TABLE …`, exactly as `sqlite_master` keeps it. */
  readonly sql: string;
  readonly triggers: readonly TriggerDefinition[];
}

function quoteString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * The FTS5 table and triggers of one collection, over the `$fts` fields that
 * have a column in the table (all of them when `tableColumns` is not given;
 * a table may lag its schema until the next migration). Undefined when
 * there is nothing to index.
 *
 * @example
 * ftsDefinition(Post) // for `$fts: ['title', 'body']`:
 * // sql: CREATE VIRTUAL TABLE "Post_fts" USING fts5("title", "body", content='Post', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')
 * // triggers: "_fts_Post_insert", "_fts_Post_update" (AFTER UPDATE OF "title", "body" … WHEN a value changed), "_fts_Post_delete"
 */
export function ftsDefinition(schema: IceTypeSchema, tableColumns?: ReadonlySet<string>): FtsDefinition | undefined {
  const columns = schema.directives.fts.filter((name) => tableColumns === undefined || tableColumns.has(name));
  if (columns.length === 0) return undefined;
  const reserved = columns.find((name) => RESERVED_FTS_COLUMNS.has(name.toLowerCase()));
  if (reserved !== undefined) {
    throw new SearchError('NOT_SEARCHABLE', `expected $fts fields other than FTS5's reserved column names rank and rowid, found ${JSON.stringify(reserved)}`, {
      collection: schema.name,
      field: reserved,
    });
  }
  const rowid = rowidName(schema);
  const table = ftsTableName(schema.name);
  const content = quoteIdentifier(schema.name);
  const fts = quoteIdentifier(table);
  const names = columns.map(quoteIdentifier).join(', ');
  const values = (row: 'NEW' | 'OLD') => [`${row}.${rowid}`, ...columns.map((c) => `${row}.${quoteIdentifier(c)}`)].join(', ');
  const add = `INSERT INTO ${fts} (rowid, ${names}) VALUES (${values('NEW')});`;
  // External content: the index forgets a row only when told the values it indexed for it.
  const remove = `INSERT INTO ${fts} (${fts}, rowid, ${names}) VALUES ('delete', ${values('OLD')});`;
  const oldRow = columns.map((c) => `OLD.${quoteIdentifier(c)}`).join(', ');
  const newRow = columns.map((c) => `NEW.${quoteIdentifier(c)}`).join(', ');
  // `UPDATE OF` fires whenever a column is in the SET list; the WHEN spares the (billed) index writes when no value changed.
  const changed = `(${oldRow}) IS NOT (${newRow})`;
  const triggers = [
    ['insert', `AFTER INSERT ON ${content} FOR EACH ROW`, add],
    ['update', `AFTER UPDATE OF ${names} ON ${content} FOR EACH ROW WHEN ${changed}`, `${remove} ${add}`],
    ['delete', `AFTER DELETE ON ${content} FOR EACH ROW`, remove],
  ] as const;
  return {
    collection: schema.name,
    table,
    columns,
    sql: `CREATE VIRTUAL TABLE ${fts} USING fts5(${names}, content=${quoteString(schema.name)}, content_rowid=${quoteString(rowid)}, tokenize=${quoteString(FTS_TOKENIZER)})`,
    triggers: triggers.map(([op, when, body]) => {
      const name = `${FTS_TRIGGER_PREFIX}${schema.name}_${op}`;
      return { name, table: schema.name, sql: `CREATE TRIGGER ${quoteIdentifier(name)} ${when} BEGIN ${body} END` };
    }),
  };
}

/**
 * Whether `sql` (a `sqlite_master` entry) is an FTS5 table this module made:
 * `"<X>_fts"` over content `'<X>'`. Others' FTS5 tables are left alone.
 */
export function isOwnFtsTable(name: string, sql: string | null): boolean {
  if (sql === null || !name.endsWith('_fts')) return false;
  const collection = name.slice(0, -'_fts'.length);
  return sql.startsWith(`CREATE VIRTUAL TABLE ${quoteIdentifier(name)} USING fts5(`) && sql.includes(`, content=${quoteString(collection)}, content_rowid=`);
}
