/**
 * The relation fixture of support.ts plus the one relation kind it lacks,
 * fuzzy backward: `Book.similarTo: '<~ Book.similar[]'` (the books whose
 * `similar` matches lead here). Fuzzy edges are written as a matcher would,
 * with raw SQL into `_rels`.
 */
import { defineSchema, type IceTypeDatabase } from '../../src/index.js';
import { batchedSchema, mixedSchema, openRelations, rowsSchema, seedLibrary, type LayoutName, type RelationsDb } from './support.js';

const similarTo = '<~ Book.similar[]';

const LAYOUTS = {
  rows: defineSchema({ ...rowsSchema.definition, Book: { ...rowsSchema.definition.Book, similarTo } } as const),
  batched: defineSchema({ ...batchedSchema.definition, Book: { ...batchedSchema.definition.Book, similarTo } } as const),
  mixed: defineSchema({ ...mixedSchema.definition, Book: { ...mixedSchema.definition.Book, similarTo } } as const),
};

export const LAYOUT_NAMES = Object.keys(LAYOUTS) as LayoutName[];

export type RelDb = IceTypeDatabase<(typeof LAYOUTS)['rows']['definition']>;

/** A fuzzy edge `from ~similar~> to` with its score; `ordinal` is the matcher's output position. */
export function similar(storage: DurableObjectStorage, from: string, to: string, score: number, ordinal: number): void {
  storage.sql.exec(
    "INSERT INTO _rels (from_type, from_id, rel, to_type, to_id, ordinal, score, created_at) VALUES ('Book', ?, 'similar', 'Book', ?, ?, ?, 0)",
    from,
    to,
    ordinal,
    score,
  );
}

/**
 * Opens `layout` in a fresh DO and seeds the library of support.ts, plus
 * fuzzy edges listed in an order unlike their scores: b1 ~> b3 (0.9), b6
 * (0.7), b2 (0.95); b4 ~> b3 (0.99). So by score `b1.similar` is b2, b3, b6
 * and `b3.similarTo` is b4, b1.
 */
export async function openLibrary(storage: DurableObjectStorage, layout: LayoutName): Promise<RelDb> {
  const db = (await openRelations(storage, LAYOUTS[layout] as never)) as unknown as RelDb;
  seedLibrary(db as unknown as RelationsDb);
  similar(storage, 'b1', 'b3', 0.9, 0);
  similar(storage, 'b1', 'b6', 0.7, 1);
  similar(storage, 'b1', 'b2', 0.95, 2);
  similar(storage, 'b4', 'b3', 0.99, 0);
  return db;
}
