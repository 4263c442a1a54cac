/**
 * `PositionIndex` (`_iceberg_positions`): changes are staged as runs (a few
 * rows, not one per document) and land, in staging order, as the table's
 * own rows — a later change of an id wins, `replace` makes the staged rows
 * the whole index — and rows an earlier version staged one per document
 * still land.
 */
import { describe, expect, it } from 'vitest';
import { defineSchema, drizzle, migrate } from '../../src/index.js';
import { PositionIndex, type PositionChange } from '../../src/iceberg/table/position-index.js';
import { inDurableObject } from '../support/do.js';

const schema = defineSchema({ Note: { $storage: 'batched', text: 'string' } } as const);
const KEY = 'ns/Note';

async function index(storage: DurableObjectStorage): Promise<PositionIndex> {
  await migrate(drizzle(storage, { schema }), { migrations: {} });
  return new PositionIndex(storage.sql);
}

/** The index of `key` as `{ id: [file, pos] }`. */
function rowsOf(storage: DurableObjectStorage, key: string): Record<string, [string | null, number | null]> {
  const rows = storage.sql.exec<{ doc_id: string; file: string | null; pos: number | null }>('SELECT doc_id, file, pos FROM _iceberg_positions WHERE table_key = ? ORDER BY doc_id', key).toArray();
  return Object.fromEntries(rows.map((r) => [r.doc_id, [r.file, r.pos]]));
}

const placed = (ids: readonly string[], file: string, from = 0): PositionChange[] => ids.map((id, i) => [id, { file, pos: from + i }]);
const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(5, '0')}`);

describe('PositionIndex', () => {
  it('stages an export’s changes in a few rows and lands each place once', async () => {
    await inDurableObject(async (storage) => {
      const positions = await index(storage);
      const a = ids('a', 12_000);
      positions.stage(KEY, [...placed(a.slice(0, 7_000), 'data/one.parquet'), ...placed(a.slice(7_000), 'data/two.parquet')]);
      // Runs of at most 10,000 ids per file: 7,000 in one, 5,000 in the other.
      expect(storage.sql.exec<{ n: number }>('SELECT count(*) AS n FROM _iceberg_positions WHERE table_key = ?', `staged:${KEY}`).one().n).toBe(2);
      expect(positions.lookup(KEY, a.slice(0, 3)).size).toBe(0); // staged is not live
      positions.apply(KEY, 'merge');
      const rows = rowsOf(storage, KEY);
      expect(Object.keys(rows)).toHaveLength(12_000);
      expect(rows[a[6_999]!]).toEqual(['data/one.parquet', 6_999]);
      expect(rows[a[7_000]!]).toEqual(['data/two.parquet', 0]);
      expect(rows[a[11_999]!]).toEqual(['data/two.parquet', 4_999]);
      expect(rowsOf(storage, `staged:${KEY}`)).toEqual({});
    });
  });

  it('merges: removals go, places replace, a later change of an id wins, other ids stay', async () => {
    await inDurableObject(async (storage) => {
      const positions = await index(storage);
      positions.stage(KEY, placed(['x', 'y', 'z', 'w'], 'data/old.parquet'));
      positions.apply(KEY, 'merge');
      positions.stage(KEY, [['x', null], ['y', null], ...placed(['y', 'v', 'z'], 'data/new.parquet'), ['z', null]]);
      positions.stage(KEY, placed(['x'], 'data/new.parquet', 3)); // a second call (compaction stages as it writes): after the first
      positions.apply(KEY, 'merge');
      expect(rowsOf(storage, KEY)).toEqual({ v: ['data/new.parquet', 1], w: ['data/old.parquet', 3], x: ['data/new.parquet', 3], y: ['data/new.parquet', 0] });
      expect(positions.liveRows(KEY)).toEqual(new Map([['data/new.parquet', [0, 1, 3]], ['data/old.parquet', [3]]]));
    });
  });

  it('replaces: the staged places become the whole index', async () => {
    await inDurableObject(async (storage) => {
      const positions = await index(storage);
      positions.stage(KEY, placed(['x', 'y'], 'data/old.parquet'));
      positions.apply(KEY, 'merge');
      positions.stage(KEY, placed(['y'], 'data/compact.parquet'));
      positions.apply(KEY, 'replace');
      expect(rowsOf(storage, KEY)).toEqual({ y: ['data/compact.parquet', 0] });
    });
  });

  it('lands rows an earlier version staged one per document', async () => {
    await inDurableObject(async (storage) => {
      const positions = await index(storage);
      positions.stage(KEY, placed(['x', 'y'], 'data/old.parquet'));
      positions.apply(KEY, 'merge');
      const legacy = [['x', null, null], ['z', 'data/new.parquet', 0]];
      storage.sql.exec('INSERT INTO _iceberg_positions (table_key, doc_id, file, pos) SELECT ?1, j.value ->> 0, j.value ->> 1, j.value ->> 2 FROM json_each(?2) AS j', `staged:${KEY}`, JSON.stringify(legacy));
      positions.apply(KEY, 'merge');
      expect(rowsOf(storage, KEY)).toEqual({ y: ['data/old.parquet', 1], z: ['data/new.parquet', 0] });
      expect(rowsOf(storage, `staged:${KEY}`)).toEqual({});
    });
  });

  it('forgets what it staged', async () => {
    await inDurableObject(async (storage) => {
      const positions = await index(storage);
      positions.stage(KEY, placed(['x'], 'data/a.parquet'));
      positions.clearStaged(KEY);
      positions.apply(KEY, 'merge');
      expect(rowsOf(storage, KEY)).toEqual({});
    });
  });

  it('keeps every bound list under the 2 MB a Durable Object takes, however long the ids', async () => {
    await inDurableObject(async (storage) => {
      const positions = await index(storage);
      // 2,000 ids of 500 three-byte characters: 3 MB of ids, more than one statement may bind.
      const long = Array.from({ length: 2_000 }, (_, i) => `${'日'.repeat(495)}${String(i).padStart(5, '0')}`);
      positions.stage(KEY, placed(long, 'data/long.parquet'));
      expect(storage.sql.exec<{ n: number }>('SELECT count(*) AS n FROM _iceberg_positions WHERE table_key = ?', `staged:${KEY}`).one().n).toBeGreaterThan(1);
      positions.apply(KEY, 'merge');
      const found = positions.lookup(KEY, long);
      expect(found.size).toBe(2_000);
      expect(found.get(long[1_999]!)).toEqual({ file: 'data/long.parquet', pos: 1_999 });
      positions.stage(KEY, long.map((id): PositionChange => [id, null]));
      positions.apply(KEY, 'merge');
      expect(rowsOf(storage, KEY)).toEqual({});
    });
  });
});
