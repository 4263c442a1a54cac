/**
 * The Durable Object SQLite behaviours the value codec is built on, checked
 * in a real DO: if one changes, a normalisation rule here needs revisiting.
 */
import { describe, expect, it } from 'vitest';
import { inDurableObject } from '../../support/do.js';

describe('DO SQLite facts', () => {
  it('returns integers as doubles, blobs as ArrayBuffer, and loses unpaired surrogates and -0', async () => {
    await inDurableObject((storage) => {
      storage.sql.exec('CREATE TABLE t (i integer, r real, b blob, s text)');
      storage.sql.exec('INSERT INTO t VALUES (?, ?, ?, ?)', 2 ** 53 - 1, -0, new Uint8Array([1, 2]).buffer, 'a\uD800b');
      const row = storage.sql.exec<{ i: number; r: number; b: ArrayBuffer; s: string }>('SELECT * FROM t').one();
      expect(row.i).toBe(2 ** 53 - 1);
      expect(row.b).toBeInstanceOf(ArrayBuffer);
      // Why validation normalises -0 to 0 and rejects unpaired surrogates (INVALID_STRING):
      expect(Object.is(row.r, -0)).toBe(false);
      expect(row.s).not.toBe('a\uD800b');
    });
  });

  it('cannot bind a bigint, so longs beyond 2^53 have no exact representation', async () => {
    await inDurableObject((storage) => {
      storage.sql.exec('CREATE TABLE t (i integer)');
      expect(() => storage.sql.exec('INSERT INTO t VALUES (?)', 2n ** 60n as unknown as number)).toThrow();
    });
  });
});
