/**
 * The public shapes of the query-filter layer: filters, orderings, compiled
 * SQL fragments and query specs (issue 3 §1).
 */

/** A value DO SQLite can bind: no bigint, no boolean (booleans bind as 1/0). */
export type SqlValue = string | number | ArrayBuffer | null;

/** A SQL fragment and its positional (`?`) parameters, in order. */
export interface CompiledSql {
  readonly sql: string;
  readonly params: SqlValue[];
}

/**
 * A value to compare a field with. Timestamps take `Date`, ISO-8601 strings or
 * epoch ms; decimals take exact strings (`'-10.50'`), numbers or bigints;
 * binary takes `Uint8Array`/`ArrayBuffer`; `null` means "null or absent".
 */
export type FilterValue = string | number | boolean | bigint | Date | Uint8Array | ArrayBuffer | null;

/**
 * Operators on one field. Several operators on one field must all hold.
 * On an array field (`T[]`, `-> T[]`) every operator but `$exists` and
 * `null` applies to the elements: `$eq`/`$contains` mean "contains",
 * `$in` means "contains any of", `$ne`/`$nin` mean "contains none of".
 */
export interface FieldOperators {
  readonly $eq?: FilterValue;
  /** Not equal; matches null and absent values too. */
  readonly $ne?: FilterValue;
  readonly $gt?: FilterValue;
  readonly $gte?: FilterValue;
  readonly $lt?: FilterValue;
  readonly $lte?: FilterValue;
  /** Any of; `null` in the list matches null or absent values. Any length: bound as one JSON parameter. */
  readonly $in?: readonly FilterValue[];
  /** None of; matches null and absent values unless the list holds `null`. */
  readonly $nin?: readonly FilterValue[];
  /** `true`: not null; `false`: null or absent. */
  readonly $exists?: boolean;
  /** Strings: substring (case-sensitive). Arrays: has the element. */
  readonly $contains?: FilterValue;
  /** Case-sensitive prefix, any length. */
  readonly $startsWith?: string;
  /** Case-sensitive suffix, any length. */
  readonly $endsWith?: string;
  /** None of these operators' conditions hold (nulls included: `{ $not: { $gt: 3 } }` matches null). */
  readonly $not?: FieldOperators | FilterValue;
}

/** A field condition: a bare value (`$eq`) or an operator object. */
export type FieldCondition = FilterValue | FieldOperators;

/**
 * A document filter: field conditions (all must hold) and logical operators.
 * Field keys are field names, system fields (`$id`, `$type`, `$version`,
 * `$createdAt`, `$updatedAt`) or dot paths into `json` fields
 * (`'address.city'`, any depth).
 *
 * @example
 * const filter: Filter = { age: { $gt: 30 }, status: 'active', $or: [{ tags: 'vip' }, { 'address.city': 'Paris' }] };
 */
export interface Filter {
  readonly $and?: readonly Filter[];
  readonly $or?: readonly Filter[];
  readonly $not?: Filter;
  readonly [field: string]: FieldCondition | Filter | readonly Filter[] | undefined;
}

/** A sort direction. */
export type SortDirection = 'asc' | 'desc';

/**
 * An ordering: `{ age: 'desc', name: 'asc' }` (key order counts) or a list of
 * such objects. Ties are always broken by `$id` ascending, so the order is
 * total. Nulls sort first ascending and last descending (null is the least value).
 */
export type OrderBy = Readonly<Record<string, SortDirection>> | readonly Readonly<Record<string, SortDirection>>[];

/** A query over one collection: filter, ordering, keyset cursor and page. */
export interface QuerySpec {
  readonly where?: Filter;
  readonly orderBy?: OrderBy;
  /** A cursor from `encodeCursor(lastDocument, orderBy)`: returns documents after it in `orderBy` order. */
  readonly after?: string;
  readonly limit?: number;
  readonly offset?: number;
}

/** Options shared by the compilers and the in-memory evaluator. */
export interface FilterOptions {
  /**
   * What a field not in the schema means: `'reject'` throws `UNKNOWN_FIELD`,
   * `'absent'` treats it as a field no document has (the rows layout has no
   * column for it), `'document'` reads it from the document as a schemaless
   * value (the batched layout keeps open documents' undeclared fields; the
   * in-memory evaluator only). Default: `'reject'` when the schema is
   * `$strict` (the default), `'absent'` otherwise.
   */
  readonly unknownFields?: 'reject' | 'absent' | 'document';
}

/** Options of the SQL compilers. */
export interface SqlOptions extends FilterOptions {
  /** The name (or alias) that qualifies columns: `"User"."age"`. Default: the collection name. */
  readonly table?: string;
  /** Most parameters the fragment may bind; lower it to leave room for your own. Default 100. */
  readonly maxParams?: number;
}
