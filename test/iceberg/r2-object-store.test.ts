/**
 * The R2 object store (issue 6 §2) against the test worker's real R2 binding:
 * reads, writes, listing past a page, deletes, and the create-only put an
 * Iceberg commit relies on — exactly one of two racing creators wins.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ObjectStoreError, r2ObjectStore } from '../../src/iceberg/index.js';

const text = (bytes: Uint8Array | null) => (bytes === null ? null : new TextDecoder().decode(bytes));

describe('r2ObjectStore', () => {
  it('reads, writes, lists and deletes under its prefix', async () => {
    const prefix = `t-${crypto.randomUUID()}/`;
    const store = r2ObjectStore(env.BUCKET, prefix);
    expect(await store.get('a/b.json')).toBeNull();
    await store.put('a/b.json', '{"x":1}');
    await store.put('a/c.bin', new Uint8Array([1, 2, 3]));
    await store.put('z.txt', 'z');
    expect(text(await store.get('a/b.json'))).toBe('{"x":1}');
    expect([...(await store.get('a/c.bin'))!]).toEqual([1, 2, 3]);
    expect(await store.list('a/')).toEqual(['a/b.json', 'a/c.bin']);
    expect((await env.BUCKET.get(`${prefix}z.txt`)) !== null).toBe(true);
    await store.delete(['a/b.json', 'missing']);
    expect(await store.list('')).toEqual(['a/c.bin', 'z.txt']);
  });

  it('creates an object only when none has the key, and one of two racing creators wins', async () => {
    const store = r2ObjectStore(env.BUCKET, `t-${crypto.randomUUID()}/`);
    expect(await store.putIfAbsent('metadata/v1.metadata.json', 'first')).toBe(true);
    expect(await store.putIfAbsent('metadata/v1.metadata.json', 'second')).toBe(false);
    expect(text(await store.get('metadata/v1.metadata.json'))).toBe('first');
    const results = await Promise.all([store.putIfAbsent('metadata/v2.metadata.json', 'a'), store.putIfAbsent('metadata/v2.metadata.json', 'b')]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(text(await store.get('metadata/v2.metadata.json'))).toBe(results[0] ? 'a' : 'b');
  });

  it('lists past one page of results', async () => {
    const store = r2ObjectStore(env.BUCKET, `t-${crypto.randomUUID()}/`);
    const keys = Array.from({ length: 1_050 }, (_, i) => `data/${String(i).padStart(5, '0')}.parquet`);
    for (let i = 0; i < keys.length; i += 50) await Promise.all(keys.slice(i, i + 50).map((key) => store.put(key, 'x')));
    expect(await store.list('data/')).toEqual(keys);
    await store.delete(keys);
    expect(await store.list('data/')).toEqual([]);
  }, 60_000);

  it('refuses malformed keys with a typed error', async () => {
    const store = r2ObjectStore(env.BUCKET, 'x/');
    for (const key of ['', '/abs', 'a//b', '../up', 'a/./b', 'tab\tkey', 'back\\slash']) {
      const error = await store.put(key, 'x').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ObjectStoreError);
      expect((error as ObjectStoreError).code).toBe('INVALID_KEY');
    }
  });
});
