import type { BuildColumns, ColumnBuilderBase, ColumnType, ExtractTablesWithRelations, Many, One } from 'drizzle-orm';
import type { SQLiteTableWithColumns } from 'drizzle-orm/sqlite-core';
import type { FieldInfo } from '../icetype/static/field-info.js';
import type { FieldInfoOf } from '../icetype/static/field-spec.js';
import type { InferInsert, InferSelect, RelationFields, StoredFieldNames } from '../icetype/static/infer.js';
import type { systemColumns } from './system-columns.js';
import type { SystemTables } from './system-tables.js';

/**
 * The static side of the compiler: the Drizzle table and relation types of
 * a schema set, derived from its IceType strings (ICETYPE.md §4, §6). They
 * mirror what `compileTable` and `compileRelations` build at run time; the
 * type tests and the workerd tests hold the two together.
 */

/**
 * Drizzle's data-type tag of each IceType element type: what the columns
 * `columnFor` builds report as `column.dataType` (ICETYPE.md §4). Indexed by
 * `TypeName`, so a new type name fails here until it is mapped.
 */
interface DataTypes {
  string: 'string';
  text: 'string';
  uuid: 'string';
  date: 'string';
  time: 'string';
  decimal: 'string';
  varchar: 'string';
  enum: 'string enum';
  int: 'number int53';
  long: 'number int53';
  float: 'number double';
  double: 'number double';
  bool: 'boolean';
  timestamp: 'object date';
  json: 'object json';
  binary: 'custom';
  vector: 'custom';
}

/** Arrays (and `-> T[]`) are JSON text whatever their element type. */
type DataTypeOf<I extends FieldInfo> = I['array'] extends true ? 'object json' : DataTypes[I['type']];

/** The column builder type of one stored field. */
export type FieldColumnBuilder<I extends FieldInfo> = ColumnBuilderBase<{
  dataType: DataTypeOf<I> & ColumnType;
  data: I['value'];
  driverParam: unknown;
  notNull: I['nullable'] extends false ? true : false;
  hasDefault: I['hasDefault'];
}>;

/** A stored field's key in the Drizzle table: its name, or `<name>Id`/`<name>Ids` for forward relations (see `columnKeyFor`). */
export type ColumnKey<F extends string, I> = I extends { kind: 'forward'; many: infer M } ? `${F}${M extends true ? 'Ids' : 'Id'}` : F;

/** `T` (a document type of `Def`) with each stored field renamed to its `ColumnKey`; modifiers kept. */
type WithColumnKeys<Def, T> = {
  [K in keyof T as K extends StoredFieldNames<Def> & keyof Def ? ColumnKey<K, FieldInfoOf<Def[K]>> : K]: T[K];
};

/**
 * A row of the Drizzle table a collection compiles to: `InferSelect` with
 * forward relations under their column keys (`author: '-> User'` →
 * `authorId`, `-> T[]` → `<field>Ids`; see `ColumnKey`). It is the table's
 * `$inferSelect`, and what `db.select()` and `db.query.X.findMany()` (without
 * `with`) return. Documents (`InferSelect`) keep the field names.
 *
 * @example
 * ```ts
 * InferRow<{ title: 'string!'; author: '-> User!'; tags: '-> Tag[]'; comments: '<- Comment.post[]' }>
 * // { $id: string; $type: string; $version: number; $createdAt: Date; $updatedAt: Date;
 * //   title: string; authorId: string; tagsIds: string[] | null }
 * ```
 */
export type InferRow<Def> = WithColumnKeys<Def, InferSelect<Def>>;

/**
 * What `db.insert(table).values()` takes for a collection: `InferInsert` with
 * forward relations under their column keys (see `InferRow`). The table's
 * `$inferInsert` has exactly these required keys; it also accepts the other
 * system columns (`$type`, `$version`, `$createdAt`, `$updatedAt`), optional.
 *
 * @example
 * ```ts
 * InferNewRow<{ title: 'string!'; author: '-> User!'; editor: '-> User' }>
 * // { $id?: string; title: string; authorId: string; editorId?: string | null }
 * ```
 */
export type InferNewRow<Def> = WithColumnKeys<Def, InferInsert<Def>>;

type CollectionColumns<Def> = ReturnType<typeof systemColumns> & {
  [F in StoredFieldNames<Def> as ColumnKey<F, FieldInfoOf<Def[F]>>]: FieldInfoOf<Def[F]> extends infer I extends FieldInfo ? FieldColumnBuilder<I> : never;
};

/** The Drizzle table a collection compiles to. */
export type CollectionTable<Name extends string, Def> = SQLiteTableWithColumns<{
  name: Name;
  schema: undefined;
  columns: BuildColumns<Name, CollectionColumns<Def>, 'sqlite'>;
  dialect: 'sqlite';
  isAlias: false;
}>;

/** Every collection's table, keyed by collection name, plus the system tables. */
export type CompiledTables<D> = { [K in keyof D & string]: CollectionTable<K, D[K]> } & SystemTables;

/**
 * The Drizzle relation type of a relation field. Every declared relation is
 * one, so `with` and relation filters type-check for all of them:
 * `-> T!` → `One<T, false>`, `-> T` → `One<T, true>`; `-> T[]`, `~> T[]`,
 * `<- T.f[]`, `<~ T.f[]` → `Many<T>`; `~> T`, `<- T.f`, `<~ T.f` →
 * `One<T, true>`. At run time only `-> T` and `<- T.f` over a single
 * `-> Self` are Drizzle relations (`compileRelations`); queries using the
 * others are served by the store's emulation (src/query/route-queries.ts).
 */
type CompiledRelation<R> = R extends { kind: 'forward'; many: false; target: infer T extends string; nullable: infer N extends boolean }
  ? One<T, N>
  : R extends { target: infer T extends string; many: infer M extends boolean }
    ? M extends true
      ? Many<T>
      : One<T, true>
    : never;

type CollectionRelations<D, Self extends string> = {
  [F in keyof RelationFields<D[Self & keyof D]>]: CompiledRelation<RelationFields<D[Self & keyof D]>[F]>;
};

/** The relations config `defineRelations` returns for a schema set. */
export type CompiledRelations<D> = ExtractTablesWithRelations<{ [K in keyof D & string]: CollectionRelations<D, K> }, CompiledTables<D>>;
