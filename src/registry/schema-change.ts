/**
 * What `checkEvolution` reports (issue 3 §4): every difference between two
 * versions of a collection's schema as a `SchemaChange`, and every reason a
 * difference cannot be accepted as a `SchemaProblem` with a stable code.
 */

/** What changed. A kind can be compatible or not depending on the details (`compatible`). */
export type SchemaChangeKind =
  | 'FIELD_ADDED'
  | 'FIELD_REMOVED'
  /** The order of fields changed (field ids do not depend on it once assigned). */
  | 'FIELDS_REORDERED'
  /** The element type changed (widenings such as int → long are compatible). */
  | 'TYPE_CHANGED'
  /** `T` ↔ `T[]`. */
  | 'ARRAY_CHANGED'
  | 'MADE_OPTIONAL'
  | 'MADE_REQUIRED'
  | 'DEFAULT_CHANGED'
  | 'DOC_CHANGED'
  /** Relation operator, target or inverse, or a relation ↔ a plain field. */
  | 'RELATION_CHANGED'
  /** `#` on a field, or a non-unique `$index` entry. */
  | 'INDEX_ADDED'
  | 'INDEX_REMOVED'
  /** `unique: true` on a field, a `$unique` entry, or a unique `$index` entry. */
  | 'UNIQUE_ADDED'
  | 'UNIQUE_REMOVED'
  /** `$partitionBy`, `$storage`, `$fts`, `$vector`, `$cdc`, `$strict`, or the order of `$index`/`$unique` entries. */
  | 'DIRECTIVE_CHANGED';

/** One difference between two versions. */
export interface SchemaChange {
  readonly kind: SchemaChangeKind;
  /** `['User', 'age']` for a field, `['User', '$index', '1']` for a directive entry, `['User']` for the collection. */
  readonly path: readonly string[];
  /** Whether existing documents (and exported Iceberg data) stay valid under the new version. */
  readonly compatible: boolean;
  /** A sentence, e.g. `added optional field "nickname": string`. Never contains document values. */
  readonly description: string;
}

/**
 * Why a change is incompatible. Stable: adding a code is compatible,
 * renaming one is a breaking change.
 */
export type SchemaProblemCode =
  /** The element type changed other than by a widening (int → long, float → double, to string/text, varchar/enum growth, decimal precision growth). */
  | 'TYPE_CHANGED'
  /** A field became a list or stopped being one. */
  | 'ARRAY_CHANGED'
  /** A new stored field is required and has no default: existing documents lack it. */
  | 'REQUIRED_FIELD_ADDED'
  /** An optional field became required: existing documents may lack it. */
  | 'FIELD_MADE_REQUIRED'
  /** The relation operator changed, or a field became a relation or stopped being one. */
  | 'RELATION_CHANGED'
  | 'RELATION_TARGET_CHANGED'
  /** An enum lost a value that existing documents may hold. */
  | 'ENUM_VALUE_REMOVED'
  /** A decimal lost precision or scale. */
  | 'DECIMAL_NARROWED'
  /** A decimal gained scale: stored values have a fixed number of fraction digits, and Iceberg only widens precision. */
  | 'DECIMAL_SCALE_CHANGED'
  | 'VARCHAR_NARROWED'
  | 'VECTOR_DIMENSIONS_CHANGED'
  /** `$storage` changed: documents are laid out differently. */
  | 'STORAGE_CHANGED'
  /** `$partitionBy` changed: documents are placed by it. */
  | 'PARTITION_CHANGED'
  /** A new unique constraint while the collection may hold documents that violate it (see `EvolutionOptions.empty`). */
  | 'UNIQUE_ADDED';

/** One reason the new version is refused. */
export interface SchemaProblem {
  readonly code: SchemaProblemCode;
  readonly path: readonly string[];
  /** What is allowed here, e.g. `int or a widening of it (long)`. */
  readonly expected: string;
  /** What the new version has, e.g. `string`. */
  readonly found: string;
  /** `expected <expected>, found <found>`. */
  readonly message: string;
}

/** The verdict of `checkEvolution`. */
export interface EvolutionResult {
  /** True when `problems` is empty. */
  readonly compatible: boolean;
  /** Every difference, in the order fields and directives appear. Empty when the versions are equal. */
  readonly changes: readonly SchemaChange[];
  readonly problems: readonly SchemaProblem[];
}

/** Facts about stored data that relax the rules. */
export interface EvolutionOptions {
  /** The collection holds no documents, so a new unique constraint cannot be violated. Default false. */
  readonly empty?: boolean;
}
