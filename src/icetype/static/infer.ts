/**
 * Document types of a collection (ICETYPE.md §1 system fields, §6 static
 * types): `InferSelect` is what reads return, `InferInsert` what writes take.
 * Also the per-field views the Drizzle compiler builds its table types from.
 */

import type { FieldInfo, RelationInfo } from './field-info.js';
import type { FieldInfoOf, NullableValue } from './field-spec.js';
import type { FieldNames } from './schema-set.js';

/** Flattens an intersection or mapped type so editor hovers show one plain object. */
export type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** System fields every stored document has (ICETYPE.md §1); schemas may not declare them. */
export interface SystemFields {
  /** Primary key; a UUIDv7 is generated when absent on insert. */
  $id: string;
  /** The collection name. */
  $type: string;
  /** 1 on create, +1 per update. */
  $version: number;
  $createdAt: Date;
  $updatedAt: Date;
}

/** Every field of a collection definition → its `FieldInfo` (or `IceTypeCompileError` when invalid). */
export type FieldInfos<Def> = { -readonly [K in FieldNames<Def>]: FieldInfoOf<Def[K]> };

/**
 * The fields that become columns (kind `column` or `forward`, ICETYPE.md §1.3);
 * backward and fuzzy relations store nothing.
 */
export type StoredFieldNames<Def> = {
  [K in FieldNames<Def>]: FieldInfoOf<Def[K]> extends { readonly kind: 'column' | 'forward' } ? K : never;
}[FieldNames<Def>];

/** Stored fields without `!`/default that an insert must supply. */
type RequiredInsertNames<Def> = {
  [K in StoredFieldNames<Def>]: FieldInfoOf<Def[K]> extends { readonly nullable: false; readonly hasDefault: false } ? K : never;
}[StoredFieldNames<Def>];

/**
 * A stored document of the collection `Def`: system fields plus every stored
 * field, nullable ones as `T | null`.
 *
 * @example
 * ```ts
 * InferSelect<{ name: 'string!'; age: 'int?'; posts: '<- Post.author[]' }>
 * // { $id: string; $type: string; $version: number; $createdAt: Date; $updatedAt: Date;
 * //   name: string; age: number | null }
 * ```
 */
export type InferSelect<Def> = Simplify<
  SystemFields & { -readonly [K in StoredFieldNames<Def>]: SelectValue<FieldInfoOf<Def[K]>> }
>;

/**
 * What an insert takes: fields that are required and have no default are
 * required keys; nullable or defaulted ones are optional (`null` still allowed
 * when nullable). Of the system fields only `$id` may be given.
 *
 * @example
 * ```ts
 * InferInsert<{ name: 'string!'; age: 'int?'; status: 'string! = "new"' }>
 * // { $id?: string; name: string; age?: number | null; status?: string }
 * ```
 */
export type InferInsert<Def> = Simplify<
  { $id?: string } & { -readonly [K in RequiredInsertNames<Def>]: SelectValue<FieldInfoOf<Def[K]>> } & {
    -readonly [K in Exclude<StoredFieldNames<Def>, RequiredInsertNames<Def>>]?: SelectValue<FieldInfoOf<Def[K]>>;
  }
>;

type SelectValue<I> = I extends FieldInfo ? NullableValue<I> : never;

/**
 * Relation fields of a collection (all four operators) with what
 * `defineRelations` needs: kind, target collection, `many`, named inverse
 * (`undefined` when none) and whether a forward id may be `null`.
 *
 * @example
 * ```ts
 * RelationFields<{ author: '-> User!'; comments: '<- Comment.post[]' }>
 * // { author: { kind: 'forward'; target: 'User'; many: false; inverse: undefined; nullable: false };
 * //   comments: { kind: 'backward'; target: 'Comment'; many: true; inverse: 'post'; nullable: true } }
 * ```
 */
export type RelationFields<Def> = {
  -readonly [K in FieldNames<Def> as FieldInfoOf<Def[K]> extends RelationInfo ? K : never]: FieldInfoOf<
    Def[K]
  > extends infer I extends RelationInfo
    ? { kind: I['kind']; target: I['target']; many: I['many']; inverse: I['inverse']; nullable: I['nullable'] }
    : never;
};

/**
 * Select and insert types of every collection of a schema set.
 *
 * @example
 * ```ts
 * type Db = InferSchemaSet<typeof schema>;
 * type User = Db['User']['select'];
 * ```
 */
export type InferSchemaSet<D> = {
  -readonly [K in keyof D]: { select: InferSelect<D[K]>; insert: InferInsert<D[K]> };
};
