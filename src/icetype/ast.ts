/**
 * The parsed form of an IceType schema (ICETYPE.md §1–§2). Every other module
 * — validator, printer, Drizzle compiler, Iceberg generators — reads these
 * plain, JSON-friendly structures; nothing here knows about SQLite or Drizzle.
 *
 * Source positions are deliberately *not* part of these structures, so that
 * the text form and the object form of one schema parse to equal values
 * (ICETYPE.md §7). Positions of text input live in a side table
 * (`sourcePositions` in `source-map.ts`).
 */

/** Canonical primitive names. Aliases are folded at parse time: `boolean`→`bool`, `bigint`→`long`. `text` stays distinct from `string` (it hints long content) but maps identically. */
export type PrimitiveName =
  | 'string'
  | 'text'
  | 'int'
  | 'long'
  | 'float'
  | 'double'
  | 'bool'
  | 'uuid'
  | 'timestamp'
  | 'date'
  | 'time'
  | 'json'
  | 'binary';

/** The element type of a field (for arrays, the type of each item). */
export type ScalarType =
  | { readonly kind: 'primitive'; readonly name: PrimitiveName }
  /** `decimal(P,S)`; `decimal(P)` has scale 0. 1 ≤ P ≤ 38, 0 ≤ S ≤ P. */
  | { readonly kind: 'decimal'; readonly precision: number; readonly scale: number }
  /** `varchar(N)`, N ≥ 1. */
  | { readonly kind: 'varchar'; readonly length: number }
  /** `vector(N)`: a fixed-length float32 array, N ≥ 1. */
  | { readonly kind: 'vector'; readonly dimensions: number }
  /** `"a" | "b" | "c"`: at least two distinct values, in declaration order. */
  | { readonly kind: 'enum'; readonly values: readonly string[] };

/** `-> T` forward, `~> T` fuzzy forward, `<- T.f` backward, `<~ T.f` fuzzy backward (ICETYPE.md §1.3). */
export type RelationOperator = '->' | '~>' | '<-' | '<~';

export interface RelationDefinition {
  readonly operator: RelationOperator;
  /** The target collection name, as written (`User`). */
  readonly target: string;
  /** The field on the target named after `.` (`<- Post.author` → `author`). */
  readonly inverse?: string;
  /** `[]`: many targets. */
  readonly many: boolean;
}

/** A field default: a JSON literal, or a function evaluated at write time. */
export type DefaultValue =
  | { readonly kind: 'literal'; readonly value: JsonValue }
  | { readonly kind: 'function'; readonly name: 'now' | 'uuid' };

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

export interface FieldDefinition {
  readonly name: string;
  /**
   * The element type. For a relation field this is the type of what the
   * document stores: `string` (the target `$id`) for forward relations; for
   * backward relations, which store nothing, also `string`.
   */
  readonly type: ScalarType;
  /** `T[]` (or a `-> T[]` relation). */
  readonly isArray: boolean;
  /** `!`: NOT NULL, must be supplied unless there is a default. */
  readonly required: boolean;
  /** `#`: a native SQLite index on this field. */
  readonly indexed: boolean;
  /** Field-object `unique: true` (shorthand for a one-field `$unique`). `!` never sets this. */
  readonly unique: boolean;
  readonly default?: DefaultValue;
  readonly relation?: RelationDefinition;
  /** Field-object `doc`. */
  readonly doc?: string;
  /**
   * Forward relations only (`-> T`, `-> T[]`): what deleting a referenced
   * `T` does to this document (field object `onDelete`, text `@onDelete(…)`).
   * Absent means `'restrict'`.
   */
  readonly onDelete?: OnDeleteAction;
}

/**
 * What deleting a referenced document does to the documents whose forward
 * relation points at it: `'restrict'` refuses the delete, `'cascade'`
 * deletes them too, `'set null'` clears the reference (a `-> T[]` list drops
 * the id).
 */
export type OnDeleteAction = 'restrict' | 'cascade' | 'set null';

/** The `onDelete` actions, in the order messages list them. */
export const ON_DELETE_ACTIONS: readonly OnDeleteAction[] = ['restrict', 'cascade', 'set null'];

export interface IndexDefinition {
  readonly fields: readonly string[];
  readonly unique: boolean;
}

export interface VectorDirective {
  readonly field: string;
  /** Given in the `{ field: dims }` form; otherwise taken from the field's `vector(N)`. */
  readonly dimensions?: number;
}

export type StorageLayout = 'rows' | 'batched';

/** Directives after validation of their shapes (ICETYPE.md §2). Absent ones take these defaults. */
export interface SchemaDirectives {
  readonly partitionBy: readonly string[];
  readonly index: readonly IndexDefinition[];
  readonly unique: readonly (readonly string[])[];
  readonly fts: readonly string[];
  readonly vector: readonly VectorDirective[];
  /** Undefined: the preset decides. */
  readonly storage?: StorageLayout;
  /** Undefined: the config decides. */
  readonly cdc?: boolean;
  /** Reject fields not in the schema. Undefined: the config decides (`validation.strictByDefault`, default true). */
  readonly strict?: boolean;
}

/** One collection's parsed schema. `fields` keeps declaration order (field ids depend on it). */
export interface IceTypeSchema {
  /** The collection name (`$type`, or the key in a schema set). */
  readonly name: string;
  readonly fields: ReadonlyMap<string, FieldDefinition>;
  readonly directives: SchemaDirectives;
}

/** One problem found in a schema (ICETYPE.md §3). */
export interface SchemaIssue {
  /** Stable SCREAMING_SNAKE_CASE code, see `IssueCode`. */
  readonly code: IssueCode;
  /** Says what was expected and what was found. */
  readonly message: string;
  /** `['User', 'age']` for a field, `['User', '$index', '0']` for a directive. */
  readonly path: readonly string[];
  /** 1-based; present for text input. */
  readonly line?: number;
  readonly column?: number;
}

export interface ValidationResult {
  readonly valid: boolean;
  readonly errors: readonly SchemaIssue[];
  readonly warnings: readonly SchemaIssue[];
}

/** Every stable issue code. Adding one is compatible; renaming one is a breaking change. */
export type IssueCode =
  // syntax
  | 'EMPTY_TYPE'
  | 'UNEXPECTED_TOKEN'
  | 'UNEXPECTED_END'
  | 'UNTERMINATED_STRING'
  | 'INVALID_NUMBER'
  | 'DUPLICATE_MODIFIER'
  | 'INVALID_MODIFIER_POSITION'
  /** A backslash escape a JSON string does not know (`"\\q"`). */
  | 'INVALID_ESCAPE'
  // types and defaults
  | 'UNKNOWN_TYPE'
  | 'INVALID_DEFAULT'
  | 'CONFLICTING_MODIFIERS'
  | 'DECIMAL_RANGE'
  | 'INVALID_PARAMETER'
  | 'INVALID_ENUM'
  | 'INVALID_FIELD_OBJECT'
  // relations
  | 'INVALID_RELATION'
  | 'UNKNOWN_RELATION_TARGET'
  | 'INVERSE_MISMATCH'
  // directives
  | 'UNKNOWN_DIRECTIVE'
  | 'INVALID_DIRECTIVE'
  | 'UNKNOWN_FIELD_REFERENCE'
  | 'PARTITION_FIELD_NOT_REQUIRED'
  // names and limits
  | 'INVALID_NAME'
  | 'RESERVED_NAME'
  | 'DUPLICATE_FIELD'
  | 'DUPLICATE_COLLECTION'
  | 'TOO_MANY_COLUMNS'
  /** `validateSchema` was given something that is not an `IceTypeSchema` (hand-built, wrong shape). */
  | 'INVALID_SCHEMA'
  // warnings
  | 'DUPLICATE_INDEX';
