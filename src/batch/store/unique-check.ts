import type { IceTypeSchema } from '../../icetype/ast.js';
import { uniqueConstraints } from '../../icetype/schema.js';
import type { NormalizedDocument, NormalizedValue } from '../../store/values/index.js';
import { bytesToHex } from '../../util/hex.js';

/**
 * Unique constraints on the batched layout (`$unique`, unique `$index`
 * entries, `unique: true` fields), with SQL's semantics: a key with a null
 * member never conflicts. The rows layout has SQLite enforce them; here the
 * store compares the written documents' keys with each other and with the
 * stored documents `loadExisting` returns (the collection prunes batches
 * with their bloom filters before decoding them).
 */

/** A taken key: the constraint's fields and the document (index in the written list, and id) that tried to take it. */
export interface UniqueConflict {
  readonly fields: readonly string[];
  readonly index: number;
  readonly id: string;
}

/** A key that compares as SQLite compares the stored column values. */
function keyOf(doc: NormalizedDocument, fields: readonly string[]): string | undefined {
  const values: unknown[] = [];
  for (const field of fields) {
    const value: NormalizedValue | undefined = doc[field];
    if (value === null || value === undefined) return undefined;
    values.push(value instanceof Date ? ['t', value.getTime()] : value instanceof Uint8Array ? ['b', bytesToHex(value)] : value);
  }
  return JSON.stringify(values);
}

/**
 * The first written document (in list order, as SQLite would meet it
 * inserting them in order) whose key under some constraint is taken by an
 * earlier written document or by a stored one not in `replacing`.
 */
export function findUniqueConflict(
  schema: IceTypeSchema,
  docs: readonly NormalizedDocument[],
  replacing: ReadonlySet<string>,
  loadExisting: (fields: readonly string[], candidates: readonly NormalizedDocument[]) => Iterable<NormalizedDocument>,
): UniqueConflict | undefined {
  let first: UniqueConflict | undefined;
  const found = (fields: readonly string[], index: number): void => {
    if (first === undefined || index < first.index) first = { fields, index, id: docs[index]!.$id as string };
  };
  for (const fields of uniqueConstraints(schema)) {
    const keys = new Map<string, number>();
    const candidates: NormalizedDocument[] = [];
    docs.forEach((doc, index) => {
      const key = keyOf(doc, fields);
      if (key === undefined) return;
      if (keys.has(key)) found(fields, index);
      else {
        keys.set(key, index);
        candidates.push(doc);
      }
    });
    if (candidates.length === 0) continue;
    for (const stored of loadExisting(fields, candidates)) {
      const id = stored.$id as string;
      if (replacing.has(id)) continue;
      const key = keyOf(stored, fields);
      const index = key === undefined ? undefined : keys.get(key);
      if (index !== undefined) found(fields, index);
    }
  }
  return first;
}
