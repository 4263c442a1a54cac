/**
 * Limits of the filter layer, derived from DO SQLite's: 100 bound parameters
 * per statement, expression trees at most 100 deep, statements at most
 * 100,000 bytes (Cloudflare "Limits", SQL storage).
 */

/** Most `$and`/`$or`/`$not` levels a filter may nest (field-level `$not` counts too). */
export const MAX_FILTER_NESTING = 32;

/**
 * Most SQL expression depth a compiled filter may reach, estimated
 * from above (see `plan-depth.ts`). SQLite allows 100; the rest is kept for
 * the `AND` that joins a cursor condition (at most ~30 deep) to the filter.
 */
export const MAX_FILTER_SQL_DEPTH = 90;

/** Most fields an `orderBy` may name (the `$id` tiebreak is extra): bounds the depth of the keyset condition. */
export const MAX_ORDER_FIELDS = 8;

/** Bound parameters DO SQLite accepts in one statement. */
export const MAX_BOUND_PARAMETERS = 100;

/** Bytes of SQL a compiled filter or query may take; DO SQLite allows 100,000 per statement, the rest is left for the caller's `SELECT …`. */
export const MAX_CLAUSE_BYTES = 90_000;
