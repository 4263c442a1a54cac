/**
 * Zone maps (issue 4 §2): per batch and field, the typed minimum and maximum
 * of the non-null values, the null count and the document count. Min/max are
 * typed — numbers as numbers, timestamps as epoch ms, decimals as exact
 * strings compared exactly, strings by code point — never text-compared
 * numbers (the published code's defect, seed-origin W15).
 */

/** How a field's values compare. */
export type ZoneKind = 'number' | 'text' | 'decimal' | 'timestamp' | 'bool';

interface ZoneOf<K extends ZoneKind, V> {
  readonly kind: K;
  /** Least non-null value; null when every value is null or absent. */
  readonly min: V | null;
  /** Greatest non-null value; null when every value is null or absent. */
  readonly max: V | null;
  /** Documents whose value is null, absent or NaN. */
  readonly nullCount: number;
  /** Documents in the batch. */
  readonly count: number;
}

/** The statistics of one field in one batch. */
export type FieldZone =
  | ZoneOf<'number', number>
  /** Epoch ms. */
  | ZoneOf<'timestamp', number>
  /** Compared by code point. */
  | ZoneOf<'text', string>
  /** Exact decimal text (`'-10.50'`), compared exactly. */
  | ZoneOf<'decimal', string>
  | ZoneOf<'bool', boolean>;

/**
 * The zone map of one batch. A field without a zone (mixed kinds, arrays,
 * json, binary, a field no document had) tells the planner nothing, so the
 * planner never prunes on it.
 */
export interface ZoneMap {
  /** Documents in the batch. */
  readonly count: number;
  readonly fields: Readonly<Record<string, FieldZone>>;
}
